// Networks: CIDRs, subnets against their VPC and each other, availability
// zones against the provider's region, world-open ingress.
#include <stackgen/aws/instance.hpp>
#include <stackgen/aws/provider.hpp>
#include <stackgen/aws/route.hpp>
#include <stackgen/aws/security_group.hpp>
#include <stackgen/aws/subnet.hpp>
#include <stackgen/aws/vpc.hpp>
#include <stackgen/aws/vpc_security_group_ingress_rule.hpp>

#include "lint_support.hpp"

namespace aws = stackgen::aws;
using lint_test::expect_finding;
using lint_test::expect_no_finding;
using lint_test::findings;
using stackgen::count_index;
using stackgen::List;
using stackgen::Severity;
using stackgen::Stack;

namespace {

aws::SecurityGroup::Ingress tcp(int from, int to, const char* cidr) {
  return aws::SecurityGroup::Ingress{}.protocol("tcp").from_port(from).to_port(to).cidr_blocks(
      {cidr});
}

}  // namespace

TEST_CASE("aws.invalid-cidr", "[lint][network]") {
  SECTION("malformed, host bits, sizes AWS refuses") {
    for (const char* bad : {"10.0.0.0", "10.0.0.256/16", "10.0.1.0/16", "10.0.0.0/8", "10.0.0.0/29",
                            "010.0.0.0/16"}) {
      INFO(bad);
      Stack s("t");
      const unsigned line = __LINE__ + 1;
      s.add<aws::Vpc>("vpc").cidr_block(bad);
      expect_finding(s, "aws.invalid-cidr", Severity::error, line);
    }
  }
  SECTION("security group and route CIDRs, IPv6") {
    Stack s("t");
    const unsigned line = __LINE__ + 1;
    s.add<aws::SecurityGroup>("sg").ingress({tcp(443, 443, "0.0.0.0/33")});
    expect_finding(s, "aws.invalid-cidr", Severity::error, line);

    Stack r("t");
    const unsigned route_line = __LINE__ + 1;
    r.add<aws::Route>("r").route_table_id("rtb-1").destination_ipv6_cidr_block("2001:db8::1/32");
    expect_finding(r, "aws.invalid-cidr", Severity::error, route_line);
  }
  SECTION("valid") {
    Stack s("t");
    auto cidr = s.variable<std::string>("cidr").default_value("not a cidr");
    s.add<aws::Vpc>("vpc").cidr_block("10.0.0.0/16");
    s.add<aws::Vpc>("other").cidr_block(cidr);  // unknown at emit: skipped
    s.add<aws::SecurityGroup>("sg").ingress(
        {tcp(443, 443, "0.0.0.0/0"),
         aws::SecurityGroup::Ingress{}.protocol("tcp").from_port(443).to_port(443).ipv6_cidr_blocks(
             {"::/0"})});
    s.add<aws::Route>("r").route_table_id("rtb-1").destination_cidr_block("0.0.0.0/0");
    expect_no_finding(s, "aws.invalid-cidr");
  }
}

TEST_CASE("aws.subnet-outside-vpc", "[lint][network]") {
  Stack s("t");
  auto vpc = s.add<aws::Vpc>("vpc").cidr_block("10.0.0.0/16");
  const unsigned line = __LINE__ + 1;
  s.add<aws::Subnet>("a").vpc_id(vpc.id()).cidr_block("10.1.0.0/24");
  auto d = expect_finding(s, "aws.subnet-outside-vpc", Severity::error, line);
  CHECK(d.message.find("aws_vpc.vpc") != std::string::npos);

  Stack ok("t");
  auto cidrs =
      ok.variable<List<std::string>>("cidrs").default_value({"10.9.0.0/24", "10.9.1.0/24"});
  auto v = ok.add<aws::Vpc>("vpc").cidr_block("10.0.0.0/16");
  ok.add<aws::Subnet>("a").vpc_id(v.id()).cidr_block("10.0.255.0/24");
  // count with var.cidrs[count.index]: unknown at emit, skipped.
  ok.add<aws::Subnet>("counted").count(2).vpc_id(v.id()).cidr_block(cidrs[count_index()]);
  expect_no_finding(ok, "aws.subnet-outside-vpc");
}

