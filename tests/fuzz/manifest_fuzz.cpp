// Fuzz target: the output manifest reader (src/core/output/manifest.cpp).
//
// Whatever the bytes of OUT/.stackgen-manifest, parsing must not crash, and
// every path it accepts must be one stackgen writes: relative, no `..`, no
// absolute path, no backslash or control character, `<stack>/<file>`. And
// what the writer writes for the accepted set must parse back to it.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/output/manifest.hpp"
#include "core/output/paths.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = stackgen::detail::parse_manifest(text);
  if (!parsed.error.empty()) {
    if (!parsed.files.empty()) __builtin_trap();
    return 0;
  }
  for (const auto& f : parsed.files) {
    if (!stackgen::detail::is_emitted_path(f)) __builtin_trap();
    if (f.empty() || f[0] == '/' || f.find("..") == 0 || f.find("/..") != std::string_view::npos ||
        f.find('\\') != std::string_view::npos || f.find("//") != std::string_view::npos)
      __builtin_trap();
    for (char c : f)
      if (static_cast<unsigned char>(c) < 0x20) __builtin_trap();
  }
  auto again = stackgen::detail::parse_manifest(stackgen::detail::manifest_text(parsed.files));
  if (!again.error.empty() || again.files != parsed.files) __builtin_trap();
  return 0;
}
