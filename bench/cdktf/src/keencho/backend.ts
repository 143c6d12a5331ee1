// Production back end (part 6): RDS PostgreSQL, EFS for logs, ECR, the ECS
// Fargate service behind the ALB with CodeDeploy blue/green, and step
// autoscaling on CPU. tools/bench-cdktf.sh edits this file in its edit loop.
import { Fn, TerraformStack } from "cdktf";
import { AppautoscalingPolicy } from "@cdktf/provider-aws/lib/appautoscaling-policy";
import { AppautoscalingTarget } from "@cdktf/provider-aws/lib/appautoscaling-target";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { CodedeployApp } from "@cdktf/provider-aws/lib/codedeploy-app";
import { CodedeployDeploymentGroup } from "@cdktf/provider-aws/lib/codedeploy-deployment-group";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { DbInstance } from "@cdktf/provider-aws/lib/db-instance";
import { DbSubnetGroup } from "@cdktf/provider-aws/lib/db-subnet-group";
import { EcrRepository } from "@cdktf/provider-aws/lib/ecr-repository";
import { EcsCluster } from "@cdktf/provider-aws/lib/ecs-cluster";
import { EcsService } from "@cdktf/provider-aws/lib/ecs-service";
import { EcsTaskDefinition } from "@cdktf/provider-aws/lib/ecs-task-definition";
import { EfsFileSystem } from "@cdktf/provider-aws/lib/efs-file-system";
import { EfsMountTarget } from "@cdktf/provider-aws/lib/efs-mount-target";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { LbListenerRule } from "@cdktf/provider-aws/lib/lb-listener-rule";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";

import { allEgress, assumeRolePolicy, at, countOf, hostHeader, splat, tcpFromAnywhere } from "./shared";
import { Inputs, LoadBalancer, Network } from "./types";

function openPortGroup(s: TerraformStack, name: string, net: Network, port: number): SecurityGroup {
  return new SecurityGroup(s, name, { vpcId: net.vpc.id, ingress: [tcpFromAnywhere(port, port)], egress: [allEgress()] });
}

function attachManagedPolicy(s: TerraformStack, name: string, role: IamRole, policy: string): void {
  const id = s.node.tryFindChild(name) ? `${name}-attachment` : name;
  const attachment = new IamRolePolicyAttachment(s, id, { role: role.name, policyArn: `arn:aws:iam::aws:policy/${policy}` });
  // Construct ids are unique per scope whatever the type, Terraform addresses
  // per type: this keeps stackgen's address when the role has the same name.
  if (id !== name) attachment.overrideLogicalId(name);
}

function serviceTargetGroup(s: TerraformStack, name: string, inputs: Inputs, net: Network): LbTargetGroup {
  return new LbTargetGroup(s, name, {
    port: 80,
    protocol: "HTTP",
    targetType: "ip",
    vpcId: net.vpc.id,
    healthCheck: { path: inputs.albHealthCheckPath.stringValue, port: "traffic-port" },
  });
}

function curlHealthCheck(url: string) {
  return { command: ["CMD-SHELL", `curl -f ${url} || exit 1`], interval: 30, retries: 3, timeout: 5 };
}

/** A Spring Boot container (admin or user) with its logs on EFS. */
function springContainer(name: string, port: number, ecr: EcrRepository, db: DbInstance, inputs: Inputs) {
  const env: Record<string, string> = {
    db_password: inputs.dbPassword.stringValue,
    db_url: `jdbc:postgresql://${db.endpoint}/${db.dbName}`,
    db_username: inputs.dbUsername.stringValue,
    "logging.file.name": `/app-efs/logs/prod/${name}/${name}.log`,
    "server.port": String(port),
    "spring.profiles.active": "prod",
  };
  return {
    environment: Object.entries(env).map(([n, value]) => ({ name: n, value })),
    essential: true,
    healthCheck: curlHealthCheck(`http://localhost:${port}/api/health-check`),
    image: `${ecr.repositoryUrl}:${name}-latest`,
    mountPoints: [{ containerPath: "/app-efs", sourceVolume: "app-efs" }],
    name,
    portMappings: [{ containerPort: port, hostPort: port }],
  };
}

