// Source positions of HCL syntax nodes.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

namespace stackgen::hcl {

/// A position in a source file. Lines and columns are 1-based; columns count
/// Unicode code points (a tab is one column), like HCL's diagnostics do
/// (HCL itself counts grapheme clusters; for ordinary text they agree).
/// `byte` is the 0-based byte offset into the source.
struct Pos {
  std::size_t line = 1;
  std::size_t column = 1;
  std::size_t byte = 0;

  friend bool operator==(const Pos&, const Pos&) = default;
};

/// A half-open source range [start, end) in one file. Every node of the
/// syntax tree carries one, so a converter can point back at the source.
/// The file name is shared by all ranges of one parse (it is kept by pointer
/// so that ranges stay cheap to copy and valid after the tree is moved).
struct Range {
  std::shared_ptr<const std::string> filename;
  Pos start;
  Pos end;

  /// The file name, or "" when none was given.
  const std::string& file() const noexcept {
    static const std::string empty;
    return filename ? *filename : empty;
  }
  /// "file:line:column" of the start (the form used by error messages).
  std::string str() const;
};

}  // namespace stackgen::hcl
