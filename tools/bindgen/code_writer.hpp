// A line-oriented text builder with indentation, for generated C++.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace stackgen::bindgen {

/// A file bindgen produces; `path` is relative to the output root (an
/// include root: "stackgen/aws/vpc.hpp").
struct GeneratedFile {
  std::string path;
  std::string content;
};

class CodeWriter {
 public:
  static constexpr std::size_t kColumns = 100;

  /// One line at the current indentation; an empty line has no indentation.
  void line(std::string_view text = {});
  /// A `///` doc comment, wrapped at kColumns. Text must be one line (no
  /// newline) and must not end with a backslash: one_line() makes it so.
  void doc(std::string_view text);
  /// A `//` comment, wrapped at kColumns.
  void comment(std::string_view text);
  void indent(int spaces = 2) { indent_ += spaces; }
  void dedent(int spaces = 2) { indent_ -= spaces; }
  int indentation() const { return indent_; }

  const std::string& str() const { return out_; }

 private:
  void wrapped(std::string_view prefix, std::string_view text);

  std::string out_;
  int indent_ = 0;
};

/// `s` as a C++ string literal, quotes included (control characters escaped).
std::string cpp_string(std::string_view s);
/// `s` as adjacent C++ string literals of at most `width` characters of
/// text each (escape sequences are never split; meant for ASCII text such as
/// type JSON, where each character escapes to at most two).
std::vector<std::string> cpp_string_pieces(std::string_view s, std::size_t width);

/// The banner every generated file starts with.
std::string generated_banner(std::string_view schema_label, std::string_view source,
                             std::string_view version);

}  // namespace stackgen::bindgen
