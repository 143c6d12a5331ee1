// Helpers shared by the binding tests that render and validate stacks.
#pragma once

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include <stackgen/core/emit.hpp>

namespace bindings_test {

inline nlohmann::json render_json(const stackgen::Stack& s) {
  auto files = stackgen::render(s);
  REQUIRE(files.size() == 1);
  return nlohmann::json::parse(files[0].content);
}

/// The findings, one per line, for INFO().
inline std::string findings(const stackgen::Diagnostics& d) {
  std::string out;
  for (const auto& i : d.items()) out += i.rule + ": " + i.message + "\n";
  return out;
}

inline bool has_error(const stackgen::Diagnostics& d, const std::string& rule, const std::string& fragment) {
  for (const auto& i : d.items())
    if (i.rule == rule && i.message.find(fragment) != std::string::npos) return true;
  return false;
}

}  // namespace bindings_test
