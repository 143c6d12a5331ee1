// The core checks run by validate(): identifiers and reserved names,
// duplicate addresses and arguments, references (to what, which instance,
// which attribute), provider configurations, dependency cycles, variables,
// sensitive outputs, text Terraform would misread (invalid UTF-8, duplicate
// keys), override paths, addresses of moved / removed blocks, and schema
// conformance (required arguments, block counts). Every walk over values
// and over the dependency graph uses explicit stacks: stacks of 100k blocks
// and expressions of 100k terms are checked without deep recursion.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <map>
#include <set>
#include <span>
#include <unordered_map>
#include <unordered_set>

#include "../model/hcl_text.hpp"
#include "../model/model.hpp"
#include "../render/overrides.hpp"
#include "../text.hpp"
#include "schema_type.hpp"
#include "stackgen/core/allowed_values.hpp"
#include "stackgen/core/emit.hpp"
#include "stackgen/core/provisioner.hpp"
#include "stackgen/core/rules.hpp"

namespace stackgen {
namespace detail {
namespace {

constexpr Severity E = Severity::error;
constexpr Severity W = Severity::warning;

// Sorted by id; docs/rules.md documents each.
constexpr RuleInfo kCoreRules[] = {
    {"core.count-and-for_each", E, "a block sets both count and for_each"},
    {"core.cross-stack-reference", E, "a reference to a block of another stack"},
    {"core.dangling-reference", E, "a reference to something not declared in the stack"},
    {"core.dependency-cycle", E, "blocks that depend on each other in a cycle"},
    {"core.duplicate-address", E, "two blocks with one address"},
    {"core.duplicate-argument", E, "an argument, a nested block or a meta-argument with one name"},
    {"core.duplicate-key", E, "an object or map literal with a key twice"},
    {"core.ephemeral-value", E, "an ephemeral value where Terraform stores values (arguments, outputs)"},
    {"core.invalid-address", E, "a moved / removed address that is not a Terraform address"},
    {"core.invalid-default", E, "a variable default that is not a literal"},
    {"core.invalid-identifier", E, "a name Terraform does not accept as an identifier"},
    {"core.invalid-lifecycle", E, "a lifecycle setting the block's kind does not have"},
    {"core.invalid-override", E, "an add_override / delete_override path that does not fit the schema"},
    {"core.invalid-provisioner", E, "a provisioner or connection on a block that cannot have one"},
    {"core.invalid-reference", E, "a reference that cannot be evaluated where it is used"},
    {"core.invalid-terraform-settings", E, "a terraform block Terraform refuses (a backend and a cloud block, ...)"},
    {"core.invalid-utf8", E, "text that is not valid UTF-8"},
    {"core.literal-secret", W, "a literal value in an attribute the schema marks sensitive"},
    {"core.missing-argument", E, "a module call without source, a check block without an assertion"},
    {"core.nesting-too-deep", E, "a literal list or object nested deeper than Terraform reads"},
    {"core.provider-mismatch", E, "a resource given another provider's configuration"},
    {"core.reserved-name", E, "a variable name Terraform reserves"},
    {"core.secret-default", E, "a sensitive variable with a default"},
    {"core.sensitive-output", E, "an output of a sensitive value not marked sensitive"},
    {"core.suppression-without-reason", E, "a suppressed rule without a written reason"},
    {"core.undeclared-provider", E, "a provider configuration that is not declared"},
    {"core.unknown-attribute", E, "an attribute the block's type does not have"},
    {"core.unknown-rule", E, "a suppression of a rule no rule set defines"},
    {"schema.block-count", E, "a nested block given fewer or more times than the schema allows"},
    {"schema.computed-argument", E, "a computed-only attribute set as an argument"},
    {"schema.disallowed-value", E, "a literal string the provider does not accept for the attribute"},
    {"schema.missing-argument", E, "a required argument not set"},
    {"schema.unknown-argument", E, "an argument the schema does not have"},
    {"schema.unknown-block", E, "a nested block the schema does not have"},
};

const char* kind_name(BlockKind k) {
  switch (k) {
    case BlockKind::resource: return "resource";
    case BlockKind::data: return "data source";
    case BlockKind::provider: return "provider";
    case BlockKind::variable: return "variable";
    case BlockKind::output: return "output";
    case BlockKind::local: return "local";
    case BlockKind::module: return "module";
    case BlockKind::check: return "check";
    case BlockKind::ephemeral: return "ephemeral resource";
  }
  return "block";
}

/// Names Terraform reserves for variables (the module block's own arguments).
bool reserved_variable_name(std::string_view n) {
  static constexpr std::string_view kReserved[] = {"count",     "depends_on", "for_each", "lifecycle",
                                                   "locals",    "providers",  "source",   "version"};
  return std::find(std::begin(kReserved), std::end(kReserved), n) != std::end(kReserved);
}

/// Meta-arguments a resource body may carry besides its schema.
bool meta_argument(std::string_view n) {
  return n == "count" || n == "for_each" || n == "depends_on" || n == "provider" || n == "lifecycle" ||
         n == "provisioner" || n == "connection" || n == "//";
}

/// `aws_instance.web`, `aws_subnet.a[0]`, `module.m`, `module.m[1].aws_x.y`, `data.t.n`.
bool valid_address(std::string_view a) {
  if (a.empty() || !valid_utf8(a)) return false;
  std::size_t i = 0;
  auto name = [&]() {
    std::size_t j = i;
    while (j < a.size() && (std::isalnum(static_cast<unsigned char>(a[j])) || a[j] == '_' || a[j] == '-')) ++j;
    std::string_view n = a.substr(i, j - i);
    if (!is_identifier(n)) return std::string_view{};
    i = j;
    return n;
  };
  auto key = [&]() -> bool {  // [0] or ["k"]
    if (i >= a.size() || a[i] != '[') return true;
    ++i;
    if (i < a.size() && a[i] == '"') {
      ++i;
      while (i < a.size() && a[i] != '"') {
        if (a[i] == '\\' || static_cast<unsigned char>(a[i]) < 0x20 ||
            ((a[i] == '$' || a[i] == '%') && i + 1 < a.size() && a[i + 1] == '{'))
          return false;
        ++i;
      }
      if (i >= a.size()) return false;
      ++i;
    } else {
      std::size_t j = i;
      while (j < a.size() && std::isdigit(static_cast<unsigned char>(a[j]))) ++j;
      if (j == i) return false;
      i = j;
    }
    if (i >= a.size() || a[i] != ']') return false;
    ++i;
    return true;
  };
  auto dot = [&]() {
    if (i >= a.size() || a[i] != '.') return false;
    ++i;
    return true;
  };
  while (true) {
    std::string_view head = name();
    if (head.empty()) return false;
    if (head == "module") {
      if (!dot() || name().empty() || !key()) return false;
      if (i == a.size()) return true;
      if (!dot()) return false;
      continue;
    }
    if (head == "data" && !dot()) return false;
    if (head == "data" && name().empty()) return false;
    if (!dot() || name().empty() || !key()) return false;
    return i == a.size();
  }
}

/// Blocks by address: open addressing over one vector (a node-based map
/// would allocate once per block of a 150k-block stack).
class AddressTable {
 public:
  explicit AddressTable(std::size_t blocks) {
    std::size_t capacity = 16;
    while (capacity < blocks * 2) capacity *= 2;
    slots_.assign(capacity, nullptr);
  }
  /// Inserts `b` unless its address is there; returns the block that has it.
  const BlockData* insert(const BlockData* b) {
    std::size_t i = slot_of(b->address);
    if (!slots_[i]) slots_[i] = b;
    return slots_[i];
  }
  const BlockData* find(std::string_view address) const { return slots_[slot_of(address)]; }
  bool count(std::string_view address) const { return find(address) != nullptr; }

