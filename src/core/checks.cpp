// The core checks run by validate(): identifiers, duplicate addresses,
// references, provider configurations, dependency cycles, variables and
// schema conformance (required arguments, block counts).
#include <algorithm>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <span>
#include <unordered_map>

#include "model.hpp"
#include "text.hpp"
#include "stackgen/core/emit.hpp"

namespace stackgen {
namespace detail {
namespace {

bool is_identifier(std::string_view s) {
  if (s.empty()) return false;
  auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  if (!alpha(s[0])) return false;
  for (char c : s)
    if (!(alpha(c) || (c >= '0' && c <= '9') || c == '-')) return false;
  return true;
}

const char* kind_name(BlockKind k) {
  switch (k) {
    case BlockKind::resource: return "resource";
    case BlockKind::data: return "data source";
    case BlockKind::provider: return "provider";
    case BlockKind::variable: return "variable";
    case BlockKind::output: return "output";
    case BlockKind::local: return "local";
    case BlockKind::module: return "module";
  }
  return "block";
}

class Checker {
 public:
  Checker(const StackData& s, Diagnostics& out) : s_(s), out_(out) {
    // Every block's address, built once: validation looks them up for every
    // reference, and a stack may hold 100k blocks.
    const std::size_t n = s_.blocks.size();
    addresses_.reserve(n);  // exact: the views in by_address_ stay valid
    edges_begin_.reserve(n + 1);
    index_.reserve(n);
    by_address_.reserve(n);
    first_declared_.reserve(n);
    for (const auto& b : s_.blocks) {
      index_.emplace(&b, addresses_.size());
      addresses_.push_back(b.address());
      // The first declaration of an address wins; later ones are duplicates.
      first_declared_.push_back(by_address_.emplace(addresses_.back(), &b).first->second);
    }
  }

  void run() {
    check_names_and_duplicates();
    for (const auto& b : s_.blocks) check_block(b);
    check_cycles();
    for (const auto& m : s_.moved) {
      // The target may name an instance: aws_subnet.a[0].
      if (!by_address_.count(m.to.substr(0, m.to.find('['))))
        error("core.dangling-reference", m.to, m.where, "moved block targets " + m.to + ", which is not declared in this stack");
    }
    for (const auto& i : s_.imports) {
      if (i.to->stack != &s_)
        error("core.cross-stack-reference", i.to->address(), i.where,
              "import targets " + i.to->address() + ", declared in stack '" + i.to->stack->name + "'");
      check_value_references(*i.to, i.id, "import id");
    }
  }

 private:
  void error(std::string rule, std::string address, const std::source_location& where, std::string message,
             std::string hint = "") {
    Diagnostic d;
    d.severity = Severity::error;
    d.rule = std::move(rule);
    d.stack = s_.name;
    d.address = std::move(address);
    d.where = to_location(where);
    d.message = std::move(message);
    d.hint = std::move(hint);
    out_.add(std::move(d));
  }
  void error(std::string rule, const BlockData& b, std::string message, std::string hint = "") {
    error(std::move(rule), b.address(), b.where, std::move(message), std::move(hint));
  }

  void check_names_and_duplicates() {
    std::size_t i = 0;
    for (const auto& b : s_.blocks) {
      const BlockData* first_declared = first_declared_[i++];
      bool name_ok = b.kind == BlockKind::provider ? (b.name.empty() || is_identifier(b.name))
                                                   : is_identifier(b.name);
      if (!name_ok) {
        error("core.invalid-identifier", b,
              std::string(kind_name(b.kind)) + " name '" + b.name + "' is not a valid Terraform identifier",
              "use letters, digits, '_' and '-', starting with a letter or '_'");
      }
      if ((b.kind == BlockKind::resource || b.kind == BlockKind::data) && !is_identifier(b.type)) {
        error("core.invalid-identifier", b, "type '" + b.type + "' is not a valid identifier");
      }
      if (first_declared != &b) {
        const auto& first = *first_declared;
        error("core.duplicate-address", b,
              std::string("duplicate address (first declared at ") + first.where.file_name() + ":" +
                  std::to_string(first.where.line()) + ")",
              "give each " + std::string(kind_name(b.kind)) + " a unique name");
      }
    }
  }

