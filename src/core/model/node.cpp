// Node allocation, destruction and the builders of literal values.
#include "node.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <new>
#include <numeric>
#include <stdexcept>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace stackgen::detail {

namespace {

std::size_t node_bytes(NodeKind kind, std::size_t children, std::size_t text_size) {
  std::size_t bytes = sizeof(Node) + children * sizeof(Value) + text_size;
  if (kind == NodeKind::object) bytes += children * sizeof(std::uint32_t);
  return bytes;
}

// Sanitizer builds allocate each node on its own, so that ASan sees every
// use after free; other builds use per-thread size-class pools.
#if defined(__SANITIZE_ADDRESS__)
#define STACKGEN_NODE_POOL 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define STACKGEN_NODE_POOL 0
#endif
#endif
#ifndef STACKGEN_NODE_POOL
#define STACKGEN_NODE_POOL 1
#endif

#if STACKGEN_NODE_POOL
constexpr std::size_t kGranule = 16;
constexpr std::size_t kClasses = 32;  // pooled up to 512 bytes
constexpr std::size_t kChunkBytes = 256 * 1024;
// Once a pool holds this much, it takes 2 MB chunks aligned to 2 MB and
// asks Linux for transparent huge pages on them (MADV_HUGEPAGE; a no-op
// where THP is off). A stack of 150k resources is ~125 MB of nodes: 32k
// page faults of 4 KB otherwise, each ~10 us on a virtual machine, a third
// of building the model. Small stacks stay in 256 KB chunks.
constexpr std::size_t kHugeChunkBytes = 2 * 1024 * 1024;
constexpr std::size_t kHugeAfterBytes = 8 * 1024 * 1024;

void* allocate_chunk(std::size_t pooled_so_far, std::size_t& bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  if (pooled_so_far >= kHugeAfterBytes) {
    if (void* p = std::aligned_alloc(kHugeChunkBytes, kHugeChunkBytes)) {
      ::madvise(p, kHugeChunkBytes, MADV_HUGEPAGE);
      bytes = kHugeChunkBytes;
      return p;
    }
  }
#else
  (void)pooled_so_far;
#endif
  bytes = kChunkBytes;
  return ::operator new(kChunkBytes);
}

// Chunks are never returned: nodes of a global Value may outlive every
// thread's pool. This list keeps them reachable (for leak checkers).
std::mutex chunks_mutex;
std::vector<void*>* all_chunks = new std::vector<void*>;

struct FreeBlock {
  FreeBlock* next;
};

struct Pool {
  FreeBlock* free[kClasses] = {};
  char* bump = nullptr;
  char* bump_end = nullptr;
  std::size_t chunk_bytes = 0;  // taken by this pool so far

  void* allocate(std::size_t bytes) {
    const std::size_t cls = (bytes + kGranule - 1) / kGranule;
    if (cls > kClasses) return ::operator new(bytes);
    if (FreeBlock* b = free[cls - 1]) {
      free[cls - 1] = b->next;
      return b;
    }
    const std::size_t size = cls * kGranule;
    if (static_cast<std::size_t>(bump_end - bump) < size) {
      std::size_t bytes = 0;
      bump = static_cast<char*>(allocate_chunk(chunk_bytes, bytes));
      bump_end = bump + bytes;
      chunk_bytes += bytes;
      std::lock_guard lock(chunks_mutex);
      all_chunks->push_back(bump);
    }
    void* p = bump;
    bump += size;
    return p;
  }
  void release(void* p, std::size_t bytes) noexcept {
    const std::size_t cls = (bytes + kGranule - 1) / kGranule;
    if (cls > kClasses) {
      ::operator delete(p);
      return;
    }
    auto* b = static_cast<FreeBlock*>(p);
    b->next = free[cls - 1];
    free[cls - 1] = b;
  }
};
thread_local Pool pool;
void* raw_allocate(std::size_t bytes) { return pool.allocate(bytes); }
void raw_release(void* p, std::size_t bytes) noexcept { pool.release(p, bytes); }
#else
void* raw_allocate(std::size_t bytes) { return ::operator new(bytes); }
void raw_release(void* p, std::size_t) noexcept { ::operator delete(p); }
#endif

}  // namespace

