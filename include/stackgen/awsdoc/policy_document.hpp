// IAM policy documents (trust, identity and resource policies) as typed C++
// data, emitted through jsonencode so references stay references.
//
// Literal strings are escaped by the emitter, so `${aws:username}` in a
// resource ARN stays literal for IAM instead of being read by Terraform.
#pragma once

#include <source_location>
#include <string>
#include <vector>

#include "stackgen/core/expr.hpp"

namespace stackgen::awsdoc {

class Statement {
 public:
  // Out of line, as are the setters: compiled once in the library, not in
  // every stack file that writes a policy.
  Statement();
  Statement(const Statement&);
  Statement(Statement&&) noexcept;
  Statement& operator=(const Statement&);
  Statement& operator=(Statement&&) noexcept;
  ~Statement();

  /// The statement id. An empty id is a mistake (IAM wants letters and
  /// digits): it throws stackgen::Error here instead of vanishing.
  Statement& sid(const Expr<std::string>& id, std::source_location where = std::source_location::current());
  Statement& allow();
  Statement& deny();
  Statement& actions(std::vector<Expr<std::string>> a);
  Statement& resources(std::vector<Expr<std::string>> r);
  /// Principal {"Service": [...]}
  Statement& service_principals(std::vector<Expr<std::string>> services);
  /// Principal {"AWS": [...]} (account or role ARNs)
  Statement& aws_principals(std::vector<Expr<std::string>> arns);
  /// Condition {test: {variable: values}}, e.g. ("StringEquals", "AWS:SourceArn", {arn}).
  Statement& condition(std::string test, std::string variable, std::vector<Expr<std::string>> values);

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
  PolicyDocument();
  PolicyDocument(const PolicyDocument&);
  PolicyDocument(PolicyDocument&&) noexcept;
  PolicyDocument& operator=(const PolicyDocument&);
  PolicyDocument& operator=(PolicyDocument&&) noexcept;
  ~PolicyDocument();

  PolicyDocument& statement(Statement s);
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
