// Fuzz target: template-context escaping (src/core/model/hcl_text.cpp).
//
// For any text, what the renderer writes into a JSON string must (1) be
// valid JSON string content, and (2) decode, as Terraform's template
// language would read it, to the text itself: every `${` / `%{` of the
// input escaped, no interpolation or directive left except the ones the
// escaper writes on purpose (`${"\r"}`, `${"$$"}`). The decoder below is a
// model of HCL's template scanner for exactly those forms; anything else
// that would start an interpolation is a failure.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/model/hcl_text.hpp"

namespace {

[[noreturn]] void fail(const char* why) {
  __builtin_trap();
  (void)why;
}

/// JSON string content -> bytes (only the escapes the writer produces).
std::string json_unescape(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (static_cast<unsigned char>(c) < 0x20 || c == '"') fail("unescaped control or quote in JSON");
    if (c != '\\') {
      out += c;
      continue;
    }
    if (++i >= s.size()) fail("dangling backslash");
    switch (s[i]) {
      case '"': out += '"'; break;
      case '\\': out += '\\'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'u': {
        if (i + 4 >= s.size()) fail("short \\u");
        unsigned v = static_cast<unsigned>(std::strtoul(std::string(s.substr(i + 1, 4)).c_str(), nullptr, 16));
        if (v >= 0x20) fail("\\u for a printable character");
        out += static_cast<char>(v);
        i += 4;
        break;
      }
      default: fail("unknown JSON escape");
    }
  }
  return out;
}

/// Template text -> the string Terraform evaluates it to.
std::string template_decode(std::string_view t) {
  std::string out;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const char c = t[i];
    if ((c == '$' || c == '%') && i + 1 < t.size() && t[i + 1] == c && i + 2 < t.size() && t[i + 2] == '{') {
      out += c;  // $${ -> ${ (the '{' is copied next round)
      ++i;
      continue;
    }
    if (c == '%' && i + 1 < t.size() && t[i + 1] == '{') fail("a directive in literal text");
    if (c == '$' && i + 1 < t.size() && t[i + 1] == '{') {
      // Only ${"..."} of what the escaper writes on purpose.
      std::size_t end = t.find("\"}", i + 3);
      if (i + 2 >= t.size() || t[i + 2] != '"' || end == std::string_view::npos) fail("an interpolation");
      // A run of '$', then at most one escaped carriage return.
      std::string_view inner = t.substr(i + 3, end - (i + 3));
      std::size_t dollars = 0;
      while (dollars < inner.size() && inner[dollars] == '$') ++dollars;
      out += inner.substr(0, dollars);
      std::string_view rest = inner.substr(dollars);
      if (rest == "\\r") out += '\r';
      else if (!rest.empty()) fail("an interpolation of something else");
      i = end + 1;
      continue;
    }
    out += c;
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const bool before_interpolation = data[0] & 1;
  std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  std::string json;
  stackgen::detail::append_json_template_text(json, text, before_interpolation);
  std::string decoded = template_decode(json_unescape(json));
  if (decoded != text) fail("round trip");
  if (before_interpolation) {
    // An interpolation follows: the text must not end in a bare '$' (which
    // would read `$${` as an escape) nor '%'-brace trouble.
    std::string t = json_unescape(json);
    if (!t.empty() && t.back() == '$') fail("a '$' right before an interpolation");
  }
  // The HCL quoted form of the same text (inside `${...}`) escapes quotes,
  // backslashes, controls and template sequences.
  std::string hcl;
  stackgen::detail::append_hcl_quoted(hcl, text);
  if (hcl.size() < 2 || hcl.front() != '"' || hcl.back() != '"') fail("HCL quotes");
  for (std::size_t i = 1; i + 1 < hcl.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(hcl[i]);
    if (c < 0x20) fail("raw control character in an HCL string");
    if (c == '"' && hcl[i - 1] != '\\') fail("unescaped quote in an HCL string");
  }
  return 0;
}