 private:
  std::size_t slot_of(std::string_view address) const {
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = std::hash<std::string_view>()(address) & mask;
    while (slots_[i] && slots_[i]->address != address) i = (i + 1) & mask;
    return i;
  }
  std::vector<const BlockData*> slots_;
};

/// A hint that names the aspects that changed the block.
std::string with_aspects(const BlockData& b, std::string hint) {
  for (const auto& w : b.changed_by_aspects) {
    if (!hint.empty()) hint += "; ";
    hint += std::string("changed by the aspect at ") + w.file_name() + ":" + std::to_string(w.line());
  }
  return hint;
}

/// Literal lists and objects nest at most this deep.
constexpr std::uint32_t kMaxLiteralDepth = 1000;

/// Where in a block a nested block body is: "default_action.redirect",
/// "dynamic ingress", "setting.<label>". A chain of views on the call
/// stack, spelled out only when a finding is reported (most bodies have
/// none, and building the text for each cost allocations per block).
struct BlockPath {
  const BlockPath* parent;
  std::string_view prefix;  // "dynamic " before the text, or ""
  std::string_view text;
  std::string str() const {
    std::string out = parent ? parent->str() + "." : std::string();
    out += prefix;
    out += text;
    return out;
  }
};

class Checker {
 public:
  Checker(const StackData& s, Diagnostics& out) : s_(s), out_(out), by_address_(s.blocks.size()) {
    const std::size_t n = s_.blocks.size();
    edges_begin_.reserve(n + 1);
    first_declared_.reserve(n);
    // The first declaration of an address wins; later ones are duplicates.
    for (const auto& b : s_.blocks) {
      first_declared_.push_back(by_address_.insert(&b));
      any_ephemeral_ = any_ephemeral_ || b.kind == BlockKind::ephemeral ||
                       (b.kind == BlockKind::variable && b.flag("ephemeral"));
    }
  }

  void run() {
    std::size_t i = 0;
    for (const auto& b : s_.blocks) check_block(b, first_declared_[i++]);
    check_cycles();
    check_stack_dependencies();
    for (const auto& m : s_.moved) {
      for (const std::string* a : {&m.from, &m.to})
        if (!valid_address(*a))
          error("core.invalid-address", printable(*a), m.where,
                "moved block address '" + printable(*a) + "' is not a Terraform address",
                "write a resource or module address, <type>.<name> or module.<name>, e.g. module.app[0]");
      // The target may name an instance: aws_subnet.a[0].
      if (!by_address_.count(std::string_view(m.to).substr(0, m.to.find('['))))
        error("core.dangling-reference", m.to, m.where,
              "moved block targets " + m.to + ", which is not declared in this stack");
    }
    for (const auto& r : s_.removed)
      if (!valid_address(r.from))
        error("core.invalid-address", printable(r.from), r.where,
              "removed block address '" + printable(r.from) + "' is not a Terraform address");
    for (const auto& imp : s_.imports) {
      if (imp.to->stack != &s_)
        error("core.cross-stack-reference", std::string(imp.to->address), imp.where,
              "import targets " + std::string(imp.to->address) + ", declared in stack '" + imp.to->stack->name + "'",
              "import a resource in the stack that declares it");
      // each.key / each.value in an import are the import's own for_each.
      each_scope_ = &imp.for_each;
      check_value(*imp.to, imp.id, "import id", false);
      if (!imp.for_each.is_null()) {
        check_value(*imp.to, imp.for_each, "import for_each", false);
        if (imp.to_address.find('[') == std::string::npos)
          error("core.invalid-reference", imp.to_address, imp.where,
                "import_each imports every element into " + imp.to_address + ", one address",
                "select the instance of each element, e.g. handle[each_key()]");
      }
      each_scope_ = nullptr;
    }
    check_text(s_.terraform.required_version().value_or(""), nullptr, "required_version");
    if (s_.terraform.backend())
      for (const auto& [k, v] : s_.terraform.backend()->settings()) check_text(v.text.value_or(k), nullptr, "backend");
    if (const auto& c = s_.terraform.cloud()) {
      for (const auto* t : {&c->organization(), c->hostname() ? &*c->hostname() : nullptr,
                            c->workspace() ? &*c->workspace() : nullptr, c->project() ? &*c->project() : nullptr})
        if (t) check_text(*t, nullptr, "cloud");
      for (const auto& t : c->workspace_tags().value_or(std::vector<std::string>{})) check_text(t, nullptr, "cloud");
      if (s_.terraform.backend())
        error("core.invalid-terraform-settings", "terraform", s_.where,
              "the terraform block has both a backend (\"" + printable(s_.terraform.backend()->type()) +
                  "\") and a cloud block; Terraform accepts one",
              "keep the cloud block for HCP Terraform, or the backend");
      if (c->workspace() && c->workspace_tags())
        error("core.invalid-terraform-settings", "terraform", s_.where,
              "the cloud block chooses workspaces both by name and by tags; Terraform accepts one",
              "Cloud::workspace(name) for one workspace, or Cloud::workspace_tags({...}) for several");
    }
  }

  /// Marks the warnings a suppression on their block covers; reports
  /// suppressions of rules no rule set knows. Run after every check.
  void finish(std::span<const RuleSet> sets) {
    for (auto& item : out_.items()) {
      const BlockData* at = by_address_.find(item.address);
      if (!at) continue;
      for (const auto& sup : at->suppressions)
        if (sup.rule == item.rule && item.severity == Severity::warning) item.suppressed_because = sup.reason;
    }
    for (const auto& b : s_.blocks)
      for (const auto& sup : b.suppressions)
        if (!find_rule(sup.rule, sets))
          error("core.unknown-rule", std::string(b.address), sup.where,
                "suppression of '" + printable(sup.rule) + "', which no rule set here defines",
                "check the rule id against docs/rules.md (and the rule sets this program validates with)");
  }

 private:
  void error(std::string rule, std::string address, const std::source_location& where, std::string message,
             std::string hint = "", Severity severity = Severity::error) {
    Diagnostic d;
    d.severity = severity;
    d.rule = std::move(rule);
    d.stack = s_.name;
    d.address = std::move(address);
    d.where = to_location(where);
    d.message = std::move(message);
    d.hint = std::move(hint);
    out_.add(std::move(d));
  }
  void error(std::string rule, const BlockData& b, std::string message, std::string hint = "") {
    error(std::move(rule), std::string(b.address), b.where, std::move(message), with_aspects(b, std::move(hint)));
  }

  /// What is left of another stack's block after connect_stacks (which
  /// carries attributes of direct dependencies): say why it was not carried.
  void cross_stack_error(const BlockData& owner, const BlockData& target, std::string what) {
    const std::string& other = target.stack->name;
    bool declared = false;
    for (const auto& d : s_.dependencies) declared = declared || d.stack == target.stack;
    std::string message = what + ": " + std::string(target.address) + " is declared in stack '" + other +
                          "', not in '" + s_.name + "'";
    if (!declared)
      error("core.cross-stack-reference", owner, message + ", and '" + s_.name + "' does not depend on '" + other + "'",
            "declare the dependency where the stacks are built: " + identifier_hint(s_.name) + ".depends_on(" +
                identifier_hint(other) + ") (stackgen/core/cross_stack.hpp); stackgen then passes the value through "
                "an output and terraform_remote_state");
    else if (target.kind == BlockKind::provider)
      error("core.cross-stack-reference", owner, message + ": a provider configuration does not cross stacks",
            "configure the provider in this stack too");
    else
      error("core.cross-stack-reference", owner, message + ": only attributes, variables and locals cross stacks",
            "pass an attribute (e.g. .id() or .arn()) rather than the whole block, and compute preconditions "
            "and for-expressions over its instances in '" + other + "'");
  }
  static std::string identifier_hint(const std::string& stack) {
    std::string out;
    for (char c : stack) out += (c == '-' || c == '.') ? '_' : c;
    return out;
  }