export function buildBackend(s: TerraformStack, inputs: Inputs, net: Network, lb: LoadBalancer): void {
  const app = inputs.appName.stringValue;
  const domain = inputs.domain.stringValue;

  // --- Database
  const rdsSg = openPortGroup(s, "app-rds-sg", net, 5432);
  const subnetGroup = new DbSubnetGroup(s, "app-rds-subnet-group", {
    subnetIds: splat(net.publicSubnets, "id"), // (sic) public subnets
  });
  const db = new DbInstance(s, "app-rds", {
    identifier: "app-rds",
    dbName: "app",
    engine: "postgres",
    engineVersion: "15.8",
    storageType: "gp2",
    allocatedStorage: 20,
    instanceClass: "db.t3.micro",
    username: inputs.dbUsername.stringValue,
    password: inputs.dbPassword.stringValue,
    parameterGroupName: "default.postgres15",
    skipFinalSnapshot: true,
    publiclyAccessible: true,
    vpcSecurityGroupIds: [rdsSg.id],
    dbSubnetGroupName: subnetGroup.name,
  });

  // --- Shared file system for application logs
  const efsSg = openPortGroup(s, "app-efs-sg", net, 2049);
  const efs = new EfsFileSystem(s, "app-efs", {
    encrypted: true,
    performanceMode: "generalPurpose",
    throughputMode: "bursting",
    lifecyclePolicy: [{ transitionToIa: "AFTER_90_DAYS" }],
  });
  const mountTargets = countOf(inputs.privateSubnetCidrs);
  new EfsMountTarget(s, "app-efs-target", {
    count: mountTargets,
    fileSystemId: efs.id,
    subnetId: at(net.privateSubnets, mountTargets, "id"),
    securityGroups: [efsSg.id],
  });

  // --- Images
  const ecr = new EcrRepository(s, "app-ecr", {
    name: `${app}-ecr`,
    imageTagMutability: "MUTABLE",
    imageScanningConfiguration: { scanOnPush: false },
  });

  // --- Task definition
  const executionRole = new IamRole(s, "app-ecs-task-execution-role", {
    name: "ecsTaskExecutionRole",
    assumeRolePolicy: assumeRolePolicy("ecs-tasks.amazonaws.com"),
  });
  attachManagedPolicy(s, "app-ecs-task-execution-role-policy-attachment", executionRole,
    "service-role/AmazonECSTaskExecutionRolePolicy");

  const nginx = {
    essential: true,
    healthCheck: curlHealthCheck("http://localhost:80/health-check"),
    image: `${ecr.repositoryUrl}:nginx-latest`,
    name: "nginx",
    portMappings: [{ containerPort: 80, hostPort: 80 }],
  };
  const task = new EcsTaskDefinition(s, "app-definition", {
    family: "app-definition",
    requiresCompatibilities: ["FARGATE"],
    cpu: "1024",
    memory: "2048",
    networkMode: "awsvpc",
    taskRoleArn: executionRole.arn,
    executionRoleArn: executionRole.arn,
    runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: "ARM64" },
    volume: [{ name: "app-efs", efsVolumeConfiguration: { fileSystemId: efs.id, rootDirectory: "/" } }],
    containerDefinitions: Fn.jsonencode([
      springContainer("admin", 10000, ecr, db, inputs),
      nginx,
      springContainer("user", 10010, ecr, db, inputs),
    ]),
    lifecycle: { ignoreChanges: ["container_definitions"] },
  });

  // --- Service, blue/green
  const cluster = new EcsCluster(s, "app-cluster", { name: "app-cluster" });
  const tg1 = serviceTargetGroup(s, "app-ecs-service-tg1", inputs, net);
  const tg2 = serviceTargetGroup(s, "app-ecs-service-tg2", inputs, net);
  new LbListenerRule(s, "app-alb-ecs-service-rule", {
    listenerArn: lb.httpsListener.arn,
    priority: 2,
    action: [{ type: "forward", targetGroupArn: tg1.arn }],
    condition: [hostHeader([`app-admin.${domain}`, `app-user.${domain}`])],
  });

  const serviceSg = new SecurityGroup(s, "app-ecs-service-sg", {
    vpcId: net.vpc.id,
    ingress: [{ protocol: "tcp", fromPort: 0, toPort: 65535, securityGroups: [lb.securityGroup.id] }],
    egress: [allEgress()],
  });

  const service = new EcsService(s, "app-ecs-service", {
    name: `${app}-ecs-service`,
    cluster: cluster.id,
    taskDefinition: task.arn,
    desiredCount: 1,
    launchType: "FARGATE",
    propagateTags: "SERVICE",
    healthCheckGracePeriodSeconds: 60,
    networkConfiguration: {
      subnets: splat(net.privateSubnets, "id"),
      assignPublicIp: false,
      securityGroups: [serviceSg.id],
    },
    deploymentController: { type: "CODE_DEPLOY" },
    loadBalancer: [{ targetGroupArn: tg1.arn, containerName: inputs.nginxContainerName.stringValue, containerPort: 80 }],
    lifecycle: { ignoreChanges: ["desired_count"] },
  });

  // --- Autoscaling: one step policy on CPU
  const autoscaleRole = new IamRole(s, "app-ecs-autoscale", {
    name: "app-ecs-autoscale-iam-role",
    assumeRolePolicy: assumeRolePolicy("application-autoscaling.amazonaws.com"),
  });
  attachManagedPolicy(s, "app-ecs-autoscale", autoscaleRole, "service-role/AmazonEC2ContainerServiceAutoscaleRole");

  const target = new AppautoscalingTarget(s, "app-ecs-target", {
    minCapacity: 1,
    maxCapacity: 4,
    resourceId: `service/${cluster.name}/${service.name}`,
    scalableDimension: "ecs:service:DesiredCount",
    serviceNamespace: "ecs",
    roleArn: executionRole.arn, // (sic) known weakness 3
  });
  const scaleOut = new AppautoscalingPolicy(s, "app-ecs-policy-scale-out", {
    name: `${app}-ecs-policy-scale-out`,
    policyType: "StepScaling",
    resourceId: target.resourceId,
    scalableDimension: target.scalableDimension,
    serviceNamespace: target.serviceNamespace,
    stepScalingPolicyConfiguration: {
      adjustmentType: "PercentChangeInCapacity",
      cooldown: 1,
      metricAggregationType: "Average",
      stepAdjustment: [{ metricIntervalLowerBound: "0", scalingAdjustment: 100 }],
    },
  });
  new CloudwatchMetricAlarm(s, "app-ecs-cpu-high", {
    alarmName: `${app}-ecs-cpu-high`,
    comparisonOperator: "GreaterThanOrEqualToThreshold",
    evaluationPeriods: 3,
    metricName: "CPUUtilization",
    namespace: "AWS/ECS",
    period: 60,
    statistic: "Average",
    threshold: 70,
    dimensions: { ClusterName: cluster.name, ServiceName: service.name },
    alarmActions: [scaleOut.arn],
  });

  // --- CodeDeploy blue/green
  const deployApp = new CodedeployApp(s, "app-deploy-app", { computePlatform: "ECS", name: "app-deploy" });
  const trust = new DataAwsIamPolicyDocument(s, "app-deploy-assume-role", {
    statement: [
      { effect: "Allow", actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["codedeploy.amazonaws.com"] }] },
    ],
  });
  const deployRole = new IamRole(s, "app-deploy-role", { name: "app-deploy-role", assumeRolePolicy: trust.json });
  attachManagedPolicy(s, "app-AWSCodeDeployRole", deployRole, "service-role/AWSCodeDeployRole");
  attachManagedPolicy(s, "app-AWSCodeDeployRoleForECS", deployRole, "AWSCodeDeployRoleForECS");

  new CodedeployDeploymentGroup(s, "app-deploy-group", {
    appName: deployApp.name,
    deploymentGroupName: "app-deploy-group",
    serviceRoleArn: deployRole.arn,
    deploymentConfigName: "CodeDeployDefault.ECSAllAtOnce",
    autoRollbackConfiguration: { enabled: false },
    blueGreenDeploymentConfig: {
      deploymentReadyOption: { actionOnTimeout: "CONTINUE_DEPLOYMENT" },
      terminateBlueInstancesOnDeploymentSuccess: { action: "TERMINATE", terminationWaitTimeInMinutes: 1 },
    },
    deploymentStyle: { deploymentOption: "WITH_TRAFFIC_CONTROL", deploymentType: "BLUE_GREEN" },
    ecsService: { clusterName: cluster.name, serviceName: service.name },
    loadBalancerInfo: {
      targetGroupPairInfo: {
        prodTrafficRoute: { listenerArns: [lb.httpsListener.arn] },
        targetGroup: [{ name: tg1.name }, { name: tg2.name }],
      },
    },
  });
}
