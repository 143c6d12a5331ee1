// The read API over the model.
#include "stackgen/core/inspect.hpp"

#include "../model/model.hpp"
#include "stackgen/core/stack.hpp"

namespace stackgen::inspect {

using detail::Node;
using detail::NodeKind;

ValueKind kind(const Value& v) {
  const Node* n = v.node();
  if (!n) return ValueKind::null_value;
  switch (n->kind) {
    case NodeKind::null_literal: return ValueKind::null_value;
    case NodeKind::boolean: return ValueKind::boolean;
    case NodeKind::integer:
    case NodeKind::real: return ValueKind::number;
    case NodeKind::string: return ValueKind::string;
    case NodeKind::list: return ValueKind::list;
    case NodeKind::object: return ValueKind::object;
    case NodeKind::template_: return ValueKind::template_;
    case NodeKind::reference: return ValueKind::reference;
    case NodeKind::call: return ValueKind::call;
    case NodeKind::binary:
    case NodeKind::unary: return ValueKind::operation;
    case NodeKind::conditional: return ValueKind::conditional;
    case NodeKind::index: return ValueKind::index;
    case NodeKind::get_attr: return ValueKind::attribute;
    case NodeKind::list_expr: return ValueKind::list_expression;
    case NodeKind::for_expr: return ValueKind::for_expression;
    case NodeKind::object_expr: return ValueKind::object_expression;
    case NodeKind::raw: return ValueKind::raw;
  }
  return ValueKind::null_value;
}

std::string_view text(const Value& v) {
  const Node* n = v.node();
  if (!n || n->kind == NodeKind::object) return {};
  return n->text();
}

std::span<const Value> operands(const Value& v) {
  const Node* n = v.node();
  if (!n || n->kind == NodeKind::object) return {};
  return n->items();
}

std::optional<double> number(const Value& v) {
  double d = 0;
  if (v.as_number(d)) return d;
  return std::nullopt;
}

std::optional<bool> boolean(const Value& v) {
  bool b = false;
  if (v.as_bool(b)) return b;
  return std::nullopt;
}

namespace {
Reference reference_of(const Node* n) {
  Reference r{static_cast<ReferenceKind>(n->ref_kind), n->text(), n->address(),
              n->ref_kind == detail::ReferenceKind::block ? n->target : nullptr, Value{}};
  if (n->count > 0) r.instance_key = n->child(0);
  return r;
}
}  // namespace

std::string_view Reference::attribute() const {
  std::string_view after = text.substr(address.size());
  if (!after.empty() && after[0] == '[') {
    auto close = after.find(']');
    if (close == std::string_view::npos) return {};
    after.remove_prefix(close + 1);
  }
  if (after.size() < 2 || after[0] != '.') return {};
  after.remove_prefix(1);
  return after.substr(0, after.find_first_of(".["));
}

std::optional<Reference> reference(const Value& v) {
  const Node* n = v.node();
  if (!n || n->kind != NodeKind::reference) return std::nullopt;
  return reference_of(n);
}

std::vector<Reference> references(const Value& v) {
  std::vector<const Node*> nodes;
  detail::collect_references(v, nodes);
  std::vector<Reference> out;
  out.reserve(nodes.size());
  for (const Node* n : nodes) out.push_back(reference_of(n));
  return out;
}

// --- BlockView

namespace {
const Value kNull;
}

BlockKind BlockView::kind() const { return b_->kind; }
std::string_view BlockView::type() const { return b_->type; }
std::string_view BlockView::name() const { return b_->name; }
std::string_view BlockView::address() const { return b_->address; }
SourceLocation BlockView::location() const { return detail::to_location(b_->where); }
std::source_location BlockView::source_location() const { return b_->where; }
const schema::BlockSpec* BlockView::spec() const { return b_->spec; }
const schema::ProviderInfo* BlockView::provider_info() const { return b_->provider_info; }
std::string_view BlockView::stack_name() const { return b_->stack->name; }
std::string_view BlockView::construct() const { return b_->construct; }

std::size_t BlockView::argument_count() const { return b_->attributes.size(); }
std::string_view BlockView::argument_name(std::size_t i) const { return b_->attributes[i].name; }
const Value& BlockView::argument_value(std::size_t i) const { return b_->attributes[i].value; }
Value BlockView::argument(std::string_view name) const {
  for (const auto& a : b_->attributes)
    if (a.name == name) return a.value;
  return Value{};
}
std::size_t BlockView::block_count() const { return b_->blocks.size(); }
std::string_view BlockView::block_name(std::size_t i) const { return b_->blocks[i].name; }
const Value& BlockView::block_value(std::size_t i) const { return b_->blocks[i].value; }
std::vector<Value> BlockView::blocks(std::string_view name) const {
  std::vector<Value> out;
  for (const auto& nb : b_->blocks)
    if (nb.name == name) out.push_back(nb.value);
  return out;
}
Value BlockView::first_block(std::string_view name) const {
  for (const auto& nb : b_->blocks)
    if (nb.name == name) return nb.value;
  return Value{};
}

std::vector<BlockView::Dynamic> BlockView::dynamic_blocks() const {
  std::vector<Dynamic> out;
  for (const auto& d : b_->dynamic_blocks) out.push_back({d.name, d.for_each, d.iterator, d.content});
  return out;
}

const Value& BlockView::count() const { return b_->count; }
const Value& BlockView::for_each() const { return b_->for_each; }
std::vector<BlockView> BlockView::depends_on() const {
  std::vector<BlockView> out;
  for (const auto* d : b_->depends_on) out.emplace_back(d);
  return out;
}
BlockView BlockView::provider() const { return BlockView(b_->provider); }
std::string_view BlockView::provider_name() const { return b_->provider_name; }
std::string_view BlockView::provider_address() const { return b_->provider_address; }
const LifecycleSettings* BlockView::lifecycle() const { return b_->lifecycle ? &b_->lifecycle->settings() : nullptr; }

std::vector<BlockView::Provisioner> BlockView::provisioners() const {
  std::vector<Provisioner> out;
  if (b_->provisioning)
    for (const auto& p : b_->provisioning->provisioners) out.push_back({p.type, p.body, p.destroy, p.where});
  return out;
}
const Value& BlockView::connection() const {
  static const Value none;
  return b_->provisioning ? b_->provisioning->connection : none;
}

std::vector<BlockView::Suppression> BlockView::suppressions() const {
  std::vector<Suppression> out;
  for (const auto& s : b_->suppressions) out.push_back({s.rule, s.reason, s.where});
  return out;
}
std::vector<BlockView::Override> BlockView::overrides() const {
  std::vector<Override> out;
  for (const auto& o : b_->overrides) out.push_back({o.path, o.value, o.remove, o.where});
  return out;
}

std::string_view BlockView::variable_type() const { return b_->details ? std::string_view(b_->details->variable_type) : ""; }
bool BlockView::has_default() const { return b_->details && b_->details->has_default; }
const Value& BlockView::default_value() const { return b_->details ? b_->details->default_value : kNull; }
bool BlockView::flag(std::string_view name) const { return b_->flag(name); }
std::string_view BlockView::text(std::string_view name) const {
  if (!b_->details) return {};
  auto it = b_->details->texts.find(std::string(name));
  return it == b_->details->texts.end() ? std::string_view{} : std::string_view(it->second);
}
std::span<const Condition> BlockView::validations() const {
  if (!b_->details) return {};
  return b_->details->validations;
}
BlockView BlockView::scoped_to() const {
  return b_->details && b_->details->check ? BlockView(b_->details->check) : BlockView();
}
const Value& BlockView::value() const { return b_->value(); }

// --- StackView

std::string_view StackView::name() const { return s_->name; }
SourceLocation StackView::location() const { return detail::to_location(s_->where); }
std::size_t StackView::block_count() const { return s_->blocks.size(); }
BlockView StackView::block_at(std::size_t i) const { return BlockView(&s_->blocks[i]); }
std::vector<BlockView> StackView::blocks() const {
  std::vector<BlockView> out;
  out.reserve(s_->blocks.size());
  for (const auto& b : s_->blocks) out.emplace_back(&b);
  return out;
}
std::vector<MovedView> StackView::moved() const {
  std::vector<MovedView> out;
  for (const auto& m : s_->moved) out.push_back({m.from, m.to, m.where});
  return out;
}
std::vector<ImportView> StackView::imports() const {
  std::vector<ImportView> out;
  for (const auto& i : s_->imports) out.push_back({BlockView(i.to), i.to_address, i.id, i.where, i.for_each});
  return out;
}
std::vector<RemovedView> StackView::removed() const {
  std::vector<RemovedView> out;
  for (const auto& r : s_->removed) out.push_back({r.from, r.destroy, r.where});
  return out;
}
std::optional<std::string_view> StackView::context(std::string_view key) const {
  auto it = s_->context.find(key);
  if (it == s_->context.end()) return std::nullopt;
  return std::string_view(it->second);
}

StackView view(const Stack& stack) { return StackView(detail::stack_data(stack)); }
BlockView view(const BlockRef& handle) { return BlockView(handle.tf_data()); }

}  // namespace stackgen::inspect