  /// A stack that depends on itself through others: no apply order exists.
  void check_stack_dependencies() {
    for (const auto& first : s_.dependencies) {
      // Is s_ reachable from this dependency? Then `first` closes a cycle.
      std::vector<std::vector<const StackData*>> paths{{first.stack}};
      std::set<const StackData*> seen;
      while (!paths.empty()) {
        auto path = std::move(paths.back());
        paths.pop_back();
        const StackData* at = path.back();
        if (at == &s_) {
          std::string chain = s_.name;
          for (const auto* p : path) chain += " -> " + p->name;
          error("core.stack-dependency-cycle", "", first.where,
                "stack '" + s_.name + "' depends on itself: " + chain, "one of these stacks must not depend on the next");
          return;
        }
        if (!seen.insert(at).second) continue;
        for (const auto& d : at->dependencies) {
          auto longer = path;
          longer.push_back(d.stack);
          paths.push_back(std::move(longer));
        }
      }
    }
  }


  /// Text that is not a Terraform value (names, descriptions, settings):
  /// must be valid UTF-8.
  void check_text(std::string_view text, const BlockData* b, std::string_view what) {
    std::size_t bad = 0;
    if (valid_utf8(text, &bad)) return;
    std::string message = std::string(what) + " is not valid UTF-8 (byte " + std::to_string(bad) + ": '" +
                          printable(text.substr(bad, 1)) + "')";
    if (b) error("core.invalid-utf8", *b, message, "Terraform would replace the bytes with U+FFFD");
    else error("core.invalid-utf8", "", s_.where, message);
  }

  void check_names(const BlockData& b, const BlockData* first_declared) {
    bool name_ok = b.kind == BlockKind::provider ? (b.name.empty() || is_identifier(b.name)) : is_identifier(b.name);
    if (!name_ok)
      error("core.invalid-identifier", b,
            std::string(kind_name(b.kind)) + " name '" + printable(b.name) + "' is not a valid Terraform identifier",
            "use letters, digits, '_' and '-', starting with a letter or '_'");
    if (is_typed_kind(b.kind) && !is_identifier(b.type))
      error("core.invalid-identifier", b, "type '" + printable(b.type) + "' is not a valid identifier");
    if (b.kind == BlockKind::variable && reserved_variable_name(b.name))
      error("core.reserved-name", b, "'" + std::string(b.name) + "' is reserved by Terraform and cannot name a variable",
            "choose another name");
    if (first_declared != &b) {
      const auto& first = *first_declared;
      error("core.duplicate-address", b,
            std::string("duplicate address (first declared at ") + first.where.file_name() + ":" +
                std::to_string(first.where.line()) + ")",
            "give each " + std::string(kind_name(b.kind)) + " a unique name");
    }
  }

  /// One walk over a value: references (checked; with `record_edges` also
  /// the dependency edges of the cycle check), invalid UTF-8 and duplicate
  /// keys in literals.
  void check_value(const BlockData& owner, const Value& v, std::string_view where_in_block, bool record_edges) {
    if (v.is_null()) return;
    work_.clear();
    work_.push_back({v.node(), 0});
    bool utf8_reported = false, duplicate_reported = false, depth_reported = false;
    while (!work_.empty()) {
      const auto [n, depth] = work_.back();
      work_.pop_back();
      if (depth > kMaxLiteralDepth && !depth_reported) {
        depth_reported = true;
        error("core.nesting-too-deep", owner,
              "a literal list or object" + in_context(where_in_block) + " is nested more than " +
                  std::to_string(kMaxLiteralDepth) + " levels deep",
              "Terraform's JSON reader stops at 10000 levels, and indented output grows with the square of "
              "the depth; flatten the document");
      }
      switch (n->kind) {
        case NodeKind::reference: check_reference(owner, *n, where_in_block, record_edges); break;
        case NodeKind::object:
          if ((n->flags & kDuplicateKeys) && !duplicate_reported) {
            duplicate_reported = true;
            std::string key;
            for (std::size_t i = 1; i < n->count; ++i)
              if (n->key(i) == n->key(i - 1)) key = std::string(n->key(i));
            error("core.duplicate-key", owner,
                  "key \"" + printable(key) + "\" appears twice in an object" + in_context(where_in_block),
                  "Terraform would keep one of them silently; remove the other");
          }
          if (!utf8_reported)
            for (std::size_t i = 0; i < n->count && !utf8_reported; ++i)
              if (!valid_utf8(n->key(i))) {
                utf8_reported = true;
                check_text(n->key(i), &owner, "a key" + in_context(where_in_block));
              }
          break;
        default:
          if (n->text_size && !utf8_reported && !valid_utf8(n->text())) {
            utf8_reported = true;
            check_text(n->text(), &owner, "text" + in_context(where_in_block));
          }
          break;
      }
      const bool literal_container = n->kind == NodeKind::list || n->kind == NodeKind::object;
      const std::uint32_t child_depth = literal_container ? depth + 1 : depth;
      for (std::size_t i = n->count; i-- > 0;)
        if (const Node* c = n->child(i).node()) work_.push_back({c, child_depth});
    }
  }

  /// " (in name)": where in the block a reference is, for messages only.
  static std::string in_context(std::string_view where_in_block) {
    return where_in_block.empty() ? "" : " (in " + std::string(where_in_block) + ")";
  }

  void add_edge(const BlockData* t) {
    if (t && t->stack == &s_) edges_.push_back(t);
  }

  void check_reference(const BlockData& owner, const Node& r, std::string_view where_in_block, bool record_edges) {
    auto context = [&] { return in_context(where_in_block); };
    switch (r.ref_kind) {
      case ReferenceKind::count:
        if (owner.count.is_null())
          error("core.invalid-reference", owner, "count.index used" + context() + " but the block has no count");
        return;
      case ReferenceKind::each:
        if ((each_scope_ ? *each_scope_ : owner.for_each).is_null())
          error("core.invalid-reference", owner,
                std::string(r.text()) + " used" + context() + " but the " + (each_scope_ ? "import" : "block") +
                    " has no for_each",
                each_scope_ ? "import several instances with s.import_each(for_each, to, id)" : "");
        return;
      case ReferenceKind::self: check_self(owner, r, where_in_block); return;
      case ReferenceKind::path:
      case ReferenceKind::terraform:
        if (destroy_scope_)
          error("core.invalid-reference", owner,
                std::string(r.text()) + " used" + context() +
                    " in a destroy-time provisioner, which may refer only to self, count.index and each.key",
                "Terraform refuses it (\"Invalid reference from destroy provisioner\")");
        return;
      case ReferenceKind::bound: return;
      case ReferenceKind::unresolved: {
        const BlockData* t = by_address_.find(r.address());
        if (!t) {
          error("core.dangling-reference", owner,
                "reference to " + std::string(r.address()) + context() + ", which is not declared in stack '" +
                    s_.name + "'",
                "declare it in this stack or fix the address");
          return;
        }
        if (self_scope_ && !check_provisioner_reference(owner, *t, r, where_in_block)) return;
        if (record_edges) add_edge(t);
        check_scope(owner, *t, where_in_block);
        check_instances(owner, *t, r, where_in_block);
        check_attribute(owner, *t, r, where_in_block);
        return;
      }
      case ReferenceKind::block: {
        const BlockData* t = r.target;
        if (t->stack != &s_) {
          cross_stack_error(owner, *t, "reference to " + std::string(r.text()) + context());
          return;
        }
        if (self_scope_ && !check_provisioner_reference(owner, *t, r, where_in_block)) return;
        if (record_edges) add_edge(t);
        check_scope(owner, *t, where_in_block);
        check_instances(owner, *t, r, where_in_block);
        return;
      }
    }
  }

