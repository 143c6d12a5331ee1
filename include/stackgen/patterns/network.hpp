// Network: a VPC with public, private and database subnets per
// availability zone, an internet gateway, NAT gateways (one per zone, one
// for all, or none: a cost choice), and the route tables that tie them
// together. The subnets are counted resources over Terraform lists, so a
// variable decides how many zones there are.
#pragma once

#include <source_location>
#include <string>

#include "stackgen/aws/eip.hpp"
#include "stackgen/aws/internet_gateway.hpp"
#include "stackgen/aws/nat_gateway.hpp"
#include "stackgen/aws/route_table.hpp"
#include "stackgen/aws/subnet.hpp"
#include "stackgen/aws/vpc.hpp"
#include "stackgen/core/stack.hpp"

namespace stackgen::patterns {

enum class NatGateways {
  one_per_zone,  ///< a zone's outage leaves the others reachable; one gateway (and EIP) per zone
  single,        ///< one gateway in the first public subnet for every private subnet: cheaper
  none,          ///< private subnets without a route to the internet
};

struct NetworkSettings {
  Expr<std::string> cidr_block;
  /// One CIDR per zone and subnet tier; the public list decides how many
  /// NAT gateways one_per_zone makes. An empty database list: no database tier.
  Expr<List<std::string>> public_subnet_cidrs;
  Expr<List<std::string>> private_subnet_cidrs;
  Expr<List<std::string>> database_subnet_cidrs;
  /// The zone of subnet i, written with count_index(), e.g.
  /// `var.aws_region + var.zones[count_index()]` or `var.zones[count_index()]`.
  Expr<std::string> zone;
  /// What the tag `Name` of subnet i calls its zone (e.g. the zone's letter).
  Expr<std::string> zone_label;
  /// Tags `Name` start with it: "<prefix>-vpc", "<prefix>-subnet-public-<zone label>", ...
  Expr<std::string> name_prefix;
  NatGateways nat_gateways = NatGateways::one_per_zone;
  /// The public route table is the VPC's main table (subnets without an
  /// association then reach the internet gateway).
  bool public_table_is_main = false;
};

/// What network() declared; counted resources are indexed like the subnets.
struct Network {
  aws::Vpc vpc;
  aws::InternetGateway internet_gateway;
  aws::Subnet public_subnets;
  aws::Subnet private_subnets;
  aws::Subnet database_subnets;  ///< count 0 when database_subnet_cidrs is empty
  aws::Eip nat_addresses;        ///< count per zone, 1, or 0
  aws::NatGateway nat_gateways;
  aws::RouteTable public_route_table;
  aws::RouteTable private_route_tables;  ///< one per private subnet (per zone), or one shared
};

/// Declares, with these addresses: `aws_vpc.vpc`, `aws_internet_gateway.igw`,
/// `aws_subnet.public` / `.private` / `.private-db`, `aws_eip.nat`,
/// `aws_nat_gateway.nat`, `aws_route_table.rt-public` / `.rt-private`,
/// `aws_route.route-public` / `.route-private`,
/// `aws_route_table_association.rt-public-association` / `-private-` / `-private-db-`,
/// and with public_table_is_main `aws_main_route_table_association.main`.
/// Database subnets route like the private subnet of their zone.
Network network(Stack& s, const NetworkSettings& settings,
                std::source_location where = std::source_location::current());

}  // namespace stackgen::patterns
