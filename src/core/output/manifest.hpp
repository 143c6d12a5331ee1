// The manifest of an output directory: which files stackgen wrote there.
//
// `OUT/.stackgen-manifest` is read from disk on every emit and decides what
// stackgen may overwrite and remove, so it is parsed strictly: any line that
// is not a path stackgen would write (paths.hpp) makes the whole manifest
// corrupt, and a corrupt manifest stops emit before anything is written.
// No std::source_location here: the fuzz target compiles this file with clang.
#pragma once

#include <cstddef>
#include <set>
#include <string>
#include <string_view>

namespace stackgen::detail {

inline constexpr std::string_view kManifestName = ".stackgen-manifest";
/// Larger manifests are refused before they are read.
inline constexpr std::size_t kMaxManifestBytes = 16u << 20;

struct ManifestParse {
  std::set<std::string> files;
  /// Empty when the manifest is valid; else what is wrong, with its line.
  std::string error;
};

/// Parses manifest text. The first line is the header (`# stackgen manifest
/// v1` or `v2`); then one emitted path per line. CRLF line ends (git's
/// autocrlf on a committed out/) and blank lines are accepted.
ManifestParse parse_manifest(std::string_view text);

/// The text of a manifest listing `files` (sorted, v2 header).
std::string manifest_text(const std::set<std::string>& files);

}  // namespace stackgen::detail
