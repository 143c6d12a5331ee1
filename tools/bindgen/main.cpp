// stackgen_bindgen: provider schema (terraform providers schema -json) in,
// typed C++ bindings out. See docs/bindings.md.
//
//   stackgen_bindgen schema/aws-5.100.0.json --out build/generated/include
//
// writes headers only, under DIR/stackgen/aws/ (DIR is an include root), and
// removes .hpp files there that the schema no longer yields.
#include <filesystem>
#include <fstream>
#include <iostream>

#include <fmt/core.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "generate.hpp"
#include "schema.hpp"

int main(int argc, char** argv) {
  namespace bg = stackgen::bindgen;
  CLI::App app{"Generates typed C++ bindings (headers) from a Terraform provider schema."};
  std::string schema_path;
  std::string out;
  std::size_t ignored_types_per_file = 0;
  bg::Options options;
  app.add_option("schema", schema_path, "provider schema JSON (terraform providers schema -json)")
      ->required()
      ->check(CLI::ExistingFile);
  app.add_option("--out", out,
                 "include root: the headers go to DIR/stackgen/<local name>/, which bindgen owns")
      ->required();
  app.add_option(
      "--provider", options.provider,
      "provider to generate (local name, source or address) when the file holds several");
  app.add_option("--schema-label", options.schema_label,
                 "how generated files name the schema (default: the path as given)");
  app.add_option("--types-per-file", ignored_types_per_file,
                 "ignored (specs are inline in the headers now; kept for old build scripts)");
  CLI11_PARSE(app, argc, argv);
  if (options.schema_label.empty()) options.schema_label = schema_path;

  try {
    std::ifstream in(schema_path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + schema_path);
    nlohmann::json document = nlohmann::json::parse(in);
    const bg::Bindings bindings = bg::generate_bindings(document, options);
    const bg::WriteSummary s = bg::write_bindings(out, bindings);
    fmt::print("bindgen: {}: {} headers in {}/{} ({} written, {} unchanged, {} removed)\n",
               bindings.local_name, bindings.files.size(), out, bindings.owned_dir, s.written,
               s.unchanged, s.removed);
  } catch (const nlohmann::json::exception& e) {
    fmt::print(stderr, "bindgen: {}: invalid JSON: {}\n", schema_path, e.what());
    return 1;
  } catch (const bg::SchemaError& e) {
    fmt::print(stderr, "bindgen: {}: {}\n", schema_path, e.what());
    return 1;
  } catch (const std::exception& e) {
    fmt::print(stderr, "bindgen: {}\n", e.what());
    return 1;
  }
  return 0;
}
