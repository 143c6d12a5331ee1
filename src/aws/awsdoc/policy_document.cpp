#include "stackgen/awsdoc/policy_document.hpp"

#include <map>

#include "stackgen/core/error.hpp"
#include "stackgen/core/functions.hpp"

namespace stackgen::awsdoc {

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