  /// `self` is the block whose provisioner or connection is checked, and
  /// exists nowhere else (Terraform: "self" is only valid there).
  void check_self(const BlockData& owner, const Node& r, std::string_view where_in_block) {
    if (!self_scope_) {
      error("core.invalid-reference", owner,
            std::string(r.text()) + " used" + in_context(where_in_block) +
                " outside a provisioner or connection block, where Terraform has no self",
            "use the resource's handle here; the self handle is only for its provisioner and connection builders");
      return;
    }
    if (r.target && r.target != self_scope_)
      error("core.invalid-reference", owner,
            std::string(r.text()) + in_context(where_in_block) + " is the self of " + std::string(r.target->address) +
                ", but here self is " + std::string(owner.address),
            "use the self handle given to this resource's own provisioner or connection builder");
  }

  /// In a provisioner or connection: the block itself only through self
  /// (by name it would depend on itself), and in a destroy-time one
  /// nothing else at all (it runs when the other blocks may be gone).
  /// False when the reference is refused (no dependency edge then).
  bool check_provisioner_reference(const BlockData& owner, const BlockData& target, const Node& r,
                                   std::string_view where_in_block) {
    if (&target == self_scope_) {
      error("core.invalid-reference", owner,
            "reference to " + std::string(r.text()) + in_context(where_in_block) +
                ": a provisioner cannot name its own resource (Terraform reports a self-reference)",
            "use self: give .provisioner / .connection a builder, [](auto self) { ... self.attribute() ... }");
      return false;
    }
    if (destroy_scope_) {
      error("core.invalid-reference", owner,
            "reference to " + std::string(r.text()) + in_context(where_in_block) +
                " in a destroy-time provisioner, which may refer only to self, count.index and each.key",
            "pass what it needs through an attribute of the resource (e.g. terraform_data's input) and read it "
            "as self.<attribute>");
      return false;
    }
    return true;
  }

  /// Provisioners and connections belong to managed resources; secrets in
  /// connections are warned about like literal sensitive arguments.
  void check_provisioning(const BlockData& b, const Provisioning& p) {
    if (b.kind != BlockKind::resource)
      error("core.invalid-provisioner", b,
            std::string("a ") + kind_name(b.kind) + " cannot have provisioners or a connection block",
            "Terraform runs provisioners for managed resources only; use a terraform_data resource");
    auto literal_secrets = [&](const Value& connection, const std::source_location& where, std::string_view in) {
      for (auto [name, value] : connection.fields()) {
        if (!Connection::is_secret(name) || !value.is_literal() || !value.node() ||
            value.node()->kind == NodeKind::null_literal)
          continue;
        error("core.literal-secret", std::string(b.address), where,
              std::string(in) + "connection." + std::string(name) +
                  " is given a literal value: the secret would be in the C++ source, the emitted files and the plan",
              "pass a sensitive variable or read it at apply time, e.g. file(\"~/.ssh/id_ed25519\")",
              Severity::warning);
      }
    };
    for (const auto& pv : p.provisioners) {
      literal_secrets(pv.body.field("connection"), pv.where, std::string(pv.label) + ": ");
    }
    literal_secrets(p.connection, p.connection_where, "");
  }

  /// A data source scoped to a check exists only for that check: its
  /// assertions and its other scoped data sources may use it, nothing else
  /// (Terraform: "Reference to scoped resource").
  void check_scope(const BlockData& owner, const BlockData& target, std::string_view where_in_block) {
    const DeclarationDetails* d = target.declaration_if();
    if (target.kind != BlockKind::data || !d || !d->check) return;
    const BlockData* owner_check = owner.kind == BlockKind::check ? &owner
                                   : owner.declaration_if()      ? owner.declaration_if()->check
                                                                 : nullptr;
    if (owner_check == d->check) return;
    error("core.invalid-reference", owner,
          "reference to " + std::string(target.address) + in_context(where_in_block) + ", a data source scoped to check '" +
              std::string(d->check->name) + "'",
          "only that check's assertions may use it; declare the data source with s.add<...>() to use it elsewhere");
  }

  /// The attribute a text reference names must exist on a type with a
  /// schema (references made from handles exist by construction).
  void check_attribute(const BlockData& owner, const BlockData& target, const Node& r, std::string_view where_in_block) {
    if (!target.spec || !is_typed_kind(target.kind)) return;
    std::string_view after = r.text().substr(r.address().size());
    if (!after.empty() && after[0] == '[') {
      auto close = after.find(']');
      after = close == std::string_view::npos ? std::string_view{} : after.substr(close + 1);
    }
    if (after.size() < 2 || after[0] != '.') return;
    std::string_view attribute = after.substr(1, after.find_first_of(".[", 1) - 1);
    if (attribute == "*") return;
    if (target.spec->attribute(attribute) || target.spec->block_type(attribute)) return;
    error("core.unknown-attribute", owner,
          "reference to " + printable(r.text()) + in_context(where_in_block) + ": " + std::string(target.type) +
              " has no attribute '" + printable(attribute) + "'",
          "use the typed getter (" + std::string(target.type) + " handle) instead of ref<T>(\"...\")");
  }

  // r[i] needs count, r["k"] needs for_each, and an attribute of a
  // multi-instance resource needs an instance or a splat.
  void check_instances(const BlockData& owner, const BlockData& target, const Node& r, std::string_view where_in_block) {
    if (!is_typed_kind(target.kind) && target.kind != BlockKind::module) return;
    std::string_view text = r.text();
    std::string_view after = text.substr(std::min(text.size(), target.address.size()));
    auto context = [&] { return in_context(where_in_block); };
    const bool multi = !target.count.is_null() || !target.for_each.is_null();
    if (after.empty() || after[0] == '.') {
      if (multi && !after.empty())
        error("core.invalid-reference", owner,
              "reference to " + std::string(text) + context() + ": " + std::string(target.address) + " has " +
                  (target.count.is_null() ? "for_each" : "count") + ", so an instance must be selected",
              "use r[i] / r[\"key\"] for one instance, splat(r, &T::attr) or values_of(r, &T::attr) for all");
      return;
    }
    if (after.rfind("[*]", 0) == 0) return;
    if (after[0] == '[') {
      const bool is_string_key = after.size() > 1 && after[1] == '"';
      if (!multi)
        error("core.invalid-reference", owner,
              "reference to " + std::string(text) + context() + ": " + std::string(target.address) +
                  " has neither count nor for_each");
      else if (is_string_key && target.for_each.is_null())
        error("core.invalid-reference", owner,
              "reference to " + std::string(text) + context() + ": " + std::string(target.address) +
                  " uses count; select an instance by number");
    }
  }

