// The `lifecycle` meta-argument block.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "stackgen/core/expr.hpp"

namespace stackgen {

/// A precondition or postcondition: `condition` must hold, else
/// `error_message` (a template) is reported by Terraform.
struct Condition {
  Value condition;
  Value error_message;
};

/// What a Lifecycle holds, as the emitter and checks read it.
struct LifecycleSettings {
  std::optional<bool> create_before_destroy;
  std::optional<bool> prevent_destroy;
  std::vector<std::string> ignore_changes;
  bool ignore_all_changes = false;
  std::vector<Value> replace_triggered_by;
  std::vector<Condition> preconditions;
  std::vector<Condition> postconditions;
};

class Lifecycle {
 public:
  Lifecycle& create_before_destroy(bool on = true) {
    s_.create_before_destroy = on;
    return *this;
  }
  Lifecycle& prevent_destroy(bool on = true) {
    s_.prevent_destroy = on;
    return *this;
  }
  /// Attribute names (paths such as `tags["Name"]` allowed), checked
  /// against the schema at emit.
  Lifecycle& ignore_changes(std::vector<std::string> attributes) {
    for (auto& a : attributes) s_.ignore_changes.push_back(std::move(a));
    return *this;
  }
  Lifecycle& ignore_all_changes() {
    s_.ignore_all_changes = true;
    return *this;
  }
  /// References to resources or their attributes.
  Lifecycle& replace_triggered_by(std::vector<Value> references) {
    for (auto& r : references) s_.replace_triggered_by.push_back(std::move(r));
    return *this;
  }
  Lifecycle& precondition(const Expr<bool>& condition, const Expr<std::string>& error_message) {
    s_.preconditions.push_back({condition.value(), error_message.value()});
    return *this;
  }
  Lifecycle& postcondition(const Expr<bool>& condition, const Expr<std::string>& error_message) {
    s_.postconditions.push_back({condition.value(), error_message.value()});
    return *this;
  }

  const LifecycleSettings& settings() const noexcept { return s_; }

 private:
  LifecycleSettings s_;
};

}  // namespace stackgen
