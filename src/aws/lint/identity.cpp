// Identity and secrets: IAM statements that allow everything on
// everything, and variables that hold secrets without being sensitive.
#include <algorithm>
#include <unordered_map>

#include "lint.hpp"

namespace stackgen::lint {
namespace {

bool has_wildcard(const Value& v, std::initializer_list<std::string_view> wildcards) {
  std::vector<Value> items = v.as_string() ? std::vector<Value>{v} : std::vector<Value>(v.items().begin(), v.items().end());
  for (const auto& item : items) {
    auto s = literal_string(item);
    if (s && std::find(wildcards.begin(), wildcards.end(), *s) != wildcards.end()) return true;
  }
  return false;
}

void check_statement(const Linter& l, Block b, const std::string& where,
                     const Value& effect, const Value& actions, const Value& resources,
                     const Value& sid) {
  auto e = is_unset(effect) ? std::optional<std::string>("Allow") : literal_string(effect);
  if (!e || *e != "Allow") return;
  if (!has_wildcard(actions, {"*", "*:*"}) || !has_wildcard(resources, {"*"})) return;
  auto id = literal_string(sid);
  l.report("sec.iam-wildcard", b,
           where + (id ? " statement " + quoted(*id) : std::string(" statement")) +
               " allows every action (\"*\") on every resource (\"*\")",
           "list the actions the principal needs and the ARNs it needs them on");
}

/// jsonencode({Version, Statement}) documents anywhere inside a value.
void find_policy_documents(const Linter& l, Block b, const std::string& where,
                           const Value& v) {
  if (v.is_null()) return;
  auto ops = inspect::operands(v);
  if (inspect::kind(v) == ValueKind::call && inspect::text(v) == "jsonencode" && ops.size() == 1) {
    Value statements = ops[0].field("Statement");
    std::vector<Value> list = statements.fields().empty()
                                  ? std::vector<Value>(statements.items().begin(), statements.items().end())
                                  : std::vector<Value>{statements};
    for (const auto& s : list)
      check_statement(l, b, where, s.field("Effect"), s.field("Action"), s.field("Resource"),
                      s.field("Sid"));
  }
  for (const auto& item : ops) find_policy_documents(l, b, where, item);
  for (auto [name, field] : v.fields()) find_policy_documents(l, b, where, field);
}

void check_iam_wildcards(const Linter& l) {
  // IAM documents live in arguments named after them: policy,
  // assume_role_policy, inline_policy { policy }, bucket and key policies.
  auto is_policy = [](std::string_view name) {
    return name.find("policy") != std::string_view::npos;
  };
  // Whether a type has such an argument at all, once per schema.
  std::unordered_map<const schema::BlockSpec*, bool> may_hold;
  auto holds_policies = [&](Block b) {
    if (!b.spec()) return true;
    auto [it, inserted] = may_hold.try_emplace(b.spec(), false);
    if (inserted) {
      for (const auto& a : b.spec()->attributes) it->second = it->second || is_policy(a.name);
      for (const auto& t : b.spec()->block_types) it->second = it->second || is_policy(t.name);
    }
    return it->second;
  };
  l.stack().for_each_block([&](Block b) {
    if ((b.kind() != BlockKind::resource && b.kind() != BlockKind::data) || !holds_policies(b)) return;
    for (std::size_t i = 0; i < b.argument_count(); ++i)
      if (is_policy(b.argument_name(i))) find_policy_documents(l, b, std::string(b.argument_name(i)), b.argument_value(i));
    for (std::size_t i = 0; i < b.block_count(); ++i)
      if (is_policy(b.block_name(i))) find_policy_documents(l, b, std::string(b.block_name(i)), b.block_value(i));
  });
  for (Block doc : l.data_sources("aws_iam_policy_document"))
    for (const auto& s : nested(doc, "statement"))
      check_statement(l, doc, "policy document", s.field("effect"), s.field("actions"),
                      s.field("resources"), s.field("sid"));
}

void check_variables(const Linter& l) {
  for (Block v : l.variables()) {
    bool sensitive = v.flag("sensitive");
    if (sensitive || !secret_like_name(v.name())) continue;
    l.report("sec.variable-not-sensitive", v,
             "variable " + v.name() + " looks like it holds a secret but is not marked sensitive",
             "call .sensitive() on it, so plans and outputs redact it (and pass it at apply time, "
             "not as a default)");
  }
}

}  // namespace

void check_identity(const Linter& l) {
  check_iam_wildcards(l);
  check_variables(l);
}

}  // namespace stackgen::lint
