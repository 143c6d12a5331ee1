#include "policies.hpp"

#include <string>
#include <string_view>

namespace acme {

namespace {

constexpr stackgen::RuleInfo kRules[] = {
    {"acme.bucket-owner", stackgen::Severity::warning, "S3 bucket without an owner tag", "docs/acme-rules.md#owner"},
    {"acme.instance-size", stackgen::Severity::error, "EC2 instance larger than m7g.xlarge", "docs/acme-rules.md#size"},
};

/// The size rank of an instance type's size suffix ("large" < "xlarge" < "2xlarge" ...).
int rank(std::string_view size) {
  if (size == "nano") return 0;
  if (size == "micro") return 1;
  if (size == "small") return 2;
  if (size == "medium") return 3;
  if (size == "large") return 4;
  if (size == "xlarge") return 5;
  if (size.size() > 6 && size.substr(size.size() - 6) == "xlarge") return 5 + std::stoi(std::string(size));
  return 100;  // metal and the like
}

void check(stackgen::RuleContext& c) {
  c.stack().for_each_block([&](stackgen::inspect::BlockView b) {
    if (b.kind() != stackgen::BlockKind::resource) return;
    if (b.type() == "aws_s3_bucket" && b.argument("tags").field("owner").is_null())
      c.report("acme.bucket-owner", b, "bucket " + std::string(b.name()) + " has no tags.owner",
               "tag it with the team that owns its data: .tags({{\"owner\", \"team-x\"}})");
    if (b.type() == "aws_instance") {
      auto type = b.argument("instance_type").as_string();
      if (!type) return;  // an expression: unknown until plan
      auto dot = type->find('.');
      if (dot != std::string_view::npos && rank(type->substr(dot + 1)) > rank("xlarge"))
        c.report("acme.instance-size", b, "instance_type " + std::string(*type) + " is larger than m7g.xlarge",
                 "use m7g.xlarge or smaller, or ask the platform team for an exception");
    }
  });
}

}  // namespace

stackgen::RuleSet policies() { return stackgen::RuleSet("acme", kRules, check); }

}  // namespace acme
