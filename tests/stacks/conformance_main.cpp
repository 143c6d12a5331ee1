// stackgen-conformance SCHEMA_DIR OUT_DIR: checks every emitted
// OUT_DIR/*/main.tf.json against every schema/*.json. Exit 1 on problems.
#include <filesystem>
#include <fstream>
#include <iostream>

#include "conformance.hpp"

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: stackgen-conformance SCHEMA_DIR OUT_DIR\n";
    return 2;
  }
  conformance::Checker checker;
  for (const auto& e : fs::directory_iterator(argv[1]))
    if (e.path().extension() == ".json") checker.add_schema(nlohmann::json::parse(std::ifstream(e.path())));
  size_t files = 0;
  for (const auto& e : fs::recursive_directory_iterator(argv[2])) {
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
