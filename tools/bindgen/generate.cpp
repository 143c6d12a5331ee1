#include "generate.hpp"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <system_error>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "header_writer.hpp"
#include "plan.hpp"
#include "schema.hpp"

namespace stackgen::bindgen {

namespace fs = std::filesystem;

Bindings generate_bindings(const nlohmann::json& schema_document, const Options& options) {
  const ProviderSchema schema = parse_provider_schema(schema_document, options.provider);
  ValueTable values;
  if (options.values) values = read_values(*options.values, schema.source, schema.version);
  const ProviderPlan plan =
      plan_provider(schema, options.schema_label, options.values ? &values : nullptr);

  Bindings b;
  b.local_name = plan.local_name;
  b.files = write_headers(plan);
  std::sort(b.files.begin(), b.files.end(),
            [](const auto& x, const auto& y) { return x.path < y.path; });

  // Two types mapping to one file would silently lose one of them.
  for (std::size_t i = 1; i < b.files.size(); ++i)
    if (b.files[i].path == b.files[i - 1].path)
      throw SchemaError(fmt::format("two bindings would both be written to {}", b.files[i].path));

  b.owned_dir = "stackgen/" + plan.local_name;
  return b;
}

namespace {

bool same_content(const fs::path& path, const std::string& content) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream existing;
  existing << in.rdbuf();
  return existing.str() == content;
}

}  // namespace

WriteSummary write_bindings(const fs::path& root, const Bindings& b) {
  WriteSummary summary;
  std::set<fs::path> wanted;
  for (const auto& f : b.files) {
    const fs::path path = root / f.path;
    wanted.insert(path.lexically_normal());
    if (same_content(path, f.content)) {
      ++summary.unchanged;
      continue;
    }
    fs::create_directories(path.parent_path());
    // A whole file or none: an interrupted run leaves no truncated header
    // with a fresh timestamp behind.
    fs::path tmp = path;
    tmp += ".bindgen-tmp";
    {
      std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
      out << f.content;
      if (!out.flush()) throw std::runtime_error("cannot write " + tmp.string());
    }
    fs::rename(tmp, path);
    ++summary.written;
  }

  if (const fs::path owned = root / b.owned_dir; fs::is_directory(owned)) {
    std::vector<fs::path> stale;
    for (const auto& entry : fs::recursive_directory_iterator(owned)) {
      const auto& p = entry.path();
      const bool ours = p.extension() == ".hpp" || p.extension() == ".bindgen-tmp";
      if (entry.is_regular_file() && ours && !wanted.count(p.lexically_normal()))
        stale.push_back(p);
    }
    for (const auto& path : stale) {
      fs::remove(path);
      ++summary.removed;
    }
    // Directories emptied by the removal (e.g. data/ when the last data
    // source went away).
    std::vector<fs::path> dirs;
    for (const auto& entry : fs::recursive_directory_iterator(owned))
      if (entry.is_directory()) dirs.push_back(entry.path());
    std::sort(dirs.rbegin(), dirs.rend());
    for (const auto& d : dirs) {
      std::error_code ec;
      if (fs::is_empty(d, ec)) fs::remove(d, ec);
    }
  }
  return summary;
}

}  // namespace stackgen::bindgen
