#include "stackgen/patterns/network.hpp"

#include "stackgen/aws/main_route_table_association.hpp"
#include "stackgen/aws/route.hpp"
#include "stackgen/aws/route_table_association.hpp"
#include "stackgen/core/construct.hpp"
#include "stackgen/core/error.hpp"
#include "stackgen/core/functions.hpp"

namespace stackgen::patterns {

Network network(Stack& s, const NetworkSettings& in, std::source_location where) {
  // Drawn as one cluster by `stackgen graph`.
  Construct scope(s, "network");
  // Private subnet i routes through the NAT gateway of zone i, in public
  // subnet i: with literal lists, say so now rather than at plan time.
  const auto public_count = in.public_subnet_cidrs.value().items().size();
  const auto private_count = in.private_subnet_cidrs.value().items().size();
  if (in.nat_gateways == NatGateways::one_per_zone && in.public_subnet_cidrs.value().is_literal() &&
      in.private_subnet_cidrs.value().is_literal() && private_count > public_count)
    throw Error("patterns::network: " + std::to_string(private_count) + " private subnets but " +
                    std::to_string(public_count) +
                    " public ones: with a NAT gateway per zone every private subnet needs the public subnet of its "
                    "zone (or use NatGateways::single)",
                SourceLocation::from(where));
  const auto i = count_index();
  const auto& prefix = in.name_prefix;
  auto vpc = s.add<aws::Vpc>("vpc", where)
                 .cidr_block(in.cidr_block)
                 .enable_dns_support(true)
                 .enable_dns_hostnames(true)
                 .tags({{"Name", prefix + "-vpc"}});
  auto igw = s.add<aws::InternetGateway>("igw", where).vpc_id(vpc.id()).tags({{"Name", prefix + "-igw"}});

  auto subnets = [&](const char* address, const Expr<List<std::string>>& cidrs) {
    return s.add<aws::Subnet>(address, where)
        .count(length(cidrs))
        .vpc_id(vpc.id())
        .cidr_block(cidrs[i]);
  };
  auto public_subnets = subnets("public", in.public_subnet_cidrs)
                            .map_public_ip_on_launch(true)
                            .availability_zone(in.zone)
                            .tags({{"Name", prefix + "-subnet-public-" + in.zone_label}});
  auto private_subnets = subnets("private", in.private_subnet_cidrs)
                             .availability_zone(in.zone)
                             .tags({{"Name", prefix + "-subnet-private-" + in.zone_label}});
  auto database_subnets = subnets("private-db", in.database_subnet_cidrs)
                              .availability_zone(in.zone)
                              .tags({{"Name", prefix + "-subnet-db-private-" + in.zone_label}});

  // NAT gateways: each with its own Elastic IP, in the public subnet of its zone.
  const bool per_zone = in.nat_gateways == NatGateways::one_per_zone;
  // What the tags of the NAT resources and private tables call their zone:
  // one of them serves every zone unless each zone has its own.
  const Expr<std::string> nat_label = per_zone ? in.zone_label : Expr<std::string>("shared");
  const Expr<Number> private_table_count = per_zone ? length(in.private_subnet_cidrs) : Expr<Number>(1);
  const Expr<Number> nat_count = per_zone                                  ? length(in.public_subnet_cidrs)
                                 : in.nat_gateways == NatGateways::single ? Expr<Number>(1)
                                                                           : Expr<Number>(0);
  auto nat_addresses = s.add<aws::Eip>("nat", where)
                           .count(nat_count)
                           .domain("vpc")
                           .tags({{"Name", prefix + "-nat-eip-" + nat_label}});
  auto nat_gateways = s.add<aws::NatGateway>("nat", where)
                          .count(nat_count)
                          .allocation_id(nat_addresses[i].id())
                          .subnet_id(public_subnets[i].id())
                          .depends_on({igw})  // a NAT gateway needs the VPC's internet gateway first
                          .tags({{"Name", prefix + "-nat-" + nat_label}});

  auto public_table = s.add<aws::RouteTable>("rt-public", where).vpc_id(vpc.id()).tags({{"Name", prefix + "-rt-public"}});
  if (in.public_table_is_main)
    s.add<aws::MainRouteTableAssociation>("main", where).vpc_id(vpc.id()).route_table_id(public_table.id());
  s.add<aws::Route>("route-public", where)
      .route_table_id(public_table.id())
      .destination_cidr_block("0.0.0.0/0")
      .gateway_id(igw.id());

  // One private table per zone when each zone has its gateway; otherwise one for all.
  auto private_tables = s.add<aws::RouteTable>("rt-private", where)
                            .count(private_table_count)
                            .vpc_id(vpc.id())
                            .tags({{"Name", prefix + "-rt-private-" + nat_label}});
  const auto table_of_zone = [&] { return per_zone ? private_tables[i].id() : private_tables[0].id(); };
  if (in.nat_gateways != NatGateways::none)
    s.add<aws::Route>("route-private", where)
        .count(private_table_count)
        .route_table_id(table_of_zone())
        .destination_cidr_block("0.0.0.0/0")
        .nat_gateway_id(per_zone ? nat_gateways[i].id() : nat_gateways[0].id());

  s.add<aws::RouteTableAssociation>("rt-public-association", where)
      .count(length(in.public_subnet_cidrs))
      .subnet_id(public_subnets[i].id())
      .route_table_id(public_table.id());
  s.add<aws::RouteTableAssociation>("rt-private-association", where)
      .count(length(in.private_subnet_cidrs))
      .subnet_id(private_subnets[i].id())
      .route_table_id(table_of_zone());
  s.add<aws::RouteTableAssociation>("rt-private-db-association", where)
      .count(length(in.database_subnet_cidrs))
      .subnet_id(database_subnets[i].id())
      .route_table_id(table_of_zone());

  return Network{vpc,          igw,           public_subnets, private_subnets, database_subnets,
                 nat_addresses, nat_gateways, public_table,   private_tables};
}

}  // namespace stackgen::patterns
