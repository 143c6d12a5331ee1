// The scaling variant: stackgen's synthetic benchmark stack
// (bench/synthetic_stack.cpp) in CDKTF. 12 shared resources (one VPC, two
// subnet blocks, two security groups, ALB, zone, certificate, fallback target
// group, HTTPS listener, ECS cluster, CodeDeploy app) and N service units of
// 15 resources each, wired by references: 12 + 15 N resource blocks.
import { Fn, TerraformStack, TerraformVariable, Token, propertyAccess } from "cdktf";
import { Construct } from "constructs";
import { AcmCertificate } from "@cdktf/provider-aws/lib/acm-certificate";
import { AppautoscalingPolicy } from "@cdktf/provider-aws/lib/appautoscaling-policy";
import { AppautoscalingTarget } from "@cdktf/provider-aws/lib/appautoscaling-target";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { CodedeployApp } from "@cdktf/provider-aws/lib/codedeploy-app";
import { CodedeployDeploymentGroup } from "@cdktf/provider-aws/lib/codedeploy-deployment-group";
import { EcsCluster } from "@cdktf/provider-aws/lib/ecs-cluster";
import { EcsService } from "@cdktf/provider-aws/lib/ecs-service";
import { EcsTaskDefinition } from "@cdktf/provider-aws/lib/ecs-task-definition";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { Lb } from "@cdktf/provider-aws/lib/lb";
import { LbListener } from "@cdktf/provider-aws/lib/lb-listener";
import { LbListenerRule } from "@cdktf/provider-aws/lib/lb-listener-rule";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";
import { SecurityGroup, SecurityGroupEgress } from "@cdktf/provider-aws/lib/security-group";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";

/** Resources declared once per stack, whatever N. */
export const SHARED_RESOURCES = 12;
/** Resources declared by each service unit. */
export const RESOURCES_PER_UNIT = 15;

interface Shared {
  domain: string;
  healthCheckPath: string;
  imageRegistry: string;
  vpc: Vpc;
  privateSubnetIds: string[];
  serviceSg: SecurityGroup;
  alb: Lb;
  https: LbListener;
  cluster: EcsCluster;
  deployApp: CodedeployApp;
  zone: Route53Zone;
}

function allEgress(): SecurityGroupEgress {
  return { protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] };
}

function buildShared(s: TerraformStack): Shared {
  const domain = new TerraformVariable(s, "domain", { type: "string", default: "example.com" }).stringValue;
  const healthCheckPath = new TerraformVariable(s, "health_check_path", { type: "string", default: "/health" }).stringValue;
  const imageRegistry = new TerraformVariable(s, "image_registry", {
    type: "string",
    default: "123456789012.dkr.ecr.eu-west-1.amazonaws.com",
  }).stringValue;
  new AwsProvider(s, "aws", { region: "eu-west-1" });

  const vpc = new Vpc(s, "vpc", { cidrBlock: "10.0.0.0/16", enableDnsHostnames: true });
  const publicSubnets = new Subnet(s, "public", {
    count: 2,
    vpcId: vpc.id,
    cidrBlock: "10.0.0.0/20",
    mapPublicIpOnLaunch: true,
  });
  const privateSubnets = new Subnet(s, "private", { count: 2, vpcId: vpc.id, cidrBlock: "10.0.64.0/20" });

  const albSg = new SecurityGroup(s, "alb-sg", {
    vpcId: vpc.id,
    ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }],
    egress: [allEgress()],
  });
  albSg.overrideLogicalId("alb"); // construct ids are unique per scope, addresses per type
  const serviceSg = new SecurityGroup(s, "service", {
    vpcId: vpc.id,
    ingress: [{ protocol: "tcp", fromPort: 0, toPort: 65535, securityGroups: [albSg.id] }],
    egress: [allEgress()],
  });
  const alb = new Lb(s, "alb", {
    name: "shared-alb",
    loadBalancerType: "application",
    securityGroups: [albSg.id],
    subnets: Token.asList(propertyAccess(publicSubnets, ["*", "id"])),
  });
  const zone = new Route53Zone(s, "zone", { name: domain });
  const certificate = new AcmCertificate(s, "wildcard", { domainName: `*.${domain}`, validationMethod: "DNS" });
  const fallback = new LbTargetGroup(s, "fallback", { port: 80, protocol: "HTTP", targetType: "ip", vpcId: vpc.id });
  const https = new LbListener(s, "https", {
    loadBalancerArn: alb.arn,
    port: 443,
    protocol: "HTTPS",
    certificateArn: certificate.arn,
    defaultAction: [{ type: "forward", targetGroupArn: fallback.arn }],
  });
  const cluster = new EcsCluster(s, "cluster", { name: "shared-cluster" });
  const deployApp = new CodedeployApp(s, "deploy", { computePlatform: "ECS", name: "shared-deploy" });
  return {
    domain,
    healthCheckPath,
    imageRegistry,
    vpc,
    privateSubnetIds: Token.asList(propertyAccess(privateSubnets, ["*", "id"])),
    serviceSg,
    alb,
    https,
    cluster,
    deployApp,
    zone,
  };
}

