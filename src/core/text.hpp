// Text facts every layer needs: UTF-8 validity and printable rendering.
// No std::source_location here: fuzz targets compile this file with clang.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace stackgen::detail {

/// True when `text` is well-formed UTF-8 (no overlong forms, surrogates or
/// code points above U+10FFFF). Otherwise `bad_offset` is the first bad byte.
bool valid_utf8(std::string_view text, std::size_t* bad_offset = nullptr);

/// Text with control characters and invalid UTF-8 escaped (\n, \x1b, ...),
/// so that a crafted name cannot forge lines of a diagnostic or a report.
std::string printable(std::string_view text);

}  // namespace stackgen::detail
