// JsonOut: the one writer of emitted JSON.
//
// Everything stackgen emits goes through this class: two-space indent,
// `"key": value`, empty containers as `{}` / `[]`, a trailing newline. The
// caller writes object members in sorted order (the renderer sorts; Value
// objects are stored sorted). Values are written in one of two contexts:
// template (attribute values, locals, outputs: literal text escaped,
// expressions as "${...}") or literal (variable types, defaults and
// descriptions: text as it is). Value trees are walked with an explicit
// stack, never recursively.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "stackgen/core/value.hpp"

namespace stackgen::detail {

enum class Context : std::uint8_t { template_, literal };

class JsonOut {
 public:
  explicit JsonOut(std::string& out) : out_(out) {}

  void begin_object();
  void end_object();
  void begin_array();
  void end_array();
  /// A member name (written as it is, JSON-escaped).
  void key(std::string_view k);
  void string(std::string_view s);
  void boolean(bool b);
  void value(const Value& v, Context context);
  /// Ends the document (a trailing newline).
  void finish() { out_ += '\n'; }

 private:
  struct Level {
    bool empty = true;
    bool object = false;
  };
  /// Separator and indentation before an array element or a member.
  void item();
  void indent(std::size_t depth) {
    static constexpr std::string_view kSpaces = "                                                                ";
    for (std::size_t n = depth * 2; n > 0;) {
      const std::size_t k = std::min(n, kSpaces.size());
      out_.append(kSpaces.data(), k);
      n -= k;
    }
  }
  void close(char bracket);

  std::string& out_;
  std::vector<Level> levels_;
  bool after_key_ = false;
};

}  // namespace stackgen::detail
