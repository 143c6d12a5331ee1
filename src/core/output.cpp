// Writing emitted files: atomic replacement and a manifest of what stackgen
// wrote, so stale files are removed and foreign files are never touched.
#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <system_error>
#include <unistd.h>

#include "stackgen/core/emit.hpp"

namespace stackgen {
namespace fs = std::filesystem;

namespace {

constexpr std::string_view kManifestName = ".stackgen-manifest";
constexpr std::string_view kManifestHeader = "# stackgen manifest v1: files written by `stackgen emit`";

std::set<std::string> read_manifest(const fs::path& out_dir) {
  std::set<std::string> files;
  std::ifstream in(out_dir / kManifestName);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    files.insert(line);
  }
  return files;
}

std::optional<std::string> read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

fs::path temp_name(const fs::path& target) {
  // Built by appending: `"." + string` trips a GCC 12 -Wrestrict false positive.
  std::string name(1, '.');
  name += target.filename().string();
  name += ".tmp.";
  name += std::to_string(::getpid());
  return target.parent_path() / name;
}

void write_temp(const fs::path& tmp, const std::string& content) {
  std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
  out << content;
  out.flush();
  if (!out) throw OutputError("cannot write " + tmp.string());
}

bool in_scope(const std::string& path, const std::vector<std::string>& stacks) {
  if (stacks.empty()) return true;
  for (const auto& s : stacks)
    if (path.rfind(s + "/", 0) == 0) return true;
  return false;
}

}  // namespace

WriteReport write_output(const std::vector<RenderedFile>& files, const WriteOptions& options) {
  const fs::path& out = options.out_dir;
  std::set<std::string> old_manifest = read_manifest(out);
  WriteReport report;

  // 1. Decide everything before touching the disk.
  std::set<std::string> new_paths;
  std::vector<const RenderedFile*> to_write;
  for (const auto& f : files) {
    if (f.path.find("..") != std::string::npos || fs::path(f.path).is_absolute())
      throw OutputError("refusing to write outside the output directory: " + f.path);
    new_paths.insert(f.path);
    fs::path target = out / f.path;
    auto existing = read_file(target);
    if (existing && !old_manifest.count(f.path))
      throw OutputError(target.string() +
                        " exists and was not written by stackgen (not in " +
                        (out / kManifestName).string() + "); move it away, stackgen will not overwrite it");
    if (existing && *existing == f.content) {
      report.unchanged.push_back(f.path);
    } else {
      report.written.push_back(f.path);
      to_write.push_back(&f);
    }
  }
  std::vector<std::string> stale;
  for (const auto& p : old_manifest) {
    if (!new_paths.count(p) && in_scope(p, options.stacks) && fs::exists(out / p)) stale.push_back(p);
  }
  report.removed = stale;
  if (options.check_only) return report;

  // 2. Write every file to a temporary beside its target, then rename them
  // all: a failure while writing leaves every target as it was.
  std::vector<std::pair<fs::path, fs::path>> renames;
  try {
    for (const auto* f : to_write) {
      fs::path target = out / f->path;
      fs::create_directories(target.parent_path());
      fs::path tmp = temp_name(target);
      write_temp(tmp, f->content);
      renames.emplace_back(tmp, target);
    }
  } catch (...) {
    for (const auto& [tmp, target] : renames) {
      std::error_code ec;
      fs::remove(tmp, ec);
    }
    throw;
  }
  for (const auto& [tmp, target] : renames) fs::rename(tmp, target);

  // 3. Remove stale files and directories left empty.
  for (const auto& p : stale) {
    std::error_code ec;
    fs::remove(out / p, ec);
    fs::path dir = (out / p).parent_path();
    while (dir != out && fs::exists(dir) && fs::is_empty(dir)) {
      fs::remove(dir, ec);
      dir = dir.parent_path();
    }
  }

  // 4. The manifest: what this run wrote, plus earlier entries of stacks
  // outside this run's scope that still exist.
  std::set<std::string> manifest = new_paths;
  for (const auto& p : old_manifest)
    if (!in_scope(p, options.stacks) && fs::exists(out / p)) manifest.insert(p);
  std::string text = std::string(kManifestHeader) + "\n";
  for (const auto& p : manifest) text += p + "\n";
  fs::create_directories(out);
  fs::path mpath = out / kManifestName;
  if (read_file(mpath) != text) {
    fs::path tmp = temp_name(mpath);
    write_temp(tmp, text);
    fs::rename(tmp, mpath);
  }
  return report;
}

}  // namespace stackgen
