// Internal: UTF-8 decoding and the Unicode character classes HCL needs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace stackgen::hcl::detail {

struct CodePointRange {
  char32_t lo;
  char32_t hi;
};

/// Decodes the code point at s[i] (s must be valid UTF-8); sets `len`.
inline char32_t decode_utf8(std::string_view s, std::size_t i, std::size_t& len) noexcept {
  auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    len = 1;
    return b0;
  }
  auto cont = [&](std::size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(s[i + k]) & 0x3F); };
  if (b0 < 0xE0) {
    len = 2;
    return (static_cast<char32_t>(b0 & 0x1F) << 6) | cont(1);
  }
  if (b0 < 0xF0) {
    len = 3;
    return (static_cast<char32_t>(b0 & 0x0F) << 12) | (cont(1) << 6) | cont(2);
  }
  len = 4;
  return (static_cast<char32_t>(b0 & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3);
}

/// The byte offset of the first invalid UTF-8 sequence (overlong forms,
/// surrogates and code points above U+10FFFF are invalid), or npos.
std::size_t find_invalid_utf8(std::string_view s) noexcept;

void append_utf8(std::string& out, char32_t cp);

bool is_id_start(char32_t cp) noexcept;
bool is_id_continue(char32_t cp) noexcept;
/// Go's unicode.IsSpace, which HCL's strip markers and heredoc indentation use.
bool is_space(char32_t cp) noexcept;

/// Length in bytes of the identifier starting at s[i] (0 if none).
std::size_t scan_identifier(std::string_view s, std::size_t i) noexcept;

}  // namespace stackgen::hcl::detail