  void check_block(const BlockData& b, const BlockData* first_declared) {
    check_names(b, first_declared);
    // Everything a block's values refer to; what arguments, nested blocks,
    // count, for_each, value and depends_on point to are its dependencies
    // (run() checks the blocks in order: their edges follow one another).
    edges_begin_.push_back(edges_.size());
    for_each_dependency_value(b, [&](std::string_view where, const Value& v) { check_value(b, v, where, true); });
    // Provisioners and the connection: `self` is this block there.
    self_scope_ = &b;
    for_each_provisioning_value(b, [&](std::string_view where, const Value& v, bool destroy_time) {
      destroy_scope_ = destroy_time;
      check_value(b, v, where, true);
    });
    self_scope_ = nullptr;
    destroy_scope_ = false;
    if (b.provisioning) check_provisioning(b, *b.provisioning);
    for (const auto* d : b.depends_on) {
      if (d->stack == &s_) edges_.push_back(d);
      else cross_stack_error(b, *d, "depends_on " + std::string(d->address));
    }
    if (const DeclarationDetails* d = b.declaration_if()) {
      // (A check's assertions were walked above, as its dependencies.)
      if (b.kind != BlockKind::check)
        for (const auto& c : d->validations) {
          check_value(b, c.condition, "condition", false);
          check_value(b, c.error_message, "error_message", false);
        }
      for (const auto& [k, t] : d->texts) check_text(t, &b, k);
      if (d->has_default) check_value(b, d->default_value, "default", false);
    }
    for (const auto& o : b.overrides) {
      check_value(b, o.value, o.path, false);
      check_override(b, o);
    }
    if (!b.count.is_null() && !b.for_each.is_null()) error("core.count-and-for_each", b, "sets both count and for_each");
    if (b.lifecycle) check_lifecycle(b, b.lifecycle->settings());
    for (const auto& sup : b.suppressions) {
      check_text(sup.reason, &b, "suppression reason");
      const bool blank = sup.reason.find_first_not_of(" \t\n") == std::string::npos;
      if (blank)
        error("core.suppression-without-reason", std::string(b.address), sup.where,
              "suppression of " + printable(sup.rule) + " has no reason",
              "say why the finding does not apply, so reviewers can judge it");
    }
    check_provider(b);
    if (b.kind == BlockKind::variable) check_variable(b);
    if (b.kind == BlockKind::output) check_output(b);
    if (b.kind == BlockKind::module && !(b.details && b.details->texts.count("source")))
      error("core.missing-argument", b, "module " + std::string(b.name) + " has no source");
    if (b.kind == BlockKind::check && !(b.details && !b.details->validations.empty()))
      error("core.missing-argument", b, "check " + std::string(b.name) + " has no assertion",
            "Terraform requires at least one assert block: add .assert_that(condition, message)");
    if (is_typed_kind(b.kind) || b.kind == BlockKind::provider) check_duplicate_arguments(b);
    if (b.spec && is_typed_kind(b.kind)) check_schema(b);
    if (b.kind == BlockKind::ephemeral && b.lifecycle) check_ephemeral_lifecycle(b, b.lifecycle->settings());
    if (any_ephemeral_) check_ephemeral_use(b);
  }

  void check_lifecycle(const BlockData& b, const LifecycleSettings& l) {
    for (const auto& c : l.preconditions) check_value(b, c.condition, "precondition", false);
    for (const auto& c : l.postconditions) check_value(b, c.condition, "postcondition", false);
    for (const auto& r : l.replace_triggered_by) check_value(b, r, "replace_triggered_by", false);
    for (const auto& a : l.ignore_changes) {
      check_text(a, &b, "lifecycle.ignore_changes");
      std::string_view root = std::string_view(a).substr(0, a.find_first_of(".["));
      if (b.spec && !b.spec->attribute(root) && !b.spec->block_type(root))
        error("core.unknown-attribute", b,
              "lifecycle.ignore_changes names '" + printable(a) + "', which " + std::string(b.type) + " does not have");
      else if (!is_identifier(root))
        error("core.invalid-reference", b, "lifecycle.ignore_changes entry '" + printable(a) + "' is not an attribute path");
    }
  }

  /// An argument, a nested block and a meta-argument cannot share a name:
  /// the emitted body would have the key twice.
  void check_duplicate_arguments(const BlockData& b) {
    // Blocks have a handful of arguments: linear scans, no allocation.
    auto is_argument = [&](std::string_view name) {
      for (const auto& a : b.attributes)
        if (a.name == name) return true;
      return false;
    };
    std::string_view last_reported;
    auto clash = [&](std::string_view name, const char* what) {
      if (name != last_reported && is_argument(name)) {
        last_reported = name;
        error("core.duplicate-argument", b, "'" + std::string(name) + "' is both an argument and " + what);
      }
    };
    for (const auto& nb : b.blocks) clash(nb.name, "a nested block");
    if (!b.count.is_null()) clash("count", "the count meta-argument");
    if (!b.for_each.is_null()) clash("for_each", "the for_each meta-argument");
    if (!b.depends_on.empty()) clash("depends_on", "the depends_on meta-argument");
    if (b.provider || !b.provider_name.empty()) clash("provider", "the provider meta-argument");
    if (b.lifecycle) clash("lifecycle", "the lifecycle meta-argument");
    if (b.provisioning && !b.provisioning->provisioners.empty()) clash("provisioner", "a provisioner");
    if (b.provisioning && !b.provisioning->connection.is_null()) clash("connection", "the connection block");
    if (!b.dynamic_blocks.empty()) clash("dynamic", "a dynamic block");
    if (b.kind == BlockKind::provider && !b.name.empty()) clash("alias", "the provider alias");
  }

  void check_override(const BlockData& b, const Override& o) {
    auto bad = [&](const std::string& why) {
      error("core.invalid-override", std::string(b.address), o.where,
            std::string(o.remove ? "delete_override" : "add_override") + "(\"" + printable(o.path) + "\"): " + why,
            "paths are dot-separated names and list indexes, e.g. default_action.0.order");
    };
    check_text(o.path, &b, "override path");
    if (o.path.empty()) return bad("the path is empty");
    auto segs = override_segments(o.path);
    if (segs.size() > kMaxOverrideSegments) return bad("the path has more than 32 segments");
    for (auto s : segs)
      if (s.empty()) return bad("the path has an empty segment");
    const std::string_view root = segs[0];
    if (meta_argument(root)) return;
    if (is_index_segment(root)) return bad("a path cannot start with an index");
    if (!b.spec) return;
    if (const auto* a = b.spec->attribute(root)) {
      const Value* current = nullptr;
      for (const auto& arg : b.attributes)
        if (arg.name == root) current = &arg.value;
      return check_type_path(parse_schema_type(a->type), current, segs, 1, bad, o.remove);
    }
    if (const auto* bt = b.spec->block_type(root)) {
      std::size_t present = 0;
      for (const auto& nb : b.blocks) present += nb.name == root;
      return check_block_path(*bt, present, segs, 1, bad, o.remove);
    }
    bad(std::string(b.type) + " has no argument or block '" + printable(root) + "'");
  }

  template <class Bad>
  void check_block_path(const schema::BlockTypeSpec& bt, std::size_t present, const std::vector<std::string_view>& segs,
                        std::size_t at, Bad& bad, bool remove) {
    if (at == segs.size()) return;
    std::size_t index = 0;
    if (is_index_segment(segs[at], &index)) {
      const bool repeated = bt.nesting == schema::Nesting::list || bt.nesting == schema::Nesting::set;
      if (!repeated && index != 0) return bad("block " + std::string(bt.name) + " is a single block; only index 0 selects it");
      const bool fits = remove ? index < present : index <= present;
      if (repeated && !fits)
        return bad("index " + std::string(segs[at]) + " of block " + std::string(bt.name) + ", which is given " +
                   std::to_string(present) + " time(s)");
      ++at;
    } else if (bt.nesting == schema::Nesting::map) {
      ++at;  // the block's label
    }
    if (at == segs.size() || !bt.block) return;
    const schema::BlockSpec& body = *bt.block;
    if (const auto* a = body.attribute(segs[at])) return check_type_path(parse_schema_type(a->type), nullptr, segs, at + 1, bad, remove);
    if (const auto* inner = body.block_type(segs[at])) return check_block_path(*inner, 1, segs, at + 1, bad, remove);
    bad("block " + std::string(bt.name) + " has no argument or block '" + printable(segs[at]) + "'");
  }

