// The converter: declarations of the module in an order where every
// reference points back, then one C++ function per input file.
//
// Each expression is translated against the C++ type its destination wants
// (the setter's Expr<T>, a variable's type): literals as C++ literals,
// references as handle expressions (`vpc_main.id()`, `var_region`), string
// templates as concatenations, and what has no typed form yet as
// stackgen::raw<T>("<HCL>"), counted in the summary. A value of another
// type is passed through stackgen::as<T>, which only changes the C++ type:
// the emitted expression is the same text, so Terraform converts it as it
// did before.
#include "convert/convert.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>

#include "convert/input.hpp"
#include "convert/schema_index.hpp"
#include "hcl/printer.hpp"
#include "names.hpp"

namespace stackgen::convert {
namespace {

namespace fs = std::filesystem;

// ------------------------------------------------------------ C++ text

std::string cpp_string(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      case '?': out += "?"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          const char* digits = "01234567";
          out += '\\';
          out += digits[(c >> 6) & 7];
          out += digits[(c >> 3) & 7];
          out += digits[c & 7];
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

// A raw string literal for HCL text, with a delimiter the text lacks.
std::string cpp_raw_string(const std::string& text) {
  std::string delim = "hcl";
  while (text.find(")" + delim + "\"") != std::string::npos) delim += "_";
  return "R\"" + delim + "(" + text + ")" + delim + "\"";
}

std::string comment_lines(std::string_view text, const std::string& indent) {
  std::string out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t nl = text.find('\n', start);
    std::string_view line = text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
    out += indent + "//";
    if (!line.empty()) out += " " + std::string(line);
    out += "\n";
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return out;
}

std::string hcl_text(const hcl::Expression& e) {
  hcl::PrintOptions o;
  o.comments = false;
  return hcl::to_hcl(e, o);
}

bool is_primitive_type_word(std::string_view w) {
  return w == "List" || w == "Set" || w == "Map" || w == "Number" || w == "Any" || w == "Object" ||
         w == "std" || w == "string" || w == "bool";
}

// Qualifies the struct names in a binding's C++ type ("List<Ingress>") with
// the scope they are declared in ("aws::SecurityGroup").
std::string qualify(const std::string& type, const std::string& scope) {
  std::string out, word;
  auto flush = [&] {
    if (word.empty()) return;
    const bool after_colons = out.size() >= 2 && out.ends_with("::");
    out += (!after_colons && !is_primitive_type_word(word)) ? scope + "::" + word : word;
    word.clear();
  };
  for (char c : type) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') {
      word += c;
    } else {
      flush();
      out += c;
    }
  }
  flush();
  return out;
}

bool is_sequence(const std::string& t) { return t.starts_with("List<") || t.starts_with("Set<"); }
bool is_map(const std::string& t) { return t.starts_with("Map<"); }
std::string element_of(const std::string& t) {
  const auto open = t.find('<');
  return t.substr(open + 1, t.size() - open - 2);
}

// ------------------------------------------------------------ declarations

enum class Kind { variable, local, output, provider, terraform, resource, data, module, moved, import, removed, check };

struct Declaration {
  Kind kind{};
  std::size_t file = 0;
  std::size_t order = 0;  ///< source order across files
  std::string address;    ///< "var.x", "local.x", "aws_vpc.main", "data.t.n", "module.m", "provider.aws.west"
  std::string type;       ///< resource / data type, provider local name
  std::string name;
  const hcl::Block* block = nullptr;
  const hcl::Attribute* local = nullptr;  ///< Kind::local
  const Binding* binding = nullptr;
  std::string handle;       ///< C++ variable, empty when nothing refers to it by handle
  std::string handle_type;  ///< C++ type of the handle
  std::string value_type;   ///< variables and locals: T of Expr<T>
  std::set<std::size_t> deps;
  bool exported = false;  ///< another file refers to it: kept in Handles
};

class Converter {
 public:
  Converter(const ConvertOptions& o, SchemaIndex& schemas) : options_(o), schemas_(schemas) {}

  ConvertSummary run() {
    inputs_ = read_inputs(options_.inputs, schemas_);
    collect();
    resolve_dependencies();
    order();
    write();
    return summary_;
  }

 private:
  // ---------------------------------------------------------- collection

  void collect() {
    for (std::size_t f = 0; f < inputs_.size(); ++f) {
      for (const auto& item : inputs_[f].file.body.items) {
        const hcl::Block* b = item.block();
        if (!b) {
          const auto* a = item.attribute();
          throw std::runtime_error(inputs_[f].path + ":" + std::to_string(a->range.start.line) +
                                   ": an attribute at the top level of a configuration file: " + a->name);
        }
        auto label = [&](std::size_t i) -> std::string {
          if (b->labels.size() <= i)
            throw std::runtime_error(where(*b, f) + ": `" + b->type + "` block needs " + std::to_string(i + 1) +
                                     " label(s)");
          return b->labels[i].value;
        };
        Declaration d;
        d.file = f;
        d.block = b;
        if (b->type == "resource" || b->type == "data") {
          d.kind = b->type == "resource" ? Kind::resource : Kind::data;
          d.type = label(0);
          d.name = label(1);
          d.address = (d.kind == Kind::data ? "data." : "") + d.type + "." + d.name;
          d.binding = d.kind == Kind::resource ? schemas_.resource(d.type) : schemas_.data_source(d.type);
        } else if (b->type == "variable") {
          d.kind = Kind::variable;
          d.name = label(0);
          d.address = "var." + d.name;
        } else if (b->type == "output") {
          d.kind = Kind::output;
          d.name = label(0);
          d.address = "output." + d.name;
        } else if (b->type == "module") {
          d.kind = Kind::module;
          d.name = label(0);
          d.address = "module." + d.name;
        } else if (b->type == "provider") {
          d.kind = Kind::provider;
          d.type = label(0);
          const auto* alias = b->body.attribute("alias");
          if (alias) {
            auto v = literal_string(*alias->expr);
            if (!v) throw std::runtime_error(where(*b, f) + ": a provider alias must be a literal string");
            d.name = *v;
          }
          d.address = "provider." + d.type + (d.name.empty() ? "" : "." + d.name);
          d.binding = schemas_.provider(d.type);
        } else if (b->type == "locals") {
          for (const auto& li : b->body.items) {
            const auto* a = li.attribute();
            if (!a) continue;
            Declaration l;
            l.kind = Kind::local;
            l.file = f;
            l.block = b;
            l.local = a;
            l.name = a->name;
            l.address = "local." + a->name;
            add(std::move(l));
          }
          continue;
        } else if (b->type == "terraform") {
          d.kind = Kind::terraform;
          d.address = "terraform#" + std::to_string(decls_.size());
        } else if (b->type == "moved" || b->type == "import" || b->type == "removed" || b->type == "check") {
          d.kind = b->type == "moved"    ? Kind::moved
                   : b->type == "import" ? Kind::import
                   : b->type == "removed" ? Kind::removed
                                          : Kind::check;
          d.address = b->type + "#" + std::to_string(decls_.size());
        } else {
          throw std::runtime_error(where(*b, f) + ": unknown top-level block `" + b->type + "`");
        }
        add(std::move(d));
      }
    }
  }

  void add(Declaration d) {
    d.order = decls_.size();
    if (by_address_.contains(d.address))
      throw std::runtime_error(where(*d.block, d.file) + ": " + d.address + " is declared twice");
    by_address_[d.address] = decls_.size();
    decls_.push_back(std::move(d));
  }

  std::string where(const hcl::Block& b, std::size_t f) const {
    return inputs_[f].path + ":" + std::to_string(b.range.start.line);
  }

  static std::optional<std::string> literal_string(const hcl::Expression& e) {
    if (const auto* t = e.get_if<hcl::Template>()) return t->literal_value();
    return std::nullopt;
  }

  // ------------------------------------------------------------ references

  // The address a traversal refers to ("aws_vpc.main", "var.x"), or "".
  static std::string address_of(const hcl::Traversal& t) {
    if (!t.is_variable()) return "";
    auto attr = [&](std::size_t i) -> std::string {
      return i < t.steps.size() && t.steps[i].kind == hcl::TraversalStep::Kind::GetAttr ? t.steps[i].name : "";
    };
    const std::string& r = t.root;
    if (r == "var" || r == "local" || r == "module") {
      const std::string n = attr(0);
      return n.empty() ? "" : r + "." + n;
    }
    if (r == "data") {
      const std::string type = attr(0), n = attr(1);
      return type.empty() || n.empty() ? "" : "data." + type + "." + n;
    }
    if (r == "count" || r == "each" || r == "self" || r == "path" || r == "terraform") return "";
    const std::string n = attr(0);
    return n.empty() ? "" : r + "." + n;
  }

  template <class F>
  static void walk(const hcl::Expression& e, F&& visit, int depth = 0) {
    if (depth > 500) throw std::runtime_error("an expression nested more than 500 levels deep");
    auto sub = [&](const hcl::ExpressionPtr& p) {
      if (p) walk(*p, visit, depth + 1);
    };
    std::visit(
        [&](const auto& n) {
          using N = std::decay_t<decltype(n)>;
          if constexpr (std::is_same_v<N, hcl::Traversal>) {
            visit(n);
            sub(n.source);
            for (const auto& s : n.steps) sub(s.key);
          } else if constexpr (std::is_same_v<N, hcl::Template>) {
            walk_parts(n.parts, visit, depth);
          } else if constexpr (std::is_same_v<N, hcl::FunctionCall>) {
            for (const auto& a : n.args) sub(a);
          } else if constexpr (std::is_same_v<N, hcl::Tuple>) {
            for (const auto& a : n.elements) sub(a);
          } else if constexpr (std::is_same_v<N, hcl::Object>) {
            for (const auto& i : n.items) {
              sub(i.key);
              sub(i.value);
            }
          } else if constexpr (std::is_same_v<N, hcl::ForExpr>) {
            sub(n.collection);
            sub(n.key);
            sub(n.value);
            sub(n.condition);
          } else if constexpr (std::is_same_v<N, hcl::Conditional>) {
            sub(n.condition);
            sub(n.true_result);
            sub(n.false_result);
          } else if constexpr (std::is_same_v<N, hcl::UnaryOp>) {
            sub(n.operand);
          } else if constexpr (std::is_same_v<N, hcl::BinaryOp>) {
            sub(n.lhs);
            sub(n.rhs);
          } else if constexpr (std::is_same_v<N, hcl::Parens>) {
            sub(n.expr);
          }
        },
        e.node);
  }
  template <class F>
  static void walk_parts(const std::vector<hcl::TemplatePart>& parts, F& visit, int depth) {
    for (const auto& p : parts) {
      if (const auto* i = std::get_if<hcl::TemplateInterpolation>(&p.node)) {
        walk(*i->expr, visit, depth + 1);
      } else if (const auto* c = std::get_if<hcl::TemplateIf>(&p.node)) {
        walk(*c->condition, visit, depth + 1);
        walk_parts(c->then_parts, visit, depth + 1);
        walk_parts(c->else_parts, visit, depth + 1);
      } else if (const auto* l = std::get_if<hcl::TemplateFor>(&p.node)) {
        walk(*l->collection, visit, depth + 1);
        walk_parts(l->body, visit, depth + 1);
      }
    }
  }

