// Stack, block handles and meta-arguments: recording what user code declares.
#include "stackgen/core/stack.hpp"

#include <initializer_list>
#include <stdexcept>
#include <string_view>

#include "model.hpp"
#include "output/paths.hpp"
#include "stackgen/core/error.hpp"
#include "text.hpp"
#include "stackgen/core/app.hpp"
#include "stackgen/core/block_body.hpp"

namespace stackgen {
namespace detail {

namespace {
/// a + "." + b + ... in one allocation: addresses are built for every
/// reference a stack program makes.
std::string joined(std::initializer_list<std::string_view> parts) {
  std::size_t size = parts.size() - 1;
  for (auto p : parts) size += p.size();
  std::string out;
  out.reserve(size);
  bool first = true;
  for (auto p : parts) {
    if (!first) out += '.';
    first = false;
    out += p;
  }
  return out;
}
}  // namespace

std::string BlockData::address() const {
  switch (kind) {
    case BlockKind::resource: return joined({type, name});
    case BlockKind::data: return joined({"data", type, name});
    case BlockKind::variable: return joined({"var", name});
    case BlockKind::local: return joined({"local", name});
    case BlockKind::module: return joined({"module", name});
    case BlockKind::output: return joined({"output", name});
    case BlockKind::provider: return "provider." + provider_address();
  }
  return name;
}

std::string BlockData::provider_address() const {
  return name.empty() ? type : type + "." + name;
}

namespace {
void set_field(std::vector<Value::Field>& fields, std::string_view name, const Value& v) {
  for (auto& f : fields) {
    if (f.first == name) {
      f.second = v;
      return;
    }
  }
  fields.emplace_back(std::string(name), v);
}
}  // namespace

void set_count(BlockData& b, const Value& count) { b.count = count; }
void set_for_each(BlockData& b, const Value& for_each) { b.for_each = for_each; }
void add_depends_on(BlockData& b, const BlockRef& dependency) {
  b.depends_on.push_back(dependency.tf_data());
}
void set_provider(BlockData& b, const ProviderRef& provider) {
  b.provider = provider.tf_data();
  b.provider_name.clear();
}
void set_provider_by_name(BlockData& b, std::string_view provider_address) {
  b.provider = nullptr;
  b.provider_name = provider_address;
}
void set_lifecycle(BlockData& b, const Lifecycle& lifecycle) { b.lifecycle = lifecycle; }
void add_override(BlockData& b, std::string path, Value value, bool remove) {
  b.overrides.push_back({std::move(path), std::move(value), remove});
}
void add_suppression(BlockData& b, std::string rule, std::string reason) {
  b.suppressions.push_back({std::move(rule), std::move(reason)});
}

void set_variable_default(BlockData& b, const Value& v) {
  b.default_value = v;
  b.has_default = true;
}
void set_variable_text(BlockData& b, std::string_view key, std::string text) {
  b.texts[std::string(key)] = std::move(text);
}
void set_variable_flag(BlockData& b, std::string_view key, bool on) {
  b.flags[std::string(key)] = on;
}
void add_variable_validation(BlockData& b, const Value& condition, const Value& message) {
  b.validations.push_back({condition, message});
}
Value variable_reference(const BlockData& b) {
  Value v = make_reference_from_text("var." + b.name);
  const_cast<Node*>(v.node())->target = &b;
  const_cast<Node*>(v.node())->ref_kind = ReferenceKind::block;
  return v;
}

void set_output_description(BlockData& b, std::string text) { b.texts["description"] = std::move(text); }
void set_output_sensitive(BlockData& b, bool on) { b.flags["sensitive"] = on; }
void add_output_depends_on(BlockData& b, const BlockRef& dependency) {
  b.depends_on.push_back(dependency.tf_data());
}
void add_output_precondition(BlockData& b, const Value& condition, const Value& message) {
  b.validations.push_back({condition, message});
}

void set_module_text(BlockData& b, std::string_view key, std::string text) {
  b.texts[std::string(key)] = std::move(text);
}
void add_module_provider(BlockData& b, std::string_view inner, const ProviderRef& outer) {
  b.module_providers.emplace_back(std::string(inner), outer.tf_data());
}

Value values_of_expression(const BlockRef& resource, const Value& attribute_of_bound) {
  Value whole = make_reference_from_text(resource.tf_data()->address());
  auto* n = const_cast<Node*>(whole.node());
  n->target = resource.tf_data();
  n->ref_kind = ReferenceKind::block;
  // BlockRef::tf_reference renders the bound instance as "v"; the
  // for-expression binds the same name.
  return make_for(whole, "", "v", Value{}, attribute_of_bound, Value{}, false);
}

}  // namespace detail

// --- BlockRef

BlockRef::BlockRef(const BlockRef& other) noexcept = default;
BlockRef::BlockRef(BlockRef&& other) noexcept = default;
BlockRef& BlockRef::operator=(const BlockRef& other) noexcept = default;
BlockRef& BlockRef::operator=(BlockRef&& other) noexcept = default;
BlockRef::~BlockRef() = default;

std::string BlockRef::tf_address() const {
  if (!data_) return "<null>";
  // moved / import blocks name instances: `moved { to = aws_subnet.a[0] }`.
  if (selector_ == Selector::index || selector_ == Selector::key)
    return data_->address() + "[" + key_.to_hcl() + "]";
  return data_->address();
}
BlockKind BlockRef::tf_kind() const noexcept { return data_->kind; }
std::source_location BlockRef::tf_location() const noexcept { return data_->where; }

Value BlockRef::tf_reference(std::string_view attribute) const {
  // Every attribute getter lands here: the address is built once.
  std::string address = data_->address();
  std::string text;
  switch (selector_) {
    case Selector::whole:
      text.reserve(address.size() + 1 + attribute.size());
      text.append(address);
      break;
    case Selector::index:
    case Selector::key: text = address + "[" + key_.to_hcl() + "]"; break;
    case Selector::splat: text = address + "[*]"; break;
    case Selector::bound: text = "v"; break;
  }
  if (!attribute.empty()) {
    text += '.';
    text += attribute;
  }
  auto n = std::make_shared<detail::Node>();
  n->kind = detail::NodeKind::reference;
  // A for-expression's bound instance is a local name; the for-expression
  // itself references the whole block.
  n->ref_kind = selector_ == Selector::bound ? detail::ReferenceKind::bound
                                             : detail::ReferenceKind::block;
  n->target = data_;
  n->address = std::move(address);
  n->text = std::move(text);
  if (selector_ == Selector::index || selector_ == Selector::key) n->items.push_back(key_);
  return Value(std::shared_ptr<const detail::Node>(std::move(n)));
}

void BlockRef::tf_set(std::string_view name, const Value& value) const {
  detail::set_field(data_->attributes, name, value);
}

void BlockRef::tf_append_block(std::string_view name, const Value& body) const {
  data_->blocks.emplace_back(std::string(name), body);
}

// --- BlockBody

Value BlockBody::value() const { return Value::object(fields_); }

void BlockBody::tf_set(std::string_view name, Value v) { detail::set_field(fields_, name, v); }

void BlockBody::tf_append_block(std::string_view name, Value body) {
  for (auto& f : fields_) {
    if (f.first == name) {
      std::vector<Value> items = f.second.items();
      items.push_back(std::move(body));
      f.second = Value::list(std::move(items));
      return;
    }
  }
  fields_.emplace_back(std::string(name), Value::list({std::move(body)}));
}

void BlockBody::tf_declare_fields(std::initializer_list<std::string_view> names) {
  for (auto n : names) fields_.emplace_back(std::string(n), detail::make_null_typed());
}

// --- Stack

Stack::Stack(std::string name, Context context, std::source_location where)
    : data_(std::make_unique<detail::StackData>()) {
  // The name becomes a directory and a manifest entry: it must be one.
  std::string why;
  if (!detail::is_valid_stack_name(name, &why))
    throw Error("invalid stack name '" + detail::printable(name) + "': " + why, detail::to_location(where),
                "core.invalid-stack-name");
  data_->name = std::move(name);
  data_->context = std::move(context);
  data_->where = where;
}

Stack::~Stack() = default;

const std::string& Stack::name() const { return data_->name; }

detail::BlockData* Stack::declare(const detail::BlockDeclaration& d) {
  auto& b = data_->blocks.emplace_back();
  b.kind = d.kind;
  b.type = d.type;
  b.name = d.name;
  b.spec = d.spec;
  b.provider_info = d.provider;
  b.where = d.where;
  b.stack = data_.get();
  return &b;
}

void Stack::set_variable_type(detail::BlockData& b, std::string type) {
  b.variable_type = std::move(type);
}

Value Stack::declare_local(std::string_view name, const Value& value, std::source_location where) {
  auto* b = declare({BlockKind::local, "", name, nullptr, nullptr, where});
  b->value = value;
  Value ref = detail::make_reference_from_text("local." + std::string(name));
  auto* n = const_cast<detail::Node*>(ref.node());
  n->target = b;
  n->ref_kind = detail::ReferenceKind::block;
  return ref;
}

Output Stack::output(std::string_view name, const Value& value, std::source_location where) {
  auto* b = declare({BlockKind::output, "", name, nullptr, nullptr, where});
  b->value = value;
  return Output(b);
}

ModuleCall Stack::module(std::string_view name, std::source_location where) {
  return ModuleCall(declare({BlockKind::module, "", name, nullptr, nullptr, where}));
}

TerraformSettings& Stack::terraform() { return data_->terraform; }

void Stack::moved(std::string from, const BlockRef& to, std::source_location where) {
  data_->moved.push_back({std::move(from), to.tf_address(), where});
}

void Stack::import_resource(const BlockRef& to, const Expr<std::string>& id,
                            std::source_location where) {
  data_->imports.push_back({to.tf_data(), to.tf_address(), id.value(), where});
}

void Stack::removed(std::string from, bool destroy, std::source_location where) {
  data_->removed.push_back({std::move(from), destroy, where});
}

std::string Stack::context(std::string_view key, std::string_view fallback) const {
  auto it = data_->context.find(key);
  return it == data_->context.end() ? std::string(fallback) : it->second;
}

bool Stack::context_flag(std::string_view key, bool fallback) const {
  auto it = data_->context.find(key);
  if (it == data_->context.end()) return fallback;
  const auto& v = it->second;
  if (v == "true" || v == "1" || v == "yes" || v == "on") return true;
  if (v == "false" || v == "0" || v == "no" || v == "off") return false;
  throw std::invalid_argument("context value " + std::string(key) + "=" + v +
                              " is not a flag (true/false)");
}

// --- App and registry

namespace {
std::vector<StackDefinition>& registry() {
  static std::vector<StackDefinition> r;
  return r;
}
}  // namespace

StackRegistration::StackRegistration(std::string_view name, StackBuilder build,
                                     std::source_location where) {
  registry().push_back({std::string(name), std::move(build), where});
}

std::vector<StackDefinition> registered_stacks() {
  auto r = registry();
  std::stable_sort(r.begin(), r.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return r;
}

App::App(Context context) : context_(std::move(context)) {}
App::~App() = default;

Stack& App::stack(std::string name, std::source_location where) {
  stacks_.push_back(std::make_unique<Stack>(std::move(name), context_, where));
  return *stacks_.back();
}

}  // namespace stackgen