Node* allocate_node(NodeKind kind, std::size_t children, std::size_t text_size) {
  if (children > UINT32_MAX || text_size > UINT32_MAX) throw std::length_error("stackgen: value too large");
  void* memory = raw_allocate(node_bytes(kind, children, text_size));
  auto* n = static_cast<Node*>(memory);
  n->refs = 1;
  n->kind = kind;
  n->flags = 0;
  n->ref_kind = ReferenceKind::unresolved;
  n->reserved = 0;
  n->text_size = static_cast<std::uint32_t>(text_size);
  n->count = static_cast<std::uint32_t>(children);
  n->aux = 0;
  n->none = 0;
  Value* c = n->children();
  for (std::size_t i = 0; i < children; ++i) new (c + i) Value();
  return n;
}

void destroy_node(const Node* first) noexcept {
  // Children whose count drops to zero are freed in the same loop: a
  // 100k-deep expression needs no 100k-deep call stack.
  // A leaked pointer, not a thread_local vector: global Values are destroyed
  // after the main thread's thread_local objects.
  thread_local std::vector<const Node*>* work_list = new std::vector<const Node*>;
  std::vector<const Node*>& work = *work_list;
  const std::size_t base = work.size();
  work.push_back(first);
  while (work.size() > base) {
    const Node* n = work.back();
    work.pop_back();
    for (const Value& child : n->items()) {
      const Node* c = child.node();
      if (c && --refs_of(c) == 0) work.push_back(c);
    }
    raw_release(const_cast<Node*>(n), node_bytes(n->kind, n->count, n->text_size));
  }
}

Value make_string(std::string_view text) {
  Node* n = allocate_node(NodeKind::string, 0, text.size());
  if (!text.empty()) std::memcpy(const_cast<char*>(n->text_data()), text.data(), text.size());
  return adopt(n);
}

Value make_text_node(NodeKind kind, std::string_view text, std::span<const Value> children) {
  Node* n = allocate_node(kind, children.size(), text.size());
  Value* c = n->children();
  for (std::size_t i = 0; i < children.size(); ++i) c[i] = children[i];
  if (!text.empty()) std::memcpy(const_cast<char*>(n->text_data()), text.data(), text.size());
  return adopt(n);
}

Value make_object_node(std::span<const std::pair<std::string_view, const Value*>> fields) {
  // Stable by key: the order Terraform, jsonencode and the emitter use.
  // Objects are small: an insertion sort on the stack, no allocation.
  constexpr std::size_t kInline = 64;
  std::uint32_t inline_order[kInline];
  std::vector<std::uint32_t> heap_order;
  std::uint32_t* order = inline_order;
  if (fields.size() > kInline) {
    heap_order.resize(fields.size());
    order = heap_order.data();
  }
  for (std::uint32_t i = 0; i < fields.size(); ++i) order[i] = i;
  auto less = [&](std::uint32_t a, std::uint32_t b) { return fields[a].first < fields[b].first; };
  if (fields.size() <= kInline) {
    for (std::size_t i = 1; i < fields.size(); ++i)
      for (std::size_t j = i; j > 0 && less(order[j], order[j - 1]); --j) std::swap(order[j], order[j - 1]);
  } else {
    std::stable_sort(order, order + fields.size(), less);
  }
  std::size_t text = 0;
  for (const auto& f : fields) text += f.first.size();
  Node* n = allocate_node(NodeKind::object, fields.size(), text);
  Value* values = n->children();
  auto* ends = const_cast<std::uint32_t*>(n->key_ends());
  char* chars = const_cast<char*>(n->text_data());
  std::uint32_t offset = 0;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const auto& [key, value] = fields[order[i]];
    values[i] = *value;
    std::memcpy(chars + offset, key.data(), key.size());
    offset += static_cast<std::uint32_t>(key.size());
    ends[i] = offset;
    if (i > 0 && key == fields[order[i - 1]].first) n->flags |= kDuplicateKeys;
    for (char c : key)
      if (c == '$' || c == '%') n->flags |= kTemplateCharsInKey;
  }
  return adopt(n);
}

}  // namespace stackgen::detail

