// Cross-stack references: handles of a stack used in a stack that depends
// on it become an output there and a terraform_remote_state reference here.
#include "stackgen/core/cross_stack.hpp"

#include <algorithm>
#include <cstring>
#include <map>
#include <set>

#include "../text.hpp"
#include "model.hpp"
#include "node.hpp"
#include "stackgen/core/error.hpp"
#include "stackgen/core/terraform_builtins.hpp"

namespace stackgen {

namespace {

using detail::BlockData;
using detail::Node;
using detail::NodeKind;
using detail::ReferenceKind;
using detail::StackData;

bool is_identifier_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

/// A Terraform identifier made of `text`: every other character becomes '_',
/// runs of '_' collapse, and a leading digit gets a '_' before it.
std::string identifier_of(std::string_view text) {
  std::string out;
  for (char c : text) {
    char d = is_identifier_char(c) && c != '-' ? c : '_';
    if (d == '_' && !out.empty() && out.back() == '_') continue;
    out += d;
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  if (out.empty() || (out[0] >= '0' && out[0] <= '9')) out.insert(0, 1, '_');
  return out;
}

/// Whether the stack `from` declared `to` as a direct dependency.
bool depends_directly(const StackData& from, const StackData& to) {
  for (const auto& d : from.dependencies)
    if (d.stack == &to) return true;
  return false;
}

/// Whether `to` is applied before `from` (a dependency, direct or not).
bool depends_on(const StackData& from, const StackData& to) {
  std::vector<const StackData*> work{&from};
  std::set<const StackData*> seen;
  while (!work.empty()) {
    const StackData* s = work.back();
    work.pop_back();
    if (!seen.insert(s).second) continue;
    for (const auto& d : s->dependencies) {
      if (d.stack == &to) return true;
      work.push_back(d.stack);
    }
  }
  return false;
}

bool has_references(const Value& v) {
  std::vector<const Node*> refs;
  detail::collect_references(v, refs);
  return !refs.empty();
}

/// What one stack passes to others: an output per distinct expression.
struct Exports {
  Stack* stack = nullptr;
  std::map<std::string, std::string> output_of;  // output value's HCL -> output name
  std::set<std::string> taken;                     // output names in the stack
};

/// What a using stack reads: one remote state per stack it depends on.
struct Imports {
  std::map<const StackData*, const BlockData*> remote_state;  // stack -> its data source
};

class Connector {
 public:
  explicit Connector(App& app) : app_(app) {
    for (const auto& s : app.stacks()) {
      auto& data = detail::stack_data(*s);
      exports_[&data].stack = s.get();
      for (const auto& b : data.blocks)
        if (b.kind == BlockKind::output) exports_[&data].taken.emplace(b.name);
    }
  }

  void run() {
    for (const auto& s : app_.stacks()) connect(*s);
  }

 private:
  void connect(Stack& stack) {
    StackData& data = detail::stack_data(stack);
    if (data.dependencies.empty()) return;
    // Blocks added here (the remote states) are not rewritten: they refer
    // to nothing of another stack. Outputs added to other stacks are theirs.
    const std::size_t count = data.blocks.size();
    for (std::size_t i = 0; i < count; ++i) {
      BlockData& b = data.blocks[i];
      for (auto& a : b.attributes) rewrite(stack, b, a.value);
      for (auto& a : b.blocks) rewrite(stack, b, a.value);
      rewrite(stack, b, b.count);
      rewrite(stack, b, b.for_each);
      if (b.details) rewrite(stack, b, b.details->value);
      for (auto& d : b.dynamic_blocks) {
        rewrite(stack, b, d.for_each);
        rewrite(stack, b, d.content);
      }
      for_each_provisioning_value(b, [&](std::string_view, Value& v, bool) { rewrite(stack, b, v); });
      // depends_on a block of a stack applied earlier: the stack order
      // already says it (and Terraform cannot name it here).
      std::erase_if(b.depends_on, [&](const BlockData* d) {
        return d->stack != &data && depends_on(data, *d->stack);
      });
    }
  }

  void rewrite(Stack& stack, const BlockData& owner, Value& v) {
    const StackData& here = detail::stack_data(stack);
    std::vector<const Node*> refs;
    detail::collect_references(v, refs);
    bool foreign = false;
    for (const Node* r : refs) foreign = foreign || carried(here, *r).ok;
    if (!foreign) return;
    v = replace(stack, owner, v, 0);
  }

  /// How `r` crosses, if this pass carries it (to a block of a direct
  /// dependency): `ok` false otherwise.


  /// How a reference crosses: the expression the other stack outputs, and
  /// the key the using stack applies to it (for a key it computes).
  struct Crossing {
    bool ok = false;
    bool keyed_here = false;  // the key refers to this stack: output every instance
    bool by_key = false;      // ... of a for_each resource (a map), else a list
    std::string attribute;    // after the instance selector
  };

  static Crossing crossing_of(const Node& r) {
    Crossing c;
    const BlockData& t = *r.target;
    std::string_view rest = r.text().substr(r.address().size());
    const bool keyed = r.count > 0;
    if (!rest.empty() && rest[0] == '[') {
      // A key's own text may hold ']' (each.value["x"]); an attribute name
      // never does, so the selector ends at the last one.
      const auto close = keyed ? rest.rfind(']') : rest.find(']');
      if (close == std::string_view::npos) return c;
      rest = rest.substr(close + 1);
    }
    const bool values = t.kind == BlockKind::variable || t.kind == BlockKind::local;
    if (rest.empty() && !values) return c;  // a whole block: not carried
    if (!rest.empty()) {
      if (rest[0] != '.') return c;
      c.attribute = std::string(rest.substr(1));
    }
    if (keyed && has_references(r.child(0))) {
      c.keyed_here = true;
      c.by_key = !t.for_each.is_null();
    }
    c.ok = true;
    return c;
  }

  /// How `r` crosses, if this pass carries it (to a block of a direct
  /// dependency): `ok` false otherwise.
  static Crossing carried(const StackData& here, const Node& r) {
    if (r.ref_kind != ReferenceKind::block || !r.target || r.target->stack == &here) return {};
    if (!depends_directly(here, *r.target->stack)) return {};
    return crossing_of(r);
  }

  /// `v` with every carried reference replaced (nodes on the way copied;
  /// nodes are immutable and shared).
  Value replace(Stack& stack, const BlockData& owner, const Value& v, int depth) {
    const Node* n = v.node();
    if (!n) return v;
    if (depth > 2000)
      throw Error("an expression nested more than 2000 deep uses another stack's handle", detail::to_location(owner.where),
                  "core.cross-stack-reference");
    if (n->kind == NodeKind::reference) {
      if (Crossing c = carried(detail::stack_data(stack), *n); c.ok) return remote(stack, owner, *n, c);
      if (n->count == 0) return v;
    }
    bool changed = false;
    std::vector<Value> children;
    children.reserve(n->count);
    for (std::size_t i = 0; i < n->count; ++i) {
      children.push_back(replace(stack, owner, n->child(i), depth + 1));
      changed = changed || children.back().node() != n->child(i).node();
    }
    if (!changed) return v;
    const std::size_t text_size = n->kind == NodeKind::object ? (n->count ? n->key_ends()[n->count - 1] : 0) : n->text_size;
    Node* copy = detail::allocate_node(n->kind, n->count, text_size);
    copy->flags = n->flags;
    copy->ref_kind = n->ref_kind;
    copy->aux = n->aux;
    copy->none = n->none;
    copy->text_size = n->text_size;
    for (std::size_t i = 0; i < n->count; ++i) copy->children()[i] = std::move(children[i]);
    if (n->kind == NodeKind::object)
      std::memcpy(const_cast<std::uint32_t*>(copy->key_ends()), n->key_ends(), n->count * sizeof(std::uint32_t));
    std::memcpy(const_cast<char*>(copy->text_data()), n->text_data(), text_size);
    return detail::adopt(copy);
  }

  /// data.terraform_remote_state.<stack>.outputs.<output> for `r`.
  Value remote(Stack& stack, const BlockData& owner, const Node& r, const Crossing& c) {
    const BlockData& target = *r.target;
    Value exported;
    std::string text;
    if (!c.keyed_here) {
      exported = detail::share(&r);
      text = std::string(r.text());
    } else {
      const std::string whole(target.address);
      Value all = detail::make_block_reference(target, whole, whole.size(), ReferenceKind::block, nullptr);
      Value attribute = detail::make_bound_variable("v." + c.attribute);
      Value key = c.by_key ? detail::make_bound_variable("k") : Value{};
      exported = detail::make_for(all, c.by_key ? "k" : "", "v", key, attribute, Value{}, c.by_key, false);
      text = whole + (c.by_key ? "[each]." : "[*].") + c.attribute;
    }
    const std::string attribute = c.attribute.substr(0, c.attribute.find_first_of(".["));
    const std::string output = export_output(target, exported, text, owner, sensitive(target, attribute));
    const BlockData& state = remote_state(stack, *target.stack, owner);
    const std::string reference = std::string(state.address) + ".outputs." + output;
    Value result =
        detail::make_block_reference(state, reference, state.address.size(), ReferenceKind::block, nullptr);
    if (c.keyed_here) result = detail::make_index(result, r.child(0));
    return result;
  }

  std::string export_output(const BlockData& target, const Value& value, const std::string& text,
                            const BlockData& owner, bool is_sensitive) {
    Exports& e = exports_[target.stack];
    const std::string hcl = value.to_hcl();
    if (auto it = e.output_of.find(hcl); it != e.output_of.end()) return it->second;
    std::string name = identifier_of(text);
    for (int i = 2; e.taken.count(name); ++i) name = identifier_of(text) + "_" + std::to_string(i);
    e.taken.insert(name);
    e.output_of.emplace(hcl, name);
    Output out = e.stack->output(name, value, owner.where);
    out.description("Read by stack '" + detail::stack_data(*exports_[owner.stack].stack).name +
                    "' (stackgen cross-stack reference to " + text + ")");
    if (is_sensitive) out.sensitive();
    return name;
  }

  /// Whether Terraform requires the output to be marked sensitive.
  static bool sensitive(const BlockData& target, const std::string& attribute) {
    if (target.kind == BlockKind::variable || target.kind == BlockKind::output) return target.flag("sensitive");
    if (!target.spec) return false;
    const auto* a = target.spec->attribute(attribute);
    return a && (a->sensitive || a->write_only);
  }

  /// The remote state of `other` in `stack`, declared on first use at the
  /// depends_on call.
  const BlockData& remote_state(Stack& stack, const StackData& other, const BlockData& owner) {
    auto& data = detail::stack_data(stack);
    auto& mine = imports_[&data].remote_state;
    if (auto it = mine.find(&other); it != mine.end()) return *it->second;
    std::source_location where = owner.where;
    for (const auto& d : data.dependencies)
      if (d.stack == &other) where = d.where;
    std::string name = identifier_of(other.name);
    auto taken = [&](const std::string& n) {
      return stack.block("data.terraform_remote_state." + n).has_value();
    };
    for (int i = 2; taken(name); ++i) name = identifier_of(other.name) + "_" + std::to_string(i);
    auto state = stack.add<builtin::TerraformRemoteState>(name, where);
    configure(stack, state, other, where);
    return *mine.emplace(&other, state.tf_data()).first->second;
  }

  static void configure(Stack& stack, builtin::TerraformRemoteState state, const StackData& other,
                        std::source_location where) {
    const auto& backend = other.terraform.backend();
    std::vector<Value::Field> config;
    const std::string sibling = "../" + other.name + "/";
    if (!backend || backend->type() == "local") {
      std::string path = "terraform.tfstate";
      if (backend) {
        auto it = backend->settings().find("path");
        if (it != backend->settings().end() && it->second.text) path = *it->second.text;
      }
      state.backend(Expr<std::string>("local"));
      config.emplace_back("path", path.starts_with("/") ? path : sibling + path);
    } else {
      state.backend(Expr<std::string>(backend->type()));
      for (const auto& [key, setting] : backend->settings()) {
        // Locks are for writers; a reader needs the state's address.
        if (key == "use_lockfile" || key == "dynamodb_table") continue;
        if (setting.text) config.emplace_back(key, *setting.text);
        else if (setting.flag) config.emplace_back(key, *setting.flag);
        else config.emplace_back(key, setting.value);
      }
      if (backend->type() == "s3" && !backend->settings().count("bucket")) {
        auto bucket = stack.variable<std::string>(identifier_of(other.name) + "_state_bucket", where)
                          .description("The S3 bucket holding the state of stack '" + other.name +
                                       "' (its backend leaves the bucket to terraform init -backend-config)");
        config.emplace_back("bucket", bucket.value());
      }
    }
    state.config(Expr<Any>::unchecked(Value::object(config)));
  }

  App& app_;
  std::map<const StackData*, Exports> exports_;
  std::map<const StackData*, Imports> imports_;
};

}  // namespace

void connect_stacks(App& app) { Connector(app).run(); }

std::vector<const Stack*> dependencies_of(const App& app, const Stack& stack) {
  std::vector<const Stack*> out;
  for (const auto& d : detail::stack_data(stack).dependencies)
    for (const auto& s : app.stacks())
      if (&detail::stack_data(*s) == d.stack) out.push_back(s.get());
  return out;
}

std::vector<const Stack*> apply_order(const App& app) {
  // Kahn's algorithm, the ready stack with the smallest name first.
  std::map<const Stack*, std::size_t> waiting;
  std::map<std::string, const Stack*> ready;
  for (const auto& s : app.stacks()) {
    waiting[s.get()] = dependencies_of(app, *s).size();
    if (waiting[s.get()] == 0) ready.emplace(s->name(), s.get());
  }
  std::vector<const Stack*> order;
  std::set<const Stack*> placed;
  while (!ready.empty()) {
    const Stack* next = ready.begin()->second;
    ready.erase(ready.begin());
    order.push_back(next);
    placed.insert(next);
    for (const auto& s : app.stacks()) {
      if (placed.count(s.get())) continue;
      auto deps = dependencies_of(app, *s);
      if (std::find(deps.begin(), deps.end(), next) == deps.end()) continue;
      if (--waiting[s.get()] == 0) ready.emplace(s->name(), s.get());
    }
  }
  std::map<std::string, const Stack*> cyclic;
  for (const auto& s : app.stacks())
    if (!placed.count(s.get())) cyclic.emplace(s->name(), s.get());
  for (const auto& [name, s] : cyclic) order.push_back(s);
  return order;
}

}  // namespace stackgen
