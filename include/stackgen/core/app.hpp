// App: the set of stacks a program defines, and their registration.
//
// A stack program registers builder functions at static-initialisation time:
//
//   void network(stackgen::Stack& s) { ... }
//   static const stackgen::StackRegistration reg{"network", network};
//
// and links stackgen::main, whose main() is the whole stackgen CLI.
#pragma once

#include <functional>
#include <memory>
#include <source_location>
#include <string>
#include <string_view>
#include <vector>

#include "stackgen/core/stack.hpp"

namespace stackgen {

using StackBuilder = std::function<void(Stack&)>;

struct StackDefinition {
  std::string name;
  StackBuilder build;
  std::source_location where;
};

/// Registers a stack with the program-wide registry the CLI reads.
class StackRegistration {
 public:
  StackRegistration(std::string_view name, StackBuilder build,
                    std::source_location where = std::source_location::current());
};

/// All registered stacks, in name order.
std::vector<StackDefinition> registered_stacks();

class App;
using AppBuilder = std::function<void(App&)>;

struct AppDefinition {
  AppBuilder build;
  std::source_location where;
};

/// Registers a builder of several stacks that share handles (AWS CDK's
/// app): the stacks it creates with App::stack() may use each other's
/// handles once declared dependent (Stack::depends_on, cross_stack.hpp):
///
///   static const stackgen::AppRegistration shop{[](stackgen::App& app) {
///     auto& network = app.stack("network");
///     auto vpc = network.add<aws::Vpc>("main").cidr_block("10.0.0.0/16");
///     auto& service = app.stack("service");
///     service.depends_on(network);
///     service.add<aws::Subnet>("a").vpc_id(vpc.id());   // through remote state
///   }};
///
/// The CLI runs it whichever stacks are selected (the handles need every
/// stack built) and emits only the selected ones.
class AppRegistration {
 public:
  explicit AppRegistration(AppBuilder build, std::source_location where = std::source_location::current());
};

/// All registered app builders, in registration order.
std::vector<AppDefinition> registered_apps();

/// Whether `name` can name a stack: it becomes a directory of the output
/// and a manifest entry, so letters, digits, '_', '-' and '.', starting
/// with a letter, digit or '_', at most 100 characters. On failure `why`
/// says what is wrong. Stack and App::stack throw stackgen::Error otherwise.
bool is_valid_stack_name(std::string_view name, std::string* why = nullptr);

class App {
 public:
  explicit App(Context context = {});
  ~App();
  /// A new stack, owned by the app.
  Stack& stack(std::string name, std::source_location where = std::source_location::current());
  const std::vector<std::unique_ptr<Stack>>& stacks() const { return stacks_; }
  const Context& context() const { return context_; }

 private:
  Context context_;
  std::vector<std::unique_ptr<Stack>> stacks_;
};

}  // namespace stackgen
