// Root module outputs: `output "name" { value = ... }`.
#pragma once

#include <initializer_list>
#include <string>

#include "stackgen/core/block_ref.hpp"
#include "stackgen/core/expr.hpp"

namespace stackgen {

namespace detail {
void set_output_description(BlockData& b, std::string text);
void set_output_sensitive(BlockData& b, bool on);
void add_output_depends_on(BlockData& b, const BlockRef& dependency);
void add_output_precondition(BlockData& b, const Value& condition, const Value& message);
}  // namespace detail

class Output : public BlockRef {
 public:
  using BlockRef::BlockRef;

  Output description(std::string text) const {
    detail::set_output_description(*data_, std::move(text));
    return *this;
  }
  Output sensitive(bool on = true) const {
    detail::set_output_sensitive(*data_, on);
    return *this;
  }
  Output depends_on(std::initializer_list<BlockRef> dependencies) const {
    for (const auto& d : dependencies) detail::add_output_depends_on(*data_, d);
    return *this;
  }
  Output precondition(const Expr<bool>& condition, const Expr<std::string>& message) const {
    detail::add_output_precondition(*data_, condition.value(), message.value());
    return *this;
  }
};

}  // namespace stackgen
