// Comments, kept by the parser so that a converter can re-emit them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "hcl/position.hpp"

namespace stackgen::hcl {

/// One comment as written in the source.
struct Comment {
  enum class Style {
    Hash,         ///< `# text` (to the end of the line)
    DoubleSlash,  ///< `// text` (to the end of the line)
    Block,        ///< `/* text */` (may span lines)
  };
  Style style = Style::Hash;
  /// The raw source text including the delimiters (`#`, `//`, `/*` `*/`),
  /// without the line terminator of a line comment.
  std::string text;
  Range range;

  /// The text without its delimiters, e.g. " text" for `# text`.
  std::string_view content() const noexcept;
};

/// The comments attached to one node (attribute, block, object item or
/// expression). The parser attaches every comment of the source to exactly
/// one place:
///  - `leading`: comments before the node, on lines above it or before it on
///    its first line (e.g. a comment block above an attribute);
///  - `trailing`: comments after the node that start on the line where the
///    node ends (e.g. `a = 1 # why`);
///  - `inner`: comments inside the node that belong to none of its children,
///    e.g. after the last item of a multi-line object or tuple, or on the
///    line of its opening bracket.
struct Comments {
  std::vector<Comment> leading;
  std::vector<Comment> trailing;
  std::vector<Comment> inner;

  bool empty() const noexcept { return leading.empty() && trailing.empty() && inner.empty(); }
};

}  // namespace stackgen::hcl
