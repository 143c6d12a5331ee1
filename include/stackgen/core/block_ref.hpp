// BlockRef: a small, copyable handle to a block a Stack owns.
//
// Resources, data sources, providers and module calls are owned by their
// Stack; what user code holds is a handle (a pointer and an instance
// selector). Handles are cheap to copy, so chained setters return them by
// value and `auto vpc = s.add<aws::Vpc>("vpc").cidr_block(...)` is safe.
// A handle is valid as long as the Stack that made it.
#pragma once

#include <source_location>
#include <string>
#include <string_view>

#include "stackgen/core/value.hpp"

namespace stackgen {

namespace detail {
struct BlockData;
}

/// `check` is a check block (check_block.hpp): nothing refers to it.
/// `ephemeral` is an ephemeral resource (Terraform 1.10): opened for each
/// plan and apply, never stored in plan or state; its values may only flow
/// into other ephemeral contexts (validation's core.ephemeral-value).
enum class BlockKind { resource, data, provider, variable, output, local, module, check, ephemeral };

class BlockRef {
 public:
  /// Which instances a handle stands for: the block, one instance of a
  /// counted / for_each block, all of them (`[*]`), a for-expression's
  /// bound variable, or `self` (inside the block's provisioners).
  enum class Selector { whole, index, key, splat, bound, self };

  BlockRef() = default;
  explicit BlockRef(detail::BlockData* data) noexcept : data_(data) {}
  // Out of line, like Value's: every chained setter copies a handle.
  BlockRef(const BlockRef& other) noexcept;
  BlockRef(BlockRef&& other) noexcept;
  BlockRef& operator=(const BlockRef& other) noexcept;
  BlockRef& operator=(BlockRef&& other) noexcept;
  ~BlockRef();

  /// Terraform address: `aws_vpc.vpc`, `data.aws_region.current`, `module.m`;
  /// a selected instance includes its key: `aws_subnet.a[0]`, `aws_s3_bucket.b["logs"]`.
  // Accessors are prefixed tf_ so they never collide with a generated
  // attribute getter (attributes named `address` or `kind` exist).
  std::string tf_address() const;
  BlockKind tf_kind() const noexcept;
  std::source_location tf_location() const noexcept;
  detail::BlockData* tf_data() const noexcept { return data_; }

 protected:
  /// A reference to `attribute` of this block (or of the selected instance).
  Value tf_reference(std::string_view attribute) const;
  void tf_set(std::string_view name, const Value& value) const;
  void tf_append_block(std::string_view name, const Value& body) const;
  void tf_select(Selector selector, Value key) noexcept {
    selector_ = selector;
    key_ = std::move(key);
  }

  detail::BlockData* data_ = nullptr;
  Selector selector_ = Selector::whole;
  Value key_;  // index, key or bound variable name
};

}  // namespace stackgen
