// What a block handed to a pattern was already declared with, for the
// patterns' checks at construction (a handle the caller set up wrongly is
// refused at the caller's line, before anything is declared).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "stackgen/core/block_ref.hpp"
#include "stackgen/core/inspect.hpp"

namespace stackgen::patterns::detail {

/// The literal text `block.name` was set to; nullopt when unset or an expression.
inline std::optional<std::string> literal_argument(const BlockRef& block, std::string_view name) {
  const Value v = inspect::view(block).argument(name);
  if (auto text = v.as_string()) return std::string(*text);
  return std::nullopt;
}

/// Whether `block.name` was set at all.
inline bool has_argument(const BlockRef& block, std::string_view name) {
  return !inspect::view(block).argument(name).is_null();
}

/// Whether `block` has a nested block `name` (e.g. a service's load_balancer).
inline bool has_nested_block(const BlockRef& block, std::string_view name) {
  return !inspect::view(block).first_block(name).is_null();
}

/// The literal `field` of the first nested block `name`
/// (deployment_controller.type), or nullopt.
inline std::optional<std::string> literal_nested(const BlockRef& block, std::string_view name, std::string_view field) {
  const Value v = inspect::view(block).first_block(name).field(field);
  if (auto text = v.as_string()) return std::string(*text);
  return std::nullopt;
}

/// Why `listener` cannot carry blue/green traffic, or nullopt: it is plain HTTP.
inline std::optional<std::string> plain_http_listener(const BlockRef& listener) {
  if (literal_argument(listener, "protocol") != "HTTP") return std::nullopt;
  return listener.tf_address() + " is a plain HTTP listener: blue/green traffic belongs on HTTPS (let HTTP redirect there)";
}

/// Why a blue/green pattern that gives `service` the `controller` deployment
/// controller and its load_balancer block cannot wire it, or nullopt: the
/// caller declared either already. `deployer` names who then deploys
/// ("CodeDeploy", "ECS-native blue/green").
inline std::optional<std::string> service_wired_elsewhere(const BlockRef& service, std::string_view controller,
                                                          std::string_view deployer) {
  if (auto declared = literal_nested(service, "deployment_controller", "type"); declared && *declared != controller)
    return service.tf_address() + " is declared with the " + *declared + " deployment controller: " +
           std::string(deployer) + " needs " + std::string(controller) + " (leave it to the pattern)";
  if (has_nested_block(service, "load_balancer"))
    return service.tf_address() +
           " is declared with a load_balancer block: the pattern sets it (on blue), so it cannot point elsewhere";
  return std::nullopt;
}

}  // namespace stackgen::patterns::detail
