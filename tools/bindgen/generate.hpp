// bindgen's front door: schema document in, generated files out.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "code_writer.hpp"

namespace stackgen::bindgen {

struct Options {
  std::string provider;      ///< which provider of the document; empty: the only one
  std::string schema_label;  ///< how generated files name the schema, e.g. "schema/aws-5.100.0.json"
  /// Allowed values (values.hpp) for the same provider version, or null.
  const nlohmann::json* values = nullptr;
};

struct Bindings {
  std::string local_name;  ///< "aws"
  /// Headers only, paths relative to the include root ("stackgen/aws/vpc.hpp").
  std::vector<GeneratedFile> files;
  /// The directory (relative to the include root) the bindings own:
  /// stackgen/<p>. Its .hpp files that `files` does not list are stale.
  std::string owned_dir;
};

/// Generates every header of one provider's bindings, sorted by path.
/// Throws SchemaError.
Bindings generate_bindings(const nlohmann::json& schema_document, const Options& options);

struct WriteSummary {
  std::size_t written = 0;
  std::size_t unchanged = 0;
  std::size_t removed = 0;
};

/// Writes `b` under the include root `root`: files whose bytes differ are
/// rewritten (through a temporary file and a rename; others keep their
/// timestamps, so builds stay incremental) and .hpp files under
/// root/stackgen/<p>/ that the bindings no longer contain are removed, with
/// directories that become empty. Nothing else under `root` is touched.
WriteSummary write_bindings(const std::filesystem::path& root, const Bindings& b);

}  // namespace stackgen::bindgen
