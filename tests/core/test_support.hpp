// Shared fixture for the core tests: rendering helpers, a scratch directory,
// and a tiny hand-written binding (what generated bindings look like) so the
// schema and provider checks can be exercised without generated code.
#pragma once

#include <unistd.h>
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include <stackgen/core/block_body.hpp>
#include <stackgen/core/emit.hpp>
#include <stackgen/stackgen.hpp>

namespace test {

using nlohmann::json;

/// The single rendered file of a stack, as text.
inline std::string render_text(const stackgen::Stack& s) {
  auto files = stackgen::render(s);
  REQUIRE(files.size() == 1);
  CHECK(files[0].path == s.name() + "/main.tf.json");
  return files[0].content;
}

inline json render_json(const stackgen::Stack& s) { return json::parse(render_text(s)); }

/// How a value is emitted as an attribute (a terraform_data input).
inline json emitted(const stackgen::Value& v) {
  stackgen::Stack s("probe");
  s.add<stackgen::builtin::TerraformData>("t").input(stackgen::Expr<stackgen::Any>(v));
  return render_json(s)["resource"]["terraform_data"]["t"]["input"];
}

/// The HCL text of an expression (what stands inside `${...}`).
inline std::string hcl(const stackgen::Value& v) { return v.to_hcl(); }

/// The diagnostics of one rule.
inline std::vector<stackgen::Diagnostic> with_rule(const stackgen::Diagnostics& ds, std::string_view rule) {
  std::vector<stackgen::Diagnostic> out;
  for (const auto& d : ds.items())
    if (d.rule == rule) out.push_back(d);
  return out;
}

/// Every diagnostic, a line each, for a failing test's report.
inline std::string describe(const stackgen::Diagnostics& ds) {
  std::string out;
  for (const auto& d : ds.items())
    out += d.where.file + ":" + std::to_string(d.where.line) + ": " + d.rule + ": " + d.message + "\n";
  return out;
}

/// The one diagnostic of `rule`; fails the test when there is not exactly one.
inline stackgen::Diagnostic only(const stackgen::Diagnostics& ds, std::string_view rule) {
  auto found = with_rule(ds, rule);
  INFO("expected one " << rule << "; all diagnostics:\n" << describe(ds));
  REQUIRE(found.size() == 1);
  return found[0];
}

/// A fresh directory under the system temp dir, removed with its contents.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
    path_ = std::filesystem::temp_directory_path() /
            ("stackgen-test-" + std::to_string(::getpid()) + "-" + std::to_string(stamp) + "-" +
             std::to_string(counter++));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline void spit(const std::filesystem::path& p, const std::string& content) {
  std::filesystem::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << content;
}

// --- A hand-written binding, shaped like generated ones.

inline const stackgen::schema::ProviderInfo& aws_info() {
  static constexpr stackgen::schema::ProviderInfo info{"aws", "hashicorp/aws", "5.100.0"};
  return info;
}
inline const stackgen::schema::ProviderInfo& tls_info() {
  static constexpr stackgen::schema::ProviderInfo info{"tls", "hashicorp/tls", "4.0.6"};
  return info;
}

namespace spec {
using stackgen::schema::AttributeSpec;
using stackgen::schema::BlockSpec;
using stackgen::schema::BlockTypeSpec;
using stackgen::schema::Nesting;
// AttributeSpec fields: name, type, required, optional, computed.
inline constexpr AttributeSpec kRuleAttrs[] = {
    {"description", "\"string\"", false, true},
    {"port", "\"number\"", true},
};
inline constexpr BlockSpec kRule{kRuleAttrs, {}};
inline constexpr AttributeSpec kThingAttrs[] = {
    {"arn", "\"string\"", false, false, true},
    {"id", "\"string\"", false, true, true},
    {"name", "\"string\"", true},
    {"tags", "[\"map\",\"string\"]", false, true},
};
inline constexpr BlockTypeSpec kThingBlocks[] = {
    {"rule", Nesting::list, 1, 2, &kRule},
};
inline constexpr BlockSpec kThing{kThingAttrs, kThingBlocks};
inline constexpr AttributeSpec kProviderAttrs[] = {
    {"region", "\"string\"", false, true},
};
inline constexpr BlockSpec kProvider{kProviderAttrs, {}};
}  // namespace spec

/// `rule { port = ..., description = ... }`
class Rule : public stackgen::NestedBlock<Rule> {
 public:
  Rule& port(const stackgen::Expr<stackgen::Number>& v) { return tf_with("port", v); }
  Rule& description(const stackgen::Expr<std::string>& v) { return tf_with("description", v); }
};

/// `resource "aws_thing"`: name required, rule 1..2 times, arn computed.
class Thing : public stackgen::ResourceBase<Thing> {
 public:
  static constexpr stackgen::BlockKind tf_kind = stackgen::BlockKind::resource;
  static constexpr std::string_view tf_type = "aws_thing";
  static const stackgen::schema::BlockSpec& tf_spec() { return spec::kThing; }
  static const stackgen::schema::ProviderInfo& tf_provider_info() { return aws_info(); }
  using ResourceBase::ResourceBase;

  Thing name(const stackgen::Expr<std::string>& v) const { return tf_with("name", v); }
  Thing tags(const stackgen::Expr<stackgen::Map<std::string>>& v) const {
    return tf_with("tags", v);
  }
  Thing rule(const Rule& r) const { return tf_with_block("rule", r.value()); }
  /// A binding bug on purpose: arn is computed-only.
  Thing arn_raw(const stackgen::Expr<std::string>& v) const { return tf_with("arn", v); }

  stackgen::Expr<std::string> id() const { return tf_get<std::string>("id"); }
  stackgen::Expr<std::string> arn() const { return tf_get<std::string>("arn"); }
};

/// `data "aws_thing"` (same schema, read side).
class ThingData : public stackgen::ResourceBase<ThingData> {
 public:
  static constexpr stackgen::BlockKind tf_kind = stackgen::BlockKind::data;
  static constexpr std::string_view tf_type = "aws_thing";
  static const stackgen::schema::BlockSpec& tf_spec() { return spec::kThing; }
  static const stackgen::schema::ProviderInfo& tf_provider_info() { return aws_info(); }
  using ResourceBase::ResourceBase;

  ThingData name(const stackgen::Expr<std::string>& v) const { return tf_with("name", v); }
  ThingData rule(const Rule& r) const { return tf_with_block("rule", r.value()); }
  stackgen::Expr<std::string> arn() const { return tf_get<std::string>("arn"); }
};

class AwsProvider : public stackgen::ProviderBase<AwsProvider> {
 public:
  static const stackgen::schema::BlockSpec& tf_spec() { return spec::kProvider; }
  static const stackgen::schema::ProviderInfo& tf_provider_info() { return aws_info(); }
  using ProviderBase::ProviderBase;

  AwsProvider region(const stackgen::Expr<std::string>& v) const { return tf_with("region", v); }
};

class TlsProvider : public stackgen::ProviderBase<TlsProvider> {
 public:
  static const stackgen::schema::BlockSpec& tf_spec() { return spec::kProvider; }
  static const stackgen::schema::ProviderInfo& tf_provider_info() { return tls_info(); }
  using ProviderBase::ProviderBase;
};

/// A valid Thing (name and one rule set), for tests about something else.
inline Thing add_thing(stackgen::Stack& s, std::string_view name,
                       std::source_location where = std::source_location::current()) {
  return s.add<Thing>(name, where).name(std::string(name)).rule(Rule().port(443));
}

}  // namespace test
