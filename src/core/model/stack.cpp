// Stack, block handles and meta-arguments: recording what user code declares.
#include "stackgen/core/stack.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <new>
#include <stdexcept>
#include <string_view>

#if defined(__linux__)
#include <sys/mman.h>
#endif

#include "../output/paths.hpp"
#include "../text.hpp"
#include "hcl_text.hpp"
#include "model.hpp"
#include "stackgen/core/app.hpp"
#include "stackgen/core/block_body.hpp"
#include "stackgen/core/construct.hpp"
#include "stackgen/core/error.hpp"

namespace stackgen {
namespace detail {

// --- StringArena

std::string_view StringArena::store(std::string_view s) {
  constexpr std::size_t kChunk = 64 * 1024;
  if (s.size() > left_) {
    const std::size_t size = std::max(kChunk, s.size());
    chunks_.push_back(std::make_unique<char[]>(size));
    free_ = chunks_.back().get();
    left_ = size;
  }
  if (!s.empty()) std::memcpy(free_, s.data(), s.size());
  std::string_view stored(free_, s.size());
  free_ += s.size();
  left_ -= s.size();
  return stored;
}

std::string_view StringArena::intern(std::string_view s) {
  auto it = interned_.find(s);
  if (it != interned_.end()) return *it;
  std::string_view stored = store(s);
  interned_.insert(stored);
  return stored;
}

// --- BlockList

BlockData* BlockList::new_chunk() {
  constexpr std::size_t kBytes = kChunk * sizeof(BlockData);
  void* memory = nullptr;
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  constexpr std::size_t kSlab = 2 * 1024 * 1024;
  static_assert(kBytes <= kSlab && alignof(BlockData) <= 16);
  if (chunks_.size() >= 8) {
    if (slab_left_ < kBytes) {
      void* slab = std::aligned_alloc(kSlab, kSlab);
      if (!slab) throw std::bad_alloc();
      memory_.push_back(slab);
      ::madvise(slab, kSlab, MADV_HUGEPAGE);
      slab_free_ = static_cast<char*>(slab);
      slab_left_ = kSlab;
    }
    memory = slab_free_;
    slab_free_ += kBytes;
    slab_left_ -= kBytes;
  }
#endif
  if (!memory) {
    memory = std::malloc(kBytes);
    if (!memory) throw std::bad_alloc();
    memory_.push_back(memory);
  }
  auto* chunk = static_cast<BlockData*>(memory);
  for (std::size_t i = 0; i < kChunk; ++i) new (chunk + i) BlockData();
  return chunk;
}

BlockList::~BlockList() {
  for (BlockData* chunk : chunks_)
    for (std::size_t i = kChunk; i > 0; --i) chunk[i - 1].~BlockData();
  for (void* m : memory_) std::free(m);
}

// --- BlockData

DeclarationDetails& BlockData::declaration() {
  if (!details) details = std::make_unique<DeclarationDetails>();
  return *details;
}

bool BlockData::flag(std::string_view key) const {
  if (!details) return false;
  auto it = details->flags.find(std::string(key));
  return it != details->flags.end() && it->second;
}

const Value& BlockData::value() const {
  static const Value kNull;
  return details ? details->value : kNull;
}

namespace {

void set_field(std::vector<Argument>& fields, StringArena& strings, std::string_view name, const Value& v) {
  for (auto& f : fields) {
    if (f.name == name) {
      f.value = v;
      return;
    }
  }
  // Most blocks set a handful of arguments: one allocation for the first
  // eight instead of four growing ones.
  if (fields.empty()) fields.reserve(8);
  fields.push_back({strings.intern(name), v});
}

/// The address of a block as Terraform spells it, into `out`.
void address_text(std::string& out, BlockKind kind, std::string_view type, std::string_view name) {
  out.clear();
  auto add = [&](std::initializer_list<std::string_view> parts) {
    bool first = true;
    for (auto p : parts) {
      if (!first) out += '.';
      first = false;
      out += p;
    }
  };
  switch (kind) {
    case BlockKind::resource: add({type, name}); break;
    case BlockKind::data: add({"data", type, name}); break;
    case BlockKind::variable: add({"var", name}); break;
    case BlockKind::local: add({"local", name}); break;
    case BlockKind::module: add({"module", name}); break;
    case BlockKind::output: add({"output", name}); break;
    case BlockKind::check: add({"check", name}); break;
    case BlockKind::ephemeral: add({"ephemeral", type, name}); break;
    case BlockKind::provider:
      if (name.empty()) add({"provider", type});
      else add({"provider", type, name});
      break;
  }
}

}  // namespace

void set_count(BlockData& b, const Value& count) { b.count = count; }
namespace {
/// A block's or an import's for_each as written: Terraform's for_each
/// rejects a tuple, so a literal set is written as toset([...]).
Value for_each_value(const Value& for_each, bool is_set) {
  const Node* n = for_each.node();
  return is_set && n && n->kind == NodeKind::list ? make_call("toset", {for_each}) : for_each;
}
}  // namespace
void set_for_each(BlockData& b, const Value& for_each, bool is_set) { b.for_each = for_each_value(for_each, is_set); }
void add_depends_on(BlockData& b, const BlockRef& dependency) { b.depends_on.push_back(dependency.tf_data()); }
void set_provider(BlockData& b, const ProviderRef& provider) {
  b.provider = provider.tf_data();
  b.provider_name = {};
}
void set_provider_by_name(BlockData& b, std::string_view provider_address) {
  b.provider = nullptr;
  b.provider_name = b.stack->strings.store(provider_address);
}
void set_lifecycle(BlockData& b, const Lifecycle& lifecycle) { b.lifecycle = std::make_unique<Lifecycle>(lifecycle); }
void add_override(BlockData& b, std::string path, Value value, bool remove, const std::source_location& where) {
  b.overrides.push_back({std::move(path), std::move(value), remove, where});
}
void add_suppression(BlockData& b, std::string rule, std::string reason, const std::source_location& where) {
  b.suppressions.push_back({std::move(rule), std::move(reason), where});
}

void add_ignore_changes(BlockData& b, const Value& attribute_reference) {
  const Node* n = attribute_reference.node();
  std::string_view text = n ? n->text() : std::string_view{};
  std::string_view attribute = text.substr(std::min(text.size(), n ? n->address().size() + 1 : 0));
  if (!b.lifecycle) b.lifecycle = std::make_unique<Lifecycle>();
  b.lifecycle->ignore_changes({std::string(attribute)});
}

void add_replace_triggered_by(BlockData& b, const Value& reference) {
  if (!b.lifecycle) b.lifecycle = std::make_unique<Lifecycle>();
  b.lifecycle->replace_triggered_by({reference});
}

Value whole_block_reference(const BlockRef& block) {
  const BlockData& t = *block.tf_data();
  return make_block_reference(t, t.address, t.address.size(), ReferenceKind::block, nullptr);
}

void add_dynamic_block(BlockData& b, std::string_view name, const Value& for_each, std::string_view iterator,
                       const Value& content, const std::source_location& where) {
  b.dynamic_blocks.push_back({b.stack->strings.intern(name), for_each, std::string(iterator), content, where});
}

Value iterator_reference(std::string_view iterator, std::string_view member) {
  std::string text(iterator);
  text += '.';
  text += member;
  // A local name inside the dynamic block's content, like a
  // for-expression's bound variable: not a reference to a declared block.
  return make_bound_variable(std::move(text));
}

void set_variable_default(BlockData& b, const Value& v) {
  b.declaration().default_value = v;
  b.declaration().has_default = true;
}
void set_variable_text(BlockData& b, std::string_view key, std::string text) {
  b.declaration().texts[std::string(key)] = std::move(text);
}
void set_variable_flag(BlockData& b, std::string_view key, bool on) { b.declaration().flags[std::string(key)] = on; }
void set_variable_type_text(BlockData& b, std::string type) { b.declaration().variable_type = std::move(type); }
void add_variable_validation(BlockData& b, const Value& condition, const Value& message) {
  b.declaration().validations.push_back({condition, message});
}
Value variable_reference(const BlockData& b) {
  return make_block_reference(b, b.address, b.address.size(), ReferenceKind::block, nullptr);
}

void set_output_description(BlockData& b, std::string text) { b.declaration().texts["description"] = std::move(text); }
void set_output_sensitive(BlockData& b, bool on) { b.declaration().flags["sensitive"] = on; }
void add_output_depends_on(BlockData& b, const BlockRef& dependency) { b.depends_on.push_back(dependency.tf_data()); }
void add_output_precondition(BlockData& b, const Value& condition, const Value& message) {
  b.declaration().validations.push_back({condition, message});
}

void add_check_assertion(BlockData& check, const Value& condition, const Value& error_message) {
  check.declaration().validations.push_back({condition, error_message});
}

BlockData* declare_scoped_data(Stack& s, BlockData& check, std::string_view type, std::string_view name,
                               const schema::BlockSpec* spec, const schema::ProviderInfo* provider,
                               std::source_location where) {
  BlockData* b = s.declare({BlockKind::data, type, name, spec, provider, where});
  b->declaration().check = &check;
  return b;
}

void set_module_text(BlockData& b, std::string_view key, std::string text) {
  b.declaration().texts[std::string(key)] = std::move(text);
}
void add_module_provider(BlockData& b, std::string_view inner, const ProviderRef& outer) {
  b.declaration().module_providers.emplace_back(std::string(inner), outer.tf_data());
}

Value values_of_expression(const BlockRef& resource, const Value& attribute_of_bound) {
  const BlockData& b = *resource.tf_data();
  Value whole = make_block_reference(b, b.address, b.address.size(), ReferenceKind::block, nullptr);
  // BlockRef::tf_reference renders the bound instance as "v"; the
  // for-expression binds the same name.
  return make_for(whole, "", "v", Value{}, attribute_of_bound, Value{}, false);
}

StackData& stack_data(Stack& s) { return *s.data_; }
const StackData& stack_data(const Stack& s) { return *s.data_; }

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
    return std::string(data_->address) + "[" + key_.to_hcl() + "]";
  return std::string(data_->address);
}
BlockKind BlockRef::tf_kind() const noexcept { return data_->kind; }
std::source_location BlockRef::tf_location() const noexcept { return data_->where; }

Value BlockRef::tf_reference(std::string_view attribute) const {
  // Every attribute getter lands here: one buffer, one node.
  thread_local std::string* buffer = new std::string;
  std::string& text = *buffer;
  const std::string_view address = data_->address;
  text.clear();
  switch (selector_) {
    case Selector::whole: text.append(address); break;
    case Selector::index:
    case Selector::key:
      text.append(address);
      text += '[';
      detail::append_hcl(text, key_);
      text += ']';
      break;
    case Selector::splat:
      text.append(address);
      text += "[*]";
      break;
    case Selector::bound: text = "v"; break;
    case Selector::self: text = "self"; break;
  }
  if (!attribute.empty()) {
    text += '.';
    text += attribute;
  }
  // A for-expression's bound instance is a local name; the for-expression
  // itself references the whole block.
  // `self` is the block itself, valid only in its provisioners and
  // connection (the checks hold it to that; the node keeps the block).
  const bool bound = selector_ == Selector::bound;
  const bool self = selector_ == Selector::self;
  const bool keyed = selector_ == Selector::index || selector_ == Selector::key;
  return detail::make_block_reference(*data_, text, bound ? 1 : self ? 4 : address.size(),
                                      bound  ? detail::ReferenceKind::bound
                                      : self ? detail::ReferenceKind::self
                                             : detail::ReferenceKind::block,
                                      keyed ? &key_ : nullptr);
}

namespace {
/// Notes the running aspect (if any) on a block it changes.
void note_aspect(detail::BlockData& b) {
  const std::source_location* aspect = b.stack->running_aspect;
  if (!aspect) return;
  for (const auto& w : b.changed_by_aspects)
    if (w.line() == aspect->line() && std::string_view(w.file_name()) == aspect->file_name()) return;
  b.changed_by_aspects.push_back(*aspect);
}
}  // namespace

void BlockRef::tf_set(std::string_view name, const Value& value) const {
  note_aspect(*data_);
  detail::set_field(data_->attributes, data_->stack->strings, name, value);
}

void BlockRef::tf_append_block(std::string_view name, const Value& body) const {
  note_aspect(*data_);
  if (data_->blocks.empty()) data_->blocks.reserve(4);
  data_->blocks.push_back({data_->stack->strings.intern(name), body});
}

// --- BlockBody

Value BlockBody::value() const {
  detail::FieldViews views;
  views.reserve(fields_.size());
  for (const auto& [k, v] : fields_) views.emplace_back(k, &v);
  return detail::make_object_node(views.span());
}

void BlockBody::tf_set(std::string_view name, Value v) {
  for (auto& f : fields_) {
    if (f.first == name) {
      f.second = std::move(v);
      return;
    }
  }
  if (fields_.empty()) fields_.reserve(8);
  fields_.emplace_back(name, std::move(v));
}

void BlockBody::tf_append_block(std::string_view name, Value body) {
  for (auto& f : fields_) {
    if (f.first == name) {
      std::vector<Value> items(f.second.items().begin(), f.second.items().end());
      items.push_back(std::move(body));
      f.second = Value::list(items);
      return;
    }
  }
  fields_.emplace_back(name, Value::list({std::move(body)}));
}

void BlockBody::tf_add_dynamic(std::string_view name, const Value& for_each, std::string_view iterator,
                               const Value& content) {
  std::vector<Value::Field> f{{"for_each", for_each}, {"content", content}};
  if (!iterator.empty()) f.emplace_back("iterator", Value(iterator));
  Value entry = Value::object(f);
  // "dynamic" holds one entry per name, a list when a name has several
  // (the shape body_members gives a resource's dynamic blocks).
  for (auto& field : fields_) {
    if (field.first != "dynamic") continue;
    std::vector<Value::Field> by_name;
    bool merged = false;
    for (auto [key, existing] : field.second.fields()) {
      if (key != name) {
        by_name.emplace_back(std::string(key), existing);
        continue;
      }
      std::vector<Value> entries;
      if (existing.node() && existing.node()->kind == detail::NodeKind::list)
        entries.assign(existing.items().begin(), existing.items().end());
      else
        entries.push_back(existing);
      entries.push_back(entry);
      by_name.emplace_back(std::string(key), Value::list(entries));
      merged = true;
    }
    if (!merged) by_name.emplace_back(std::string(name), entry);
    field.second = Value::object(by_name);
    return;
  }
  fields_.emplace_back("dynamic", Value::object({{std::string(name), entry}}));
}

void BlockBody::tf_declare_fields(std::initializer_list<std::string_view> names) {
  fields_.reserve(fields_.size() + names.size());
  for (auto n : names) fields_.emplace_back(n, detail::make_null_typed());
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
  auto& strings = data_->strings;
  b.kind = d.kind;
  b.type = strings.intern(d.type);
  b.name = strings.store(d.name);
  thread_local std::string* address = new std::string;
  detail::address_text(*address, d.kind, d.type, d.name);
  b.address = strings.store(*address);
  if (d.kind == BlockKind::provider)
    b.provider_address = d.name.empty() ? b.type : strings.store(std::string(d.type) + "." + std::string(d.name));
  b.spec = d.spec;
  b.construct = data_->construct;
  b.provider_info = d.provider;
  b.where = d.where;
  b.stack = data_.get();
  return &b;
}

namespace {
void require_identifier(std::string_view what, std::string_view text, std::source_location where) {
  if (!detail::is_identifier(text))
    throw Error(std::string(what) + " '" + detail::printable(text) + "' is not an identifier (a letter or '_', then letters, digits, '_' or '-')",
                detail::to_location(where));
}
}  // namespace

UntypedResource Stack::untyped_resource(std::string_view type, std::string_view name, std::source_location where) {
  require_identifier("resource type", type, where);
  return UntypedResource(declare({BlockKind::resource, type, name, nullptr, nullptr, where}));
}

UntypedResource Stack::untyped_data(std::string_view type, std::string_view name, std::source_location where) {
  require_identifier("data source type", type, where);
  return UntypedResource(declare({BlockKind::data, type, name, nullptr, nullptr, where}));
}

UntypedResource Stack::untyped_ephemeral(std::string_view type, std::string_view name, std::source_location where) {
  require_identifier("ephemeral resource type", type, where);
  return UntypedResource(declare({BlockKind::ephemeral, type, name, nullptr, nullptr, where}));
}

UntypedProvider Stack::untyped_provider(std::string_view local_name, std::string_view alias,
                                        std::source_location where) {
  require_identifier("provider name", local_name, where);
  return UntypedProvider(declare({BlockKind::provider, local_name, alias, nullptr, nullptr, where}));
}

void Stack::set_variable_type(detail::BlockData& b, std::string type) {
  b.declaration().variable_type = std::move(type);
}

Value Stack::declare_local(std::string_view name, const Value& value, std::source_location where) {
  auto* b = declare({BlockKind::local, "", name, nullptr, nullptr, where});
  b->declaration().value = value;
  return detail::make_block_reference(*b, b->address, b->address.size(), detail::ReferenceKind::block, nullptr);
}

Output Stack::output(std::string_view name, const Value& value, std::source_location where) {
  auto* b = declare({BlockKind::output, "", name, nullptr, nullptr, where});
  b->declaration().value = value;
  return Output(b);
}

ModuleCall Stack::module(std::string_view name, std::source_location where) {
  return ModuleCall(declare({BlockKind::module, "", name, nullptr, nullptr, where}));
}

TerraformSettings& Stack::terraform() { return data_->terraform; }

void Stack::moved(std::string from, const BlockRef& to, std::source_location where) {
  data_->moved.push_back({std::move(from), to.tf_address(), where});
}

void Stack::import_resource(const BlockRef& to, const Expr<std::string>& id, std::source_location where) {
  data_->imports.push_back({to.tf_data(), to.tf_address(), id.value(), where, Value{}});
}

void Stack::import_for_each(const Value& for_each, bool is_set, const BlockRef& to, const Value& id,
                            std::source_location where) {
  data_->imports.push_back({to.tf_data(), to.tf_address(), id, where, detail::for_each_value(for_each, is_set)});
}

Check Stack::check(std::string_view name, std::source_location where) {
  require_identifier("check name", name, where);
  return Check(*this, declare({BlockKind::check, "", name, nullptr, nullptr, where}));
}

UntypedResource Check::untyped_data(std::string_view type, std::string_view name, std::source_location where) const {
  require_identifier("data source type", type, where);
  return UntypedResource(detail::declare_scoped_data(*stack_, *data_, type, name, nullptr, nullptr, where));
}

void Stack::removed(std::string from, bool destroy, std::source_location where) {
  data_->removed.push_back({std::move(from), destroy, where});
}

void Stack::add_aspect(std::string_view type, std::function<void(detail::BlockData*)> visit, std::source_location where) {
  data_->aspects.push_back({std::string(type), std::move(visit), where, false});
}

void Stack::aspect_all(std::function<void(BlockRef)> visit, std::source_location where) {
  data_->aspects.push_back({"", [visit](detail::BlockData* b) { visit(BlockRef(b)); }, where, false});
}

void Stack::finish() {
  // In declaration order; an aspect also sees blocks an earlier one added.
  for (std::size_t i = 0; i < data_->aspects.size(); ++i) {
    if (data_->aspects[i].done) continue;
    data_->aspects[i].done = true;
    const auto where = data_->aspects[i].where;
    const auto type = data_->aspects[i].type;
    auto visit = data_->aspects[i].visit;  // a copy: the aspect may add aspects
    data_->running_aspect = &where;
    for (std::size_t b = 0; b < data_->blocks.size(); ++b) {
      detail::BlockData& block = data_->blocks[b];
      const bool typed = detail::is_typed_kind(block.kind);
      if (type.empty() || (typed && block.type == type)) visit(&block);
    }
    data_->running_aspect = nullptr;
  }
}

void Stack::depends_on(const Stack& other, std::source_location where) {
  if (&other == this)
    throw Error("stack '" + data_->name + "' cannot depend on itself", detail::to_location(where),
                "core.stack-dependency-cycle");
  for (const auto& d : data_->dependencies)
    if (d.stack == other.data_.get()) return;  // said twice: one dependency
  data_->dependencies.push_back({other.data_.get(), where});
}

void Stack::file(std::string_view path, std::string content, std::source_location where) {
  auto refuse = [&](const std::string& why) {
    throw Error("stack '" + data_->name + "': file '" + printable(path) + "': " + why, detail::to_location(where),
                "core.stack-file");
  };
  // Terraform reads every *.tf and *.tf.json of the directory it runs in:
  // a file attached to the stack must never become configuration.
  if (path.ends_with(".tf") || path.ends_with(".tf.json"))
    refuse("Terraform would read it as configuration; attach only deployment files and documents");
  std::string why;
  if (!detail::is_emitted_path(data_->name + "/" + std::string(path), &why)) refuse(why);
  for (const auto& f : data_->files)
    if (f.path == path) refuse("already attached at " + std::string(f.where.file_name()) + ":" + std::to_string(f.where.line()));
  data_->files.push_back({std::string(path), std::move(content), where});
}

std::optional<BlockRef> Stack::block(std::string_view address) const {
  for (auto& b : data_->blocks)
    if (b.address == address &&
        (detail::is_typed_kind(b.kind) || b.kind == BlockKind::module))
      return BlockRef(&b);
  return std::nullopt;
}

std::string Stack::context(std::string_view key, std::string_view fallback) const {
  auto it = data_->context.find(key);
  return it == data_->context.end() ? std::string(fallback) : it->second;
}

const Context& Stack::context_values() const { return data_->context; }

bool Stack::context_flag(std::string_view key, bool fallback) const {
  auto it = data_->context.find(key);
  if (it == data_->context.end()) return fallback;
  const auto& v = it->second;
  if (v == "true" || v == "1" || v == "yes" || v == "on") return true;
  if (v == "false" || v == "0" || v == "no" || v == "off") return false;
  throw std::invalid_argument("context value " + std::string(key) + "=" + v + " is not a flag (true/false)");
}

// --- Construct

Construct::Construct(Stack& stack, std::string_view name) : stack_(stack) {
  auto& s = detail::stack_data(stack);
  previous_ = s.construct;
  std::string path(previous_);
  if (!path.empty()) path += '/';
  path += name;
  s.construct = s.strings.intern(path);
}

Construct::~Construct() { detail::stack_data(stack_).construct = previous_; }

// --- App and registry

namespace {
std::vector<StackDefinition>& registry() {
  static std::vector<StackDefinition> r;
  return r;
}
}  // namespace

StackRegistration::StackRegistration(std::string_view name, StackBuilder build, std::source_location where) {
  registry().push_back({std::string(name), std::move(build), where});
}

namespace {
std::vector<AppDefinition>& app_registry() {
  static std::vector<AppDefinition> r;
  return r;
}
}  // namespace

AppRegistration::AppRegistration(AppBuilder build, std::source_location where) {
  app_registry().push_back({std::move(build), where});
}

std::vector<AppDefinition> registered_apps() { return app_registry(); }

std::vector<StackDefinition> registered_stacks() {
  auto r = registry();
  std::stable_sort(r.begin(), r.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return r;
}

App::App(Context context) : context_(std::move(context)) {}
App::~App() = default;

Stack& App::stack(std::string name, std::source_location where) {
  for (const auto& s : stacks_)
    if (s->name() == name)
      throw Error("stack '" + detail::printable(name) + "' is already part of this app (created at " +
                      detail::to_location(detail::stack_data(*s).where).file + ":" +
                      std::to_string(detail::stack_data(*s).where.line()) + ")",
                  detail::to_location(where), "core.stack-registration");
  stacks_.push_back(std::make_unique<Stack>(std::move(name), context_, where));
  return *stacks_.back();
}

}  // namespace stackgen
