// stackgen::Error: a mistake in stack code, located at the C++ line that
// made it.
//
// Most mistakes are collected as diagnostics at emit. Some cannot even be
// represented (a stack name that is not a directory name, reference text
// that is not a traversal): the library throws an Error at the call, with
// the caller's source location, and the CLI reports it like a diagnostic
// and writes nothing.
#pragma once

#include <stdexcept>
#include <string>

#include "stackgen/core/diagnostic.hpp"

namespace stackgen {

class Error : public std::invalid_argument {
 public:
  Error(const std::string& message, SourceLocation where, std::string rule = "core.invalid-argument")
      : std::invalid_argument(message), where_(std::move(where)), rule_(std::move(rule)) {}
  const SourceLocation& where() const noexcept { return where_; }
  const std::string& rule() const noexcept { return rule_; }

 private:
  SourceLocation where_;
  std::string rule_;
};

}  // namespace stackgen
