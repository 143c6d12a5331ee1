// Parse errors.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

#include "hcl/position.hpp"

namespace stackgen::hcl {

/// A syntax error. The parser stops at the first one (see docs/hcl-parser.md).
struct Error {
  std::string filename;
  Pos pos;              ///< where the problem is
  std::string message;  ///< e.g. "Missing newline after argument: ..."

  /// "file:line:column: message" (or "line:column: message" without a file name).
  std::string str() const;
};

/// Thrown by the *_or_throw functions; what() is Error::str().
class ParseError : public std::runtime_error {
 public:
  explicit ParseError(Error e) : std::runtime_error(e.str()), error_(std::move(e)) {}
  const Error& error() const noexcept { return error_; }

 private:
  Error error_;
};

/// The outcome of a parse: a value, or the error that stopped it.
template <class T>
struct ParseResult {
  T value{};
  std::optional<Error> error;

  bool ok() const noexcept { return !error.has_value(); }
  explicit operator bool() const noexcept { return ok(); }
};

}  // namespace stackgen::hcl
