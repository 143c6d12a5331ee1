// write_output(): putting rendered files on disk, safely.
//
// The output directory is input too: a pull request can commit a crafted
// out/ (links, a manifest naming ../../x, planted temporaries). So:
//  1. every path is checked against the grammar of what stackgen writes
//     (paths.hpp) and reached through directory.hpp, which never follows a
//     link;
//  2. everything is decided before anything is written, under a lock;
//  3. the steps are ordered so that a kill, ENOSPC or failed rename at any
//     point leaves a state the next run repairs: temporaries (cleaned up
//     by the next run) -> a manifest listing old and new files -> renames ->
//     removal of stale files -> the final manifest.
#include <algorithm>
#include <set>

#include "directory.hpp"
#include "manifest.hpp"
#include "../text.hpp"
#include "paths.hpp"
#include "stackgen/core/emit.hpp"

namespace stackgen {

namespace {

using detail::OutputDirectory;
using detail::PathState;

/// Larger files on disk are never read into memory (the largest emitted
/// file, 150k resources, is under 100 MB).
constexpr std::size_t kMaxReadBytes = std::size_t{1} << 30;

std::set<std::string> read_manifest(const OutputDirectory& dir) {
  const std::string name(detail::kManifestName);
  auto state = dir.state(name);
  if (state.kind == PathState::Kind::missing) return {};
  if (state.kind == PathState::Kind::other)
    throw OutputError(dir.display(name) + " is " + state.description +
                      ", not a manifest stackgen wrote; move it away, nothing was written");
  auto text = dir.read(name, detail::kMaxManifestBytes);
  if (!text) return {};
  auto parsed = detail::parse_manifest(*text);
  if (!parsed.error.empty())
    throw OutputError(dir.display(name) + " is corrupt (" + parsed.error +
                      "); nothing was written. Restore it from version control, or move the output directory "
                      "away and emit again");
  return std::move(parsed.files);
}

void write_manifest(const OutputDirectory& dir, const std::set<std::string>& files) {
  const std::string name(detail::kManifestName);
  std::string text = detail::manifest_text(files);
  auto current = dir.state(name);
  if (current.kind == PathState::Kind::regular && static_cast<std::size_t>(current.size) == text.size() &&
      dir.read(name, detail::kMaxManifestBytes) == text)
    return;
  auto pending = dir.write_temporary(name, text);
  try {
    dir.commit(pending);
  } catch (...) {
    OutputDirectory::discard(pending);
    throw;
  }
  dir.sync_parent(name);
}

/// The directory part of an emitted path ("a/b/c.json" -> "a/b").
std::string_view directory_of(std::string_view path) {
  auto slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string_view{} : path.substr(0, slash);
}

}  // namespace

WriteReport write_output(const std::vector<RenderedFile>& files, const WriteOptions& options) {
  auto step = [&](std::string_view name) {
    if (options.after_step) options.after_step(name);
  };
  // 1. The input: paths, scope.
  std::set<std::string> new_paths;
  std::set<std::string, std::less<>> scope(options.stacks.begin(), options.stacks.end());
  for (const auto& f : files) {
    std::string why;
    if (!detail::is_emitted_path(f.path, &why))
      throw OutputError("refusing to write '" + detail::printable(f.path) + "': " + why);
    if (!new_paths.insert(f.path).second) throw OutputError("two files to write at " + f.path);
    if (options.stacks.empty()) scope.emplace(detail::stack_of(f.path));
  }
  for (const auto& s : options.stacks) {
    std::string why;
    if (!detail::is_valid_stack_name(s, &why))
      throw OutputError("invalid stack name '" + detail::printable(s) + "': " + why);
  }
  std::set<std::string, std::less<>> defined(options.defined_stacks.begin(), options.defined_stacks.end());
  defined.insert(scope.begin(), scope.end());
  // The order file belongs to the program, not a stack: rewritten by an
  // emit of every stack, left alone by an emit of some (never "kept").
  defined.emplace("");

  WriteReport report;
  auto dir = OutputDirectory::open(options.out_dir, !options.check_only);
  if (!dir) {  // check_only and nothing there yet
    report.written.assign(new_paths.begin(), new_paths.end());
    return report;
  }
  dir->lock(!options.check_only);
  const std::set<std::string> old_manifest = read_manifest(*dir);

  // Directories this run touches; earlier runs' temporaries there go first.
  std::set<std::string, std::less<>> dirs{""};
  for (const auto& p : new_paths) dirs.emplace(directory_of(p));
  for (const auto& p : old_manifest) dirs.emplace(directory_of(p));
  if (!options.check_only) {
    for (const auto& d : dirs) report.stale_temporaries += dir->remove_stale_temporaries(d);
  }

  // 2. Decide everything before changing anything.
  std::vector<const RenderedFile*> to_write;
  for (const auto& f : files) {
    PathState state = dir->state(f.path);
    if (state.kind == PathState::Kind::other)
      throw OutputError(dir->display(f.path) + " is " + state.description +
                        ", not a file stackgen wrote; move it away, nothing was written");
    if (state.kind == PathState::Kind::regular && !old_manifest.count(f.path))
      throw OutputError(dir->display(f.path) + " exists and was not written by stackgen (not in " +
                        dir->display(detail::kManifestName) +
                        "); move it away, stackgen will not overwrite it");
    bool same = state.kind == PathState::Kind::regular && static_cast<std::size_t>(state.size) == f.content.size() &&
                dir->read(f.path, kMaxReadBytes) == f.content;
    if (same) {
      report.unchanged.push_back(f.path);
    } else {
      report.written.push_back(f.path);
      to_write.push_back(&f);
    }
  }
  std::vector<std::string> stale;
  std::set<std::string> kept_entries;  // manifest entries that stay listed
  for (const auto& p : old_manifest) {
    if (new_paths.count(p)) continue;
    auto stack = detail::stack_of(p);
    bool ours_now = scope.count(stack) > 0;
    bool unknown = !defined.count(stack);
    PathState state = dir->state(p);
    if (state.kind == PathState::Kind::missing) continue;  // gone already: drop the entry
    if (ours_now || (unknown && options.prune)) {
      if (state.kind == PathState::Kind::other)
        throw OutputError(dir->display(p) + " is " + state.description +
                          ", not the file stackgen wrote there; remove it by hand, nothing was written");
      stale.push_back(p);
    } else {
      if (unknown) report.kept.push_back(p);
      kept_entries.insert(p);
    }
  }
  report.removed = stale;
  if (options.check_only) return report;
  step("decided");

  // 3. Temporaries beside their targets; a failure removes them again.
  std::vector<detail::PendingFile> pending;
  try {
    for (const auto* f : to_write) pending.push_back(dir->write_temporary(f->path, f->content));
  } catch (...) {
    for (const auto& p : pending) OutputDirectory::discard(p);
    throw;
  }
  step("temporaries");

  std::set<std::string> final_manifest = new_paths;
  final_manifest.insert(kept_entries.begin(), kept_entries.end());
  // 4. A manifest that lists every file that may exist after the renames
  // and removals (old and new): a kill from here on leaves nothing
  // unlisted, so the next run never mistakes its own file for a foreign one.
  if (!to_write.empty()) {
    std::set<std::string> intent = final_manifest;
    intent.insert(stale.begin(), stale.end());
    try {
      write_manifest(*dir, intent);
    } catch (...) {
      for (const auto& p : pending) OutputDirectory::discard(p);
      throw;
    }
  }
  step("intent-manifest");

  // 5. Renames, then one fsync per directory.
  std::set<std::string, std::less<>> renamed_dirs;
  for (std::size_t i = 0; i < pending.size(); ++i) {
    try {
      dir->commit(pending[i]);
    } catch (...) {
      for (std::size_t j = i; j < pending.size(); ++j) OutputDirectory::discard(pending[j]);
      throw;
    }
    renamed_dirs.emplace(pending[i].relative);
  }
  for (const auto& p : renamed_dirs) dir->sync_parent(p);
  step("renamed");

  // 6. Stale files, and directories they leave empty (never OUT itself, and
  // never one that still holds other files).
  for (const auto& p : stale) {
    dir->remove_file(p);
    dir->sync_parent(p);
    dir->remove_empty_parents(p);
  }
  step("removed");

  // 7. The final manifest.
  write_manifest(*dir, final_manifest);
  step("manifest");
  return report;
}

std::optional<std::string> read_emitted(const std::filesystem::path& out_dir, std::string_view path) {
  std::string why;
  if (!detail::is_emitted_path(path, &why))
    throw OutputError("refusing to read '" + detail::printable(path) + "': " + why);
  auto dir = OutputDirectory::open(out_dir, false);
  if (!dir) return std::nullopt;
  return dir->read(path, kMaxReadBytes);
}

}  // namespace stackgen
