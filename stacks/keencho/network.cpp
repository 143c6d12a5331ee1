// Network (part 3): VPC, subnets in two AZs, internet gateway, one NAT
// gateway per AZ, public and per-AZ private route tables.
#include <stackgen/patterns/network.hpp>

#include "keencho.hpp"

namespace keencho {

using stackgen::count_index;

Network build_network(stackgen::Stack& s, const Inputs& in) {
  auto az = in.availability_zones[count_index()];
  // The reference's network is the pattern's default shape: a NAT gateway
  // per zone, database subnets routed like the private ones, and the
  // public table as the VPC's main table.
  auto net = stackgen::patterns::network(s, {.cidr_block = in.vpc_cidr,
                                             .public_subnet_cidrs = in.public_subnet_cidrs,
                                             .private_subnet_cidrs = in.private_subnet_cidrs,
                                             .database_subnet_cidrs = in.db_subnet_cidrs,
                                             .zone = in.aws_region + az,
                                             .zone_label = az,
                                             .name_prefix = in.app_name,
                                             .nat_gateways = stackgen::patterns::NatGateways::one_per_zone,
                                             .public_table_is_main = true});
  return Network{net.vpc, net.public_subnets, net.private_subnets, net.database_subnets};
}

}  // namespace keencho
