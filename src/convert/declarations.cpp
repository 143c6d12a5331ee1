// What the module declares, what refers to what, and the order the C++
// program declares it in (docs/convert.md, "Order").
#include "convert/converter.hpp"

#include <algorithm>

#include "convert/cpp_text.hpp"
#include "names.hpp"

namespace stackgen::convert::detail {

namespace fs = std::filesystem;

ConvertSummary Converter::run() {
  inputs_ = read_inputs(options_.inputs, schemas_);
  collect();
  resolve_dependencies();
  order();
  write();
  return summary_;
}

void Converter::collect() {
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
      if (b->type == "resource" || b->type == "data" || b->type == "ephemeral") {
        d.kind = b->type == "resource" ? Kind::resource : b->type == "data" ? Kind::data : Kind::ephemeral;
        d.type = label(0);
        d.name = label(1);
        d.address = (d.kind == Kind::resource ? "" : b->type + ".") + d.type + "." + d.name;
        d.binding = d.kind == Kind::resource ? schemas_.resource(d.type)
                    : d.kind == Kind::data   ? schemas_.data_source(d.type)
                                             : schemas_.ephemeral_resource(d.type);
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
      } else if (b->type == "check") {
        d.kind = Kind::check;
        d.name = label(0);
        d.address = "check." + d.name;
        // Its data sources are declarations of their own (references to them
        // resolve to handles), written by the check.
        const std::size_t check = decls_.size();
        add(std::move(d));
        for (const auto* nested : b->body.blocks("data")) {
          Declaration sd;
          sd.kind = Kind::data;
          sd.file = f;
          sd.block = nested;
          sd.scope = check;
          if (nested->labels.size() != 2)
            throw std::runtime_error(where(*nested, f) + ": `data` block needs 2 labels");
          sd.type = nested->labels[0].value;
          sd.name = nested->labels[1].value;
          sd.address = "data." + sd.type + "." + sd.name;
          sd.binding = schemas_.data_source(sd.type);
          add(std::move(sd));
        }
        continue;
      } else if (b->type == "moved" || b->type == "import" || b->type == "removed") {
        d.kind = b->type == "moved"    ? Kind::moved
                 : b->type == "import" ? Kind::import
                                       : Kind::removed;
        d.address = b->type + "#" + std::to_string(decls_.size());
      } else {
        throw std::runtime_error(where(*b, f) + ": unknown top-level block `" + b->type + "`");
      }
      add(std::move(d));
    }
  }
}

void Converter::add(Declaration d) {
  d.order = decls_.size();
  if (by_address_.contains(d.address))
    throw std::runtime_error(where(*d.block, d.file) + ": " + d.address + " is declared twice");
  by_address_[d.address] = decls_.size();
  decls_.push_back(std::move(d));
}

std::string Converter::where(const hcl::Block& b, std::size_t f) const {
  return inputs_[f].path + ":" + std::to_string(b.range.start.line);
}

std::optional<std::string> Converter::literal_string(const hcl::Expression& e) {
  if (const auto* t = e.get_if<hcl::Template>()) return t->literal_value();
  return std::nullopt;
}

// The address a traversal refers to ("aws_vpc.main", "var.x"), or "".
std::string Converter::address_of(const hcl::Traversal& t) {
  if (!t.is_variable()) return "";
  auto attr = [&](std::size_t i) -> std::string {
    return i < t.steps.size() && t.steps[i].kind == hcl::TraversalStep::Kind::GetAttr ? t.steps[i].name : "";
  };
  const std::string& r = t.root;
  if (r == "var" || r == "local" || r == "module") {
    const std::string n = attr(0);
    return n.empty() ? "" : r + "." + n;
  }
  if (r == "data" || r == "ephemeral") {
    const std::string type = attr(0), n = attr(1);
    return type.empty() || n.empty() ? "" : r + "." + type + "." + n;
  }
  if (r == "count" || r == "each" || r == "self" || r == "path" || r == "terraform") return "";
  const std::string n = attr(0);
  return n.empty() ? "" : r + "." + n;
}

std::string Converter::provider_address(const hcl::Traversal* t) {
  if (!t || !t->is_variable()) return "";
  std::string addr = "provider." + t->root;
  if (!t->steps.empty() && t->steps[0].kind == hcl::TraversalStep::Kind::GetAttr) addr += "." + t->steps[0].name;
  return addr;
}