  /// Checks every reference in `v`; with `record_edges`, also appends the
  /// blocks of this stack they point to to edges_, for check_cycles (one
  /// walk of the value for both).
  void check_value_references(const BlockData& owner, const Value& v, std::string_view where_in_block,
                              bool record_edges = false) {
    if (v.is_null()) return;
    refs_.clear();  // reused: no allocation per value
    collect_references(v, refs_);
    for (const Node* r : refs_) {
      check_reference(owner, *r, where_in_block);
      if (!record_edges) continue;
      const BlockData* t = r->ref_kind == ReferenceKind::block ? r->target : nullptr;
      if (!t && r->ref_kind == ReferenceKind::unresolved) {
        auto it = by_address_.find(r->address);
        if (it != by_address_.end()) t = it->second;
      }
      if (t && t->stack == &s_) edges_.push_back(t);
    }
  }

  /// " (in name)": where in the block a reference is, for messages only.
  static std::string in_context(std::string_view where_in_block) {
    return where_in_block.empty() ? "" : " (in " + std::string(where_in_block) + ")";
  }

  void check_reference(const BlockData& owner, const Node& r, std::string_view where_in_block) {
    auto context = [&] { return in_context(where_in_block); };
    switch (r.ref_kind) {
      case ReferenceKind::count:
        if (owner.count.is_null())
          error("core.invalid-reference", owner, "count.index used" + context() + " but the block has no count");
        return;
      case ReferenceKind::each:
        if (owner.for_each.is_null())
          error("core.invalid-reference", owner, r.text + " used" + context() + " but the block has no for_each");
        return;
      case ReferenceKind::path:
      case ReferenceKind::self:
      case ReferenceKind::bound:
        return;
      case ReferenceKind::unresolved: {
        auto it = by_address_.find(r.address);
        if (it == by_address_.end()) {
          error("core.dangling-reference", owner,
                "reference to " + r.address + context() + ", which is not declared in stack '" + s_.name + "'",
                "declare it in this stack or fix the address");
        } else {
          check_instances(owner, *it->second, r, where_in_block);
        }
        return;
      }
      case ReferenceKind::block: {
        const BlockData* t = r.target;
        if (t->stack != &s_) {
          error("core.cross-stack-reference", owner,
                "reference to " + t->address() + context() + ", declared in stack '" + t->stack->name +
                    "', not in '" + s_.name + "'",
                "pass values between stacks through outputs and terraform_remote_state");
          return;
        }
        check_instances(owner, *t, r, where_in_block);
        return;
      }
    }
  }

  // r[i] needs count, r["k"] needs for_each, and an attribute of a
  // multi-instance resource needs an instance or a splat.
  // `target` is a block of this stack.
  void check_instances(const BlockData& owner, const BlockData& target, const Node& r,
                       std::string_view where_in_block) {
    if (target.kind != BlockKind::resource && target.kind != BlockKind::data &&
        target.kind != BlockKind::module)
      return;
    std::string_view text = r.text;
    std::string_view after = text.substr(std::min(text.size(), address_of(target).size()));
    auto context = [&] { return in_context(where_in_block); };
    bool multi = !target.count.is_null() || !target.for_each.is_null();
    if (after.empty() || after[0] == '.') {
      if (multi && !after.empty())
        error("core.invalid-reference", owner,
              "reference to " + std::string(text) + context() + ": " + target.address() + " has " +
                  (target.count.is_null() ? "for_each" : "count") + ", so an instance must be selected",
              "use r[i] / r[\"key\"] for one instance, splat(r, &T::attr) or values_of(r, &T::attr) for all");
      return;
    }
    if (after.rfind("[*]", 0) == 0) return;
    if (after[0] == '[') {
      bool is_string_key = after.size() > 1 && after[1] == '"';
      if (!multi) {
        error("core.invalid-reference", owner,
              "reference to " + std::string(text) + context() + ": " + target.address() +
                  " has neither count nor for_each");
      } else if (is_string_key && target.for_each.is_null()) {
        error("core.invalid-reference", owner,
              "reference to " + std::string(text) + context() + ": " + target.address() +
                  " uses count; select an instance by number");
      }
    }
  }