TEST_CASE("aws.subnet-overlap", "[lint][network]") {
  Stack s("t");
  auto vpc = s.add<aws::Vpc>("vpc").cidr_block("10.0.0.0/16");
  s.add<aws::Subnet>("a").vpc_id(vpc.id()).cidr_block("10.0.0.0/23");
  const unsigned line = __LINE__ + 1;
  s.add<aws::Subnet>("b").vpc_id(vpc.id()).cidr_block("10.0.1.0/24");
  auto d = expect_finding(s, "aws.subnet-overlap", Severity::error, line);
  CHECK(d.message.find("aws_subnet.a") != std::string::npos);

  Stack ok("t");
  auto v1 = ok.add<aws::Vpc>("one").cidr_block("10.0.0.0/16");
  auto v2 = ok.add<aws::Vpc>("two").cidr_block("10.0.0.0/16");
  ok.add<aws::Subnet>("a").vpc_id(v1.id()).cidr_block("10.0.0.0/24");
  ok.add<aws::Subnet>("b").vpc_id(v1.id()).cidr_block("10.0.1.0/24");
  ok.add<aws::Subnet>("c").vpc_id(v2.id()).cidr_block(
      "10.0.0.0/24");  // another VPC may reuse ranges
  expect_no_finding(ok, "aws.subnet-overlap");
}

TEST_CASE("aws.availability-zone-region", "[lint][network]") {
  Stack s("t");
  s.provider<aws::Provider>().region("ap-northeast-2");
  auto west = s.provider<aws::Provider>("west").region("us-west-2");
  s.add<aws::Subnet>("a").vpc_id("vpc-1").availability_zone("ap-northeast-2a");
  const unsigned line = __LINE__ + 1;
  s.add<aws::Instance>("i").provider(west).availability_zone("ap-northeast-2a");
  auto d = expect_finding(s, "aws.availability-zone-region", Severity::error, line);
  CHECK(d.message.find("us-west-2") != std::string::npos);

  Stack ok("t");
  auto region = ok.variable<std::string>("region").default_value("eu-west-1");
  ok.provider<aws::Provider>().region(region);  // not literal: skipped
  auto east = ok.provider<aws::Provider>("east").region("us-east-1");
  ok.add<aws::Subnet>("a").vpc_id("vpc-1").availability_zone("ap-northeast-2a");
  ok.add<aws::Subnet>("b").provider(east).vpc_id("vpc-1").availability_zone("us-east-1b");
  ok.add<aws::Subnet>("local").provider(east).vpc_id("vpc-1").availability_zone("us-east-1-bos-1a");
  ok.add<aws::Subnet>("c").provider(east).vpc_id("vpc-1").availability_zone(
      "use1-az1");  // a zone id
  expect_no_finding(ok, "aws.availability-zone-region");
}

TEST_CASE("sec.open-ingress", "[lint][network]") {
  SECTION("inline rules: one finding per rule, naming the ports") {
    Stack s("t");
    const unsigned line = __LINE__ + 1;
    s.add<aws::SecurityGroup>("db").ingress(
        {tcp(5432, 5432, "0.0.0.0/0"), tcp(443, 443, "0.0.0.0/0")});
    auto d = expect_finding(s, "sec.open-ingress", Severity::warning, line);
    CHECK(d.message == "ingress tcp 5432 from 0.0.0.0/0 opens PostgreSQL (5432) to the internet");
  }
  SECTION("wide ranges and all traffic") {
    Stack s("t");
    s.add<aws::SecurityGroup>("wide").ingress({tcp(0, 65535, "0.0.0.0/0")});
    s.add<aws::SecurityGroup>("all").ingress(
        {aws::SecurityGroup::Ingress{}.protocol("-1").from_port(0).to_port(0).ipv6_cidr_blocks(
            {"::/0"})});
    auto found = findings(s, "sec.open-ingress");
    REQUIRE(found.size() == 2);
    CHECK(found[0].message.find("SSH (22), Telnet (23)") != std::string::npos);
    CHECK(found[1].message.find("all traffic from ::/0") != std::string::npos);
  }
  SECTION("standalone rule resources") {
    Stack s("t");
    const unsigned line = __LINE__ + 1;
    s.add<aws::VpcSecurityGroupIngressRule>("ssh")
        .security_group_id("sg-1")
        .ip_protocol("tcp")
        .from_port(22)
        .to_port(22)
        .cidr_ipv4("0.0.0.0/0");
    expect_finding(s, "sec.open-ingress", Severity::warning, line);
  }
  SECTION("web ports, private sources and security groups are fine") {
    Stack s("t");
    auto alb = s.add<aws::SecurityGroup>("alb").ingress(
        {tcp(80, 80, "0.0.0.0/0"), tcp(443, 443, "0.0.0.0/0")});
    s.add<aws::SecurityGroup>("db").ingress(
        {tcp(5432, 5432, "10.0.0.0/16"),
         aws::SecurityGroup::Ingress{}.protocol("tcp").from_port(0).to_port(65535).security_groups(
             {alb.id()})});
    s.add<aws::VpcSecurityGroupIngressRule>("ssh")
        .security_group_id("sg-1")
        .ip_protocol("tcp")
        .from_port(22)
        .to_port(22)
        .cidr_ipv4("203.0.113.0/24");
    expect_no_finding(s, "sec.open-ingress");
  }
}