  void body_dependencies(const hcl::Body& body, std::set<std::size_t>& deps, std::size_t self) const {
    for (const auto& item : body.items) {
      if (const auto* a = item.attribute()) {
        if (a->name == "provider") {
          if (const auto* t = a->expr->get_if<hcl::Traversal>(); t && t->is_variable()) {
            std::string addr = "provider." + t->root;
            if (!t->steps.empty() && t->steps[0].kind == hcl::TraversalStep::Kind::GetAttr)
              addr += "." + t->steps[0].name;
            if (auto it = by_address_.find(addr); it != by_address_.end()) deps.insert(it->second);
          }
          continue;
        }
        if (a->name == "providers") {  // module { providers = { aws = aws.west } }
          walk(*a->expr, [&](const hcl::Traversal& t) {
            if (!t.is_variable()) return;
            std::string addr = "provider." + t.root;
            if (!t.steps.empty() && t.steps[0].kind == hcl::TraversalStep::Kind::GetAttr)
              addr += "." + t.steps[0].name;
            if (auto it = by_address_.find(addr); it != by_address_.end()) deps.insert(it->second);
          });
          continue;
        }
        walk(*a->expr, [&](const hcl::Traversal& t) {
          const std::string addr = address_of(t);
          if (auto it = by_address_.find(addr); it != by_address_.end() && it->second != self)
            deps.insert(it->second);
        });
      } else if (const auto* b = item.block()) {
        body_dependencies(b->body, deps, self);
      }
    }
  }

  void resolve_dependencies() {
    for (std::size_t i = 0; i < decls_.size(); ++i) {
      auto& d = decls_[i];
      std::set<std::size_t> deps;
      if (d.kind == Kind::local) {
        walk(*d.local->expr, [&](const hcl::Traversal& t) {
          if (auto it = by_address_.find(address_of(t)); it != by_address_.end() && it->second != i)
            deps.insert(it->second);
        });
      } else {
        body_dependencies(d.block->body, deps, i);
        // A provider without an alias is the default configuration every
        // resource of its provider uses.
        if (d.kind == Kind::resource || d.kind == Kind::data) {
          const std::string local = d.type.substr(0, d.type.find('_'));
          if (auto it = by_address_.find("provider." + local); it != by_address_.end()) deps.insert(it->second);
        }
      }
      d.deps = std::move(deps);
    }
  }

  // ------------------------------------------------------------ ordering

  // Files in an order where references point back when the files allow it;
  // declarations in each file topologically, stable in source order.
  void order() {
    const std::size_t nf = inputs_.size();
    std::vector<std::set<std::size_t>> file_deps(nf);
    for (const auto& d : decls_)
      for (auto dep : d.deps)
        if (decls_[dep].file != d.file) file_deps[d.file].insert(decls_[dep].file);
    std::vector<bool> placed(nf, false);
    while (file_order_.size() < nf) {
      bool progress = false;
      for (std::size_t f = 0; f < nf; ++f) {
        if (placed[f]) continue;
        bool ready = std::all_of(file_deps[f].begin(), file_deps[f].end(), [&](auto g) { return placed[g]; });
        if (!ready) continue;
        placed[f] = true;
        file_order_.push_back(f);
        progress = true;
        break;
      }
      if (!progress) {  // a cycle between files: take the first remaining one
        for (std::size_t f = 0; f < nf; ++f)
          if (!placed[f]) {
            placed[f] = true;
            file_order_.push_back(f);
            break;
          }
      }
    }
    for (std::size_t f : file_order_) {
      std::vector<std::size_t> in_file;
      for (std::size_t i = 0; i < decls_.size(); ++i)
        if (decls_[i].file == f) in_file.push_back(i);
      std::set<std::size_t> done;
      std::vector<std::size_t> sorted;
      while (sorted.size() < in_file.size()) {
        bool progress = false;
        for (auto i : in_file) {
          if (done.contains(i)) continue;
          bool ready = std::all_of(decls_[i].deps.begin(), decls_[i].deps.end(), [&](auto dep) {
            return decls_[dep].file != f || done.contains(dep);
          });
          if (!ready) continue;
          done.insert(i);
          sorted.push_back(i);
          progress = true;
          break;
        }
        if (!progress)
          throw std::runtime_error(inputs_[f].path + ": the declarations refer to each other in a cycle");
      }
      decl_order_[f] = sorted;
    }
    // Handles: names, and which are needed by other files.
    std::set<std::string> used_names = {"s", "h", "b", "it"};
    for (auto& d : decls_) {
      d.handle = unique_name(handle_base(d), used_names);
      d.handle_type = handle_type(d);
    }
    std::size_t pos = 0;
    for (std::size_t f : file_order_) file_position_[f] = pos++;
    for (const auto& d : decls_)
      for (auto dep : d.deps)
        if (decls_[dep].file != d.file && file_position_[decls_[dep].file] < file_position_[d.file])
          decls_[dep].exported = true;
  }

  static std::string sanitize(std::string_view s) {
    std::string out;
    for (char c : s) out += (std::isalnum(static_cast<unsigned char>(c)) || c == '_') ? c : '_';
    if (out.empty() || std::isdigit(static_cast<unsigned char>(out[0]))) out = "_" + out;
    return out;
  }
  static std::string without_provider(const std::string& type) {
    auto u = type.find('_');
    return u == std::string::npos ? type : type.substr(u + 1);
  }
  std::string handle_base(const Declaration& d) const {
    switch (d.kind) {
      case Kind::variable: return "var_" + sanitize(d.name);
      case Kind::local: return "local_" + sanitize(d.name);
      case Kind::module: return "module_" + sanitize(d.name);
      case Kind::resource: return sanitize(without_provider(d.type) + "_" + d.name);
      case Kind::data: return "data_" + sanitize(without_provider(d.type) + "_" + d.name);
      case Kind::provider: return sanitize(d.type + (d.name.empty() ? "_provider" : "_" + d.name));
      default: return "";
    }
  }
  static std::string unique_name(std::string base, std::set<std::string>& used) {
    if (base.empty()) return "";
    if (bindgen::is_reserved_word(base)) base += "_";
    std::string name = base;
    for (int n = 2; used.contains(name); ++n) name = base + "_" + std::to_string(n);
    used.insert(name);
    return name;
  }
  std::string handle_type(Declaration& d) {
    switch (d.kind) {
      case Kind::variable:
        d.value_type = variable_type(d);
        return "stackgen::Variable<" + qualify_stackgen(d.value_type) + ">";
      case Kind::local: return "";  // set when translated
      case Kind::module: return "stackgen::ModuleCall";
      case Kind::resource:
      case Kind::data: return d.binding ? "stackgen::" + d.binding->qualified() : "stackgen::UntypedResource";
      case Kind::provider: return d.binding ? "stackgen::" + d.binding->qualified() : "stackgen::UntypedProvider";
      default: return "";
    }
  }

  // A variable's `type`: the C++ T of Variable<T>.
  std::string variable_type(const Declaration& d) {
    const auto* t = d.block->body.attribute("type");
    if (!t) return "Any";
    auto type = type_of(*t->expr);
    return type ? *type : "Any";
  }
  // The type constraint a Variable<Any> keeps as text: none at all, or one
  // C++ does not spell (object, tuple, optional(...)); nullopt when the C++
  // type says it.
  std::optional<std::string> variable_type_text(const Declaration& d) {
    const auto* t = d.block->body.attribute("type");
    if (!t) return "";
    if (type_of(*t->expr)) return std::nullopt;
    return hcl_text(*t->expr);
  }
  static std::optional<std::string> type_of(const hcl::Expression& e) {
    if (const auto* t = e.get_if<hcl::Traversal>(); t && t->is_variable() && t->steps.empty()) {
      if (t->root == "string") return "std::string";
      if (t->root == "number") return "Number";
      if (t->root == "bool") return "bool";
      if (t->root == "any") return "Any";
      return std::nullopt;
    }
    if (const auto* c = e.get_if<hcl::FunctionCall>(); c && c->name_space.empty() && c->args.size() == 1) {
      auto inner = type_of(*c->args[0]);
      if (!inner) return std::nullopt;
      if (c->name == "list") return "List<" + *inner + ">";
      if (c->name == "set") return "Set<" + *inner + ">";
      if (c->name == "map") return "Map<" + *inner + ">";
    }
    return std::nullopt;
  }

  void note(const Declaration& d, const std::string& what) {
    summary_.notes.push_back(inputs_[d.file].path + ":" + std::to_string(d.block->range.start.line) + ": " +
                             d.address + ": " + what);
  }

  // ------------------------------------------------------------ expressions

  struct Code {
    std::string text;
    std::string type;  ///< C++ T of Expr<T>; "" for a C++ literal whose type is `literal`
    std::string literal;  ///< "string", "number", "bool", "null" for C++ literals
  };

  // What an expression is translated in: the file and declaration it is in,
  // and the iterators of the dynamic blocks around it.
  struct Scope {
    std::size_t file = 0;
    std::size_t decl = 0;
    std::vector<std::pair<std::string, std::string>> iterators;  ///< HCL name -> C++ variable
    struct Bound {
      std::string name, cpp, type;
      bool iterator = false;  ///< a dynamic block's iterator: NAME.value is the element
    };
    std::vector<Bound> bound;  ///< for-expression variables: HCL name, lambda parameter, its T
  };

