// `stackgen convert`: a Terraform root module (.tf, .tf.json, CDKTF's
// cdk.tf.json) in, a C++ stack program that uses the typed bindings out
// (docs/convert.md).
//
//   ConvertOptions o{.inputs = {"infra/"}, .out = "converted", .stack = "infra",
//                    .schemas = {"share/stackgen/schema/aws-5.100.0.json"}};
//   ConvertSummary summary = convert(o);   // throws std::runtime_error
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace stackgen::convert {

struct ConvertOptions {
  std::vector<std::filesystem::path> inputs;
  std::filesystem::path out;
  /// The registered stack's name (also the CMake target's).
  std::string stack = "converted";
  /// Provider schemas (`terraform providers schema -json` format) whose
  /// types become typed bindings; other types use the escape hatch.
  std::vector<std::filesystem::path> schemas;
  /// The AWS line the generated CMakeLists.txt builds against ("5.100.0").
  std::string aws_provider;
  /// Overwrite files an earlier convert wrote into `out` even where they
  /// were edited since (files convert did not write are never touched).
  bool force = false;
};

struct ConvertSummary {
  int typed_blocks = 0;      ///< declarations written with typed bindings / core API
  int untyped_blocks = 0;    ///< resources, data sources, providers via the escape hatch
  int raw_expressions = 0;   ///< expressions kept as HCL text (stackgen::raw)
  int text_references = 0;   ///< references written as text (stackgen::ref), checked at emit
  int not_converted = 0;     ///< constructs left as a `// stackgen convert:` comment
  std::vector<std::string> files;  ///< written, relative to out
  std::vector<std::string> notes;  ///< one line per construct not converted
};

/// Reads the inputs, writes the program into options.out (created; existing
/// files that convert would write are replaced, nothing else is touched).
ConvertSummary convert(const ConvertOptions& options);

}  // namespace stackgen::convert
