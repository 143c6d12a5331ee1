// HCL expressions as C++ expressions of the type their destination wants.
#include "convert/converter.hpp"

#include <algorithm>

#include "convert/cpp_text.hpp"

namespace stackgen::convert::detail {

namespace fs = std::filesystem;

Converter::Code Converter::raw(const hcl::Expression& e, const std::string& want) {
  ++summary_.raw_expressions;
  const std::string t = want.empty() || want == "Value" ? "Any" : want;
  return {"raw<" + t + ">(" + cpp_raw_string(hcl_text(e)) + ")", t, ""};
}

// `code` as the type `want`.
Converter::Code Converter::coerce(Code c, const std::string& want) {
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

Converter::Code Converter::expr(const hcl::Expression& e, const std::string& want, Scope& sc) {
  return std::visit([&](const auto& n) { return translate(n, e, want, sc); }, e.node);
}

Converter::Code Converter::translate(const hcl::Literal& l, const hcl::Expression& e, const std::string& want, Scope&) {
  switch (l.type) {
    case hcl::Literal::Type::Null: return coerce({"null", "", "null"}, want);
    case hcl::Literal::Type::Bool: return coerce({l.boolean ? "true" : "false", "", "bool"}, want);
    case hcl::Literal::Type::Number: {
      // HCL's number syntax is C++'s (1e3 included); beyond 15 digits a
      // double would change the value, so the text stays HCL's.
      const std::string& n = l.number;
      if (n.size() <= 15) return coerce({n, "", "number"}, want);
      return raw(e, want.empty() ? "Number" : want);
    }
  }
  return raw(e, want);
}

Converter::Code Converter::translate(const hcl::Template& t, const hcl::Expression& e, const std::string& want, Scope& sc) {
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
  auto text = template_parts(t.parts, sc);
  if (!text) return raw(e, want.empty() ? "std::string" : want);
  return coerce({*text, "std::string", ""}, want);
}

// A template's parts as one Expr<std::string>: literal text and
// interpolations concatenated, `%{if c}a%{else}b%{endif}` as
// cond<std::string>(c, a, b), `%{for v in xs}body%{endfor}` as
// join("", for_list(xs, body)): what Terraform evaluates them to. Strip
// markers need nothing here, the parser has applied them to the literal
// text. nullopt when a part has no typed form.
std::optional<std::string> Converter::template_parts(const std::vector<hcl::TemplatePart>& parts, Scope& sc) {
  std::vector<std::string> pieces;
  for (const auto& p : parts) {
    if (const auto* lit = std::get_if<hcl::TemplateLiteral>(&p.node)) {
      pieces.push_back(pieces.empty() ? "Expr<std::string>(" + cpp_string(lit->value) + ")" : cpp_string(lit->value));
    } else if (const auto* i = std::get_if<hcl::TemplateInterpolation>(&p.node)) {
      Code c = expr(*i->expr, "std::string", sc);
      if (!c.literal.empty()) c.text = "Expr<std::string>(" + c.text + ")";
      pieces.push_back(c.text);
    } else if (const auto* d = std::get_if<hcl::TemplateIf>(&p.node)) {
      Code condition = expr(*d->condition, "bool", sc);
      if (!condition.literal.empty()) condition.text = "Expr<bool>(" + condition.text + ")";
      // cond<std::string> converts a branch that is literal text alone.
      auto branch = [&](const std::vector<hcl::TemplatePart>& b) -> std::optional<std::string> {
        if (b.empty()) return "\"\"";
        if (const auto* only = std::get_if<hcl::TemplateLiteral>(&b[0].node); only && b.size() == 1)
          return cpp_string(only->value);
        return template_parts(b, sc);
      };
      auto then_text = branch(d->then_parts);
      auto else_text = branch(d->else_parts);
      if (!then_text || !else_text) return std::nullopt;
      pieces.push_back("cond<std::string>(" + condition.text + ", " + *then_text + ", " + *else_text + ")");
    } else if (const auto* l = std::get_if<hcl::TemplateFor>(&p.node)) {
      auto [coll, lambda] = for_variables(*l->collection, l->key_var, l->value_var, sc);
      auto body = template_parts(l->body, sc);
      sc.bound.resize(sc.bound.size() - (l->key_var.empty() ? 1 : 2));
      if (!body) return std::nullopt;
      pieces.push_back("join(\"\", for_list(" + coll.text + ", " + lambda + *body + "; }))");
    }
  }
  // Nothing (an empty branch, an empty body): the empty string, typed.
  if (pieces.empty()) return "Expr<std::string>(\"\")";
  std::string text;
  for (const auto& p : pieces) text += (text.empty() ? "" : " + ") + p;
  return text;
}

Converter::Code Converter::translate(const hcl::Traversal& t, const hcl::Expression& e, const std::string& want, Scope& sc) {
  if (!t.is_variable()) {
    // Steps after an expression: `(aws_x.y[*].id)[0]`, `split(",", s)[0]`.
    // A splat there applies to each element of a value: no typed form.
    for (const auto& s : t.steps)
      if (s.kind == hcl::TraversalStep::Kind::AttrSplat || s.kind == hcl::TraversalStep::Kind::FullSplat)
        return raw(e, want);
    return apply_steps(expr(*t.source, "", sc), t, 0, e, want, sc);
  }
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
  if (t.root == "path" && t.steps.size() == 1 && t.steps[0].kind == hcl::TraversalStep::Kind::GetAttr &&
      (t.steps[0].name == "module" || t.steps[0].name == "root" || t.steps[0].name == "cwd"))
    return coerce({"path_" + t.steps[0].name + "()", "std::string", ""}, want);
  if (t.root == "terraform" && t.steps.size() == 1 && t.steps[0].kind == hcl::TraversalStep::Kind::GetAttr &&
      t.steps[0].name == "workspace")
    return coerce({"terraform_workspace()", "std::string", ""}, want);
  if (t.root == "self" && sc.self) return self_reference(t, e, want, sc);

  const std::string addr = address_of(t);
  auto found = by_address_.find(addr);
  if (found == by_address_.end()) return raw(e, want);
  const Declaration& d = decls_[found->second];
  const bool available = handle_available(d, sc);
  std::size_t first = d.kind == Kind::data || d.kind == Kind::ephemeral ? 2 : 1;  // steps after the address
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
    case Kind::data:
    case Kind::ephemeral: {
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
      // All instances: aws_subnet.public[*].id, aws_subnet.public.*.id; an
      // index after the attribute-only splat ends it and applies to the
      // list (HCL's rule): aws_subnet.public.*.id[count.index], the legacy
      // way to write aws_subnet.public[count.index].id.
      auto index_steps_from = [&](std::size_t from) {
        for (std::size_t k = from; k < t.steps.size(); ++k)
          if (t.steps[k].kind != hcl::TraversalStep::Kind::Index &&
              t.steps[k].kind != hcl::TraversalStep::Kind::LegacyIndex)
            return false;
        return true;
      };
      if (i + 2 <= t.steps.size() && d.binding &&
          (t.steps[i].kind == hcl::TraversalStep::Kind::FullSplat ||
           t.steps[i].kind == hcl::TraversalStep::Kind::AttrSplat) &&
          (i + 2 == t.steps.size() || (t.steps[i].kind == hcl::TraversalStep::Kind::AttrSplat && index_steps_from(i + 2))) &&
          t.steps[i + 1].kind == hcl::TraversalStep::Kind::GetAttr && d.block->body.attribute("count")) {
        const bindgen::FieldPlan* f = field(d.binding->plan->body, t.steps[i + 1].name);
        if (f && f->getter) {
          const std::string scope = d.binding->qualified();
          return apply_steps({"splat(" + h + ", &" + scope + "::" + f->cpp_name + ")",
                              "List<" + qualify(f->cpp_type, scope) + ">", ""},
                             t, i + 2, e, want, sc);
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
Converter::Code Converter::apply_steps(Code c, const hcl::Traversal& t, std::size_t from, const hcl::Expression& e,
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
Converter::Code Converter::text_reference(const hcl::Traversal& t, const hcl::Expression& e, const std::string& want) {
  if (!t.is_variable()) return raw(e, want);  // no reference: steps after an expression
  for (const auto& s : t.steps)
    if (s.kind == hcl::TraversalStep::Kind::AttrSplat || s.kind == hcl::TraversalStep::Kind::FullSplat ||
        (s.kind == hcl::TraversalStep::Kind::Index && !s.key->get_if<hcl::Literal>() &&
         !(s.key->get_if<hcl::Template>() && s.key->get_if<hcl::Template>()->literal_value())))
      return raw(e, want);
  ++summary_.text_references;
  const std::string w = want.empty() || want == "Value" ? "Any" : want;
  return {"ref<" + w + ">(" + cpp_string(hcl_text(e)) + ")", w, ""};
}

bool Converter::handle_available(const Declaration& d, const Scope& sc) const {
  if (d.handle.empty()) return false;
  if (d.file == sc.file) return declared_.contains(&d - decls_.data());
  return file_position_.at(d.file) < file_position_.at(sc.file);
}

// jsonencode of a document: the document as C++ data; other functions by
// name (stackgen::function_call), their arguments translated.
Converter::Code Converter::translate(const hcl::FunctionCall& f, const hcl::Expression& e, const std::string& want, Scope& sc) {
  if (f.name_space.empty() && f.name == "jsonencode" && f.args.size() == 1 && !f.expand_final) {
    // Only the attribute's whole value is the document its owner holds.
    const Declaration* owner = &e == document_value_ ? document_owner_ : nullptr;
    return coerce({document_code(document_node(*f.args[0], sc), owner, owner ? document_attribute_ : ""), "std::string", ""},
                  want);
  }
  std::string args;
  for (std::size_t i = 0; i < f.args.size(); ++i) {
    if (!f.expand_final || i + 1 < f.args.size()) {
      args += ", " + value_text(*f.args[i], sc);
      continue;
    }
    // f(a, xs...): the last argument spread, stackgen::expand(list).
    Code list = expr(*f.args[i], "", sc);
    if (!list.literal.empty()) return raw(e, want);
    if (!is_sequence(list.type) && list.type != "Any") list = coerce(list, "List<Any>");
    args += ", expand(" + list.text + ")";
  }
  const std::string r = want.empty() || want == "Value" ? "Any" : want;
  return {"function_call<" + r + ">(" + cpp_string(f.full_name()) + args + ")", r, ""};
}

Converter::Code Converter::translate(const hcl::Tuple& t, const hcl::Expression& e, const std::string& want, Scope& sc) {
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

// jsonencode's argument as a document: object literals with literal keys
// and tuples are its structure, anything else a leaf.
Converter::DocNode Converter::document_node(const hcl::Expression& e, Scope& sc) {
  DocNode n;
  if (const auto* o = e.get_if<hcl::Object>();
      o && std::all_of(o->items.begin(), o->items.end(), [](const hcl::ObjectItem& i) { return i.key_name(); })) {
    n.kind = DocNode::Kind::object;
    for (const auto& i : o->items) n.fields.emplace_back(*i.key_name(), document_node(*i.value, sc));
    return n;
  }
  if (const auto* t = e.get_if<hcl::Tuple>()) {
    n.kind = DocNode::Kind::list;
    for (const auto& x : t->elements) n.items.push_back(document_node(*x, sc));
    return n;
  }
  if (const auto* t = e.get_if<hcl::Template>()) n.literal = t->literal_value();
  if (const auto* l = e.get_if<hcl::Literal>(); l && l->type == hcl::Literal::Type::Number) n.number = l->number;
  using As = DocNode::As;
  n.text = [this, &e, &sc](As as) -> std::optional<std::string> {
    if (as == As::value) return value_text(e, sc);
    // Its own type: a leaf of another is no argument of that type (as<T>
    // would hide what it is).
    Code c = expr(e, "", sc);
    const auto [type, literal] = as == As::string   ? std::pair{"std::string", "string"}
                                 : as == As::number ? std::pair{"Number", "number"}
                                                    : std::pair{"bool", "bool"};
    if (c.literal == literal || (c.literal.empty() && c.type == type)) return c.text;
    return std::nullopt;
  };
  return n;
}

std::string Converter::document_value(const DocNode& doc) {
  std::string items;
  switch (doc.kind) {
    case DocNode::Kind::object:
      if (doc.fields.empty()) return "Value::object(std::vector<Value::Field>{})";
      for (const auto& [k, v] : doc.fields)
        items += (items.empty() ? "{" : ", {") + cpp_string(k) + ", " + document_value(v) + "}";
      return "Value::object({" + items + "})";
    case DocNode::Kind::list:
      if (doc.items.empty()) return "Value::list(std::vector<Value>{})";
      for (const auto& v : doc.items) items += (items.empty() ? "" : ", ") + document_value(v);
      return "Value::list({" + items + "})";
    case DocNode::Kind::leaf: break;
  }
  return *doc.text(DocNode::As::value);
}

// An expression where a stackgen::Value is wanted.
std::string Converter::value_text(const hcl::Expression& x, Scope& sc) {
  Code c = expr(x, "Value", sc);
  if (c.literal == "null") return "nullptr";
  if (c.literal == "number" || c.literal == "bool" || c.literal == "string") return "Value(" + c.text + ")";
  return c.text;
}

Converter::Code Converter::translate(const hcl::Object& o, const hcl::Expression& e, const std::string& want, Scope& sc) {
  for (const auto& i : o.items)
    if (!i.key_name()) return computed_keys(o, e, want, sc);
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

// An object with keys that are expressions (`"k-${var.x}" = v`, `(var.k) =
// v`) as stackgen::map_of<T>({{key, value}, ...}): a map where one is
// wanted, Map<Any> where any value is; no struct has such fields.
Converter::Code Converter::computed_keys(const hcl::Object& o, const hcl::Expression& e, const std::string& want,
                                         Scope& sc) {
  std::string el;
  if (is_map(want)) el = element_of(want);
  else if (want.empty() || want == "Value" || want == "Any") el = "Any";
  else return raw(e, want);
  std::string items;
  for (const auto& i : o.items) {
    std::string key;
    if (auto name = i.key_name()) {
      key = cpp_string(*name);
    } else {
      Code k = expr(*i.key, "std::string", sc);
      if (k.literal == "null") return raw(e, want);
      key = k.text;
    }
    Code v = expr(*i.value, el, sc);
    if (v.literal == "null") return raw(e, want);
    if (el == "Any" && !v.literal.empty()) v.text = "Expr<Any>(" + v.text + ")";
    items += (items.empty() ? "{" : ", {") + key + ", " + v.text + "}";
  }
  return coerce({"map_of<" + el + ">({" + items + "})", "Map<" + el + ">", ""}, want);
}

Converter::Code Converter::translate(const hcl::Conditional& c, const hcl::Expression& e, const std::string& want_in, Scope& sc) {
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

std::optional<Converter::Code> Converter::instance_values(const hcl::ForExpr& f, Scope& sc) {
  if (f.object || f.grouping || f.condition) return std::nullopt;
  const auto* coll = f.collection->get_if<hcl::Traversal>();
  const auto* value = f.value->get_if<hcl::Traversal>();
  if (!coll || !coll->is_variable() || !value || !value->is_variable() || value->root != f.value_var ||
      value->steps.size() != 1 || value->steps[0].kind != hcl::TraversalStep::Kind::GetAttr)
    return std::nullopt;
  for (const auto& b : sc.bound)
    if (b.name == coll->root) return std::nullopt;  // a for variable, not a resource
  auto found = by_address_.find(address_of(*coll));
  if (found == by_address_.end()) return std::nullopt;
  const Declaration& d = decls_[found->second];
  const std::size_t address_steps = d.kind == Kind::data ? 2 : 1;
  if (!(d.kind == Kind::resource || d.kind == Kind::data) || !d.binding || coll->steps.size() != address_steps ||
      !(d.block->body.attribute("for_each") || d.block->body.attribute("count")) || !handle_available(d, sc))
    return std::nullopt;
  const bindgen::FieldPlan* attr = field(d.binding->plan->body, value->steps[0].name);
  if (!attr || !attr->getter) return std::nullopt;
  const std::string scope = d.binding->qualified();
  return Code{"values_of(" + d.handle + ", &" + scope + "::" + attr->cpp_name + ")",
              "List<" + qualify(attr->cpp_type, scope) + ">", ""};
}

// [for v in xs : f(v) if c(v)], {for v in xs : k(v) => f(v) if c(v)} and
// grouping {for ... : k(v) => f(v)...} as stackgen::for_list / for_map /
// group_by with lambdas; `for k, v in xs` with lambdas of (key, value).
Converter::Code Converter::translate(const hcl::ForExpr& f, const hcl::Expression&, const std::string& want, Scope& sc) {
  // [for v in aws_x.y : v.attr] over all instances of a resource with
  // for_each or count (the key variable, if any, unused): values_of(handle,
  // &T::attr), which writes the same for expression.
  if (auto v = instance_values(f, sc)) return coerce(*v, want);
  auto [coll, lambda] = for_variables(*f.collection, f.key_var, f.value_var, sc);
  std::string text;
  std::string result_type;
  if (f.object) {
    Code k = expr(*f.key, "std::string", sc);
    Code v = expr(*f.value, "", sc);
    if (!k.literal.empty()) k.text = "Expr<std::string>(" + k.text + ")";
    if (!v.literal.empty() || v.type == "Value") v = {"Expr<Any>(" + v.text + ")", "Any", ""};
    text = std::string(f.grouping ? "group_by(" : "for_map(") + coll.text + ", " + lambda + "std::make_pair(" +
           k.text + ", " + v.text + "); }";
    result_type = f.grouping ? "Map<List<" + v.type + ">>" : "Map<" + v.type + ">";
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
  sc.bound.resize(sc.bound.size() - (f.key_var.empty() ? 1 : 2));
  return coerce({text + ")", result_type, ""}, want);
}

// The collection of a for expression or %{for} directive and the head of
// its lambdas, `[&](const auto& v_) { return `, with the variables bound in
// `sc` (the caller unbinds them). With a key variable the lambdas take
// (key, value), the key typed as stackgen::for_list types it: a list's
// index, a map's key, a set's element, or Any when the collection's type is
// not known (then it is not made a list either, which would make keys numbers).
std::pair<Converter::Code, std::string> Converter::for_variables(const hcl::Expression& collection,
                                                                  const std::string& key_var,
                                                                  const std::string& value_var, Scope& sc) {
  Code coll = expr(collection, "", sc);
  const bool known = (is_sequence(coll.type) || is_map(coll.type)) && coll.literal.empty();
  if (!known) coll = key_var.empty() ? coerce(coll, "List<Any>") : coerce(coll, "Any");
  if (!coll.literal.empty()) coll = {"Expr<Any>(" + coll.text + ")", "Any", ""};
  const std::string element = coll.type == "Any" ? "Any" : element_of(coll.type);
  const std::string value_param = sanitize(value_var) + "_";
  if (key_var.empty()) {
    sc.bound.push_back({value_var, value_param, element});
    return {coll, "[&](const auto& " + value_param + ") { return "};
  }
  const std::string key_type = coll.type.starts_with("List<") ? "Number"
                               : coll.type.starts_with("Set<") ? element
                               : is_map(coll.type)             ? "std::string"
                                                               : "Any";
  const std::string key_param = sanitize(key_var) + "_";
  sc.bound.push_back({key_var, key_param, key_type});
  sc.bound.push_back({value_var, value_param, element});
  return {coll, "[&](const auto& " + key_param + ", const auto& " + value_param + ") { return "};
}

Converter::Code Converter::translate(const hcl::BinaryOp& b, const hcl::Expression& e, const std::string& want, Scope& sc) {
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
      // x == null, x != null: stackgen::is_null(x) (which writes `x == null`).
      if ((l.literal == "null") != (r.literal == "null")) {
        Code x = l.literal == "null" ? r : l;
        if (!x.literal.empty() || x.type == "Value") x.text = "Expr<Any>(" + x.text + ")";
        return coerce({std::string(b.op == Op::Equal ? "" : "!") + "is_null(" + x.text + ")", "bool", ""}, want);
      }
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

Converter::Code Converter::translate(const hcl::UnaryOp& u, const hcl::Expression& e, const std::string& want, Scope& sc) {
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

Converter::Code Converter::translate(const hcl::Parens& p, const hcl::Expression&, const std::string& want, Scope& sc) {
  return expr(*p.expr, want, sc);
}

}  // namespace stackgen::convert::detail