  void check_block(const BlockData& b) {
    // Everything a block's values refer to; what arguments, nested blocks,
    // count, for_each, value and depends_on point to are its dependencies
    // (run() checks the blocks in order: their edges follow one another).
    edges_begin_.push_back(edges_.size());
    for_each_dependency_value(b, [&](std::string_view where, const Value& v) {
      check_value_references(b, v, where, true);
    });
    for (const auto* d : b.depends_on)
      if (d->stack == &s_) edges_.push_back(d);
    for (const auto& c : b.validations) {
      check_value_references(b, c.condition, "condition");
      check_value_references(b, c.error_message, "error_message");
    }
    for (const auto& o : b.overrides) check_value_references(b, o.value, o.path);
    if (!b.count.is_null() && !b.for_each.is_null())
      error("core.count-and-for_each", b, "sets both count and for_each");

    for (const auto* d : b.depends_on) {
      if (d->stack != &s_)
        error("core.cross-stack-reference", b,
              "depends_on " + d->address() + ", declared in stack '" + d->stack->name + "'");
    }
    if (b.lifecycle) {
      for (const auto& c : b.lifecycle->preconditions_) check_value_references(b, c.condition, "precondition");
      for (const auto& c : b.lifecycle->postconditions_) check_value_references(b, c.condition, "postcondition");
      for (const auto& r : b.lifecycle->replace_triggered_by_) check_value_references(b, r, "replace_triggered_by");
      if (b.spec) {
        for (const auto& a : b.lifecycle->ignore_changes_) {
          std::string root = a.substr(0, a.find_first_of(".["));
          if (!b.spec->attribute(root) && !b.spec->block_type(root))
            error("core.unknown-attribute", b,
                  "lifecycle.ignore_changes names '" + a + "', which " + b.type + " does not have");
        }
      }
    }
    for (const auto& sup : b.suppressions) {
      bool blank = sup.reason.find_first_not_of(" \t\n") == std::string::npos;
      if (blank)
        error("core.suppression-without-reason", b, "suppression of " + sup.rule + " has no reason",
              "say why the finding does not apply, so reviewers can judge it");
    }
    check_provider(b);
    if (b.kind == BlockKind::variable) check_variable(b);
    if (b.kind == BlockKind::module && !b.texts.count("source"))
      error("core.missing-argument", b, "module " + b.name + " has no source");
    if (b.spec && (b.kind == BlockKind::resource || b.kind == BlockKind::data))
      check_schema(b);
  }

  void check_provider(const BlockData& b) {
    const BlockData* p = b.provider;
    if (p) {
      if (p->stack != &s_) {
        error("core.cross-stack-reference", b, "provider " + p->provider_address() + " is configured in stack '" +
                                                   p->stack->name + "'");
      } else if (b.provider_info && p->type != b.provider_info->local_name) {
        error("core.provider-mismatch", b,
              b.type + " belongs to provider '" + std::string(b.provider_info->local_name) + "' but is given provider " +
                  p->provider_address());
      }
    } else if (!b.provider_name.empty()) {
      if (!by_address_.count("provider." + b.provider_name))
        error("core.undeclared-provider", b,
              "provider " + b.provider_name + " is not configured in stack '" + s_.name + "'",
              "declare it with s.provider<...>(\"alias\")");
    }
  }

  void check_variable(const BlockData& b) {
    if (b.has_default && !b.default_value.is_literal())
      error("core.invalid-default", b, "the default of variable " + b.name + " must be a literal value",
            "Terraform evaluates no expressions in variable defaults; use a local instead");
    auto s = b.flags.find("sensitive");
    // default_value(null) stores a null literal node: not a secret.
    const Node* def = b.default_value.node();
    bool null_default = !def || def->kind == NodeKind::null_literal;
    if (b.has_default && s != b.flags.end() && s->second && !null_default)
      error("core.secret-default", b,
            "sensitive variable " + b.name + " has a default, which would write the secret into the emitted files",
            "pass it at apply time (TF_VAR_" + b.name + ", -var or a secret store)");
  }

