// The configuration `stackgen convert` reads: a root module's `.tf` files
// (HCL native syntax) and `.tf.json` files (Terraform's JSON syntax, CDKTF's
// cdk.tf.json included), each turned into the same HCL syntax tree so that
// one converter serves both. JSON has no syntax for "this key is a nested
// block", so the provider schemas decide it, as Terraform does.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "convert/schema_index.hpp"
#include "hcl/ast.hpp"

namespace stackgen::convert {

struct InputFile {
  std::string path;  ///< as given (for messages and the generated comments)
  std::string stem;  ///< "main" for main.tf and main.tf.json
  bool json = false;
  hcl::File file;
};

/// Reads PATHs: files, or directories whose *.tf and *.tf.json files (not
/// recursive, sorted by name) are read. Throws std::runtime_error with
/// file:line:column for a syntax error, naming the file for anything else.
std::vector<InputFile> read_inputs(const std::vector<std::filesystem::path>& paths,
                                   const SchemaIndex& schemas);

/// The resource and data source types PATHs declare (a first, cheap pass,
/// so that only their schemas are loaded). Errors are left to read_inputs.
TypesUsed types_used(const std::vector<std::filesystem::path>& paths);

}  // namespace stackgen::convert