function targetGroup(scope: Construct, id: string, name: string, sh: Shared): LbTargetGroup {
  return new LbTargetGroup(scope, id, {
    name,
    port: 80,
    protocol: "HTTP",
    targetType: "ip",
    vpcId: sh.vpc.id,
    deregistrationDelay: "30",
    healthCheck: { path: sh.healthCheckPath, port: "traffic-port", matcher: "200" },
  });
}

function role(scope: Construct, id: string, name: string, service: string): IamRole {
  return new IamRole(scope, id, {
    name,
    assumeRolePolicy: Fn.jsonencode({
      Statement: [{ Action: "sts:AssumeRole", Effect: "Allow", Principal: { Service: service } }],
      Version: "2012-10-17",
    }),
  });
}

function attach(scope: Construct, id: string, r: IamRole, policy: string): void {
  new IamRolePolicyAttachment(scope, id, { role: r.name, policyArn: `arn:aws:iam::aws:policy/${policy}` });
}

function curlHealthCheck(url: string) {
  return { command: ["CMD-SHELL", `curl -f ${url} || exit 1`], interval: 30, retries: 3, timeout: 5 };
}

function appContainer(unit: string, sh: Shared, logs: CloudwatchLogGroup, port: number) {
  return {
    environment: [
      { name: "PUBLIC_HOST", value: `${unit}.${sh.domain}` },
      { name: "SERVER_PORT", value: String(port) },
      { name: "SERVICE_NAME", value: unit },
    ],
    essential: true,
    healthCheck: curlHealthCheck(`http://localhost:${port}/health`),
    image: `${sh.imageRegistry}/${unit}:latest`,
    logConfiguration: {
      logDriver: "awslogs",
      options: { "awslogs-group": logs.name, "awslogs-region": "eu-west-1", "awslogs-stream-prefix": unit },
    },
    name: "app",
    portMappings: [{ containerPort: port, hostPort: port }],
  };
}

/** One service unit: 15 resources, as the seed stack's back end. A construct
 * of its own, as a CDKTF user would write it: its resources' addresses are
 * `<type>.svc00042_<id>_<hash>`. */
class ServiceUnit extends Construct {
  constructor(scope: Construct, index: number, sh: Shared) {
    const u = `svc${String(index).padStart(5, "0")}`;
    super(scope, u);
    const s = this;
    const port = 8080;

    const blue = targetGroup(s, "blue", `${u}-blue`, sh);
    const green = targetGroup(s, "green", `${u}-green`, sh);
    new LbListenerRule(s, "rule", {
      listenerArn: sh.https.arn,
      priority: index + 1,
      action: [{ type: "forward", targetGroupArn: blue.arn }],
      condition: [{ hostHeader: { values: [`${u}.${sh.domain}`] } }],
    });

    const executionRole = role(s, "execution-role", `${u}-execution`, "ecs-tasks.amazonaws.com");
    attach(s, "execution-policy", executionRole, "service-role/AmazonECSTaskExecutionRolePolicy");
    const logs = new CloudwatchLogGroup(s, "logs", { name: `/ecs/${u}`, retentionInDays: 30 });

    const proxy = {
      essential: true,
      healthCheck: curlHealthCheck("http://localhost/health"),
      image: `${sh.imageRegistry}/nginx:stable`,
      name: "proxy",
      portMappings: [{ containerPort: 80, hostPort: 80 }],
    };
    const task = new EcsTaskDefinition(s, "task", {
      family: u,
      requiresCompatibilities: ["FARGATE"],
      cpu: "512",
      memory: "1024",
      networkMode: "awsvpc",
      taskRoleArn: executionRole.arn,
      executionRoleArn: executionRole.arn,
      runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: "ARM64" },
      containerDefinitions: Fn.jsonencode([appContainer(u, sh, logs, port), proxy]),
    });

