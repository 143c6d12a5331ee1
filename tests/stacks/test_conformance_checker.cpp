// The conformance checker itself must be able to fail.
#include <catch2/catch.hpp>

#include "conformance.hpp"

using nlohmann::json;

namespace {
conformance::Checker checker_with_schema() {
  conformance::Checker c;
  c.add_schema(json::parse(R"({"provider_schemas": {"registry.terraform.io/hashicorp/aws": {
    "provider": {"block": {"attributes": {"region": {"type": "string", "optional": true}}}},
    "resource_schemas": {"aws_thing": {"block": {
      "attributes": {
        "name": {"type": "string", "required": true},
        "size": {"type": "number", "optional": true},
        "arn": {"type": "string", "computed": true},
        "rules": {"type": ["set", ["object", {"port": "number", "cidr": "string"}]], "optional": true}},
      "block_types": {"part": {"nesting_mode": "list", "min_items": 1, "max_items": 1,
        "block": {"attributes": {"on": {"type": "bool", "required": true}}}}}}}}}}})"));
  return c;
}
}  // namespace

TEST_CASE("a conforming resource passes") {
  auto c = checker_with_schema();
  c.check_file(json::parse(R"({"resource": {"aws_thing": {"a": {"name": "x", "size": "${var.n}",
      "rules": [{"port": 80, "cidr": null}], "part": [{"on": true}], "count": 2}}}})"), "f");
  CHECK(c.problems.empty());
  CHECK(c.checked_resources == 1);
}

TEST_CASE("each kind of violation is reported") {
  auto c = checker_with_schema();
  c.check_file(json::parse(R"({"resource": {"aws_thing": {"a": {"size": "12", "arn": "x", "bogus": 1,
      "rules": [{"port": 80}], "part": [{"on": true}, {"on": false}]}},
      "aws_unknown": {"b": {}}}})"), "f");
  auto has = [&](const std::string& needle) {
    for (const auto& p : c.problems)
      if (p.find(needle) != std::string::npos) return true;
    return false;
  };
  CHECK(has("missing required attribute name"));
  CHECK(has("expected number"));
  CHECK(has("computed-only attribute is set"));
  CHECK(has("unknown attribute or block bogus"));
  CHECK(has("missing attribute cidr"));
  CHECK(has("more than max_items"));
  CHECK(has("type not in any schema file"));
}