  template <class Bad>
  void check_type_path(const SchemaType& t, const Value* current, const std::vector<std::string_view>& segs,
                       std::size_t at, Bad& bad, bool remove) {
    if (at == segs.size() || t.kind == SchemaType::Kind::dynamic || t.kind == SchemaType::Kind::unknown) return;
    const std::string_view seg = segs[at];
    std::size_t index = 0;
    const bool numeric = is_index_segment(seg, &index);
    if (t.is_sequence()) {
      if (!numeric) return bad("'" + printable(seg) + "' selects a field of a list; use an index");
      const Node* n = current ? current->node() : nullptr;
      if (!n || n->kind != NodeKind::list) {
        return bad("index " + std::string(seg) + " into a list that is not a literal here; set the whole attribute instead");
      }
      const bool fits = remove ? index < n->count : index <= n->count;
      if (!fits)
        return bad("index " + std::string(seg) + " of a list of " + std::to_string(n->count));
      const SchemaType& e = t.elements.empty() ? t : t.elements[std::min(index, t.elements.size() - 1)];
      const Value* child = index < n->count ? &n->child(index) : nullptr;
      return check_type_path(e, child, segs, at + 1, bad, remove);
    }
    if (numeric && t.kind != SchemaType::Kind::map) return bad("index " + std::string(seg) + " into a value that is not a list");
    if (t.kind == SchemaType::Kind::map) return check_type_path(t.elements.empty() ? t : t.elements[0], nullptr, segs, at + 1, bad, remove);
    if (t.kind == SchemaType::Kind::object) {
      auto it = t.fields.find(seg);
      if (it == t.fields.end()) return bad("the object has no field '" + printable(seg) + "'");
      return check_type_path(it->second, nullptr, segs, at + 1, bad, remove);
    }
    bad("'" + printable(seg) + "' goes into a " + (t.kind == SchemaType::Kind::string ? "string" : "scalar"));
  }

  void check_provider(const BlockData& b) {
    const BlockData* p = b.provider;
    if (p) {
      if (p->stack != &s_)
        error("core.cross-stack-reference", b,
              "provider " + std::string(p->provider_address) + " is configured in stack '" + p->stack->name + "'");
      else if (b.provider_info && p->type != b.provider_info->local_name)
        error("core.provider-mismatch", b,
              std::string(b.type) + " belongs to provider '" + std::string(b.provider_info->local_name) +
                  "' but is given provider " + std::string(p->provider_address));
    } else if (!b.provider_name.empty()) {
      if (!by_address_.count("provider." + std::string(b.provider_name)))
        error("core.undeclared-provider", b,
              "provider " + printable(b.provider_name) + " is not configured in stack '" + s_.name + "'",
              "declare it with s.provider<...>(\"alias\")");
    }
  }

  void check_variable(const BlockData& b) {
    const DeclarationDetails* d = b.declaration_if();
    if (!d) return;
    if (d->has_default && !d->default_value.is_literal())
      error("core.invalid-default", b, "the default of variable " + std::string(b.name) + " must be a literal value",
            "Terraform evaluates no expressions in variable defaults; use a local instead");
    // default_value(null) stores a null literal node: not a secret.
    const Node* def = d->default_value.node();
    const bool null_default = !def || def->kind == NodeKind::null_literal;
    if (d->has_default && b.flag("sensitive") && !null_default)
      error("core.secret-default", b,
            "sensitive variable " + std::string(b.name) + " has a default, which would write the secret into the emitted files",
            "pass it at apply time (TF_VAR_" + std::string(b.name) + ", -var or a secret store)");
  }

  /// Walks `v` and, through locals, the values they name; returns the
  /// first non-empty answer of `found(node, target)` for each node (target:
  /// the block a reference names, or null). A call to `clear` hides its
  /// arguments (nonsensitive(...), ephemeralasnull(...)).
  template <class F>
  std::string first_source(const Value& v, std::string_view clear, F&& found) {
    std::vector<const Node*> stack;
    std::unordered_set<const BlockData*> seen_locals;
    if (v.node()) stack.push_back(v.node());
    while (!stack.empty()) {
      const Node* n = stack.back();
      stack.pop_back();
      if (n->kind == NodeKind::call && n->text() == clear) continue;
      const BlockData* t = nullptr;
      if (n->kind == NodeKind::reference) {
        t = n->ref_kind == ReferenceKind::block ? n->target : nullptr;
        if (!t && n->ref_kind == ReferenceKind::unresolved) t = by_address_.find(n->address());
        if (t && t->kind == BlockKind::local && seen_locals.insert(t).second && t->value().node())
          stack.push_back(t->value().node());
      }
      if (std::string source = found(*n, t); !source.empty()) return source;
      for (const Value& c : n->items())
        if (c.node()) stack.push_back(c.node());
    }
    return "";
  }

  /// The first sensitive thing `v` refers to ("var.db-password",
  /// "aws_db_instance.db.password"), through locals; "" when none.
  /// nonsensitive(...) clears, sensitive(...) sets.
  std::string sensitive_source(const Value& v) {
    return first_source(v, "nonsensitive", [](const Node& n, const BlockData* t) -> std::string {
      if (n.kind == NodeKind::call && n.text() == "sensitive") return "sensitive(...)";
      if (!t) return "";
      if (t->kind == BlockKind::variable && t->flag("sensitive")) return std::string(t->address);
      if (t->spec && is_typed_kind(t->kind)) {
        std::string_view after = n.text().substr(n.address().size());
        if (!after.empty() && after[0] == '[') {
          auto close = after.find(']');
          after = close == std::string_view::npos ? std::string_view{} : after.substr(close + 1);
        }
        if (after.size() > 1 && after[0] == '.') {
          std::string_view attribute = after.substr(1, after.find_first_of(".[", 1) - 1);
          const auto* a = t->spec->attribute(attribute);
          if (a && a->sensitive) return std::string(t->address) + "." + std::string(attribute);
        }
      }
      return "";
    });
  }

  /// What makes `v` ephemeral (Terraform 1.10): a reference to an ephemeral
  /// resource or to an ephemeral variable, directly or through locals; ""
  /// when nothing does. ephemeralasnull(...) is never ephemeral.
  std::string ephemeral_source(const Value& v) {
    return first_source(v, "ephemeralasnull", [](const Node&, const BlockData* t) -> std::string {
      if (t && (t->kind == BlockKind::ephemeral || (t->kind == BlockKind::variable && t->flag("ephemeral"))))
        return std::string(t->address);
      return "";
    });
  }

  static bool has_write_only(const schema::BlockSpec& spec) {
    for (const auto& a : spec.attributes)
      if (a.write_only) return true;
    for (const auto& bt : spec.block_types)
      if (bt.block && has_write_only(*bt.block)) return true;
    return false;
  }

