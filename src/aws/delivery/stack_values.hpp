// How the deployment files carry values of the stack: a literal as it is,
// anything Terraform knows only after apply as an output `deploy_<what>`
// of the stack and a placeholder `@{output.deploy_<what>}` that resolve.jq
// fills in from `terraform output -json`.
#pragma once

#include <map>
#include <source_location>
#include <string>
#include <vector>

#include <stackgen/core/inspect.hpp>
#include <stackgen/core/stack.hpp>

#include "yaml.hpp"

namespace stackgen::delivery::detail {

class StackValues {
 public:
  StackValues(Stack& stack, std::source_location where);

  /// `v` as JSON: literals as they are, every expression inside as the
  /// placeholder of an output named after `what` ("admin_db_url").
  Tree json(const Value& v, const std::string& what);
  /// A string for a shell script: the literal, or `$DEPLOY_<WHAT>` (the
  /// workflow exports non-sensitive deploy outputs as variables). A
  /// sensitive value is refused: it must not reach a script.
  std::string shell(const Value& v, const std::string& what);
  /// The output carrying `v` (one per distinct expression).
  std::string output_for(const Value& v, const std::string& what);

  /// The outputs added, in the order added, and which are sensitive.
  const std::vector<std::string>& outputs() const { return outputs_; }
  bool is_sensitive(const std::string& output) const;

  /// Where the error points: the caller of deployment_files().
  [[noreturn]] void fail(const std::string& message) const;

 private:
  Stack& stack_;
  std::source_location where_;
  std::map<std::string, std::string> by_expression_;  // HCL text -> output
  std::vector<std::string> outputs_;
  std::vector<std::string> sensitive_;
};

/// `deploy_` + what, lower case, other characters as '_'.
std::string output_name(const std::string& what);
/// `name` as GitHub secret and shell variable names are written: upper
/// case, anything but letters and digits as '_' (`db-password` -> DB_PASSWORD).
std::string upper_name(const std::string& name);
/// The shell variable a non-sensitive output is exported as: DEPLOY_X.
inline std::string shell_variable(const std::string& output) { return upper_name(output); }
/// `text` single-quoted for a POSIX shell.
std::string shell_quote(const std::string& text);

}  // namespace stackgen::delivery::detail
