// stackgen/testing.hpp: testing stacks, for any test framework.
//
// Build a stack in-process (what `stackgen emit` does, without writing),
// then ask about it: resources, data sources, outputs and variables by type
// and address; attributes through the typed bindings, by JSON path or by
// predicate; findings of validate(); a snapshot of its JSON; and a real
// `terraform init / validate / plan` where terraform and a provider mirror
// exist (skipped otherwise).
//
//   auto synth = stackgen::testing::Synth::of("web", build_web, {.rule_sets = {stackgen::aws::lint_rules()}});
//   auto r = has_resource<aws::EcsService>("app").with(&aws::EcsService::launch_type, "FARGATE").match(synth);
//   EXPECT_TRUE(r) << r.message;                 // GoogleTest
//   CHECK_THAT(synth, matches(has_resource<aws::EcsService>("app")));   // Catch2: stackgen/testing/catch2.hpp
//
// Every check returns a Result: whether it holds, and a message that says
// what was found instead (the block's C++ location, the emitted value).
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "stackgen/core/app.hpp"
#include "stackgen/core/emit.hpp"
#include "stackgen/core/inspect.hpp"
#include "stackgen/core/rules.hpp"

namespace stackgen::testing {

/// What a check found: ok, or why not.
struct Result {
  bool ok = true;
  std::string message;
  explicit operator bool() const { return ok; }
};

struct SynthOptions {
  // Each member `{}`-initialised: `{.context = ...}` leaving the others out
  // does not warn under GCC's -Wextra (-Wmissing-field-initializers).
  Context context{};
  /// Rule sets validate() runs besides the core checks (e.g. aws::lint_rules()).
  std::vector<RuleSet> rule_sets{};
};

/// A stack built in-process: its model, diagnostics and emitted JSON.
class Synth {
 public:
  /// Builds `build` as a new stack `name`.
  static Synth of(std::string name, const std::function<void(Stack&)>& build, SynthOptions options = {});
  /// Builds every stack of an app (as an AppRegistration does), connects
  /// them (cross_stack.hpp) and synthesizes the one named `stack`.
  static Synth of_app(const std::function<void(App&)>& build, std::string_view stack, SynthOptions options = {});
  /// Builds the stack this program registered as `name` (by a
  /// StackRegistration or an AppRegistration); throws when none is.
  static Synth registered(std::string_view name, SynthOptions options = {});

  Synth(Synth&&) noexcept;
  Synth& operator=(Synth&&) noexcept;
  ~Synth();

  const Stack& stack() const;
  inspect::StackView view() const;
  const Diagnostics& diagnostics() const;
  /// Errors among the diagnostics (with `strict`, unsuppressed warnings too).
  bool has_errors(bool strict = false) const;
  /// Every diagnostic as `file:line: severity: address: message [rule]` lines.
  std::string describe_diagnostics() const;
  /// The stack's main.tf.json; empty when validation failed with errors.
  const std::string& json_text() const;
  /// The same, read into a Value (null when there is none).
  const Value& json() const;
  /// The stack as HCL (`emit --format hcl`'s main.tf); empty when
  /// validation failed. Throws stackgen::Error for what HCL cannot say.
  std::string hcl_text() const;

  /// The block at this address (`aws_vpc.vpc`, `data.x.y`, `var.x`,
  /// `output.x`, `local.x`, `module.x`, `ephemeral.x.y`), or an empty view.
  inspect::BlockView block(std::string_view address) const;
  /// Resources (or data sources with `data`) of a type, in declaration order.
  std::vector<inspect::BlockView> resources(std::string_view type) const;
  std::vector<inspect::BlockView> data_sources(std::string_view type) const;
  std::vector<inspect::BlockView> ephemeral_resources(std::string_view type) const;
  /// The emitted JSON body of a block (`resource.<type>.<name>`, ...), or null.
  Value emitted(const inspect::BlockView& block) const;
  /// Diagnostics of `rule`, at `address` when given.
  std::vector<Diagnostic> findings(std::string_view rule, std::string_view address = "") const;

