#include "stackgen/awsdoc/policy_document.hpp"

#include <map>
#include <stdexcept>

#include "stackgen/core/error.hpp"
#include "stackgen/core/functions.hpp"

namespace stackgen::awsdoc {

Statement::Statement() = default;
Statement::Statement(const Statement&) = default;
Statement::Statement(Statement&&) noexcept = default;
Statement& Statement::operator=(const Statement&) = default;
Statement& Statement::operator=(Statement&&) noexcept = default;
Statement::~Statement() = default;

Statement& Statement::actions(std::vector<Expr<std::string>> a) {
  for (auto& x : a) actions_.push_back(x.value());
  return *this;
}

Statement& Statement::resources(std::vector<Expr<std::string>> r) {
  for (auto& x : r) resources_.push_back(x.value());
  return *this;
}

Statement& Statement::service_principals(std::vector<Expr<std::string>> services) {
  for (auto& s : services) principals_.emplace_back("Service", s.value());
  return *this;
}

Statement& Statement::aws_principals(std::vector<Expr<std::string>> arns) {
  for (auto& a : arns) principals_.emplace_back("AWS", a.value());
  return *this;
}

Statement& Statement::condition(std::string test, std::string variable, std::vector<Expr<std::string>> values) {
  if (test.empty() || variable.empty()) throw std::invalid_argument("Statement::condition: an empty test or variable");
  std::vector<Value> v;
  for (auto& x : values) v.push_back(x.value());
  conditions_.push_back({std::move(test), std::move(variable), Value::list(std::move(v))});
  return *this;
}

Statement& Statement::allow() {
  effect_ = "Allow";
  return *this;
}

Statement& Statement::deny() {
  effect_ = "Deny";
  return *this;
}

PolicyDocument::PolicyDocument() = default;
PolicyDocument::PolicyDocument(const PolicyDocument&) = default;
PolicyDocument::PolicyDocument(PolicyDocument&&) noexcept = default;
PolicyDocument& PolicyDocument::operator=(const PolicyDocument&) = default;
PolicyDocument& PolicyDocument::operator=(PolicyDocument&&) noexcept = default;
PolicyDocument::~PolicyDocument() = default;

PolicyDocument& PolicyDocument::statement(Statement s) {
  statements_.push_back(std::move(s));
  return *this;
}

Statement& Statement::sid(const Expr<std::string>& id, std::source_location where) {
  if (auto s = id.value().as_string(); s && s->empty())
    throw Error("Statement::sid(\"\") sets an empty statement id; leave sid() out instead", SourceLocation::from(where),
                "aws.iam-statement-id");
  sid_ = id.value();
  return *this;
}

Value Statement::to_value() const {
  std::vector<Value::Field> f;
  if (!sid_.is_null()) f.emplace_back("Sid", sid_);
  f.emplace_back("Effect", Value(effect_));
  if (!principals_.empty()) {
    // {"Service": [...], "AWS": [...]}, each a list in declaration order.
    std::map<std::string, std::vector<Value>> by_kind;
    for (const auto& [kind, v] : principals_) by_kind[kind].push_back(v);
    std::vector<Value::Field> pf;
    for (auto& [kind, list] : by_kind)
      pf.emplace_back(kind, list.size() == 1 ? list[0] : Value::list(std::move(list)));
    f.emplace_back("Principal", Value::object(std::move(pf)));
  }
  if (!actions_.empty()) {
    f.emplace_back("Action", actions_.size() == 1 ? actions_[0] : Value::list(actions_));
  }
  if (!resources_.empty())
    f.emplace_back("Resource", resources_.size() == 1 ? resources_[0] : Value::list(resources_));
  if (!conditions_.empty()) {
    std::map<std::string, std::vector<Value::Field>> by_test;
    for (const auto& c : conditions_) by_test[c.test].emplace_back(c.variable, c.values);
    std::vector<Value::Field> cf;
    for (auto& [test, vars] : by_test) cf.emplace_back(test, Value::object(std::move(vars)));
    f.emplace_back("Condition", Value::object(std::move(cf)));
  }
  return Value::object(std::move(f));
}

Value PolicyDocument::to_value() const {
  std::vector<Value> statements;
  for (const auto& s : statements_) statements.push_back(s.to_value());
  return Value::object({{"Version", Value("2012-10-17")}, {"Statement", Value::list(std::move(statements))}});
}

Expr<std::string> PolicyDocument::json() const { return jsonencode(to_value()); }

PolicyDocument assume_role_policy(std::string service) {
  return PolicyDocument{}.statement(
      Statement{}.allow().actions({"sts:AssumeRole"}).service_principals({std::move(service)}));
}

}  // namespace stackgen::awsdoc