  Code raw(const hcl::Expression& e, const std::string& want) {
    ++summary_.raw_expressions;
    const std::string t = want.empty() || want == "Value" ? "Any" : want;
    return {"raw<" + t + ">(" + cpp_raw_string(hcl_text(e)) + ")", t, ""};
  }

  // `code` as the type `want`.
  Code coerce(Code c, const std::string& want) {
    if (want.empty()) return c;
    if (want == "Value") {
      if (c.literal == "null") return {"nullptr", "Value", "null"};
      return c;
    }
    if (!c.literal.empty()) {
      if (c.literal == "null") return {"null", want, ""};
      if ((c.literal == "string" && want == "std::string") || (c.literal == "number" && want == "Number") ||
          (c.literal == "bool" && want == "bool") || want == "Any" || want == "Object")
        return {c.text, want, c.literal};
      return {"as<" + want + ">(Expr<Any>(" + c.text + "))", want, ""};
    }
    if (c.type == want || want == "Any") return c;
    if ((is_sequence(c.type) && is_sequence(want) && element_of(c.type) == element_of(want))) return c;
    if (c.type == "Value") return {"as<" + want + ">(Expr<Any>(" + c.text + "))", want, ""};
    return {"as<" + want + ">(" + c.text + ")", want, ""};
  }

  Code expr(const hcl::Expression& e, const std::string& want, Scope& sc) {
    return std::visit([&](const auto& n) { return translate(n, e, want, sc); }, e.node);
  }

  Code translate(const hcl::Literal& l, const hcl::Expression& e, const std::string& want, Scope&) {
    switch (l.type) {
      case hcl::Literal::Type::Null: return coerce({"null", "", "null"}, want);
      case hcl::Literal::Type::Bool: return coerce({l.boolean ? "true" : "false", "", "bool"}, want);
      case hcl::Literal::Type::Number: {
        const std::string& n = l.number;
        const bool integer = n.find_first_of(".eE") == std::string::npos;
        if ((integer && n.size() <= 15) || (!integer && n.size() <= 15)) {
          std::string text = n;
          if (!integer && text.find('.') == std::string::npos && text.find_first_of("eE") != std::string::npos)
            text = text;  // 1e3 is a valid C++ double
          return coerce({text, "", "number"}, want);
        }
        return raw(e, want.empty() ? "Number" : want);
      }
    }
    return raw(e, want);
  }

  Code translate(const hcl::Template& t, const hcl::Expression& e, const std::string& want, Scope& sc) {
    if (auto v = t.literal_value()) {
      if (want == "bool" && (*v == "true" || *v == "false")) return {*v, "bool", "bool"};
      if (want == "Number" && !v->empty() && v->size() <= 15 &&
          v->find_first_not_of("0123456789") == std::string::npos && ((*v)[0] != '0' || v->size() == 1))
        return {*v, "Number", "number"};
      return coerce({cpp_string(*v), "", "string"}, want);
    }
    if (t.is_wrap()) {
      const auto& i = std::get<hcl::TemplateInterpolation>(t.parts[0].node);
      return expr(*i.expr, want, sc);
    }
    std::vector<std::string> pieces;
    for (const auto& p : t.parts) {
      if (const auto* lit = std::get_if<hcl::TemplateLiteral>(&p.node)) {
        pieces.push_back(pieces.empty() ? "Expr<std::string>(" + cpp_string(lit->value) + ")" : cpp_string(lit->value));
      } else if (const auto* i = std::get_if<hcl::TemplateInterpolation>(&p.node)) {
        Code c = expr(*i->expr, "std::string", sc);
        if (!c.literal.empty()) c.text = "Expr<std::string>(" + c.text + ")";
        pieces.push_back(c.text);
      } else {
        return raw(e, want.empty() ? "std::string" : want);
      }
    }
    std::string text;
    for (const auto& p : pieces) text += (text.empty() ? "" : " + ") + p;
    return coerce({text, "std::string", ""}, want);
  }

  Code translate(const hcl::Traversal& t, const hcl::Expression& e, const std::string& want, Scope& sc) {
    if (!t.is_variable()) return raw(e, want);
    // dynamic block iterators: it.key, it.value, it.value.field
    for (auto it = sc.iterators.rbegin(); it != sc.iterators.rend(); ++it) {
      if (t.root != it->first) continue;
      if (t.steps.empty() || t.steps[0].kind != hcl::TraversalStep::Kind::GetAttr) return raw(e, want);
      if (t.steps[0].name == "key" && t.steps.size() == 1) return coerce({it->second + ".key()", "Any", ""}, want);
      if (t.steps[0].name != "value") return raw(e, want);
      Code c{it->second + ".value()", "Any", ""};
      return apply_steps(c, t, 1, e, want, sc);
    }
    for (auto b = sc.bound.rbegin(); b != sc.bound.rend(); ++b) {
      if (t.root != b->name) continue;
      if (!b->iterator) return apply_steps({b->cpp, b->type, ""}, t, 0, e, want, sc);
      if (t.steps.empty() || t.steps[0].kind != hcl::TraversalStep::Kind::GetAttr || t.steps[0].name != "value")
        return raw(e, want);
      return apply_steps({b->cpp, b->type, ""}, t, 1, e, want, sc);
    }
    if (t.root == "count" && t.steps.size() == 1 && t.steps[0].name == "index")
      return coerce({"count_index()", "Number", ""}, want);
    if (t.root == "each" && !t.steps.empty() && t.steps[0].kind == hcl::TraversalStep::Kind::GetAttr) {
      if (t.steps[0].name == "key" && t.steps.size() == 1) return coerce({"each_key()", "std::string", ""}, want);
      if (t.steps[0].name == "value") {
        if (t.steps.size() == 1) {
          const std::string w = want.empty() || want == "Value" ? "Any" : want;
          return {"each_value<" + w + ">()", w, ""};
        }
        return apply_steps({"each_value<Any>()", "Any", ""}, t, 1, e, want, sc);
      }
    }
    if (t.root == "path" && t.steps.size() == 1 && t.steps[0].name == "module")
      return coerce({"path_module()", "std::string", ""}, want);

    const std::string addr = address_of(t);
    auto found = by_address_.find(addr);
    if (found == by_address_.end()) return raw(e, want);
    const Declaration& d = decls_[found->second];
    const bool available = handle_available(d, sc);
    std::size_t first = d.kind == Kind::data ? 2 : 1;  // steps after the address
    if (!available) return text_reference(t, e, want);
    switch (d.kind) {
      case Kind::variable:
        return apply_steps({d.handle, d.value_type, ""}, t, first, e, want, sc);
      case Kind::local:
        return apply_steps({d.handle, d.value_type, ""}, t, first, e, want, sc);
      case Kind::module: {
        if (t.steps.size() < 2 || t.steps[1].kind != hcl::TraversalStep::Kind::GetAttr) return raw(e, want);
        const std::string w = t.steps.size() == 2 && !want.empty() && want != "Value" ? want : "Any";
        return apply_steps({d.handle + ".output<" + w + ">(" + cpp_string(t.steps[1].name) + ")", w, ""}, t, 2, e, want, sc);
      }
      case Kind::resource:
      case Kind::data: {
        std::string h = d.handle;
        std::size_t i = first;
        // An instance of a resource with count or for_each.
        if (i < t.steps.size() && t.steps[i].kind == hcl::TraversalStep::Kind::Index) {
          Code key = expr(*t.steps[i].key, "", sc);
          if (key.literal == "number" || key.literal == "string")
            h += "[" + key.text + "]";
          else if (key.type == "Number" || key.type == "std::string")
            h += "[" + key.text + "]";
          else
            return text_reference(t, e, want);
          ++i;
        } else if (i < t.steps.size() && t.steps[i].kind == hcl::TraversalStep::Kind::LegacyIndex) {
          h += "[" + t.steps[i].name + "]";
          ++i;
        }
        // All instances: aws_subnet.public[*].id, aws_subnet.public.*.id.
        if (i + 2 == t.steps.size() && d.binding &&
            (t.steps[i].kind == hcl::TraversalStep::Kind::FullSplat ||
             t.steps[i].kind == hcl::TraversalStep::Kind::AttrSplat) &&
            t.steps[i + 1].kind == hcl::TraversalStep::Kind::GetAttr && d.block->body.attribute("count")) {
          const bindgen::FieldPlan* f = field(d.binding->plan->body, t.steps[i + 1].name);
          if (f && f->getter) {
            const std::string scope = d.binding->qualified();
            return coerce({"splat(" + h + ", &" + scope + "::" + f->cpp_name + ")",
                           "List<" + qualify(f->cpp_type, scope) + ">", ""},
                          want);
          }
        }
        if (i >= t.steps.size() || t.steps[i].kind != hcl::TraversalStep::Kind::GetAttr)
          return text_reference(t, e, want);
        const std::string& attr = t.steps[i].name;
        if (!d.binding) {
          const std::string w = i + 1 == t.steps.size() && !want.empty() && want != "Value" ? want : "Any";
          return apply_steps({h + ".template get<" + w + ">(" + cpp_string(attr) + ")", w, ""}, t, i + 1, e, want, sc);
        }
        const bindgen::FieldPlan* f = field(d.binding->plan->body, attr);
        if (!f || !f->getter) return text_reference(t, e, want);
        const std::string scope = "stackgen::" + d.binding->qualified();
        return apply_steps({h + "." + f->cpp_name + "()", qualify(f->cpp_type, scope), ""}, t, i + 1, e, want, sc);
      }
      default: return raw(e, want);
    }
  }