  /// Ephemeral values exist only while Terraform runs: they may flow into
  /// provider configurations, other ephemeral resources, locals and
  /// write-only arguments, never into what plan or state stores (Terraform
  /// refuses it: "Ephemeral value not allowed").
  void check_ephemeral_use(const BlockData& b) {
    auto refuse = [&](std::string_view where, const Value& v) {
      if (v.is_null() || v.is_literal()) return;
      std::string source = ephemeral_source(v);
      if (source.empty()) return;
      const bool output = b.kind == BlockKind::output;
      error("core.ephemeral-value", b,
            (output ? std::string("the value") : std::string(where)) + " uses " + source +
                ", an ephemeral value; Terraform keeps " +
                (output ? "a root module's outputs in state" : "this in plan and state") + " and refuses it",
            output ? "outputs of a root module cannot be ephemeral; use the value where it is needed instead"
                   : "pass it to a write-only argument (such as password_wo), a provider or another ephemeral "
                     "resource, or wrap it in ephemeralasnull()");
    };
    if (b.kind == BlockKind::output) return refuse("value", b.value());
    if (b.kind != BlockKind::resource && b.kind != BlockKind::data) return;
    for (const auto& a : b.attributes) {
      const auto* spec = b.spec ? b.spec->attribute(a.name) : nullptr;
      if (spec && spec->write_only) continue;
      refuse(a.name, a.value);
    }
    // A nested block with write-only arguments is not looked into: which
    // of its members are write-only is the schema's, per element.
    for (const auto& nb : b.blocks) {
      const auto* bt = b.spec ? b.spec->block_type(nb.name) : nullptr;
      if (bt && bt->block && has_write_only(*bt->block)) continue;
      refuse(nb.name, nb.value);
    }
    refuse("count", b.count);
    refuse("for_each", b.for_each);
    for (const auto& d : b.dynamic_blocks) {
      refuse(d.name, d.for_each);
      const auto* bt = b.spec ? b.spec->block_type(d.name) : nullptr;
      if (!(bt && bt->block && has_write_only(*bt->block))) refuse(d.name, d.content);
    }
  }

  /// An ephemeral resource's lifecycle has preconditions and
  /// postconditions only: it is never created, replaced or destroyed.
  void check_ephemeral_lifecycle(const BlockData& b, const LifecycleSettings& l) {
    const char* what = l.create_before_destroy ? "create_before_destroy"
                       : l.prevent_destroy    ? "prevent_destroy"
                       : !l.ignore_changes.empty() || l.ignore_all_changes ? "ignore_changes"
                       : !l.replace_triggered_by.empty()                   ? "replace_triggered_by"
                                                                           : nullptr;
    if (what)
      error("core.invalid-lifecycle", b,
            "ephemeral resource " + std::string(b.address) + " sets lifecycle." + what +
                "; an ephemeral resource has no state to create, replace or destroy",
            "only preconditions and postconditions apply to ephemeral resources");
  }

  void check_output(const BlockData& b) {
    if (b.flag("sensitive")) return;
    std::string source = sensitive_source(b.value());
    if (!source.empty())
      error("core.sensitive-output", b,
            "output " + std::string(b.name) + " shows " + source + ", which is sensitive; Terraform refuses it",
            "mark the output .sensitive(), or wrap the value in nonsensitive() if it is not a secret");
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
        if (f.name == name) return true;
      return false;
    };
    for (const auto& a : spec.attributes)
      if (a.required && !is_set(a.name)) error("schema.missing-argument", b, "missing required argument " + std::string(a.name));
    for (const auto& f : b.attributes) {
      const auto* a = spec.attribute(f.name);
      if (!a) {
        error("schema.unknown-argument", b, std::string(b.type) + " has no argument " + std::string(f.name));
      } else if (!a->required && !a->optional) {
        error("schema.computed-argument", b, std::string(f.name) + " is computed by the provider and cannot be set");
      } else if (a->sensitive && f.value.is_literal() && !f.value.is_null()) {
        const Node* n = f.value.node();
        if (n->kind != NodeKind::null_literal)
          error("core.literal-secret", std::string(b.address), b.where,
                std::string(f.name) + " is sensitive, but is given a literal value: the secret would be in the C++ "
                                      "source, the emitted files and the plan",
                "pass a sensitive variable, generate it with a password resource or let the provider manage "
                "the secret",
                Severity::warning);
      } else {
        check_allowed(b, *a, f.value, nullptr);
      }
    }
    FieldViews nested;
    nested.reserve(b.blocks.size());
    for (const auto& nb : b.blocks) nested.emplace_back(nb.name, &nb.value);
    check_blocks(b, spec, nested.span(), nullptr);
    for (const auto& d : b.dynamic_blocks) {
      const auto* bt = spec.block_type(d.name);
      if (!bt) {
        error("schema.unknown-block", std::string(b.address), d.where,
              std::string(b.type) + " has no block type " + std::string(d.name) + " (dynamic)");
        continue;
      }
      const BlockPath dynamic{nullptr, "dynamic ", d.name};
      if (bt->block) check_block_body(b, *bt->block, d.content, &dynamic);
    }
  }

  /// A literal string (or literal list elements) outside the attribute's
  /// closed value set. Expressions are Terraform's to evaluate: not checked.
  void check_allowed(const BlockData& owner, const schema::AttributeSpec& a, const Value& v, const BlockPath* path) {
    if (a.allowed.empty() || v.is_null()) return;
    auto check_one = [&](const Value& item) {
      auto text = item.as_string();
      if (!text || detail::in_value_set(a.allowed, *text, a.allowed_ignore_case)) return;
      std::string listed;
      detail::any_allowed_value(a.allowed, [&](std::size_t start, std::size_t length) {
        listed += (listed.empty() ? "" : ", ") + quote(a.allowed.substr(start, length));
        return false;
      });
      error("schema.disallowed-value", owner,
            in(path) + std::string(a.name) + (a.allowed_element ? " has the element " : " is ") + quote(*text) +
                ", which the provider does not accept",
            std::string("use one of ") + listed + (a.allowed_ignore_case ? " (any letter case)" : ""));
    };
    if (a.allowed_element)
      for (const auto& item : v.items()) check_one(item);
    else
      check_one(v);
  }

  static std::string quote(std::string_view s) { return "\"" + printable(s) + "\""; }

  /// "block default_action.redirect: " for findings inside nested blocks.
  static std::string in(const BlockPath* path) { return path ? "block " + path->str() + ": " : ""; }

  // Nested blocks are as deep as the schema (a handful of levels), so this
  // recursion is bounded by the provider, not by stack code.
  /// `dynamic` (a nested body's "dynamic" field, or null at the top, where
  /// the owner's dynamic blocks are used) names block types whose count is
  /// unknown until Terraform expands them.
  void check_blocks(const BlockData& owner, const schema::BlockSpec& spec,
                    std::span<const FieldViews::Field> blocks, const BlockPath* path, const Value* dynamic = nullptr) {
    const Value* nested_dynamic = dynamic;
    for (const auto& bt : spec.block_types) {
      int n = 0;
      for (const auto& [name, body] : blocks)
        if (name == bt.name) ++n;
      // A dynamic block of this name has as many as its for_each: unknown.
      bool is_dynamic = false;
      if (!path)
        for (const auto& d : owner.dynamic_blocks) is_dynamic = is_dynamic || d.name == bt.name;
      else if (nested_dynamic && !nested_dynamic->field(bt.name).is_null())
        is_dynamic = true;
      if (is_dynamic) continue;
      if (n == 0 && !owner.overrides.empty()) {
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
        error("schema.unknown-block", owner, in(path) + "no block type " + std::string(name));
        continue;
      }
      if (!bt->block) continue;
      const BlockPath inner{path, {}, name};
      if (bt->nesting == schema::Nesting::map) {
        // A map-nested block is {label: body}: check each labelled body.
        for (auto [label, labelled] : body->fields()) {
          const BlockPath labelled_path{&inner, {}, label};
          check_block_body(owner, *bt->block, labelled, &labelled_path);
        }
      } else {
        check_block_body(owner, *bt->block, *body, &inner);
      }
    }
  }

