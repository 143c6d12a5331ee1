#include "manifest.hpp"

#include "../text.hpp"
#include "paths.hpp"

namespace stackgen::detail {

namespace {
constexpr std::string_view kHeaderPrefix = "# stackgen manifest v";
constexpr std::string_view kHeaderV2 = "# stackgen manifest v2: files written by `stackgen emit`; do not edit";
}  // namespace

ManifestParse parse_manifest(std::string_view text) {
  ManifestParse out;
  std::size_t line_no = 0;
  bool header_seen = false;
  auto fail = [&](const std::string& why) {
    out.files.clear();
    out.error = "line " + std::to_string(line_no) + ": " + why;
    return out;
  };
  while (!text.empty()) {
    ++line_no;
    auto nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!header_seen) {
      if (line.substr(0, kHeaderPrefix.size()) != kHeaderPrefix)
        return fail("not a stackgen manifest (the first line must be the `# stackgen manifest` header)");
      auto rest = line.substr(kHeaderPrefix.size());
      bool known = !rest.empty() && (rest[0] == '1' || rest[0] == '2') && (rest.size() == 1 || rest[1] == ':');
      if (!known) return fail("unsupported manifest version '" + printable(line) + "'");
      header_seen = true;
      continue;
    }
    if (line.empty()) continue;
    std::string why;
    if (!is_emitted_path(line, &why))
      return fail("'" + printable(line) + "' is not a path stackgen writes (" + why + ")");
    out.files.emplace(line);
  }
  if (!header_seen) {
    line_no = 1;
    return fail("empty manifest (no header)");
  }
  return out;
}

std::string manifest_text(const std::set<std::string>& files) {
  std::string text(kHeaderV2);
  text += '\n';
  for (const auto& f : files) {
    text += f;
    text += '\n';
  }
  return text;
}

}  // namespace stackgen::detail