  // Steps after a handle: list[0], map["k"], object.field.
  Code apply_steps(Code c, const hcl::Traversal& t, std::size_t from, const hcl::Expression& e,
                   const std::string& want, Scope& sc) {
    for (std::size_t i = from; i < t.steps.size(); ++i) {
      const auto& s = t.steps[i];
      const bool last = i + 1 == t.steps.size();
      if ((s.kind == hcl::TraversalStep::Kind::Index || s.kind == hcl::TraversalStep::Kind::LegacyIndex) &&
          (c.type.starts_with("List<") || is_map(c.type))) {
        std::string key;
        if (s.kind == hcl::TraversalStep::Kind::LegacyIndex) {
          key = s.name;
        } else {
          const hcl::Expression& k = *s.key;
          const auto* lit = k.get_if<hcl::Literal>();
          const auto* str = k.get_if<hcl::Template>();
          if (c.type.starts_with("List<") && lit && lit->type == hcl::Literal::Type::Number &&
              lit->number.find_first_not_of("0123456789") == std::string::npos)
            key = lit->number;
          else if (is_map(c.type) && str && str->literal_value())
            key = "std::string(" + cpp_string(*str->literal_value()) + ")";
          else if (Code k2 = expr(k, c.type.starts_with("List<") ? "Number" : "std::string", sc); k2.literal.empty())
            key = k2.text;
          else
            return text_reference(t, e, want);
        }
        if (is_map(c.type) && s.kind == hcl::TraversalStep::Kind::LegacyIndex) return text_reference(t, e, want);
        c = {c.text + "[" + key + "]", element_of(c.type), ""};
      } else if (s.kind == hcl::TraversalStep::Kind::GetAttr &&
                 (c.type == "Any" || c.type == "Object" || object_structs_.contains(c.type))) {
        const std::string w = last && !want.empty() && want != "Value" ? want : "Any";
        c = {c.text + ".template get<" + w + ">(" + cpp_string(s.name) + ")", w, ""};
      } else {
        return text_reference(t, e, want);
      }
    }
    return coerce(c, want);
  }

  // A reference written as text: checked against the stack's blocks at emit.
  Code text_reference(const hcl::Traversal& t, const hcl::Expression& e, const std::string& want) {
    for (const auto& s : t.steps)
      if (s.kind == hcl::TraversalStep::Kind::AttrSplat || s.kind == hcl::TraversalStep::Kind::FullSplat ||
          (s.kind == hcl::TraversalStep::Kind::Index && !s.key->get_if<hcl::Literal>() &&
           !(s.key->get_if<hcl::Template>() && s.key->get_if<hcl::Template>()->literal_value())))
        return raw(e, want);
    ++summary_.text_references;
    const std::string w = want.empty() || want == "Value" ? "Any" : want;
    return {"ref<" + w + ">(" + cpp_string(hcl_text(e)) + ")", w, ""};
  }

  bool handle_available(const Declaration& d, const Scope& sc) const {
    if (d.handle.empty()) return false;
    if (d.file == sc.file) return declared_.contains(&d - decls_.data());
    return file_position_.at(d.file) < file_position_.at(sc.file);
  }

  // jsonencode of a document: the document as C++ data; other functions by
  // name (stackgen::function_call), their arguments translated.
  Code translate(const hcl::FunctionCall& f, const hcl::Expression& e, const std::string& want, Scope& sc) {
    if (f.expand_final) return raw(e, want);
    if (f.name_space.empty() && f.name == "jsonencode" && f.args.size() == 1)
      return coerce({"jsonencode(" + value_text(*f.args[0], sc) + ")", "std::string", ""}, want);
    std::string args;
    for (const auto& a : f.args) args += ", " + value_text(*a, sc);
    const std::string r = want.empty() || want == "Value" ? "Any" : want;
    return {"function_call<" + r + ">(" + cpp_string(f.full_name()) + args + ")", r, ""};
  }

  Code translate(const hcl::Tuple& t, const hcl::Expression& e, const std::string& want, Scope& sc) {
    if (is_sequence(want)) {
      const std::string el = element_of(want);
      if (t.elements.empty()) return {"std::vector<Expr<" + el + ">>{}", want, ""};
      std::string items;
      for (const auto& x : t.elements) {
        Code c = expr(*x, el, sc);
        if (c.literal == "null") return raw(e, want);
        items += (items.empty() ? "" : ", ") + c.text;
      }
      return {"Expr<" + want + ">{" + items + "}", want, ""};
    }
    if (want.empty() || want == "Value" || want == "Any") {
      std::string items;
      for (const auto& x : t.elements) items += (items.empty() ? "" : ", ") + value_text(*x, sc);
      std::string text = "Value::list({" + items + "})";
      if (t.elements.empty()) text = "Value::list(std::vector<Value>{})";
      return {want == "Value" ? text : "Expr<Any>(" + text + ")", want == "Value" ? "Value" : "Any", ""};
    }
    return raw(e, want);
  }

  // An expression where a stackgen::Value is wanted.
  std::string value_text(const hcl::Expression& x, Scope& sc) {
    Code c = expr(x, "Value", sc);
    if (c.literal == "null") return "nullptr";
    if (c.literal == "number" || c.literal == "bool" || c.literal == "string") return "Value(" + c.text + ")";
    return c.text;
  }

  Code translate(const hcl::Object& o, const hcl::Expression& e, const std::string& want, Scope& sc) {
    for (const auto& i : o.items)
      if (!i.key_name()) return raw(e, want);
    if (is_map(want)) {
      const std::string el = element_of(want);
      std::string items;
      for (const auto& i : o.items) {
        Code c = expr(*i.value, el, sc);
        if (c.literal == "null") return raw(e, want);
        items += (items.empty() ? "" : ", ") + std::string("{") + cpp_string(*i.key_name()) + ", " + c.text + "}";
      }
      if (o.items.empty()) return {"Expr<" + want + ">(std::vector<std::pair<std::string, Expr<" + el + ">>>{})", want, ""};
      return {"Expr<" + want + ">{" + items + "}", want, ""};
    }
    if (auto st = object_structs_.find(want); st != object_structs_.end()) {
      const bindgen::StructPlan& sp = *st->second;
      std::string text = want + "()";
      for (const auto& i : o.items) {
        const bindgen::FieldPlan* f = field(sp, *i.key_name());
        if (!f) return raw(e, want);
        Code c = expr(*i.value, qualify(f->cpp_type, want), sc);
        if (c.literal == "null") continue;  // unset fields are emitted as null
        text += "." + f->cpp_name + "(" + c.text + ")";
      }
      return {text, want, ""};
    }
    if (want.empty() || want == "Value" || want == "Any" || want == "Object") {
      std::string items;
      for (const auto& i : o.items)
        items += (items.empty() ? "" : ", ") + std::string("{") + cpp_string(*i.key_name()) + ", " +
                 value_text(*i.value, sc) + "}";
      std::string text = "Value::object({" + items + "})";
      if (o.items.empty()) text = "Value::object(std::vector<Value::Field>{})";
      if (want == "Value") return {text, "Value", ""};
      const std::string t = want == "Object" ? "Object" : "Any";
      return {"Expr<" + t + ">(" + text + ")", t, ""};
    }
    return raw(e, want);
  }

  Code translate(const hcl::Conditional& c, const hcl::Expression& e, const std::string& want_in, Scope& sc) {
    std::string want = want_in;
    if (want.empty() || want == "Value" || want == "Any") {
      // The branches' own type, when one of them has one.
      Code a = expr(*c.true_result, "", sc), b = expr(*c.false_result, "", sc);
      const std::string t = a.literal.empty() && a.type != "Value" ? a.type
                            : b.literal.empty() && b.type != "Value" ? b.type
                            : a.literal == "string" || b.literal == "string" ? "std::string"
                            : a.literal == "number" || b.literal == "number" ? "Number"
                            : a.literal == "bool" || b.literal == "bool" ? "bool" : "";
      if (t.empty()) return raw(e, want_in);
      Code r = translate(c, e, t, sc);
      return coerce(r, want_in);
    }
    Code cond = expr(*c.condition, "bool", sc);
    Code a = expr(*c.true_result, want, sc);
    Code b = expr(*c.false_result, want, sc);
    auto typed = [&](const Code& x) {
      return x.literal.empty() || x.literal == "null" ? x.text : "Expr<" + want + ">(" + x.text + ")";
    };
    return {"cond<" + want + ">(" + typed(cond.literal.empty() ? cond : Code{"Expr<bool>(" + cond.text + ")", "bool", ""}) +
                ", " + typed(a) + ", " + typed(b) + ")",
            want, ""};
  }

  // [for v in xs : f(v) if c(v)] and {for v in xs : k(v) => f(v) if c(v)}
  // as stackgen::for_list / for_map with lambdas.
  Code translate(const hcl::ForExpr& f, const hcl::Expression& e, const std::string& want, Scope& sc) {
    if (!f.key_var.empty() || f.grouping) return raw(e, want);
    Code coll = expr(*f.collection, "", sc);
    if (!(is_sequence(coll.type) || is_map(coll.type)) || !coll.literal.empty()) coll = coerce(coll, "List<Any>");
    const std::string element = element_of(coll.type);
    const std::string param = sanitize(f.value_var) + "_";
    sc.bound.push_back({f.value_var, param, element});
    const std::string lambda = "[&](const auto& " + param + ") { return ";
    std::string text;
    std::string result_type;
    if (f.object) {
      Code k = expr(*f.key, "std::string", sc);
      Code v = expr(*f.value, "", sc);
      if (!k.literal.empty()) k.text = "Expr<std::string>(" + k.text + ")";
      if (!v.literal.empty() || v.type == "Value") v = {"Expr<Any>(" + v.text + ")", "Any", ""};
      text = "for_map(" + coll.text + ", " + lambda + "std::make_pair(" + k.text + ", " + v.text + "); }";
      result_type = "Map<" + v.type + ">";
    } else {
      Code v = expr(*f.value, "", sc);
      if (!v.literal.empty() || v.type == "Value") v = {"Expr<Any>(" + v.text + ")", "Any", ""};
      text = "for_list(" + coll.text + ", " + lambda + v.text + "; }";
      result_type = "List<" + v.type + ">";
    }
    if (f.condition) {
      Code c = expr(*f.condition, "bool", sc);
      if (!c.literal.empty()) c.text = "Expr<bool>(" + c.text + ")";
      text += ", " + lambda + c.text + "; }";
    }
    sc.bound.pop_back();
    return coerce({text + ")", result_type, ""}, want);
  }