namespace stackgen {

using detail::Node;
using detail::NodeKind;

Value Value::make_bool(bool b) {
  Node* n = detail::allocate_node(NodeKind::boolean, 0, 0);
  n->flags = b ? detail::kTrue : 0;
  return detail::adopt(n);
}
Value Value::make_int(std::int64_t i) {
  Node* n = detail::allocate_node(NodeKind::integer, 0, 0);
  n->integer = i;
  return detail::adopt(n);
}
Value Value::make_double(double d) {
  if (!std::isfinite(d)) throw std::invalid_argument("stackgen: numbers must be finite");
  if (d == std::floor(d) && std::fabs(d) < 9.0e15) return make_int(static_cast<std::int64_t>(d));
  Node* n = detail::allocate_node(NodeKind::real, 0, 0);
  n->real = d;
  return detail::adopt(n);
}

Value::Value(const char* s) : Value(detail::make_string(s ? std::string_view(s) : std::string_view())) {}
Value::Value(std::string_view s) : Value(detail::make_string(s)) {}
Value::Value(const std::string& s) : Value(detail::make_string(s)) {}

Value::Value(std::initializer_list<Value> items) {
  bool is_object = items.size() > 0;
  for (const auto& item : items) {
    const Node* n = item.node();
    if (!n || n->kind != NodeKind::list || n->count != 2 || !n->child(0).as_string()) {
      is_object = false;
      break;
    }
  }
  if (is_object) {
    detail::FieldViews fields;
    fields.reserve(items.size());
    for (const auto& item : items) fields.emplace_back(*item.node()->child(0).as_string(), &item.node()->child(1));
    *this = detail::make_object_node(fields.span());
  } else {
    *this = list(std::span<const Value>(items.begin(), items.size()));
  }
}

Value Value::list(std::span<const Value> items) { return detail::make_text_node(NodeKind::list, {}, items); }

Value Value::object(const std::vector<Field>& fields) {
  detail::FieldViews views;
  views.reserve(fields.size());
  for (const auto& [k, v] : fields) views.emplace_back(k, &v);
  return detail::make_object_node(views.span());
}

bool Value::is_literal() const noexcept {
  // Iterative: literal documents may nest deeply.
  thread_local std::vector<const Node*> work;
  work.clear();
  if (node_) work.push_back(node_);
  while (!work.empty()) {
    const Node* n = work.back();
    work.pop_back();
    switch (n->kind) {
      case NodeKind::null_literal:
      case NodeKind::boolean:
      case NodeKind::integer:
      case NodeKind::real:
      case NodeKind::string: break;
      case NodeKind::list:
      case NodeKind::object:
        for (const Value& c : n->items())
          if (c.node()) work.push_back(c.node());
        break;
      default: work.clear(); return false;
    }
  }
  return true;
}

std::optional<std::string_view> Value::as_string() const noexcept {
  if (node_ && node_->kind == NodeKind::string) return node_->text();
  return std::nullopt;
}

bool Value::as_number(double& out) const noexcept {
  if (node_ && node_->kind == NodeKind::integer) {
    out = static_cast<double>(node_->integer);
    return true;
  }
  if (node_ && node_->kind == NodeKind::real) {
    out = node_->real;
    return true;
  }
  return false;
}

bool Value::as_bool(bool& out) const noexcept {
  if (node_ && node_->kind == NodeKind::boolean) {
    out = (node_->flags & detail::kTrue) != 0;
    return true;
  }
  return false;
}

std::span<const Value> Value::items() const noexcept {
  if (node_ && node_->kind == NodeKind::list) return node_->items();
  return {};
}

Value::FieldRange Value::fields() const noexcept {
  if (node_ && node_->kind == NodeKind::object) return FieldRange(node_, node_->count);
  return FieldRange(nullptr, 0);
}

Value::FieldView Value::FieldRange::iterator::operator*() const { return {node_->key(i_), node_->child(i_)}; }

Value Value::field(std::string_view key) const noexcept {
  if (!node_ || node_->kind != NodeKind::object) return Value{};
  // Keys are sorted: binary search for the first of equal keys.
  std::size_t lo = 0, hi = node_->count;
  while (lo < hi) {
    std::size_t mid = (lo + hi) / 2;
    if (node_->key(mid) < key) lo = mid + 1;
    else hi = mid;
  }
  if (lo < node_->count && node_->key(lo) == key) return node_->child(lo);
  return Value{};
}

}  // namespace stackgen
