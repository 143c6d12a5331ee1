// stackgen-conformance OUT_DIR SCHEMA.json...: checks every emitted
// OUT_DIR/*/main.tf.json against the provider schema files given (the AWS
// line the stacks were built for, tls, random). Exit 1 on problems.
#include <filesystem>
#include <fstream>
#include <iostream>

#include "conformance.hpp"

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: stackgen-conformance OUT_DIR SCHEMA.json...\n";
    return 2;
  }
  conformance::Checker checker;
  for (int i = 2; i < argc; ++i) checker.add_schema(nlohmann::json::parse(std::ifstream(argv[i])));
  size_t files = 0;
  for (const auto& e : fs::recursive_directory_iterator(argv[1])) {
    if (e.path().filename() != "main.tf.json") continue;
    ++files;
    checker.check_file(nlohmann::json::parse(std::ifstream(e.path())), e.path().string());
  }
  for (const auto& p : checker.problems) std::cerr << p << "\n";
  std::cout << "conformance: " << files << " file(s), " << checker.checked_resources << " resource(s), "
            << checker.problems.size() << " problem(s)\n";
  if (files == 0 || checker.checked_resources == 0) {
    std::cerr << "conformance: nothing was checked\n";
    return 1;
  }
  return checker.problems.empty() ? 0 : 1;
}