  Code translate(const hcl::BinaryOp& b, const hcl::Expression& e, const std::string& want, Scope& sc) {
    using Op = hcl::BinaryOperator;
    auto typed = [](Code c, const std::string& t) {
      return c.literal.empty() ? c.text : "Expr<" + t + ">(" + c.text + ")";
    };
    switch (b.op) {
      case Op::Add: case Op::Subtract: case Op::Multiply: case Op::Divide: case Op::Modulo: {
        Code l = expr(*b.lhs, "Number", sc), r = expr(*b.rhs, "Number", sc);
        if (l.literal == "null" || r.literal == "null") return raw(e, want);
        return coerce({"(" + typed(l, "Number") + " " + std::string(hcl::to_string(b.op)) + " " + r.text + ")", "Number", ""},
                      want);
      }
      case Op::And: case Op::Or: {
        Code l = expr(*b.lhs, "bool", sc), r = expr(*b.rhs, "bool", sc);
        if (l.literal == "null" || r.literal == "null") return raw(e, want);
        return coerce({"(" + typed(l, "bool") + " " + std::string(hcl::to_string(b.op)) + " " + r.text + ")", "bool", ""},
                      want);
      }
      case Op::Less: case Op::Greater: case Op::LessEq: case Op::GreaterEq: {
        Code l = expr(*b.lhs, "Number", sc), r = expr(*b.rhs, "Number", sc);
        const char* f = b.op == Op::Less ? "lt" : b.op == Op::Greater ? "gt" : b.op == Op::LessEq ? "le" : "ge";
        return coerce({std::string(f) + "(" + typed(l, "Number") + ", " + r.text + ")", "bool", ""}, want);
      }
      case Op::Equal: case Op::NotEqual: {
        Code l = expr(*b.lhs, "", sc), r = expr(*b.rhs, "", sc);
        std::string t = l.literal.empty() && l.type != "Value" ? l.type : r.literal.empty() && r.type != "Value" ? r.type : "";
        if (t.empty() || l.literal == "null" || r.literal == "null") return raw(e, want);
        l = coerce(l, t);
        r = coerce(r, t);
        const char* f = b.op == Op::Equal ? "eq" : "ne";
        return coerce({std::string(f) + "<" + t + ">(" + typed(l, t) + ", " + typed(r, t) + ")", "bool", ""}, want);
      }
    }
    return raw(e, want);
  }

  Code translate(const hcl::UnaryOp& u, const hcl::Expression& e, const std::string& want, Scope& sc) {
    if (u.op == hcl::UnaryOperator::Not) {
      Code c = expr(*u.operand, "bool", sc);
      if (!c.literal.empty()) return raw(e, want);
      return coerce({"!" + c.text, "bool", ""}, want);
    }
    const auto* lit = u.operand->get_if<hcl::Literal>();
    if (lit && lit->type == hcl::Literal::Type::Number && lit->number.size() <= 15)
      return coerce({"-" + lit->number, "", "number"}, want);
    return raw(e, want);
  }

  Code translate(const hcl::Parens& p, const hcl::Expression&, const std::string& want, Scope& sc) {
    return expr(*p.expr, want, sc);
  }

  template <class N>
  Code translate(const N&, const hcl::Expression& e, const std::string& want, Scope&) {
    return raw(e, want);
  }

  // ------------------------------------------------------------ statements

  struct Out {
    std::string text;
    std::set<std::string> headers;
  };

  std::string comments_of(const hcl::Comments& c, const std::string& indent) {
    std::string out;
    for (const auto& cm : c.leading) {
      std::string_view content = cm.content();
      while (!content.empty() && (content.front() == ' ')) content.remove_prefix(1);
      out += comment_lines(content, indent);
    }
    return out;
  }

  std::string not_converted(const Declaration& d, const std::string& what, const hcl::Block& b,
                            const std::string& indent) {
    ++summary_.not_converted;
    note(d, what);
    std::string out = indent + "// stackgen convert: " + what + "; not converted:\n";
    std::string text = b.type;
    for (const auto& l : b.labels) text += " \"" + l.value + "\"";
    text += " {\n";
    std::istringstream lines(hcl::to_hcl(b.body));
    for (std::string line; std::getline(lines, line);) text += (line.empty() ? "" : "  ") + line + "\n";
    text += "}";
    out += comment_lines(text, indent + " ");
    return out;
  }

  // Setters of a typed block body (resource, data source, provider, or a
  // nested block inside a lambda). `target` is the chain's object text
  // (empty: continue a chain with `.x(...)`).
  void typed_body(const hcl::Body& body, const bindgen::StructPlan& plan, const bindgen::Block& schema,
                  const std::string& scope, Scope& sc, const Declaration& d, std::string& out,
                  const std::string& indent, const std::string& target, bool top) {
    auto call = [&](const std::string& member, const std::string& args) {
      out += indent + target + "." + member + "(" + args + ")" + (target.empty() ? "" : ";") + "\n";
    };
    register_object_structs(plan, scope);
    std::set<std::string> attribute_blocks_done;
    for (const auto& item : body.items) {
      out += comments_of(item.comments(), indent);
      if (const auto* a = item.attribute()) {
        if (top && meta_attribute(*a, d, sc, out, indent, target)) continue;
        if (d.kind == Kind::provider && a->name == "alias") continue;
        const bindgen::FieldPlan* f = field(plan, a->name);
        if (!f || !f->setter) {
          ++summary_.not_converted;
          note(d, "argument " + a->name + " is not in the schema");
          out += indent + "// stackgen convert: argument `" + a->name + "` is not in the provider schema; kept as an override\n";
          call("add_override", cpp_string(a->name) + ", " + value_text(*a->expr, sc));
          continue;
        }
        Code c = expr(*a->expr, qualify(f->cpp_type, scope), sc);
        call(f->cpp_name, c.text);
      } else if (const auto* b = item.block()) {
        if (top && (b->type == "lifecycle")) {
          call("lifecycle", lifecycle(*b, sc));
          continue;
        }
        if (top && (b->type == "provisioner" || b->type == "connection")) {
          out += not_converted(d, b->type + " blocks are not supported by the core yet", *b, indent);
          continue;
        }
        // Blocks of an attribute of object list type (`ingress { ... }` of
        // aws_security_group: Terraform's "attributes as blocks"): all of
        // them, static and dynamic, become the attribute's one list value.
        const std::string block_name = b->type == "dynamic" && !b->labels.empty() ? b->labels[0].value : b->type;
        if (const bindgen::FieldPlan* f = field(plan, block_name);
            f && f->setter && !block_setter(plan, block_name) && (is_sequence(f->cpp_type))) {
          if (!attribute_blocks_done.insert(block_name).second) continue;
          const std::string type = qualify(f->cpp_type, scope);
          std::optional<std::string> value = attribute_blocks(body, block_name, type, sc);
          if (!value) {
            out += not_converted(d, "blocks of attribute `" + block_name + "` mix static and dynamic forms", *b, indent);
            continue;
          }
          call(f->cpp_name, *value);
          continue;
        }
        if (b->type == "dynamic" && !top) {
          out += not_converted(d, "a dynamic block inside a nested block is not supported by the core yet", *b, indent);
          continue;
        }
        if (b->type == "dynamic") {
          dynamic_block(*b, plan, schema, scope, sc, d, out, indent);
          continue;
        }
        const bindgen::BlockSetterPlan* setter = block_setter(plan, b->type);
        const bindgen::StructPlan* sp = nested_struct(plan, b->type);
        const bindgen::BlockType* bt = nested_block(schema, b->type);
        if (!setter || !sp || !bt) {
          out += not_converted(d, "nested block `" + b->type + "` is not in the provider schema", *b, indent);
          continue;
        }
        const std::string var = sanitize(b->type) + "_";
        std::string inner;
        typed_body(b->body, *sp, bt->block, scope + "::" + sp->cpp_name, sc, d, inner, indent + "  ", var, false);
        call(setter->cpp_name, "[&](auto& " + var + ") {\n" + inner + indent + "}");
      }
    }
  }

  // The value of an attribute written as blocks: a list of typed structs
  // from static blocks, or for_list over a single dynamic block's for_each.
  std::optional<std::string> attribute_blocks(const hcl::Body& body, const std::string& name, const std::string& type,
                                              Scope& sc) {
    const std::string element = element_of(type);
    std::vector<const hcl::Block*> statics, dynamics;
    for (const auto& item : body.items)
      if (const auto* b = item.block()) {
        if (b->type == name) statics.push_back(b);
        if (b->type == "dynamic" && !b->labels.empty() && b->labels[0].value == name) dynamics.push_back(b);
      }
    if (!object_structs_.contains(element)) return std::nullopt;
    if (dynamics.empty()) {
      std::string items;
      for (const auto* b : statics) {
        auto one = object_from_body(b->body, element, sc);
        if (!one) return std::nullopt;
        items += (items.empty() ? "" : ", ") + *one;
      }
      return "Expr<" + type + ">{" + items + "}";
    }
    if (dynamics.size() != 1 || !statics.empty()) return std::nullopt;
    const hcl::Block& dyn = *dynamics[0];
    const auto* for_each = dyn.body.attribute("for_each");
    const auto content = dyn.body.blocks("content");
    if (!for_each || content.size() != 1) return std::nullopt;
    std::string iterator = name;
    if (const auto* it = dyn.body.attribute("iterator")) {
      const auto* t = it->expr->get_if<hcl::Traversal>();
      if (!t || !t->is_variable() || !t->steps.empty()) return std::nullopt;
      iterator = t->root;
    }
    // The iterator's .key would need the index or key, which for_list does
    // not give: such blocks stay unconverted.
    bool uses_key = false;
    for (const auto& item : content[0]->body.items)
      if (const auto* a = item.attribute())
        walk(*a->expr, [&](const hcl::Traversal& t) {
          if (t.is_variable() && t.root == iterator && !t.steps.empty() && t.steps[0].name != "value") uses_key = true;
        });
    if (uses_key) return std::nullopt;
    Code coll = expr(*for_each->expr, "", sc);
    if (!is_sequence(coll.type) || !coll.literal.empty()) coll = coerce(coll, "List<Any>");
    const std::string param = sanitize(iterator) + "_";
    sc.bound.push_back({iterator, param, element_of(coll.type), true});
    auto one = object_from_body(content[0]->body, element, sc);
    sc.bound.pop_back();
    if (!one) return std::nullopt;
    return "as<" + type + ">(for_list(" + coll.text + ", [&](const auto& " + param + ") { return Expr<" + element +
           ">(" + *one + "); }))";
  }

