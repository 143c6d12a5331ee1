#include "hcl/unicode.hpp"

#include <algorithm>

namespace stackgen::hcl::detail {

extern const CodePointRange id_start_ranges[];
extern const std::size_t id_start_ranges_size;
extern const CodePointRange id_continue_ranges[];
extern const std::size_t id_continue_ranges_size;

namespace {

bool in_table(const CodePointRange* table, std::size_t n, char32_t cp) noexcept {
  const CodePointRange* end = table + n;
  const CodePointRange* it =
      std::upper_bound(table, end, cp, [](char32_t c, const CodePointRange& r) { return c < r.lo; });
  return it != table && cp <= (it - 1)->hi;
}

}  // namespace

std::size_t find_invalid_utf8(std::string_view s) noexcept {
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) {
      ++i;
      continue;
    }
    auto at = [&](std::size_t k) -> int { return i + k < n ? static_cast<unsigned char>(s[i + k]) : -1; };
    auto is_cont = [](int b) { return b >= 0x80 && b <= 0xBF; };
    if (b0 >= 0xC2 && b0 <= 0xDF) {
      if (!is_cont(at(1))) return i;
      i += 2;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
      int b1 = at(1);
      int lo = b0 == 0xE0 ? 0xA0 : 0x80;  // no overlong forms
      int hi = b0 == 0xED ? 0x9F : 0xBF;  // no surrogates
      if (b1 < lo || b1 > hi || !is_cont(at(2))) return i;
      i += 3;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
      int b1 = at(1);
      int lo = b0 == 0xF0 ? 0x90 : 0x80;
      int hi = b0 == 0xF4 ? 0x8F : 0xBF;  // nothing above U+10FFFF
      if (b1 < lo || b1 > hi || !is_cont(at(2)) || !is_cont(at(3))) return i;
      i += 4;
    } else {
      return i;
    }
  }
  return std::string_view::npos;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool is_id_start(char32_t cp) noexcept {
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
  return in_table(id_start_ranges, id_start_ranges_size, cp);
}

bool is_id_continue(char32_t cp) noexcept {
  if (cp < 0x80) {
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') || cp == '_';
  }
  return in_table(id_continue_ranges, id_continue_ranges_size, cp);
}

bool is_space(char32_t cp) noexcept {
  switch (cp) {
    case '\t': case '\n': case '\v': case '\f': case '\r': case ' ':
    case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000:
      return true;
    default:
      return cp >= 0x2000 && cp <= 0x200A;
  }
}

std::size_t scan_identifier(std::string_view s, std::size_t i) noexcept {
  const std::size_t begin = i;
  if (i >= s.size()) return 0;
  std::size_t len = 0;
  char32_t cp = decode_utf8(s, i, len);
  if (!(cp == '_' || is_id_start(cp))) return 0;
  i += len;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (c == '-' || is_id_continue(c)) {
        ++i;
        continue;
      }
      break;
    }
    cp = decode_utf8(s, i, len);
    if (!is_id_continue(cp)) break;
    i += len;
  }
  return i - begin;
}

}  // namespace stackgen::hcl::detail
