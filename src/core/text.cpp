#include "text.hpp"

#include <cstdint>
#include <cstring>

namespace stackgen::detail {

namespace {

/// The length of the well-formed UTF-8 sequence at text[i] (1-4), or 0;
/// `cp` is its code point.
std::size_t sequence_at(std::string_view text, std::size_t i, unsigned& cp) {
  const auto c = static_cast<unsigned char>(text[i]);
  if (c < 0x80) {
    cp = c;
    return 1;
  }
  const std::size_t len = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 && c < 0xf0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 0;
  if (len == 0 || i + len > text.size()) return 0;
  cp = len == 2 ? c & 0x1fu : len == 3 ? c & 0x0fu : c & 0x07u;
  for (std::size_t k = 1; k < len; ++k) {
    const auto cc = static_cast<unsigned char>(text[i + k]);
    if ((cc & 0xc0) != 0x80) return 0;
    cp = (cp << 6) | (cc & 0x3fu);
  }
  if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
      (cp >= 0xd800 && cp <= 0xdfff))
    return 0;
  return len;
}

}  // namespace

bool valid_utf8(std::string_view text, std::size_t* bad_offset) {
  for (std::size_t i = 0; i < text.size();) {
    // ASCII runs are the common case: eight bytes at a time.
    while (i + 8 <= text.size()) {
      std::uint64_t word;
      std::memcpy(&word, text.data() + i, 8);
      if (word & 0x8080808080808080ull) break;
      i += 8;
    }
    if (i >= text.size()) break;
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    unsigned cp = 0;
    const std::size_t len = sequence_at(text, i, cp);
    if (len == 0) {
      if (bad_offset) *bad_offset = i;
      return false;
    }
    i += len;
  }
  return true;
}

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  auto hex = [&](unsigned char c) {
    static constexpr char kDigits[] = "0123456789abcdef";
    out += "\\x";
    out += kDigits[c >> 4];
    out += kDigits[c & 15];
  };
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    unsigned cp = 0;
    const std::size_t len = sequence_at(text, i, cp);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (len == 0 || cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f)) {
      // Controls, C1 controls included (terminals act on some of them), and
      // bytes that are not UTF-8, one escape per byte.
      hex(c);
    } else {
      out.append(text.data() + i, len);
      i += len;
      continue;
    }
    ++i;
  }
  return out;
}

}  // namespace stackgen::detail

namespace stackgen {
std::string printable(std::string_view text) { return detail::printable(text); }
}  // namespace stackgen