  // A typed object struct from a block body's attributes (nested blocks of
  // an object attribute are its list-of-object fields).
  std::optional<std::string> object_from_body(const hcl::Body& body, const std::string& type, Scope& sc) {
    auto st = object_structs_.find(type);
    if (st == object_structs_.end()) return std::nullopt;
    std::string text = type + "()";
    std::set<std::string> done;
    for (const auto& item : body.items) {
      if (const auto* a = item.attribute()) {
        const bindgen::FieldPlan* f = field(*st->second, a->name);
        if (!f) return std::nullopt;
        Code c = expr(*a->expr, qualify(f->cpp_type, type), sc);
        if (c.literal == "null") continue;
        text += "." + f->cpp_name + "(" + c.text + ")";
      } else if (const auto* b = item.block()) {
        const bindgen::FieldPlan* f = field(*st->second, b->type);
        if (!f || !is_sequence(f->cpp_type) || !done.insert(b->type).second) return std::nullopt;
        auto v = attribute_blocks(body, b->type, qualify(f->cpp_type, type), sc);
        if (!v) return std::nullopt;
        text += "." + f->cpp_name + "(" + *v + ")";
      }
    }
    return text;
  }

  // The object-type structs of a block (ingress of aws_security_group), by
  // qualified name, so that object literals become typed structs.
  void register_object_structs(const bindgen::StructPlan& plan, const std::string& scope) {
    for (const auto& st : plan.structs) {
      if (st.kind != bindgen::StructPlan::Kind::object) continue;
      const std::string name = scope + "::" + st.cpp_name;
      if (object_structs_.emplace(name, &st).second) register_object_structs(st, name);
    }
  }

  void dynamic_block(const hcl::Block& b, const bindgen::StructPlan& plan, const bindgen::Block& schema,
                     const std::string& scope, Scope& sc, const Declaration& d, std::string& out,
                     const std::string& indent) {
    if (b.labels.empty()) throw std::runtime_error(where(b, sc.file) + ": a dynamic block needs a label");
    const std::string name = b.labels[0].value;
    const bindgen::StructPlan* sp = nested_struct(plan, name);
    const bindgen::BlockType* bt = nested_block(schema, name);
    const auto* for_each = b.body.attribute("for_each");
    const auto content = b.body.blocks("content");
    if (!sp || !bt || !for_each || content.size() != 1) {
      out += not_converted(d, "dynamic block `" + name + "` (not in the schema, or without for_each/content)", b,
                           indent);
      return;
    }
    std::string iterator = name;
    if (const auto* it = b.body.attribute("iterator")) {
      const auto* t = it->expr->get_if<hcl::Traversal>();
      if (!t || !t->is_variable() || !t->steps.empty()) {
        out += not_converted(d, "dynamic block iterator is not a name", b, indent);
        return;
      }
      iterator = t->root;
    }
    Code coll = expr(*for_each->expr, "", sc);
    if (!(is_sequence(coll.type) || is_map(coll.type) || coll.type == "Any")) coll = coerce(coll, "Any");
    if (!coll.literal.empty() || coll.type == "Value") coll = {"Expr<Any>(" + coll.text + ")", "Any", ""};
    const std::string var = sanitize(name) + "_";
    const std::string it_var = sanitize(iterator) + "_it";
    sc.iterators.emplace_back(iterator, it_var);
    std::string inner;
    typed_body(content[0]->body, *sp, bt->block, scope + "::" + sp->cpp_name, sc, d, inner, indent + "  ", var,
               false);
    sc.iterators.pop_back();
    const std::string args = cpp_string(name) + ", " + coll.text + ", [&](auto& " + var + ", auto " + it_var +
                             ") {\n" + inner + indent + "}" +
                             (b.body.attribute("iterator") ? ", " + cpp_string(iterator) : "");
    out += indent + ".template dynamic<" + scope + "::" + sp->cpp_name + ">(" + args + ")\n";
  }

  std::string lifecycle(const hcl::Block& b, Scope& sc) {
    std::string out = "Lifecycle()";
    for (const auto& item : b.body.items) {
      if (const auto* a = item.attribute()) {
        if (a->name == "create_before_destroy" || a->name == "prevent_destroy") {
          out += "." + a->name + "(" + expr(*a->expr, "bool", sc).text + ")";
        } else if (a->name == "ignore_changes") {
          if (const auto* t = a->expr->get_if<hcl::Traversal>(); t && t->root == "all" && t->steps.empty()) {
            out += ".ignore_all_changes()";
          } else if (const auto* tu = a->expr->get_if<hcl::Tuple>()) {
            std::string items;
            for (const auto& x : tu->elements) {
              std::string text = hcl_text(*x);
              if (const auto* s = x->get_if<hcl::Template>(); s && s->literal_value()) text = *s->literal_value();
              items += (items.empty() ? "" : ", ") + cpp_string(text);
            }
            out += ".ignore_changes({" + items + "})";
          }
        } else if (a->name == "replace_triggered_by") {
          std::string items;
          if (const auto* tu = a->expr->get_if<hcl::Tuple>())
            for (const auto& x : tu->elements) {
              const auto* tr = x->get_if<hcl::Traversal>();
              std::string text = tr ? cpp_string(hcl_text(*x)) : "";
              items += (items.empty() ? "" : ", ") + std::string("ref<Any>(") + text + ")";
            }
          out += ".replace_triggered_by({" + items + "})";
        }
      } else if (const auto* c = item.block()) {
        if (c->type == "precondition" || c->type == "postcondition") {
          const auto* cond = c->body.attribute("condition");
          const auto* msg = c->body.attribute("error_message");
          if (cond && msg)
            out += "." + c->type + "(" + expr(*cond->expr, "bool", sc).text + ", " +
                   expr(*msg->expr, "std::string", sc).text + ")";
        }
      }
    }
    return out;
  }

  // count, for_each, depends_on, provider: true when handled.
  bool meta_attribute(const hcl::Attribute& a, const Declaration& d, Scope& sc, std::string& out,
                      const std::string& indent, const std::string& target) {
    auto call = [&](const std::string& member, const std::string& args) {
      out += indent + target + "." + member + "(" + args + ")" + (target.empty() ? "" : ";") + "\n";
    };
    if (a.name == "count") {
      call("count", expr(*a.expr, "Number", sc).text);
      return true;
    }
    if (a.name == "for_each") {
      Code c = expr(*a.expr, "", sc);
      const auto* fc = a.expr->get_if<hcl::FunctionCall>();
      if (fc && fc->name == "toset" && fc->name_space.empty())
        c = coerce(c, "Set<std::string>");
      else if (!(is_map(c.type) || c.type == "Set<std::string>"))
        c = coerce(c, "Map<Any>");
      call("for_each", c.text);
      return true;
    }
    if (a.name == "depends_on") {
      std::string items;
      if (const auto* tu = a.expr->get_if<hcl::Tuple>()) {
        for (const auto& x : tu->elements) {
          const auto* t = x->get_if<hcl::Traversal>();
          auto it = t ? by_address_.find(address_of(*t)) : by_address_.end();
          if (it == by_address_.end() || !handle_available(decls_[it->second], sc)) {
            ++summary_.not_converted;
            note(d, "depends_on " + hcl_text(*x) + " has no handle here");
            out += indent + "// stackgen convert: depends_on " + hcl_text(*x) + " has no handle here; not converted\n";
            continue;
          }
          items += (items.empty() ? "" : ", ") + decls_[it->second].handle;
        }
      }
      if (!items.empty()) call("depends_on", "{" + items + "}");
      return true;
    }
    if (a.name == "provider" && (d.kind == Kind::resource || d.kind == Kind::data)) {
      const auto* t = a.expr->get_if<hcl::Traversal>();
      std::string addr = t ? "provider." + t->root : "";
      std::string text = t ? t->root : "";
      if (t && !t->steps.empty()) {
        addr += "." + t->steps[0].name;
        text += "." + t->steps[0].name;
      }
      auto it = by_address_.find(addr);
      if (it != by_address_.end() && handle_available(decls_[it->second], sc))
        call("provider", decls_[it->second].handle);
      else
        call("provider", cpp_string(text));
      return true;
    }
    return false;
  }

  // Untyped bodies: arguments with set(), nested blocks with block().
  std::string untyped_value(const hcl::Body& body, Scope& sc) {
    std::map<std::string, std::vector<std::string>> blocks;
    std::vector<std::string> order;
    std::string fields;
    for (const auto& item : body.items) {
      if (const auto* a = item.attribute()) {
        fields += (fields.empty() ? "" : ", ") + std::string("{") + cpp_string(a->name) + ", " +
                  value_text(*a->expr, sc) + "}";
      } else if (const auto* b = item.block()) {
        if (!blocks.contains(b->type)) order.push_back(b->type);
        blocks[b->type].push_back(untyped_value(b->body, sc));
      }
    }
    for (const auto& name : order) {
      std::string items;
      for (const auto& v : blocks[name]) items += (items.empty() ? "" : ", ") + v;
      fields += (fields.empty() ? "" : ", ") + std::string("{") + cpp_string(name) + ", Value::list({" + items + "})}";
    }
    return fields.empty() ? "Value::object(std::vector<Value::Field>{})" : "Value::object({" + fields + "})";
  }

  void untyped_body(const hcl::Body& body, Scope& sc, const Declaration& d, std::string& out,
                    const std::string& indent) {
    for (const auto& item : body.items) {
      out += comments_of(item.comments(), indent);
      if (const auto* a = item.attribute()) {
        if (meta_attribute(*a, d, sc, out, indent, "")) continue;
        if (d.kind == Kind::provider && a->name == "alias") continue;
        out += indent + ".set(" + cpp_string(a->name) + ", " + value_text(*a->expr, sc) + ")\n";
      } else if (const auto* b = item.block()) {
        if (b->type == "lifecycle" && d.kind != Kind::provider) {
          out += indent + ".lifecycle(" + lifecycle(*b, sc) + ")\n";
        } else if (b->type == "dynamic" || b->type == "provisioner" || b->type == "connection") {
          out += not_converted(d, b->type + " blocks of an untyped resource are not supported yet", *b, indent);
        } else {
          out += indent + ".block(" + cpp_string(b->type) + ", " + untyped_value(b->body, sc) + ")\n";
        }
      }
    }
  }

