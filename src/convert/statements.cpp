// Declarations as C++ statements: builder chains of the typed bindings,
// nested blocks as lambdas, the escape hatch, and the comments that say
// what was not converted.
#include "convert/converter.hpp"

#include <algorithm>
#include <sstream>

#include "convert/cpp_text.hpp"
#include "hcl/printer.hpp"

namespace stackgen::convert::detail {

namespace fs = std::filesystem;

std::string Converter::comments_of(const hcl::Comments& c, const std::string& indent) {
  std::string out;
  for (const auto& cm : c.leading) {
    std::string_view content = cm.content();
    while (!content.empty() && (content.front() == ' ')) content.remove_prefix(1);
    out += comment_lines(content, indent);
  }
  return out;
}

namespace {

// Literals, literal strings, and tuples and objects (with literal keys) of
// them: what Terraform accepts where it evaluates nothing (a backend).
bool literal_data(const hcl::Expression& e, int depth = 0) {
  if (depth > 100) return false;
  if (e.get_if<hcl::Literal>()) return true;
  if (const auto* t = e.get_if<hcl::Template>()) return t->literal_value().has_value();
  if (const auto* t = e.get_if<hcl::Tuple>())
    return std::all_of(t->elements.begin(), t->elements.end(),
                       [&](const hcl::ExpressionPtr& x) { return literal_data(*x, depth + 1); });
  if (const auto* o = e.get_if<hcl::Object>())
    return std::all_of(o->items.begin(), o->items.end(), [&](const hcl::ObjectItem& i) {
      return i.key_name().has_value() && literal_data(*i.value, depth + 1);
    });
  return false;
}

}  // namespace

std::string Converter::not_converted(const Declaration& d, const std::string& what, const hcl::Block& b,
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

std::string Converter::cloud_settings(const Declaration& d, const hcl::Block& cloud, const std::string& indent) {
  // Only literal strings (Terraform evaluates nothing here, and takes the
  // token from the environment or the CLI configuration, never from code).
  std::optional<std::string> organization;
  std::string chain;
  auto text = [&](const hcl::Attribute& a) { return literal_string(*a.expr); };
  for (const auto& item : cloud.body.items) {
    if (const auto* a = item.attribute()) {
      auto v = text(*a);
      if (a->name == "organization" && v) organization = *v;
      else if (a->name == "hostname" && v) chain += ".hostname(" + cpp_string(*v) + ")";
      else return not_converted(d, "cloud setting " + a->name + " is not a literal organization or hostname", cloud,
                                indent);
    } else if (const auto* w = item.block(); w && w->type == "workspaces") {
      for (const auto& wi : w->body.items) {
        const auto* a = wi.attribute();
        auto v = a ? text(*a) : std::nullopt;
        const auto* tags = a ? a->expr->get_if<hcl::Tuple>() : nullptr;
        if (a && a->name == "name" && v) {
          chain += ".workspace(" + cpp_string(*v) + ")";
        } else if (a && a->name == "project" && v) {
          chain += ".project(" + cpp_string(*v) + ")";
        } else if (a && a->name == "tags" && tags) {
          std::string list;
          for (const auto& t : tags->elements) {
            auto tv = literal_string(*t);
            if (!tv) return not_converted(d, "cloud workspace tags that are not literal strings", cloud, indent);
            list += (list.empty() ? "" : ", ") + cpp_string(*tv);
          }
          chain += ".workspace_tags({" + list + "})";
        } else {
          return not_converted(d, "a cloud workspaces setting that is not a literal name, project or tag list",
                               cloud, indent);
        }
      }
    } else {
      return not_converted(d, "a cloud block with a nested block other than workspaces", cloud, indent);
    }
  }
  if (!organization)
    return not_converted(d, "a cloud block without a literal organization (set by TF_CLOUD_ORGANIZATION?)", cloud,
                         indent);
  ++summary_.typed_blocks;
  return indent + "s.terraform().cloud(Cloud(" + cpp_string(*organization) + ")" + chain + ");\n";
}

// Setters of a typed block body (resource, data source, provider, or a
// nested block inside a lambda). `target` is the chain's object text
// (empty: continue a chain with `.x(...)`).
void Converter::typed_body(const hcl::Body& body, const bindgen::StructPlan& plan, const bindgen::Block& schema,
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
      document_indent_ = indent;
      if (top && f->cpp_type == "std::string")
        if (auto document = json_document(d, a->name, *a->expr, sc)) {
          call(f->cpp_name, *document);
          continue;
        }
      if (top) {
        document_owner_ = &d;
        document_attribute_ = a->name;
        // The whole value, also as JSON syntax writes it: "${jsonencode(...)}".
        document_value_ = a->expr.get();
        if (const auto* t = a->expr->get_if<hcl::Template>(); t && t->is_wrap())
          document_value_ = std::get<hcl::TemplateInterpolation>(t->parts[0].node).expr.get();
      }
      Code c = expr(*a->expr, qualify(f->cpp_type, scope), sc);
      document_owner_ = nullptr;
      document_value_ = nullptr;
      call(f->cpp_name, c.text);
    } else if (const auto* b = item.block()) {
      if (top && (b->type == "lifecycle")) {
        call("lifecycle", lifecycle(*b, sc));
        continue;
      }
      if (top && b->type == "provisioner") {
        if (auto p = provisioner(*b, d, sc)) call("provisioner", *p);
        else out += not_converted(d, "provisioner without a typed form (type, arguments)", *b, indent);
        continue;
      }
      if (top && b->type == "connection") {
        if (auto c = connection_block(*b, d, sc)) call("connection", *c);
        else out += not_converted(d, "connection without a typed form (type, host, arguments)", *b, indent);
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
      if (b->type == "dynamic") {
        dynamic_block(*b, plan, schema, scope, sc, d, out, indent, target);
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
std::optional<std::string> Converter::attribute_blocks(const hcl::Body& body, const std::string& name, const std::string& type,
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
std::optional<std::string> Converter::object_from_body(const hcl::Body& body, const std::string& type, Scope& sc) {
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
void Converter::register_object_structs(const bindgen::StructPlan& plan, const std::string& scope) {
  for (const auto& st : plan.structs) {
    if (st.kind != bindgen::StructPlan::Kind::object) continue;
    const std::string name = scope + "::" + st.cpp_name;
    if (object_structs_.emplace(name, &st).second) register_object_structs(st, name);
  }
}

// The name a dynamic block's content refers to its element by: its label,
// or its `iterator`; "" when the iterator is not a name.
std::string Converter::dynamic_iterator(const hcl::Block& b) {
  const auto* it = b.body.attribute("iterator");
  if (!it) return b.labels[0].value;
  const auto* t = it->expr->get_if<hcl::Traversal>();
  return t && t->is_variable() && t->steps.empty() ? t->root : "";
}

// A dynamic block's for_each as the core's dynamic() takes it (a list, a
// set, a map, or Any), the C++ names of its builder lambda's parameters, and
// the iterator bound in `sc` (the caller unbinds it).
Converter::DynamicHead Converter::dynamic_head(const std::string& name, const std::string& iterator,
                                                const hcl::Expression& for_each, Scope& sc) {
  Code coll = expr(for_each, "", sc);
  if (!(is_sequence(coll.type) || is_map(coll.type) || coll.type == "Any")) coll = coerce(coll, "Any");
  if (!coll.literal.empty() || coll.type == "Value") coll = {"Expr<Any>(" + coll.text + ")", "Any", ""};
  DynamicHead head{coll, sanitize(name) + "_", sanitize(iterator) + "_it"};
  sc.iterators.emplace_back(iterator, head.it_var);
  return head;
}

void Converter::dynamic_block(const hcl::Block& b, const bindgen::StructPlan& plan, const bindgen::Block& schema,
                   const std::string& scope, Scope& sc, const Declaration& d, std::string& out,
                   const std::string& indent, const std::string& target) {
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
  const std::string iterator = dynamic_iterator(b);
  if (iterator.empty()) {
    out += not_converted(d, "dynamic block iterator is not a name", b, indent);
    return;
  }
  const auto [coll, var, it_var] = dynamic_head(name, iterator, *for_each->expr, sc);
  std::string inner;
  typed_body(content[0]->body, *sp, bt->block, scope + "::" + sp->cpp_name, sc, d, inner, indent + "  ", var,
             false);
  sc.iterators.pop_back();
  const std::string args = cpp_string(name) + ", " + coll.text + ", [&](auto& " + var + ", auto " + it_var +
                           ") {\n" + inner + indent + "}" +
                           (b.body.attribute("iterator") ? ", " + cpp_string(iterator) : "");
  // In a resource's chain `.template dynamic<...>(...)`; in a nested
  // block's lambda a statement on its builder (`rule_.template dynamic...;`).
  out += indent + target + ".template dynamic<" + scope + "::" + sp->cpp_name + ">(" + args + ")" +
         (target.empty() ? "" : ";") + "\n";
}

std::string Converter::lifecycle(const hcl::Block& b, Scope& sc) {
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
bool Converter::meta_attribute(const hcl::Attribute& a, const Declaration& d, Scope& sc, std::string& out,
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
  if (a.name == "provider" && (d.kind == Kind::resource || d.kind == Kind::data || d.kind == Kind::ephemeral)) {
    const auto* t = a.expr->get_if<hcl::Traversal>();
    const std::string addr = provider_address(t);
    // Not a provider configuration of this module: its name as written,
    // which emit checks against the stack's providers.
    std::string text = t ? t->root : "";
    if (t && !t->steps.empty()) text += "." + t->steps[0].name;
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
std::string Converter::untyped_value(const hcl::Body& body, Scope& sc) {
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

void Converter::untyped_body(const hcl::Body& body, Scope& sc, const Declaration& d, std::string& out,
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
      } else if (b->type == "provisioner" && d.kind != Kind::provider) {
        if (auto p = provisioner(*b, d, sc)) out += indent + ".provisioner(" + *p + ")\n";
        else out += not_converted(d, "provisioner without a typed form (type, arguments)", *b, indent);
      } else if (b->type == "connection" && d.kind != Kind::provider) {
        if (auto c = connection_block(*b, d, sc)) out += indent + ".connection(" + *c + ")\n";
        else out += not_converted(d, "connection without a typed form (type, host, arguments)", *b, indent);
      } else if (b->type == "dynamic" && d.kind != Kind::provider) {
        untyped_dynamic(*b, sc, d, out, indent);
      } else if (b->type == "dynamic" || b->type == "provisioner" || b->type == "connection") {
        out += not_converted(d, b->type + " blocks of an untyped provider are not supported yet", *b, indent);
      } else {
        out += indent + ".block(" + cpp_string(b->type) + ", " + untyped_value(b->body, sc) + ")\n";
      }
    }
  }
}

// A dynamic block of an untyped resource: `.dynamic<UntypedBlock>(name,
// for_each, [&](UntypedBlock& b, auto it) { b.set(...); b.block(...); })`.
void Converter::untyped_dynamic(const hcl::Block& b, Scope& sc, const Declaration& d, std::string& out,
                                const std::string& indent) {
  if (b.labels.empty()) throw std::runtime_error(where(b, sc.file) + ": a dynamic block needs a label");
  const std::string name = b.labels[0].value;
  const auto* for_each = b.body.attribute("for_each");
  const auto content = b.body.blocks("content");
  const std::string iterator = dynamic_iterator(b);
  const bool nested_dynamic = content.size() == 1 && !content[0]->body.blocks("dynamic").empty();
  if (!for_each || content.size() != 1 || iterator.empty() || nested_dynamic) {
    out += not_converted(d, "dynamic block `" + name + "` (without for_each/content, an iterator that is not a name, "
                         "or a dynamic block inside it)", b, indent);
    return;
  }
  const auto [coll, var, it_var] = dynamic_head(name, iterator, *for_each->expr, sc);
  std::string inner;
  for (const auto& item : content[0]->body.items) {
    inner += comments_of(item.comments(), indent + "  ");
    if (const auto* a = item.attribute())
      inner += indent + "  " + var + ".set(" + cpp_string(a->name) + ", " + value_text(*a->expr, sc) + ");\n";
    else if (const auto* nb = item.block())
      inner += indent + "  " + var + ".block(" + cpp_string(nb->type) + ", " + untyped_value(nb->body, sc) + ");\n";
  }
  sc.iterators.pop_back();
  out += indent + ".dynamic<UntypedBlock>(" + cpp_string(name) + ", " + coll.text + ", [&](UntypedBlock& " + var +
         ", auto " + it_var + ") {\n" + inner + indent + "}" +
         (b.body.attribute("iterator") ? ", " + cpp_string(iterator) : "") + ")\n";
}

std::string Converter::declaration(std::size_t index, Out& o) {
  Declaration& d = decls_[index];
  headers_ = &o.headers;
  document_indent_ = "  ";
  Scope sc;
  sc.file = d.file;
  const std::string ind = "  ";
  std::string out = d.kind == Kind::local ? comments_of(d.local->comments, ind) : comments_of(d.block->comments, ind);
  const hcl::Body& body = d.block->body;
  switch (d.kind) {
    case Kind::resource:
    case Kind::data:
    case Kind::ephemeral: {
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
        out += ind + "auto " + d.handle + " = s." +
               (d.kind == Kind::data        ? "untyped_data"
                : d.kind == Kind::ephemeral ? "untyped_ephemeral"
                                            : "untyped_resource") +
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
      d.handle_type = "stackgen::Expr<" + qualify_core_types(type) + ">";
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
            auto it = by_address_.find(provider_address(t));
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
              if (const auto* nested = bi.block()) {
                out += not_converted(d, "backend block `" + nested->type + "` (backends take arguments only)", *nested, ind);
                continue;
              }
              const auto* a = bi.attribute();
              if (!a) continue;
              const auto* l = a->expr->get_if<hcl::Literal>();
              if (auto s = literal_string(*a->expr))
                chain += ".set(" + cpp_string(a->name) + ", std::string(" + cpp_string(*s) + "))";
              else if (l && l->type == hcl::Literal::Type::Bool)
                chain += ".set(" + cpp_string(a->name) + ", " + (l->boolean ? "true" : "false") + ")";
              else if (l && l->type == hcl::Literal::Type::Number)
                chain += ".set(" + cpp_string(a->name) + ", std::string(" + cpp_string(l->number) + "))";
              else if (literal_data(*a->expr) && (a->expr->get_if<hcl::Object>() || a->expr->get_if<hcl::Tuple>()))
                // s3's assume_role = {...}, endpoints = {...}: literal data.
                chain += ".set_value(" + cpp_string(a->name) + ", " + value_text(*a->expr, sc) + ")";
              else {
                ++summary_.not_converted;
                note(d, "backend setting " + a->name + " is not literal data");
                out += ind + "// stackgen convert: backend setting `" + a->name +
                       "` is not literal data (Terraform refuses expressions there); not converted:\n" +
                       comment_lines(a->name + " = " + hcl_text(*a->expr), ind + " ");
              }
            }
            out += ind + "s.terraform().backend(" + chain + ");\n";
          } else if (b->type == "cloud") {
            out += cloud_settings(d, *b, ind);
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
      const auto* for_each = body.attribute("for_each");
      if (for_each && d.kind == Kind::import && it != by_address_.end() && handle_available(decls_[it->second], sc) &&
          tr->steps.size() == 2 && tr->steps[1].kind == hcl::TraversalStep::Kind::Index) {
        // import { for_each = ..., to = x[each.key], id = ... }: import_each,
        // the collection typed as a resource's for_each is.
        Code each = expr(*for_each->expr, "", sc);
        const auto* fc = for_each->expr->get_if<hcl::FunctionCall>();
        if (fc && fc->name == "toset" && fc->name_space.empty()) each = coerce(each, "Set<std::string>");
        else if (!(is_map(each.type) || each.type == "Set<std::string>")) each = coerce(each, "Map<Any>");
        const Code key = expr(*tr->steps[1].key, "", sc);
        const auto* id = body.attribute("id");
        ++summary_.typed_blocks;
        out += ind + "s.import_each(" + each.text + ", " + decls_[it->second].handle + "[" + key.text + "], " +
               (id ? expr(*id->expr, "std::string", sc).text : "\"\"") + ");\n";
        break;
      }
      if (it == by_address_.end() || !handle_available(decls_[it->second], sc) || for_each || tr->steps.size() > 1) {
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
    case Kind::check: {
      // Typed only when every part is: assertions, and data sources with bindings.
      std::string unsupported;
      for (const auto& item : body.items) {
        if (const auto* a = item.attribute()) unsupported = "argument " + a->name;
        else if (const auto* nb = item.block(); nb->type != "assert" && nb->type != "data") unsupported = nb->type + " block";
      }
      std::vector<std::size_t> scoped;
      for (std::size_t i = 0; i < decls_.size(); ++i)
        if (decls_[i].scoped() && decls_[i].scope == index) scoped.push_back(i);
      if (!unsupported.empty() || body.blocks("assert").empty()) {
        out += not_converted(d, "a check with " + (unsupported.empty() ? std::string("no assertion") : unsupported),
                             *d.block, ind);
        break;
      }
      ++summary_.typed_blocks;
      out += ind + "auto " + d.handle + " = s.check(" + cpp_string(d.name) + ");\n";
      for (auto i : scoped) {
        Declaration& sd = decls_[i];
        out += comments_of(sd.block->comments, ind);
        if (sd.binding) {
          ++summary_.typed_blocks;
          o.headers.insert(sd.binding->plan->header);
          out += ind + "auto " + sd.handle + " = " + d.handle + ".data<" + sd.binding->qualified() + ">(" +
                 cpp_string(sd.name) + ")\n";
          typed_body(sd.block->body, sd.binding->plan->body, *sd.binding->block, sd.binding->qualified(), sc, sd, out,
                     ind + "    ", "", true);
        } else {
          ++summary_.untyped_blocks;
          out += ind + "// stackgen convert: no binding for " + sd.type +
                 " (pass its provider's schema with --schema); untyped\n";
          out += ind + "auto " + sd.handle + " = " + d.handle + ".untyped_data(" + cpp_string(sd.type) + ", " +
                 cpp_string(sd.name) + ")\n";
          untyped_body(sd.block->body, sc, sd, out, ind + "    ");
        }
        trim_chain(out);
        declared_.insert(i);
      }
      for (const auto* a : body.blocks("assert")) {
        const auto* condition = a->body.attribute("condition");
        const auto* message = a->body.attribute("error_message");
        if (!condition || !message) throw std::runtime_error(where(*a, d.file) + ": assert needs condition and error_message");
        out += comments_of(a->comments, ind);
        out += ind + d.handle + ".assert_that(" + expr(*condition->expr, "bool", sc).text + ", " +
               expr(*message->expr, "std::string", sc).text + ");\n";
      }
      break;
    }
  }
  declared_.insert(index);
  if (d.exported && !d.handle.empty()) out += ind + "h." + d.handle + ".emplace(" + d.handle + ");\n";
  return out;
}

const std::vector<hcl::ObjectItem>& Converter::no_items() {
  static const std::vector<hcl::ObjectItem> none;
  return none;
}

// Ends a builder chain: the last line gets the semicolon.
// (after its last call: comment lines after it stay comments).
void Converter::trim_chain(std::string& out) {
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

}  // namespace stackgen::convert::detail