  void check_block_body(const BlockData& owner, const schema::BlockSpec& spec, const Value& body, const BlockPath* path) {
    for (const auto& a : spec.attributes)
      if (a.required && body.field(a.name).is_null())
        error("schema.missing-argument", owner, in(path) + "missing required argument " + std::string(a.name));
    // Nested blocks of the body are fields whose values are lists of objects.
    FieldViews nested;  // up to 32 without allocating
    for (auto [key, field] : body.fields())
      if (spec.block_type(key))
        for (const auto& item : field.items()) nested.emplace_back(key, &item);
    for (auto [key, field] : body.fields())
      if (const auto* a = spec.attribute(key)) check_allowed(owner, *a, field, path);
    const Value dynamic = spec.attribute("dynamic") ? Value{} : body.field("dynamic");
    check_blocks(owner, spec, nested.span(), path, &dynamic);
    // Dynamic blocks nested here: a block type of this body, whose content
    // is checked like a static block's.
    for (auto [name, entries] : dynamic.fields()) {
      const auto* bt = spec.block_type(name);
      if (!bt) {
        error("schema.unknown-block", owner, in(path) + "no block type " + std::string(name) + " (dynamic)");
        continue;
      }
      const BlockPath dynamic_path{path, "dynamic ", name};
      // One entry, or a list of them when a name has several.
      const Node* n = entries.node();
      const bool several = n && n->kind == NodeKind::list;
      const std::span<const Value> each = several ? entries.items() : std::span<const Value>(&entries, 1);
      if (bt->block)
        for (const auto& e : each) check_block_body(owner, *bt->block, e.field("content"), &dynamic_path);
    }
  }

  // Edges (recorded by check_block): references and depends_on between
  // blocks of this stack. Iterative depth-first search with an explicit
  // path: a 100k-block chain needs no 100k-deep call stack.
  void check_cycles() {
    edges_begin_.push_back(edges_.size());
    const std::size_t n = s_.blocks.size();
    std::vector<unsigned char> state(n, 0);  // 0 new, 1 on the path, 2 done
    struct Frame {
      std::size_t block;
      std::size_t next_edge;
    };
    std::vector<Frame> path;
    std::vector<const BlockData*> path_blocks;
    std::set<std::string> reported;
    for (std::size_t start = 0; start < n; ++start) {
      if (state[start]) continue;
      path.push_back({start, edges_begin_[start]});
      path_blocks.push_back(&s_.blocks[start]);
      state[start] = 1;
      while (!path.empty()) {
        Frame& f = path.back();
        if (f.next_edge == edges_begin_[f.block + 1]) {
          state[f.block] = 2;
          path.pop_back();
          path_blocks.pop_back();
          continue;
        }
        const BlockData* t = edges_[f.next_edge++];
        const std::size_t ti = t->index;
        if (state[ti] == 1) {
          report_cycle(path_blocks, t, reported);
        } else if (state[ti] == 0) {
          state[ti] = 1;
          path.push_back({ti, edges_begin_[ti]});
          path_blocks.push_back(t);
        }
      }
    }
  }

  void report_cycle(const std::vector<const BlockData*>& path, const BlockData* back_to, std::set<std::string>& reported) {
    auto start = std::find(path.begin(), path.end(), back_to);
    std::vector<std::string_view> names;
    for (auto it = start; it != path.end(); ++it) names.push_back((*it)->address);
    // Report each cycle once, starting from its smallest address; a long
    // one shows its first and last links.
    std::rotate(names.begin(), std::min_element(names.begin(), names.end()), names.end());
    constexpr std::size_t kShown = 12;
    std::string cycle;
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (names.size() > kShown && i == kShown / 2) {
        cycle += "... (" + std::to_string(names.size() - kShown) + " more) -> ";
        i = names.size() - kShown / 2;
      }
      cycle += names[i];
      cycle += " -> ";
    }
    cycle += names.front();
    if (reported.insert(cycle).second)
      error("core.dependency-cycle", *by_address_.find(names.front()), "dependency cycle: " + cycle,
            "break the cycle by removing a reference or depends_on");
  }

  const StackData& s_;
  Diagnostics& out_;
  AddressTable by_address_;                                            // first declaration
  bool any_ephemeral_ = false;  // an ephemeral resource or variable: check where their values go
  std::vector<const BlockData*> first_declared_;                       // of each block's address
  std::vector<std::pair<const Node*, std::uint32_t>> work_;            // scratch of check_value: node, depth
  std::vector<const BlockData*> edges_;  // every block's dependencies, one block after another
  /// While an import is checked: its for_each, which each.key / each.value
  /// refer to (not its target's).
  const Value* each_scope_ = nullptr;
  /// While a block's provisioners and connection are checked: the block
  /// (what self is), and whether a destroy-time provisioner reads the value.
  const BlockData* self_scope_ = nullptr;
  bool destroy_scope_ = false;
  std::vector<std::size_t> edges_begin_;  // where each block's dependencies start, by position
};

}  // namespace
}  // namespace detail

// --- Rule sets

const RuleInfo* RuleSet::find(std::string_view id) const {
  for (const auto& r : rules_)
    if (r.id == id) return &r;
  return nullptr;
}

void RuleContext::report(std::string_view rule, const inspect::BlockView& at, std::string message, std::string hint) const {
  const RuleInfo* info = rules_.find(rule);
  if (!info)
    throw std::logic_error("rule " + std::string(rule) + " is not in the table of rule set '" + rules_.name() + "'");
  Diagnostic d;
  d.severity = info->severity;
  d.rule = std::string(rule);
  d.stack = std::string(stack_.name());
  d.address = std::string(at.address());
  d.where = at.location();
  d.message = std::move(message);
  d.hint = at.data() ? detail::with_aspects(*at.data(), std::move(hint)) : std::move(hint);
  out_.add(std::move(d));
}

std::span<const RuleInfo> core_rules() { return detail::kCoreRules; }

const RuleInfo* find_rule(std::string_view id, std::span<const RuleSet> sets) {
  for (const auto& r : detail::kCoreRules)
    if (r.id == id) return &r;
  for (const auto& s : sets)
    if (const RuleInfo* r = s.find(id)) return r;
  return nullptr;
}

Diagnostics validate(const Stack& stack, std::span<const RuleSet> rule_sets) {
  Diagnostics d;
  const auto& data = detail::stack_data(stack);
  detail::Checker checker(data, d);
  checker.run();
  inspect::StackView view(data);
  for (const auto& set : rule_sets) {
    RuleContext context(view, set, d);
    set.run(context);
  }
  checker.finish(rule_sets);
  d.sort();
  return d;
}

// --- Diagnostics

namespace {

/// Printable ASCII only (0x20-0x7e), eight bytes at a time: what nearly
/// every diagnostic's text is, and then valid UTF-8 without controls.
bool printable_ascii(std::string_view text) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ull, kHighs = 0x8080808080808080ull;
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, text.data() + i, 8);
    if (w & kHighs) return false;                           // a byte >= 0x80
    if ((w - kOnes * 0x20) & ~w & kHighs) return false;     // a byte < 0x20
    if ((w + kOnes) & kHighs) return false;                 // a byte == 0x7f
  }
  for (; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c >= 0x7f) return false;
  }
  return true;
}

}  // namespace

void Diagnostics::add(Diagnostic d) {
  for (std::string* text : {&d.stack, &d.address, &d.message, &d.hint, &d.suppressed_because, &d.where.file}) {
    if (printable_ascii(*text)) continue;
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