  std::string declaration(std::size_t index, Out& o) {
    Declaration& d = decls_[index];
    Scope sc;
    sc.file = d.file;
    sc.decl = index;
    const std::string ind = "  ";
    std::string out = d.kind == Kind::local ? comments_of(d.local->comments, ind) : comments_of(d.block->comments, ind);
    const hcl::Body& body = d.block->body;
    switch (d.kind) {
      case Kind::resource:
      case Kind::data: {
        if (d.binding) {
          ++summary_.typed_blocks;
          o.headers.insert(d.binding->plan->header);
          out += ind + "auto " + d.handle + " = s.add<" + d.binding->qualified() + ">(" + cpp_string(d.name) + ")\n";
          typed_body(body, d.binding->plan->body, *d.binding->block, d.binding->qualified(), sc, d, out, ind + "    ",
                     "", true);
        } else {
          ++summary_.untyped_blocks;
          out += ind + "// stackgen convert: no binding for " + d.type +
                 " (pass its provider's schema with --schema); untyped\n";
          out += ind + "auto " + d.handle + " = s." + (d.kind == Kind::data ? "untyped_data" : "untyped_resource") +
                 "(" + cpp_string(d.type) + ", " + cpp_string(d.name) + ")\n";
          untyped_body(body, sc, d, out, ind + "    ");
        }
        trim_chain(out);
        break;
      }
      case Kind::provider: {
        const std::string alias = d.name.empty() ? "" : cpp_string(d.name);
        if (d.binding) {
          ++summary_.typed_blocks;
          o.headers.insert(d.binding->plan->header);
          out += ind + "auto " + d.handle + " = s.provider<" + d.binding->qualified() + ">(" + alias + ")\n";
          typed_body(body, d.binding->plan->body, *d.binding->block, d.binding->qualified(), sc, d, out, ind + "    ",
                     "", false);
        } else {
          ++summary_.untyped_blocks;
          out += ind + "// stackgen convert: no binding for provider " + d.type + "; untyped\n";
          out += ind + "auto " + d.handle + " = s.untyped_provider(" + cpp_string(d.type) +
                 (alias.empty() ? "" : ", " + alias) + ")\n";
          untyped_body(body, sc, d, out, ind + "    ");
        }
        trim_chain(out);
        break;
      }
      case Kind::variable: {
        ++summary_.typed_blocks;
        out += ind + "auto " + d.handle + " = s.variable<" + d.value_type + ">(" + cpp_string(d.name) + ");\n";
        std::string chain;
        if (auto text = variable_type_text(d))
          chain += ".type_constraint(" + cpp_string(*text) + ")";
        for (const auto& item : body.items) {
          if (const auto* a = item.attribute()) {
            if (a->name == "type") continue;
            if (a->name == "default") {
              Code c = expr(*a->expr, d.value_type, sc);
              if (c.literal == "null") continue;  // the default of a default
              chain += ".default_value(" + c.text + ")";
            } else if (a->name == "description") {
              chain += ".description(" + expr(*a->expr, "std::string", sc).text + ")";
            } else if (a->name == "sensitive" || a->name == "nullable" || a->name == "ephemeral") {
              chain += "." + a->name + "(" + expr(*a->expr, "bool", sc).text + ")";
            }
          } else if (const auto* b = item.block(); b && b->type == "validation") {
            declared_.insert(index);  // the condition refers to the variable itself
            const auto* cond = b->body.attribute("condition");
            const auto* msg = b->body.attribute("error_message");
            if (cond && msg)
              chain += "\n" + ind + "    .validation(" + expr(*cond->expr, "bool", sc).text + ", " +
                       expr(*msg->expr, "std::string", sc).text + ")";
          }
        }
        if (!chain.empty()) out += ind + d.handle + chain + ";\n";
        break;
      }
      case Kind::local: {
        ++summary_.typed_blocks;
        Code c = expr(*d.local->expr, "", sc);
        std::string type = c.type;
        if (!c.literal.empty()) {
          type = c.literal == "string" ? "std::string" : c.literal == "number" ? "Number" : c.literal == "bool" ? "bool" : "Any";
          if (c.literal == "null") c.text = "null";
        }
        if (type == "Value" || type.empty()) type = "Any";
        d.value_type = type;
        d.handle_type = "stackgen::Expr<" + qualify_stackgen(type) + ">";
        out += ind + "auto " + d.handle + " = s.local<" + type + ">(" + cpp_string(d.name) + ", " + c.text + ");\n";
        break;
      }
      case Kind::output: {
        ++summary_.typed_blocks;
        const auto* v = body.attribute("value");
        if (!v) throw std::runtime_error(where(*d.block, d.file) + ": output " + d.name + " has no value");
        out += ind + "s.output(" + cpp_string(d.name) + ", " + value_text(*v->expr, sc) + ")";
        for (const auto& item : body.items) {
          if (const auto* a = item.attribute()) {
            if (a->name == "description") out += "\n" + ind + "    .description(" + expr(*a->expr, "std::string", sc).text + ")";
            if (a->name == "sensitive") out += "\n" + ind + "    .sensitive(" + expr(*a->expr, "bool", sc).text + ")";
            if (a->name == "depends_on") {
              std::string chain;
              meta_attribute(*a, d, sc, chain, "", "");
              if (!chain.empty()) out += "\n" + ind + "    " + chain.substr(0, chain.size() - 1);
            }
          } else if (const auto* b = item.block(); b && b->type == "precondition") {
            const auto* cond = b->body.attribute("condition");
            const auto* msg = b->body.attribute("error_message");
            if (cond && msg)
              out += "\n" + ind + "    .precondition(" + expr(*cond->expr, "bool", sc).text + ", " +
                     expr(*msg->expr, "std::string", sc).text + ")";
          }
        }
        out += ";\n";
        break;
      }
      case Kind::module: {
        ++summary_.typed_blocks;
        out += ind + "auto " + d.handle + " = s.module(" + cpp_string(d.name) + ")";
        for (const auto& item : body.items) {
          const auto* a = item.attribute();
          if (!a) {
            out += "\n" + not_converted(d, "a block inside a module call", *item.block(), ind + "    ");
            continue;
          }
          if (a->name == "source" || a->name == "version") {
            auto lit = literal_string(*a->expr);
            if (!lit) throw std::runtime_error(where(*d.block, d.file) + ": module " + a->name + " must be a literal string");
            out += "\n" + ind + "    ." + a->name + "(" + cpp_string(*lit) + ")";
          } else if (a->name == "count" || a->name == "for_each" || a->name == "depends_on") {
            std::string chain;
            meta_attribute(*a, d, sc, chain, "", "");
            if (!chain.empty()) out += "\n" + ind + "    " + chain.substr(0, chain.size() - 1);
          } else if (a->name == "providers") {
            const auto* obj = a->expr->get_if<hcl::Object>();
            for (const auto& i : obj ? obj->items : no_items()) {
              const auto* t = i.value->get_if<hcl::Traversal>();
              std::string addr = t ? "provider." + t->root + (t->steps.empty() ? "" : "." + t->steps[0].name) : "";
              auto it = by_address_.find(addr);
              auto key = i.key_name();
              if (!key && i.key->get_if<hcl::Traversal>()) key = i.key->get_if<hcl::Traversal>()->root;
              if (it == by_address_.end() || !key || !handle_available(decls_[it->second], sc)) {
                ++summary_.not_converted;
                note(d, "providers entry " + hcl_text(*i.value) + " has no provider handle");
                continue;
              }
              out += "\n" + ind + "    .provider(" + cpp_string(*key) + ", " + decls_[it->second].handle + ")";
            }
          } else {
            out += "\n" + ind + "    .input(" + cpp_string(a->name) + ", " + value_text(*a->expr, sc) + ")";
          }
        }
        out += ";\n";
        break;
      }
      case Kind::terraform: {
        ++summary_.typed_blocks;
        for (const auto& item : body.items) {
          if (const auto* a = item.attribute()) {
            auto lit = literal_string(*a->expr);
            if (a->name == "required_version" && lit) {
              out += ind + "s.terraform().required_version(" + cpp_string(*lit) + ");\n";
            } else {
              ++summary_.not_converted;
              note(d, "terraform." + a->name + " is not supported yet");
              out += ind + "// stackgen convert: terraform." + a->name + " = " + hcl_text(*a->expr) + "; not converted\n";
            }
          } else if (const auto* b = item.block()) {
            if (b->type == "required_providers") {
              for (const auto& ri : b->body.items) {
                const auto* a = ri.attribute();
                const auto* obj = a ? a->expr->get_if<hcl::Object>() : nullptr;
                std::string source, version;
                for (const auto& i : obj ? obj->items : no_items()) {
                  auto v = literal_string(*i.value);
                  if (i.key_name() == "source" && v) source = *v;
                  if (i.key_name() == "version" && v) version = *v;
                }
                if (a && !source.empty())
                  out += ind + "s.terraform().required_provider(" + cpp_string(a->name) + ", " + cpp_string(source) +
                         ", " + cpp_string(version) + ");\n";
              }
            } else if (b->type == "backend" && !b->labels.empty()) {
              std::string chain = "Backend(" + cpp_string(b->labels[0].value) + ")";
              for (const auto& bi : b->body.items) {
                const auto* a = bi.attribute();
                if (!a) continue;
                const auto* l = a->expr->get_if<hcl::Literal>();
                if (auto s = literal_string(*a->expr))
                  chain += ".set(" + cpp_string(a->name) + ", std::string(" + cpp_string(*s) + "))";
                else if (l && l->type == hcl::Literal::Type::Bool)
                  chain += ".set(" + cpp_string(a->name) + ", " + (l->boolean ? "true" : "false") + ")";
                else if (l && l->type == hcl::Literal::Type::Number)
                  chain += ".set(" + cpp_string(a->name) + ", std::string(" + cpp_string(l->number) + "))";
                else {
                  ++summary_.not_converted;
                  note(d, "backend setting " + a->name + " is not a string, number or bool");
                }
              }
              out += ind + "s.terraform().backend(" + chain + ");\n";
            } else {
              out += not_converted(d, "terraform." + b->type + " is not supported yet", *b, ind);
            }
          }
        }
        break;
      }
      case Kind::moved:
      case Kind::import:
      case Kind::removed: {
        const auto* to = body.attribute(d.kind == Kind::removed ? "from" : "to");
        const auto* tr = to ? to->expr->get_if<hcl::Traversal>() : nullptr;
        auto it = tr ? by_address_.find(address_of(*tr)) : by_address_.end();
        if (d.kind == Kind::removed) {
          bool destroy = true;
          for (const auto* lc : body.blocks("lifecycle"))
            if (const auto* de = lc->body.attribute("destroy"))
              if (const auto* l = de->expr->get_if<hcl::Literal>(); l && l->type == hcl::Literal::Type::Bool)
                destroy = l->boolean;
          if (!to) throw std::runtime_error(where(*d.block, d.file) + ": removed needs from");
          ++summary_.typed_blocks;
          out += ind + "s.removed(" + cpp_string(hcl_text(*to->expr)) + ", " + (destroy ? "true" : "false") + ");\n";
          break;
        }
        if (it == by_address_.end() || !handle_available(decls_[it->second], sc) || body.attribute("for_each") ||
            tr->steps.size() > 1) {
          out += not_converted(d, b_name(d) + " whose target is not a resource handle of this stack", *d.block, ind);
          break;
        }
        ++summary_.typed_blocks;
        if (d.kind == Kind::moved) {
          const auto* from = body.attribute("from");
          out += ind + "s.moved(" + cpp_string(from ? hcl_text(*from->expr) : "") + ", " + decls_[it->second].handle +
                 ");\n";
        } else {
          const auto* id = body.attribute("id");
          out += ind + "s.import_resource(" + decls_[it->second].handle + ", " +
                 (id ? expr(*id->expr, "std::string", sc).text : "\"\"") + ");\n";
        }
        break;
      }
      case Kind::check:
        out += not_converted(d, "check blocks are not supported by the core yet", *d.block, ind);
        break;
    }
    declared_.insert(index);
    if (d.exported && !d.handle.empty()) out += ind + "h." + d.handle + ".emplace(" + d.handle + ");\n";
    return out;
  }

