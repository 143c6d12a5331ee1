// Reading JSON into Values: emitted files back into the model's own
// compact nodes (for `stackgen diff`, snapshots and tests).
//
// Strings become literal strings (a "${...}" in the text stays text: it is
// not parsed as an expression). Objects keep every member, sorted; a
// repeated key is kept twice, as it is in the text. The parser is iterative
// (no recursion, whatever the nesting) and rejects invalid UTF-8, lone
// surrogates and trailing garbage.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

#include "stackgen/core/value.hpp"

namespace stackgen {

class JsonError : public std::runtime_error {
 public:
  JsonError(const std::string& message, std::size_t offset)
      : std::runtime_error(message + " at byte " + std::to_string(offset)), offset_(offset) {}
  std::size_t offset() const noexcept { return offset_; }

 private:
  std::size_t offset_;
};

/// The JSON document `text` as a literal Value; throws JsonError.
Value value_from_json(std::string_view text);

}  // namespace stackgen
