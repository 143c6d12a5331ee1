// Diagnostics: findings of the checks, each located at the C++ line that
// declared the object at fault.
#pragma once

#include <source_location>
#include <string>
#include <string_view>
#include <vector>

namespace stackgen {

enum class Severity { error, warning, note };

struct SourceLocation {
  std::string file;
  unsigned line = 0;
  static SourceLocation from(const std::source_location& where) {
    return {where.file_name(), static_cast<unsigned>(where.line())};
  }
};

/// `text` with control characters and invalid UTF-8 escaped (\n, \x1b,
/// ...): how stackgen shows text it did not write (names, paths, input).
std::string printable(std::string_view text);

struct Diagnostic {
  Severity severity = Severity::error;
  std::string rule;     ///< stable id, e.g. "core.dangling-reference" or "SG001"
  std::string stack;    ///< stack name
  std::string address;  ///< Terraform address of the object at fault
  SourceLocation where;
  std::string message;
  std::string hint;
  /// Set when a suppression with a written reason silenced this finding.
  std::string suppressed_because;
};

class Diagnostics {
 public:
  /// Control characters and invalid UTF-8 in the texts are escaped here
  /// (\n, \x1b, ...), so a crafted name cannot forge report lines.
  void add(Diagnostic d);
  const std::vector<Diagnostic>& items() const { return items_; }
  std::vector<Diagnostic>& items() { return items_; }
  /// Errors (and, with `strict`, unsuppressed warnings).
  bool has_errors(bool strict = false) const;
  void append(const Diagnostics& other) {
    items_.insert(items_.end(), other.items_.begin(), other.items_.end());
  }
  /// Stable order: file, line, rule, address, message.
  void sort();

 private:
  std::vector<Diagnostic> items_;
};

const char* to_string(Severity s);

}  // namespace stackgen
