// Networks: CIDR syntax and sizes, subnets inside their VPC and disjoint,
// availability zones in the provider's region; and world-open ingress to
// ports that should never face the internet.
#include <arpa/inet.h>

#include <array>
#include <cstdint>
#include <regex>
#include <unordered_map>

#include "lint.hpp"

namespace stackgen::lint {
namespace {

struct Cidr {
  bool v6 = false;
  std::array<std::uint8_t, 16> bytes{};
  int prefix = 0;

  bool contains(const Cidr& other) const {
    if (v6 != other.v6 || other.prefix < prefix) return false;
    return same_prefix(other, prefix);
  }
  bool overlaps(const Cidr& other) const {
    return v6 == other.v6 && same_prefix(other, std::min(prefix, other.prefix));
  }
  bool host_bits_zero() const {
    int bits = v6 ? 128 : 32;
    for (int i = prefix; i < bits; ++i)
      if (bytes[i / 8] & (0x80 >> (i % 8))) return false;
    return true;
  }

 private:
  bool same_prefix(const Cidr& other, int n) const {
    for (int i = 0; i < n; ++i) {
      int mask = 0x80 >> (i % 8);
      if ((bytes[i / 8] & mask) != (other.bytes[i / 8] & mask)) return false;
    }
    return true;
  }
};

std::optional<int> parse_decimal(std::string_view s, int max) {
  if (s.empty() || s.size() > 3 || (s.size() > 1 && s[0] == '0')) return std::nullopt;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  if (v > max) return std::nullopt;
  return v;
}

/// Parses "a.b.c.d/n" or an IPv6 CIDR. Leading zeros are refused, as
/// Terraform's own parser does.
std::optional<Cidr> parse_cidr(std::string_view text) {
  auto slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  std::string_view address = text.substr(0, slash);
  Cidr c;
  c.v6 = address.find(':') != std::string_view::npos;
  auto prefix = parse_decimal(text.substr(slash + 1), c.v6 ? 128 : 32);
  if (!prefix) return std::nullopt;
  c.prefix = *prefix;
  if (c.v6) {
    std::string a(address);
    if (inet_pton(AF_INET6, a.c_str(), c.bytes.data()) != 1) return std::nullopt;
    return c;
  }
  size_t start = 0;
  for (int i = 0; i < 4; ++i) {
    size_t dot = address.find('.', start);
    if ((i < 3) == (dot == std::string_view::npos)) return std::nullopt;
    auto octet = parse_decimal(
        address.substr(start, dot == std::string_view::npos ? address.npos : dot - start), 255);
    if (!octet) return std::nullopt;
    c.bytes[i] = static_cast<std::uint8_t>(*octet);
    start = dot + 1;
  }
  return c;
}

struct CidrSpec {
  bool v6;
  int min_prefix = 0;  // sizes AWS accepts for VPCs and subnets
  int max_prefix = 0;
};

/// Checks one literal CIDR; returns the problem or "".
std::string cidr_problem(const std::string& text, const CidrSpec& spec) {
  auto c = parse_cidr(text);
  if (!c) return std::string("is not a valid ") + (spec.v6 ? "IPv6" : "IPv4") + " CIDR block";
  if (c->v6 != spec.v6)
    return std::string("is not an ") + (spec.v6 ? "IPv6" : "IPv4") + " CIDR block";
  if (!c->host_bits_zero()) return "has host bits set: not a network address";
  if (spec.max_prefix && (c->prefix < spec.min_prefix || c->prefix > spec.max_prefix))
    return "has prefix /" + std::to_string(c->prefix) + "; AWS accepts /" +
           std::to_string(spec.min_prefix) + " to /" + std::to_string(spec.max_prefix);
  return "";
}

void check_cidrs(const Linter& l, Block b, const std::string& where, const Value& v,
                 const CidrSpec& spec) {
  std::vector<Value> items(v.items().begin(), v.items().end());
  if (v.as_string()) items = {v};
  for (const auto& item : items) {
    auto text = literal_string(item);
    if (!text) continue;
    std::string problem = cidr_problem(*text, spec);
    if (!problem.empty())
      l.report("aws.invalid-cidr", b, where + " " + quoted(*text) + " " + problem,
               "write the network address with its prefix length, e.g. \"10.0.1.0/24\"");
  }
}

void check_cidr_syntax(const Linter& l) {
  const CidrSpec v4{false}, v6{true}, vpc{false, 16, 28}, subnet6{true, 64, 64};
  for (Block b : l.resources("aws_vpc"))
    check_cidrs(l, b, "cidr_block", attribute(b, "cidr_block"), vpc);
  for (Block b : l.resources("aws_subnet")) {
    check_cidrs(l, b, "cidr_block", attribute(b, "cidr_block"), vpc);
    check_cidrs(l, b, "ipv6_cidr_block", attribute(b, "ipv6_cidr_block"), subnet6);
  }
  for (Block b : l.resources("aws_security_group")) {
    for (const char* direction : {"ingress", "egress"}) {
      for (const auto& rule : attribute(b, direction).items()) {
        check_cidrs(l, b, std::string(direction) + " cidr_blocks", rule.field("cidr_blocks"), v4);
        check_cidrs(l, b, std::string(direction) + " ipv6_cidr_blocks",
                    rule.field("ipv6_cidr_blocks"), v6);
      }
    }
  }
  for (const char* type :
       {"aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule"}) {
    for (Block b : l.resources(type)) {
      check_cidrs(l, b, "cidr_ipv4", attribute(b, "cidr_ipv4"), v4);
      check_cidrs(l, b, "cidr_ipv6", attribute(b, "cidr_ipv6"), v6);
    }
  }
  for (Block b : l.resources("aws_security_group_rule")) {
    check_cidrs(l, b, "cidr_blocks", attribute(b, "cidr_blocks"), v4);
    check_cidrs(l, b, "ipv6_cidr_blocks", attribute(b, "ipv6_cidr_blocks"), v6);
  }
  for (Block b : l.resources("aws_route")) {
    check_cidrs(l, b, "destination_cidr_block", attribute(b, "destination_cidr_block"), v4);
    check_cidrs(l, b, "destination_ipv6_cidr_block", attribute(b, "destination_ipv6_cidr_block"),
                v6);
  }
}

std::optional<Cidr> literal_cidr(Block b) {
  auto text = literal_string(attribute(b, "cidr_block"));
  if (!text) return std::nullopt;
  auto c = parse_cidr(*text);
  if (!c || !c->host_bits_zero()) return std::nullopt;  // reported by aws.invalid-cidr
  return c;
}

void check_subnets(const Linter& l) {
  struct Known {
    Block subnet;
    Block vpc;
    Cidr cidr;
  };
  std::vector<Known> known;
  for (Block subnet : l.resources("aws_subnet")) {
    auto cidr = literal_cidr(subnet);
    Block vpc = l.target(attribute(subnet, "vpc_id"));
    if (!cidr || !vpc || type_of(vpc) != "aws_vpc") continue;
    if (auto vpc_cidr = literal_cidr(vpc); vpc_cidr && !vpc_cidr->contains(*cidr)) {
      l.report("aws.subnet-outside-vpc", subnet,
               "cidr_block " + describe(attribute(subnet, "cidr_block")) + " is not inside " +
                   vpc.address() + "'s cidr_block " + describe(attribute(vpc, "cidr_block")),
               "choose a subnet range inside the VPC's range (or add a secondary VPC CIDR)");
    }
    // Every instance of a counted subnet would have this same literal range.
    if (!has_instances(subnet)) known.push_back({subnet, vpc, *cidr});
  }
  for (size_t i = 0; i < known.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (known[i].vpc != known[j].vpc || !known[i].cidr.overlaps(known[j].cidr)) continue;
      l.report("aws.subnet-overlap", known[i].subnet,
               "cidr_block " + describe(attribute(known[i].subnet, "cidr_block")) + " overlaps " +
                   known[j].subnet.address() + " (" +
                   describe(attribute(known[j].subnet, "cidr_block")) + ")",
               "give each subnet of a VPC its own, disjoint range");
      break;
    }
  }
}

void check_availability_zones(const Linter& l) {
  static const std::regex zone_id("[a-z]{2,5}[0-9]+-az[0-9]+");
  std::unordered_map<const schema::BlockSpec*, bool> has_zone;  // once per schema
  l.stack().for_each_block([&](Block b) {
    if (b.kind() != BlockKind::resource) return;
    if (b.spec()) {
      auto [it, inserted] = has_zone.try_emplace(b.spec(), false);
      if (inserted) it->second = b.spec()->attribute("availability_zone") != nullptr;
      if (!it->second) return;
    }
    auto az = literal_string(attribute(b, "availability_zone"));
    if (!az || std::regex_match(*az, zone_id)) return;
    Block provider = l.provider_of(b);
    auto region = provider ? literal_string(attribute(provider, "region")) : std::nullopt;
    if (!region) return;
    bool in_region = az->size() > region->size() && az->rfind(*region, 0) == 0 &&
                     (((*az)[region->size()] >= 'a' && (*az)[region->size()] <= 'z' &&
                       az->size() == region->size() + 1) ||
                      (*az)[region->size()] == '-');  // local and wavelength zones
    if (!in_region)
      l.report("aws.availability-zone-region", b,
               "availability_zone " + quoted(*az) + " is not a zone of the provider's region " +
                   quoted(*region) + " (" + provider.address() + ")",
               "use a zone of " + *region + " (e.g. " + *region +
                   "a) or a provider configured for the zone's region");
  });
}

// --- sec.open-ingress

struct Port {
  int port;
  const char* service;
};
constexpr Port kSensitivePorts[] = {
    {22, "SSH"},          {23, "Telnet"},  {445, "SMB"},       {1433, "SQL Server"},
    {1521, "Oracle"},     {2049, "NFS"},   {3306, "MySQL"},    {3389, "RDP"},
    {5432, "PostgreSQL"}, {6379, "Redis"}, {27017, "MongoDB"},
};

struct IngressRule {
  Value protocol, from_port, to_port, cidrs_v4, cidrs_v6;
};

void check_ingress(const Linter& l, Block at, const IngressRule& r) {
  std::vector<std::string> open;
  for (const auto& c : as_list(r.cidrs_v4))
    if (auto s = literal_string(c); s && *s == "0.0.0.0/0") open.push_back(*s);
  for (const auto& c : as_list(r.cidrs_v6))
    if (auto s = literal_string(c); s && *s == "::/0") open.push_back(*s);
  if (open.empty()) return;

  std::string protocol;
  if (auto p = literal_string(r.protocol))
    protocol = *p;
  else if (auto n = literal_number(r.protocol))
    protocol = number_text(*n);
  else
    return;
  double from = 0, to = 65535;
  bool all = protocol == "-1" || protocol == "all";
  if (!all) {
    if (protocol != "tcp" && protocol != "udp" && protocol != "6" && protocol != "17") return;
    auto f = literal_number(r.from_port), t = literal_number(r.to_port);
    if (!f || !t) return;
    from = *f;
    to = *t;
  }
  std::string exposed;
  for (const auto& p : kSensitivePorts) {
    if (p.port < from || p.port > to) continue;
    exposed += (exposed.empty() ? "" : ", ") + std::string(p.service) + " (" +
               std::to_string(p.port) + ")";
  }
  if (exposed.empty()) return;
  std::string ports =
      all ? "all traffic"
          : protocol + " " + number_text(from) + (from == to ? "" : "-" + number_text(to));
  std::string sources;
  for (const auto& o : open) sources += (sources.empty() ? "" : " and ") + o;
  l.report("sec.open-ingress", at,
           "ingress " + ports + " from " + sources + " opens " + exposed + " to the internet",
           "allow only known sources: a security group (the load balancer's, a bastion's) or "
           "office CIDRs; for "
           "shell access prefer SSM Session Manager");
}

void check_open_ingress(const Linter& l) {
  for (Block b : l.resources("aws_security_group")) {
    for (const auto& rule : attribute(b, "ingress").items())
      check_ingress(l, b,
                    {rule.field("protocol"), rule.field("from_port"), rule.field("to_port"),
                     rule.field("cidr_blocks"), rule.field("ipv6_cidr_blocks")});
  }
  for (Block b : l.resources("aws_vpc_security_group_ingress_rule"))
    check_ingress(
        l, b,
        {attribute(b, "ip_protocol"), attribute(b, "from_port"), attribute(b, "to_port"),
         attribute(b, "cidr_ipv4"), attribute(b, "cidr_ipv6")});
  for (Block b : l.resources("aws_security_group_rule")) {
    auto type = literal_string(attribute(b, "type"));
    if (!type || *type != "ingress") continue;
    check_ingress(l, b,
                  {attribute(b, "protocol"), attribute(b, "from_port"), attribute(b, "to_port"),
                   attribute(b, "cidr_blocks"), attribute(b, "ipv6_cidr_blocks")});
  }
}

}  // namespace

void check_network(const Linter& l) {
  check_cidr_syntax(l);
  check_subnets(l);
  check_availability_zones(l);
  check_open_ingress(l);
}

}  // namespace stackgen::lint
