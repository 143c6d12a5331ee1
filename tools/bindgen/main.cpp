// stackgen_bindgen: provider schema (terraform providers schema -json) in,
// typed C++ bindings out. See docs/bindings.md.
//
//   stackgen_bindgen schema/aws-5.100.0.json --out build/generated/include
//
// writes headers only, under DIR/stackgen/aws/ (DIR is an include root), and
// removes .hpp files there that the schema no longer yields.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string_view>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "generate.hpp"
#include "schema.hpp"

namespace {

constexpr const char* kUsage =
    "usage: stackgen_bindgen SCHEMA --out DIR [--provider NAME] [--schema-label TEXT] [--values FILE]\n"
    "Generates typed C++ bindings (headers) from a Terraform provider schema\n"
    "(terraform providers schema -json).\n"
    "  SCHEMA              provider schema JSON\n"
    "  --out DIR           include root: the headers go to DIR/stackgen/<local name>/, which bindgen owns\n"
    "  --provider NAME     provider to generate (local name, source or address) when the file holds several\n"
    "  --schema-label TEXT how generated files name the schema (default: the path as given)\n"
    "  --values FILE       allowed values of string attributes (stackgen-values-1, same provider\n"
    "                      version): literals checked at compile time, the rest at emit\n";

}  // namespace

// Arguments are parsed by hand: the generator is built in every clean build
// of stackgen, and CLI11 alone cost this file 24 s of compile time.
int main(int argc, char** argv) {
  namespace bg = stackgen::bindgen;
  std::string schema_path;
  std::string out;
  std::string values_path;
  bg::Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    const auto value = [&](std::string& into) {
      if (i + 1 >= argc) {
        fmt::print(stderr, "bindgen: {} needs a value\n{}", arg, kUsage);
        std::exit(2);
      }
      into = argv[++i];
    };
    if (arg == "-h" || arg == "--help") {
      fmt::print("{}", kUsage);
      return 0;
    } else if (arg == "--out") {
      value(out);
    } else if (arg == "--provider") {
      value(options.provider);
    } else if (arg == "--values") {
      value(values_path);
    } else if (arg == "--schema-label") {
      value(options.schema_label);
    } else if (arg == "--types-per-file") {
      std::string ignored;  // specs are inline in the headers now; kept for old build scripts
      value(ignored);
    } else if (!arg.empty() && arg[0] == '-') {
      fmt::print(stderr, "bindgen: unknown option {}\n{}", arg, kUsage);
      return 2;
    } else if (schema_path.empty()) {
      schema_path = arg;
    } else {
      fmt::print(stderr, "bindgen: one schema file only (also got {})\n{}", arg, kUsage);
      return 2;
    }
  }
  if (schema_path.empty() || out.empty()) {
    fmt::print(stderr, "bindgen: SCHEMA and --out DIR are required\n{}", kUsage);
    return 2;
  }
  if (!std::filesystem::is_regular_file(schema_path)) {
    fmt::print(stderr, "bindgen: {}: no such file\n", schema_path);
    return 2;
  }
  if (options.schema_label.empty()) options.schema_label = schema_path;

  try {
    std::ifstream in(schema_path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + schema_path);
    nlohmann::json document = nlohmann::json::parse(in);
    nlohmann::json values;
    if (!values_path.empty()) {
      std::ifstream vin(values_path, std::ios::binary);
      if (!vin) throw std::runtime_error("cannot read " + values_path);
      try {
        values = nlohmann::json::parse(vin);
      } catch (const nlohmann::json::exception& e) {
        throw std::runtime_error(values_path + ": invalid JSON: " + e.what());
      }
      options.values = &values;
    }
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
