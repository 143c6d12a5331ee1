// Environments: one stack definition instantiated once per environment with
// typed settings, each a stack of its own (`<stack>-<environment>`: its own
// output directory, state key and plan), and no copied code between them.
//
//   struct ShopSettings { std::string instance_class; int min_tasks; };
//   void shop(stackgen::Stack& s, const ShopSettings& env) { ... }
//   const stackgen::EnvironmentRegistration<ShopSettings> shop_environments{
//       "shop", {{"test", {.instance_class = "db.t3.micro", .min_tasks = 1}},
//                {"prod", {.instance_class = "db.r6g.large", .min_tasks = 2}}},
//       shop};
//
// registers the stacks `shop-test` and `shop-prod`, emitted to out/shop-test/
// and out/shop-prod/. What differs between environments is a field of
// Settings: the type says what an environment decides.
#pragma once

#include <functional>
#include <source_location>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "stackgen/core/app.hpp"

namespace stackgen {

template <class Settings>
class EnvironmentRegistration {
 public:
  struct Environment {
    std::string name;
    Settings settings;
  };
  using Builder = std::function<void(Stack&, const Settings&)>;

  /// Registers `<stack>-<environment.name>` for each environment. Names are
  /// checked like any stack name when the program runs (`stackgen list`
  /// reports a bad or repeated one at this line).
  EnvironmentRegistration(std::string_view stack, std::vector<Environment> environments, Builder build,
                          std::source_location where = std::source_location::current()) {
    for (auto& environment : environments) {
      std::string name = std::string(stack) + "-" + environment.name;
      StackRegistration(name, [build, settings = std::move(environment.settings)](Stack& s) { build(s, settings); },
                        where);
    }
  }
};

}  // namespace stackgen