  static std::string b_name(const Declaration& d) { return d.block->type; }
  static const std::vector<hcl::ObjectItem>& no_items() {
    static const std::vector<hcl::ObjectItem> none;
    return none;
  }

  static std::string qualify_stackgen(const std::string& t) {
    std::string out, word;
    auto flush = [&] {
      if (word.empty()) return;
      if (word == "List" || word == "Set" || word == "Map" || word == "Number" || word == "Any" || word == "Object")
        out += "stackgen::";
      out += word;
      word.clear();
    };
    for (char c : t) {
      if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == ':') {
        word += c;
      } else {
        flush();
        out += c;
      }
    }
    flush();
    return out;
  }

  // Ends a builder chain: the last line gets the semicolon.
  // (after its last call: comment lines after it stay comments).
  static void trim_chain(std::string& out) {
    while (!out.empty() && out.back() == '\n') out.pop_back();
    std::size_t end = out.size();
    while (true) {
      const std::size_t start = out.rfind('\n', end == 0 ? 0 : end - 1);
      const std::size_t line = start == std::string::npos ? 0 : start + 1;
      const std::size_t text = out.find_first_not_of(' ', line);
      if (text == std::string::npos || text >= end || out.compare(text, 2, "//") != 0 || line == 0) break;
      end = line - 1;
    }
    out.insert(end, ";");
    out += "\n";
  }

  // ------------------------------------------------------------ files

  void write_file(const std::string& name, const std::string& text) {
    const fs::path p = options_.out / name;
    const fs::path tmp = options_.out / ("." + name + ".tmp");
    {
      std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
      if (!f) throw std::runtime_error("cannot write " + tmp.string());
      f << text;
      if (!f) throw std::runtime_error("cannot write " + tmp.string());
    }
    fs::rename(tmp, p);
    summary_.files.push_back(name);
  }

  void write() {
    std::error_code ec;
    if (fs::exists(options_.out, ec) && !fs::is_directory(options_.out, ec))
      throw std::runtime_error(options_.out.string() + " exists and is not a directory");
    if (fs::is_symlink(options_.out, ec))
      throw std::runtime_error(options_.out.string() + " is a symbolic link; give the directory itself");
    fs::create_directories(options_.out);

    // File names: <stem>.cpp, unique.
    std::set<std::string> names = {"stack.cpp", "stack.hpp", "CMakeLists.txt"};
    std::vector<std::string> cpp_names(inputs_.size()), functions(inputs_.size());
    for (std::size_t f = 0; f < inputs_.size(); ++f) {
      // The input's own name where it is a plain file name (0-provider.tf
      // -> 0-provider.cpp), its function build_0_provider.
      const std::string& stem = inputs_[f].stem;
      const bool plain = !stem.empty() && stem[0] != '.' && stem[0] != '-' &&
                         stem.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.") ==
                             std::string::npos;
      std::string base = plain ? stem : sanitize(stem);
      std::string name = base + ".cpp";
      for (int n = 2; names.contains(name); ++n) name = base + "_" + std::to_string(n) + ".cpp";
      names.insert(name);
      cpp_names[f] = name;
      std::string function = "build_";
      for (char c : name.substr(0, name.size() - 4)) {
        const char k = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
        if (k != '_' || function.back() != '_') function += k;
      }
      functions[f] = function;
    }

    std::vector<Out> bodies(inputs_.size());
    for (std::size_t f : file_order_)
      for (std::size_t i : decl_order_[f]) bodies[f].text += declaration(i, bodies[f]) + "\n";

    // stack.hpp: the handles files share, the file functions.
    std::set<std::string> shared_headers;
    std::string handles;
    for (const auto& d : decls_)
      if (d.exported && !d.handle.empty()) {
        if (d.binding) shared_headers.insert(d.binding->plan->header);
        handles += "  std::optional<" + d.handle_type + "> " + d.handle + ";\n";
      }
    std::string hpp =
        "// Generated by `stackgen convert`: the declarations one converted file hands to the\n"
        "// files after it, and the function of each file.\n"
        "#pragma once\n\n#include <optional>\n\n#include <stackgen/stackgen.hpp>\n";
    for (const auto& h : shared_headers) hpp += "#include <" + h + ">\n";
    hpp += "\nnamespace converted {\n\nstruct Handles {\n" + handles + "};\n\n";
    for (std::size_t f : file_order_)
      hpp += "void " + functions[f] + "(stackgen::Stack& s, Handles& h);  // " + fs::path(inputs_[f].path).filename().string() + "\n";
    hpp += "\n}  // namespace converted\n";
    write_file("stack.hpp", hpp);

    for (std::size_t f : file_order_) {
      std::string cpp = "// Converted by `stackgen convert` from " + fs::path(inputs_[f].path).filename().string() +
                        ".\n#include \"stack.hpp\"\n\n";
      for (const auto& h : bodies[f].headers)
        if (!shared_headers.contains(h)) cpp += "#include <" + h + ">\n";
      cpp += "\nnamespace converted {\n\nvoid " + functions[f] + "(stackgen::Stack& s, Handles& h) {\n";
      cpp += "  using namespace stackgen;\n";
      // Handles of earlier files used here.
      std::set<std::size_t> imported;
      for (const auto& d : decls_)
        if (d.file == f)
          for (auto dep : d.deps)
            if (decls_[dep].file != f && decls_[dep].exported) imported.insert(dep);
      for (auto i : imported)
        cpp += "  const auto& " + decls_[i].handle + " = *h." + decls_[i].handle + ";\n";
      if (imported.empty()) cpp += "  (void)h;\n";
      cpp += "\n" + bodies[f].text;
      while (cpp.ends_with("\n\n")) cpp.pop_back();
      cpp += "}\n\n}  // namespace converted\n";
      write_file(cpp_names[f], cpp);
    }

    std::string reg =
        "// Generated by `stackgen convert`: the stack, built file by file in an order where\n"
        "// every reference points back.\n#include \"stack.hpp\"\n\nnamespace {\n\nvoid build(stackgen::Stack& s) {\n"
        "  converted::Handles h;\n";
    for (std::size_t f : file_order_) reg += "  converted::" + functions[f] + "(s, h);\n";
    reg += "}\n\nconst stackgen::StackRegistration registration{" + cpp_string(options_.stack) + ", build};\n\n}  // namespace\n";
    write_file("stack.cpp", reg);

    std::string sources = "stack.cpp";
    for (std::size_t f : file_order_) sources += " " + cpp_names[f];
    std::string aws = options_.aws_provider.empty() ? "NONE" : options_.aws_provider;
    bool uses_aws = false;
    for (const auto& d : decls_)
      if (d.binding && d.binding->ns == "aws") uses_aws = true;
    if (!uses_aws) aws = "NONE";
    std::set<std::string> others;
    for (const auto& d : decls_)
      if (d.binding && d.binding->ns != "aws") others.insert(d.binding->ns);
    std::string providers;
    for (const auto& p : others) providers += " " + p;
    const std::string& target = options_.stack;  // letters, digits, _ and - (checked): a CMake target name
    std::string cmake = "# Generated by `stackgen convert`.\n"
                        "#   cmake -S . -B build -DCMAKE_PREFIX_PATH=<stackgen prefix> && cmake --build build\n"
                        "#   build/" + target + " emit --out out\n"
                        "cmake_minimum_required(VERSION 3.25)\nproject(" + target + " LANGUAGES CXX)\n\n"
                        "find_package(stackgen REQUIRED)\n\n"
                        "stackgen_add_stack(" + target + " SOURCES " + sources + " AWS_PROVIDER " + aws +
                        (providers.empty() ? "" : " PROVIDERS" + providers) + ")\n";
    write_file("CMakeLists.txt", cmake);
  }

  const ConvertOptions& options_;
  SchemaIndex& schemas_;
  std::vector<InputFile> inputs_;
  std::vector<Declaration> decls_;
  std::map<std::string, std::size_t, std::less<>> by_address_;
  std::vector<std::size_t> file_order_;
  std::map<std::size_t, std::vector<std::size_t>> decl_order_;
  std::map<std::size_t, std::size_t> file_position_;
  std::set<std::size_t> declared_;
  std::map<std::string, const bindgen::StructPlan*> object_structs_;
  ConvertSummary summary_;
};

}  // namespace

ConvertSummary convert(const ConvertOptions& options) {
  if (options.inputs.empty()) throw std::runtime_error("convert: no input files");
  if (options.out.empty()) throw std::runtime_error("convert: no output directory (--out)");
  if (options.stack.empty() || options.stack.size() > 64 ||
      options.stack.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") !=
          std::string::npos)
    throw std::runtime_error("convert: the stack name must be 1-64 letters, digits, '_' or '-'");
  SchemaIndex schemas;
  const TypesUsed used = types_used(options.inputs);
  for (const auto& s : options.schemas) schemas.load(s, &used);
  Converter c(options, schemas);
  return c.run();
}

}  // namespace stackgen::convert
