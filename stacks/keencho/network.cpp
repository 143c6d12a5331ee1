// Network (part 3): VPC, subnets in two AZs, internet gateway, one NAT
// gateway per AZ, public and per-AZ private route tables.
#include <stackgen/aws/eip.hpp>
#include <stackgen/aws/internet_gateway.hpp>
#include <stackgen/aws/main_route_table_association.hpp>
#include <stackgen/aws/nat_gateway.hpp>
#include <stackgen/aws/route.hpp>
#include <stackgen/aws/route_table.hpp>
#include <stackgen/aws/route_table_association.hpp>

#include "keencho.hpp"

namespace keencho {

using stackgen::count_index;
using stackgen::length;

Network build_network(stackgen::Stack& s, const Inputs& in) {
  auto az = in.availability_zones[count_index()];

  auto vpc = s.add<aws::Vpc>("vpc")
                 .cidr_block(in.vpc_cidr)
                 .enable_dns_support(true)
                 .enable_dns_hostnames(true)
                 .tags({{"Name", in.app_name + "-vpc"}});

  auto igw = s.add<aws::InternetGateway>("igw").vpc_id(vpc.id()).tags({{"Name", in.app_name + "-igw"}});

  auto public_subnets = s.add<aws::Subnet>("public")
                            .count(length(in.public_subnet_cidrs))
                            .vpc_id(vpc.id())
                            .cidr_block(in.public_subnet_cidrs[count_index()])
                            .map_public_ip_on_launch(true)
                            .availability_zone(in.aws_region + az)
                            .tags({{"Name", in.app_name + "-subnet-public-" + az}});
  auto private_subnets = s.add<aws::Subnet>("private")
                             .count(length(in.private_subnet_cidrs))
                             .vpc_id(vpc.id())
                             .cidr_block(in.private_subnet_cidrs[count_index()])
                             .availability_zone(in.aws_region + az)
                             .tags({{"Name", in.app_name + "-subnet-private-" + az}});
  auto db_subnets = s.add<aws::Subnet>("private-db")
                        .count(length(in.db_subnet_cidrs))
                        .vpc_id(vpc.id())
                        .cidr_block(in.db_subnet_cidrs[count_index()])
                        .availability_zone(in.aws_region + az)
                        .tags({{"Name", in.app_name + "-subnet-db-private-" + az}});

  // One NAT gateway per AZ, each with its own Elastic IP.
  auto nat_eips = s.add<aws::Eip>("nat")
                      .count(length(in.public_subnet_cidrs))
                      .domain("vpc")
                      .tags({{"Name", in.app_name + "-nat-eip-" + az}});
  auto nats = s.add<aws::NatGateway>("nat")
                  .count(length(in.public_subnet_cidrs))
                  .allocation_id(nat_eips[count_index()].id())
                  .subnet_id(public_subnets[count_index()].id())
                  .depends_on({igw})
                  .tags({{"Name", in.app_name + "-nat-" + az}});

  auto rt_public = s.add<aws::RouteTable>("rt-public").vpc_id(vpc.id()).tags({{"Name", in.app_name + "-rt-public"}});
  s.add<aws::MainRouteTableAssociation>("main").vpc_id(vpc.id()).route_table_id(rt_public.id());
  s.add<aws::Route>("route-public")
      .route_table_id(rt_public.id())
      .destination_cidr_block("0.0.0.0/0")
      .gateway_id(igw.id());

  auto rt_private = s.add<aws::RouteTable>("rt-private")
                        .count(length(in.private_subnet_cidrs))
                        .vpc_id(vpc.id())
                        .tags({{"Name", in.app_name + "-rt-private-" + az}});
  s.add<aws::Route>("route-private")
      .count(length(in.private_subnet_cidrs))
      .route_table_id(rt_private[count_index()].id())
      .destination_cidr_block("0.0.0.0/0")
      .nat_gateway_id(nats[count_index()].id());

  s.add<aws::RouteTableAssociation>("rt-public-association")
      .count(length(in.public_subnet_cidrs))
      .subnet_id(public_subnets[count_index()].id())
      .route_table_id(rt_public.id());
  s.add<aws::RouteTableAssociation>("rt-private-association")
      .count(length(in.private_subnet_cidrs))
      .subnet_id(private_subnets[count_index()].id())
      .route_table_id(rt_private[count_index()].id());
  s.add<aws::RouteTableAssociation>("rt-private-db-association")
      .count(length(in.db_subnet_cidrs))
      .subnet_id(db_subnets[count_index()].id())
      .route_table_id(rt_private[count_index()].id());

  return Network{vpc, public_subnets, private_subnets, db_subnets};
}

}  // namespace keencho
