// stackgen_bindgen: provider schema (terraform providers schema -json) in,
// typed C++ bindings out. See docs/bindings.md.
//
//   stackgen_bindgen schema/aws.json --out .
//
// writes include/stackgen/aws/**.hpp and src/bindings/aws/specs*.cpp under
// the output root and removes files there that the schema no longer yields.
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
  CLI::App app{"Generates typed C++ bindings from a Terraform provider schema."};
  std::string schema_path;
  std::string out = ".";
  bg::Options options;
  app.add_option("schema", schema_path, "provider schema JSON (terraform providers schema -json)")
      ->required()
      ->check(CLI::ExistingFile);
  app.add_option("--out", out,
                 "output root: include/stackgen/<p>/ and src/bindings/<p>/ go under it")
      ->capture_default_str();
  app.add_option(
      "--provider", options.provider,
      "provider to generate (local name, source or address) when the file holds several");
  app.add_option("--schema-label", options.schema_label,
                 "how generated files name the schema (default: the path as given)");
  app.add_option("--types-per-file", options.types_per_file,
                 "types per specs_N.cpp when a provider needs more than one")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  CLI11_PARSE(app, argc, argv);
  if (options.schema_label.empty()) options.schema_label = schema_path;

  try {
    std::ifstream in(schema_path, std::ios::binary);
    nlohmann::json document = nlohmann::json::parse(in);
    const bg::Bindings bindings = bg::generate_bindings(document, options);
    const bg::WriteSummary s = bg::write_bindings(out, bindings);
    fmt::print("bindgen: {}: {} files ({} written, {} unchanged, {} removed)\n",
               bindings.local_name, bindings.files.size(), s.written, s.unchanged, s.removed);
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