 private:
  struct Impl;
  explicit Synth(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// The value at a JSON path inside `v`: `health_check[0].path`, `tags.Name`.
/// A null Value when it is not there.
Value at_path(const Value& v, std::string_view path);

/// Checks on one block, chained: has_resource<aws::Lb>("alb").with(&aws::Lb::internal, false).
class BlockMatcher {
 public:
  BlockMatcher(std::string kind, std::string type, std::string name);

  /// An argument, by name, equal to `expected` (literals and expressions
  /// compare by their Terraform text).
  BlockMatcher with(std::string_view argument, const Value& expected) &&;
  /// An argument, through the typed binding's getter.
  template <class T, class R, class E>
  BlockMatcher with(Expr<R> (T::*getter)() const, const E& expected) && {
    return std::move(*this).with_getter(
        [getter](const detail::BlockData* b) {
          T handle(const_cast<detail::BlockData*>(b));
          return (handle.*getter)().value();
        },
        Expr<R>(expected).value());
  }
  /// A value at a path of the emitted body (nested blocks, map keys).
  BlockMatcher with_json(std::string_view path, const Value& expected) &&;
  /// Any condition, with a description for the report.
  BlockMatcher where(std::function<bool(const inspect::BlockView&)> predicate, std::string description) &&;
  /// Not declared at all.
  BlockMatcher absent() &&;

  Result match(const Synth& synth) const;
  std::string describe() const;

 private:
  std::string matched_address() const;
  BlockMatcher with_getter(std::function<Value(const detail::BlockData*)> reference, const Value& expected) &&;
  struct Check {
    std::string description;
    std::function<Result(const Synth&, const inspect::BlockView&)> run;
  };
  std::string kind_, type_, name_;
  bool absent_ = false;
  std::vector<Check> checks_;
};

/// A resource, by its type's binding: has_resource<aws::EcsService>("app").
template <class T>
BlockMatcher has_resource(std::string_view name) {
  return BlockMatcher(T::tf_kind == BlockKind::data        ? "data"
                      : T::tf_kind == BlockKind::ephemeral ? "ephemeral"
                                                           : "resource",
                      std::string(T::tf_type), std::string(name));
}
/// A resource by type name: has_resource("aws_ecs_service", "app").
BlockMatcher has_resource(std::string_view type, std::string_view name);
BlockMatcher has_data(std::string_view type, std::string_view name);
/// An ephemeral resource by type name: has_ephemeral("aws_ssm_parameter", "token").
BlockMatcher has_ephemeral(std::string_view type, std::string_view name);
BlockMatcher has_output(std::string_view name);
BlockMatcher has_variable(std::string_view name);

/// A finding of validate(): has_finding("sec.rds-public").at("aws_db_instance.db").
class FindingMatcher {
 public:
  explicit FindingMatcher(std::string rule) : rule_(std::move(rule)) {}
  FindingMatcher at(std::string address) && {
    address_ = std::move(address);
    return std::move(*this);
  }
  /// Exactly `n` findings (default: at least one).
  FindingMatcher times(std::size_t n) && {
    count_ = n;
    return std::move(*this);
  }
  Result match(const Synth& synth) const;
  std::string describe() const;

 private:
  std::string rule_, address_;
  std::optional<std::size_t> count_;
};
inline FindingMatcher has_finding(std::string rule) { return FindingMatcher(std::move(rule)); }
/// No diagnostic of severity error (with `strict`, no unsuppressed warning).
Result validates_cleanly(const Synth& synth, bool strict = false);

/// The stack's JSON equals the snapshot file. With the environment variable
/// STACKGEN_UPDATE_SNAPSHOTS=1 the file is (re)written instead and the
/// check passes: review the change in version control.
Result matches_snapshot(const Synth& synth, const std::filesystem::path& file);

struct PlanOptions {
  /// `-var name=value` for variables without defaults (sensitive ones).
  std::map<std::string, std::string> variables{};
  /// Extra files placed beside main.tf.json (name -> content).
  std::map<std::string, std::string> extra_files{};
  /// Where to work; a fresh temporary directory when empty.
  std::filesystem::path work_dir{};
  /// Plan the HCL output (main.tf) instead of the JSON (main.tf.json).
  bool hcl = false;
  /// Keep `terraform show -json` of the plan in PlanResult::plan_json.
  bool plan_json = false;
};

struct PlanResult {
  enum class Status { passed, failed, skipped } status = Status::skipped;
  std::string message;  ///< why it failed or was skipped; the plan's summary line when it passed
  int to_add = 0, to_change = 0, to_destroy = 0;
  int to_import = 0;  ///< import blocks (`Plan: N to import, ...`)
  int to_forget = 0;  ///< removed blocks with destroy = false (`..., N to forget.`)
  std::string log;  ///< terraform's output
  std::string plan_json;  ///< `terraform show -json` of the plan, with PlanOptions::plan_json
  explicit operator bool() const { return status != Status::failed; }
  bool skipped() const { return status == Status::skipped; }
};

/// `terraform init`, `validate` and `plan` of the stack, offline: providers
/// from the filesystem mirror ($STACKGEN_TF_MIRROR, /opt/tf-plugins, ...),
/// every aws provider configuration given mock credentials and the skip_*
/// flags by a test-only override. Skipped (not failed) when terraform or the
/// mirror is missing.
PlanResult plans_cleanly(const Synth& synth, const PlanOptions& options = {});

/// Two `terraform show -json` plans plan the same thing: the same resource
/// addresses, each with the same actions and planned values (`after`,
/// `after_unknown`, `after_sensitive`), and the same planned outputs. The
/// message names the first difference. How the JSON and HCL outputs, and a
/// converted program and its source, are proven equal.
Result same_plan(std::string_view plan_a, std::string_view plan_b);

}  // namespace stackgen::testing
