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

class Lifecycle {
 public:
  Lifecycle& create_before_destroy(bool on = true) {
    create_before_destroy_ = on;
    return *this;
  }
  Lifecycle& prevent_destroy(bool on = true) {
    prevent_destroy_ = on;
    return *this;
  }
  /// Attribute names (paths such as `tags["Name"]` allowed), checked
  /// against the schema at emit.
  Lifecycle& ignore_changes(std::vector<std::string> attributes) {
    for (auto& a : attributes) ignore_changes_.push_back(std::move(a));
    return *this;
  }
  Lifecycle& ignore_all_changes() {
    ignore_all_ = true;
    return *this;
  }
  /// References to resources or their attributes.
  Lifecycle& replace_triggered_by(std::vector<Value> references) {
    for (auto& r : references) replace_triggered_by_.push_back(std::move(r));
    return *this;
  }
  Lifecycle& precondition(const Expr<bool>& condition, const Expr<std::string>& error_message) {
    preconditions_.push_back({condition.value(), error_message.value()});
    return *this;
  }
  Lifecycle& postcondition(const Expr<bool>& condition, const Expr<std::string>& error_message) {
    postconditions_.push_back({condition.value(), error_message.value()});
    return *this;
  }

  std::optional<bool> create_before_destroy_;
  std::optional<bool> prevent_destroy_;
  std::vector<std::string> ignore_changes_;
  bool ignore_all_ = false;
  std::vector<Value> replace_triggered_by_;
  std::vector<Condition> preconditions_;
  std::vector<Condition> postconditions_;
};

}  // namespace stackgen