  void check_schema(const BlockData& b) {
    const schema::BlockSpec& spec = *b.spec;
    std::set<std::string, std::less<>> removed;
    std::set<std::string, std::less<>> overridden;
    for (const auto& o : b.overrides) {
      std::string root = o.path.substr(0, o.path.find('.'));
      (o.remove ? removed : overridden).insert(root);
    }
    auto is_set = [&](std::string_view name) {
      if (removed.count(name)) return false;
      if (overridden.count(name)) return true;
      for (const auto& f : b.attributes)
        if (f.first == name) return true;
      return false;
    };
    for (const auto& a : spec.attributes) {
      if (a.required && !is_set(a.name))
        error("schema.missing-argument", b, "missing required argument " + std::string(a.name));
    }
    for (const auto& f : b.attributes) {
      const auto* a = spec.attribute(f.first);
      if (!a) {
        error("schema.unknown-argument", b, b.type + " has no argument " + f.first);
      } else if (!a->required && !a->optional) {
        error("schema.computed-argument", b,
              f.first + " is computed by the provider and cannot be set");
      }
    }
    check_blocks(b, spec, b.blocks, "");
  }

  /// "block default_action.redirect: " for findings inside nested blocks.
  static std::string in(const std::string& path) { return path.empty() ? "" : "block " + path + ": "; }

  void check_blocks(const BlockData& owner, const schema::BlockSpec& spec,
                    const std::vector<Value::Field>& blocks, const std::string& path) {
    for (const auto& bt : spec.block_types) {
      int n = 0;
      for (const auto& [name, body] : blocks)
        if (name == bt.name) ++n;
      if (n == 0 && owner.overrides.size()) {
        // An override may supply the block.
        for (const auto& o : owner.overrides)
          if (!o.remove && o.path.rfind(std::string(bt.name), 0) == 0) n = 1;
      }
      if (n < bt.min_items)
        error("schema.block-count", owner,
              in(path) + "block " + std::string(bt.name) + " is required at least " + std::to_string(bt.min_items) +
                  " time(s), found " + std::to_string(n));
      if (bt.max_items > 0 && n > bt.max_items)
        error("schema.block-count", owner,
              in(path) + "block " + std::string(bt.name) + " is allowed at most " + std::to_string(bt.max_items) +
                  " time(s), found " + std::to_string(n));
    }
    for (const auto& [name, body] : blocks) {
      const auto* bt = spec.block_type(name);
      if (!bt) {
        error("schema.unknown-block", owner, in(path) + "no block type " + name);
        continue;
      }
      if (!bt->block) continue;
      const std::string inner = path.empty() ? name : path + "." + name;
      if (bt->nesting == schema::Nesting::map) {
        // A map-nested block is {label: body}: check each labelled body.
        for (const auto& [label, labelled] : body.fields())
          check_block_body(owner, *bt->block, labelled, inner + "." + label);
      } else {
        check_block_body(owner, *bt->block, body, inner);
      }
    }
  }

  void check_block_body(const BlockData& owner, const schema::BlockSpec& spec, const Value& body,
                        const std::string& path) {
    for (const auto& a : spec.attributes) {
      if (a.required && body.field(a.name).is_null())
        error("schema.missing-argument", owner, in(path) + "missing required argument " + std::string(a.name));
    }
    // Nested blocks of the body are fields whose values are lists of objects.
    std::vector<Value::Field> nested;
    for (const auto& f : body.fields()) {
      if (spec.block_type(f.first))
        for (const auto& item : f.second.items()) nested.emplace_back(f.first, item);
    }
    check_blocks(owner, spec, nested, path);
  }

