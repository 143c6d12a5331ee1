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
  std::string schema_label;  ///< how generated files name the schema, e.g. "schema/aws.json"
  std::size_t types_per_file = 150;
};

struct Bindings {
  std::string local_name;  ///< "aws"
  std::vector<GeneratedFile> files;
  /// Directories (relative to the output root) the bindings own entirely:
  /// include/stackgen/<p> and src/bindings/<p>.
  std::vector<std::string> owned_dirs;
};

/// Generates every file of one provider's bindings, sorted by path. Throws
/// SchemaError.
Bindings generate_bindings(const nlohmann::json& schema_document, const Options& options);

struct WriteSummary {
  std::size_t written = 0;
  std::size_t unchanged = 0;
  std::size_t removed = 0;
};

/// Writes `b` under `root`: files whose bytes differ are rewritten (others
/// keep their timestamps, so builds stay incremental) and .hpp/.cpp files in
/// the owned directories that the bindings no longer contain are removed.
WriteSummary write_bindings(const std::filesystem::path& root, const Bindings& b);

}  // namespace stackgen::bindgen