    const service = new EcsService(s, "service", {
      name: u,
      cluster: sh.cluster.id,
      taskDefinition: task.arn,
      desiredCount: 2,
      launchType: "FARGATE",
      healthCheckGracePeriodSeconds: 60,
      networkConfiguration: { subnets: sh.privateSubnetIds, assignPublicIp: false, securityGroups: [sh.serviceSg.id] },
      deploymentController: { type: "CODE_DEPLOY" },
      loadBalancer: [{ targetGroupArn: blue.arn, containerName: "proxy", containerPort: 80 }],
      lifecycle: { ignoreChanges: ["desired_count", "task_definition"] },
    });

    const scaling = new AppautoscalingTarget(s, "scaling", {
      minCapacity: 2,
      maxCapacity: 10,
      resourceId: `service/${sh.cluster.name}/${service.name}`,
      scalableDimension: "ecs:service:DesiredCount",
      serviceNamespace: "ecs",
    });
    const scaleOut = new AppautoscalingPolicy(s, "scale-out", {
      name: `${u}-scale-out`,
      policyType: "StepScaling",
      resourceId: scaling.resourceId,
      scalableDimension: scaling.scalableDimension,
      serviceNamespace: scaling.serviceNamespace,
      stepScalingPolicyConfiguration: {
        adjustmentType: "PercentChangeInCapacity",
        cooldown: 60,
        metricAggregationType: "Average",
        stepAdjustment: [{ metricIntervalLowerBound: "0", scalingAdjustment: 50 }],
      },
    });
    new CloudwatchMetricAlarm(s, "cpu-high", {
      alarmName: `${u}-cpu-high`,
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      evaluationPeriods: 3,
      metricName: "CPUUtilization",
      namespace: "AWS/ECS",
      period: 60,
      statistic: "Average",
      threshold: 70,
      dimensions: { ClusterName: sh.cluster.name, ServiceName: service.name },
      alarmActions: [scaleOut.arn],
    });

    const deployRole = role(s, "deploy-role", `${u}-deploy`, "codedeploy.amazonaws.com");
    attach(s, "deploy-policy", deployRole, "AWSCodeDeployRoleForECS");
    new CodedeployDeploymentGroup(s, "deployment-group", {
      appName: sh.deployApp.name,
      deploymentGroupName: u,
      serviceRoleArn: deployRole.arn,
      deploymentConfigName: "CodeDeployDefault.ECSAllAtOnce",
      autoRollbackConfiguration: { enabled: true, events: ["DEPLOYMENT_FAILURE"] },
      blueGreenDeploymentConfig: {
        deploymentReadyOption: { actionOnTimeout: "CONTINUE_DEPLOYMENT" },
        terminateBlueInstancesOnDeploymentSuccess: { action: "TERMINATE", terminationWaitTimeInMinutes: 5 },
      },
      deploymentStyle: { deploymentOption: "WITH_TRAFFIC_CONTROL", deploymentType: "BLUE_GREEN" },
      ecsService: { clusterName: sh.cluster.name, serviceName: service.name },
      loadBalancerInfo: {
        targetGroupPairInfo: {
          prodTrafficRoute: { listenerArns: [sh.https.arn] },
          targetGroup: [{ name: blue.name }, { name: green.name }],
        },
      },
    });

    new Route53Record(s, "dns", {
      zoneId: sh.zone.zoneId,
      name: `${u}.${sh.domain}`,
      type: "A",
      alias: { name: sh.alb.dnsName, zoneId: sh.alb.zoneId, evaluateTargetHealth: true },
    });
  }
}

export class SyntheticStack extends TerraformStack {
  constructor(scope: Construct, id: string, units: number) {
    super(scope, id);
    const sh = buildShared(this);
    for (let i = 0; i < units; ++i) new ServiceUnit(this, i, sh);
  }
}
