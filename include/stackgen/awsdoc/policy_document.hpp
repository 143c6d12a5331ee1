// IAM policy documents (trust, identity and resource policies) as typed C++
// data, emitted through jsonencode so references stay references.
//
// Literal strings are escaped by the emitter, so `${aws:username}` in a
// resource ARN stays literal for IAM instead of being read by Terraform.
#pragma once

#include <source_location>
#include <stdexcept>
#include <string>
#include <vector>

#include "stackgen/core/expr.hpp"

namespace stackgen::awsdoc {

class Statement {
 public:
  /// The statement id. An empty id is a mistake (IAM wants letters and
  /// digits): it throws stackgen::Error here instead of vanishing.
  Statement& sid(const Expr<std::string>& id, std::source_location where = std::source_location::current());
  Statement& allow() { effect_ = "Allow"; return *this; }
  Statement& deny() { effect_ = "Deny"; return *this; }
  Statement& actions(std::vector<Expr<std::string>> a) {
    for (auto& x : a) actions_.push_back(x.value());
    return *this;
  }
  Statement& resources(std::vector<Expr<std::string>> r) {
    for (auto& x : r) resources_.push_back(x.value());
    return *this;
  }
  /// Principal {"Service": [...]}
  Statement& service_principals(std::vector<Expr<std::string>> services) {
    for (auto& s : services) principals_.emplace_back("Service", s.value());
    return *this;
  }
  /// Principal {"AWS": [...]} (account or role ARNs)
  Statement& aws_principals(std::vector<Expr<std::string>> arns) {
    for (auto& a : arns) principals_.emplace_back("AWS", a.value());
    return *this;
  }
  /// Condition {test: {variable: values}}, e.g. ("StringEquals", "AWS:SourceArn", {arn}).
  Statement& condition(std::string test, std::string variable, std::vector<Expr<std::string>> values) {
    if (test.empty() || variable.empty()) throw std::invalid_argument("Statement::condition: an empty test or variable");
    std::vector<Value> v;
    for (auto& x : values) v.push_back(x.value());
    conditions_.push_back({std::move(test), std::move(variable), Value::list(std::move(v))});
    return *this;
  }

  const std::string& effect() const { return effect_; }
  const std::vector<Value>& action_list() const { return actions_; }
  const std::vector<Value>& resource_list() const { return resources_; }
  Value to_value() const;

 private:
  struct ConditionEntry {
    std::string test, variable;
    Value values;
  };
  Value sid_;
  std::string effect_ = "Allow";
  std::vector<Value> actions_;
  std::vector<Value> resources_;
  std::vector<std::pair<std::string, Value>> principals_;
  std::vector<ConditionEntry> conditions_;
};

class PolicyDocument {
 public:
  PolicyDocument& statement(Statement s) { statements_.push_back(std::move(s)); return *this; }
  const std::vector<Statement>& statements() const { return statements_; }
  /// {"Version": "2012-10-17", "Statement": [...]}
  Value to_value() const;
  /// jsonencode(to_value())
  Expr<std::string> json() const;

 private:
  std::vector<Statement> statements_;
};

/// The trust policy that lets an AWS service assume a role.
PolicyDocument assume_role_policy(std::string service);

// jsonencode() takes these directly (ADL to_value, see core/functions.hpp).
inline Value to_value(const Statement& s) { return s.to_value(); }
inline Value to_value(const PolicyDocument& d) { return d.to_value(); }

}  // namespace stackgen::awsdoc