void Converter::body_dependencies(const hcl::Body& body, std::set<std::size_t>& deps, std::size_t self) const {
  for (const auto& item : body.items) {
    if (const auto* a = item.attribute()) {
      if (a->name == "provider") {
        if (auto it = by_address_.find(provider_address(a->expr->get_if<hcl::Traversal>())); it != by_address_.end())
          deps.insert(it->second);
        continue;
      }
      if (a->name == "providers") {  // module { providers = { aws = aws.west } }
        walk(*a->expr, [&](const hcl::Traversal& t) {
          if (auto it = by_address_.find(provider_address(&t)); it != by_address_.end()) deps.insert(it->second);
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

void Converter::resolve_dependencies() {
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
      if (d.kind == Kind::resource || d.kind == Kind::data || d.kind == Kind::ephemeral) {
        const std::string local = d.type.substr(0, d.type.find('_'));
        if (auto it = by_address_.find("provider." + local); it != by_address_.end()) deps.insert(it->second);
      }
    }
    d.deps = std::move(deps);
  }
  // A check writes its scoped data sources before its assertions: what they
  // refer to is the check's dependency, they themselves come after it.
  for (std::size_t i = 0; i < decls_.size(); ++i) {
    if (!decls_[i].scoped()) continue;
    auto& check = decls_[decls_[i].scope];
    check.deps.erase(i);
    for (auto dep : decls_[i].deps)
      if (!(decls_[dep].scoped() && decls_[dep].scope == decls_[i].scope)) check.deps.insert(dep);
    decls_[i].deps = {decls_[i].scope};
  }
}

// Files in an order where references point back when the files allow it;
// declarations in each file topologically, stable in source order.
void Converter::order() {
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

std::string Converter::sanitize(std::string_view s) {
  std::string out;
  for (char c : s) out += (std::isalnum(static_cast<unsigned char>(c)) || c == '_') ? c : '_';
  if (out.empty() || std::isdigit(static_cast<unsigned char>(out[0]))) out = "_" + out;
  return out;
}

std::string Converter::without_provider(const std::string& type) {
  // Terraform's built-in types keep their whole name: terraform_data.x is
  // terraform_data_x, not data_x (which reads as a data source).
  if (type.starts_with("terraform_")) return type;
  auto u = type.find('_');
  return u == std::string::npos ? type : type.substr(u + 1);
}

std::string Converter::handle_base(const Declaration& d) const {
  switch (d.kind) {
    case Kind::variable: return "var_" + sanitize(d.name);
    case Kind::local: return "local_" + sanitize(d.name);
    case Kind::module: return "module_" + sanitize(d.name);
    case Kind::resource: return sanitize(without_provider(d.type) + "_" + d.name);
    case Kind::data: return "data_" + sanitize(without_provider(d.type) + "_" + d.name);
    case Kind::ephemeral: return "ephemeral_" + sanitize(without_provider(d.type) + "_" + d.name);
    case Kind::provider: return sanitize(d.type + (d.name.empty() ? "_provider" : "_" + d.name));
    case Kind::check: return "check_" + sanitize(d.name);
    default: return "";
  }
}

std::string Converter::unique_name(std::string base, std::set<std::string>& used) {
  if (base.empty()) return "";
  if (bindgen::is_reserved_word(base)) base += "_";
  std::string name = base;
  for (int n = 2; used.contains(name); ++n) name = base + "_" + std::to_string(n);
  used.insert(name);
  return name;
}

std::string Converter::handle_type(Declaration& d) {
  switch (d.kind) {
    case Kind::variable:
      d.value_type = variable_type(d);
      return "stackgen::Variable<" + qualify_core_types(d.value_type) + ">";
    case Kind::local: return "";  // set when translated
    case Kind::module: return "stackgen::ModuleCall";
    case Kind::resource:
    case Kind::data:
    case Kind::ephemeral: return d.binding ? "stackgen::" + d.binding->qualified() : "stackgen::UntypedResource";
    case Kind::provider: return d.binding ? "stackgen::" + d.binding->qualified() : "stackgen::UntypedProvider";
    default: return "";
  }
}

// A variable's `type`: the C++ T of Variable<T>.
std::string Converter::variable_type(const Declaration& d) {
  const auto* t = d.block->body.attribute("type");
  if (!t) return "Any";
  auto type = type_of(*t->expr);
  return type ? *type : "Any";
}

// The type constraint a Variable<Any> keeps as text: none at all, or one
// C++ does not spell (object, tuple, optional(...)); nullopt when the C++
// type says it.
std::optional<std::string> Converter::variable_type_text(const Declaration& d) {
  const auto* t = d.block->body.attribute("type");
  if (!t) return "";
  if (type_of(*t->expr)) return std::nullopt;
  return hcl_text(*t->expr);
}

std::optional<std::string> Converter::type_of(const hcl::Expression& e) {
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

void Converter::note(const Declaration& d, const std::string& what) {
  summary_.notes.push_back(inputs_[d.file].path + ":" + std::to_string(d.block->range.start.line) + ": " +
                           d.address + ": " + what);
}

}  // namespace stackgen::convert::detail