  // Edges (recorded by check_block): references and depends_on between
  // blocks of this stack.
  void check_cycles() {
    edges_begin_.push_back(edges_.size());
    auto edges = [&](std::size_t block) {
      return std::span<const BlockData* const>(edges_.data() + edges_begin_[block],
                                               edges_begin_[block + 1] - edges_begin_[block]);
    };
    std::vector<unsigned char> state(s_.blocks.size(), 0);  // 0 new, 1 on stack, 2 done
    std::vector<const BlockData*> path;
    std::set<std::string> reported;
    auto visit = [&](auto& self, const BlockData* b) -> void {
      const std::size_t bi = index_.at(b);
      state[bi] = 1;
      path.push_back(b);
      for (const auto* t : edges(bi)) {
        const std::size_t ti = index_.at(t);
        if (state[ti] == 1) {
          auto start = std::find(path.begin(), path.end(), t);
          std::string cycle;
          std::vector<std::string> names;
          for (auto it = start; it != path.end(); ++it) names.push_back((*it)->address());
          // Report each cycle once, starting from its smallest address.
          auto min_it = std::min_element(names.begin(), names.end());
          std::rotate(names.begin(), min_it, names.end());
          for (const auto& n : names) cycle += n + " -> ";
          cycle += names.front();
          if (reported.insert(cycle).second) {
            const BlockData* at = by_address_.at(names.front());
            error("core.dependency-cycle", *at, "dependency cycle: " + cycle,
                  "break the cycle by removing a reference or depends_on");
          }
        } else if (state[ti] == 0) {
          self(self, t);
        }
      }
      path.pop_back();
      state[bi] = 2;
    };
    std::size_t i = 0;
    for (const auto& b : s_.blocks)
      if (state[i++] == 0) visit(visit, &b);
  }

  /// The address of a block of this stack, computed once.
  const std::string& address_of(const BlockData& b) const { return addresses_[index_.at(&b)]; }

  const StackData& s_;
  Diagnostics& out_;
  std::vector<std::string> addresses_;                                 // in declaration order
  std::unordered_map<const BlockData*, std::size_t> index_;            // block -> position
  std::unordered_map<std::string_view, const BlockData*> by_address_;  // first declaration
  std::vector<const BlockData*> first_declared_;                       // of each block's address
  std::vector<const Node*> refs_;                                      // scratch
  std::vector<const BlockData*> edges_;  // every block's dependencies, one block after another
  std::vector<std::size_t> edges_begin_;   // where each block's dependencies start, by position

 public:
  /// Marks the warnings a suppression on their block covers; run after
  /// every check (core and registered).
  void mark_suppressions() {
    for (auto& item : out_.items()) {
      auto it = by_address_.find(item.address);
      if (it == by_address_.end()) continue;
      for (const auto& sup : it->second->suppressions) {
        if (sup.rule == item.rule && item.severity == Severity::warning) item.suppressed_because = sup.reason;
      }
    }
  }
};

struct NamedCheck {
  std::string name;
  Check check;
};

std::vector<NamedCheck>& checks() {
  static std::vector<NamedCheck> c;
  return c;
}

}  // namespace

}  // namespace detail

void register_check(std::string name, Check check) {
  for (const auto& c : detail::checks())
    if (c.name == name) return;
  detail::checks().push_back({std::move(name), std::move(check)});
}

Diagnostics validate(const Stack& stack) {
  Diagnostics d;
  detail::Checker checker(stack.tf_data(), d);
  checker.run();
  for (const auto& c : detail::checks()) c.check(stack, d);
  checker.mark_suppressions();
  d.sort();
  return d;
}

void Diagnostics::add(Diagnostic d) {
  for (std::string* text : {&d.stack, &d.address, &d.message, &d.hint, &d.suppressed_because, &d.where.file}) {
    bool clean = detail::valid_utf8(*text);
    for (char c : *text) clean = clean && static_cast<unsigned char>(c) >= 0x20 && c != 0x7f;
    if (!clean) *text = detail::printable(*text);
  }
  items_.push_back(std::move(d));
}

bool Diagnostics::has_errors(bool strict) const {
  for (const auto& d : items_) {
    if (d.severity == Severity::error) return true;
    if (strict && d.severity == Severity::warning && d.suppressed_because.empty()) return true;
  }
  return false;
}

void Diagnostics::sort() {
  std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.where.file, a.where.line, a.rule, a.address, a.message) <
           std::tie(b.where.file, b.where.line, b.rule, b.address, b.message);
  });
}

const char* to_string(Severity s) {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::note: return "note";
  }
  return "error";
}

}  // namespace stackgen
