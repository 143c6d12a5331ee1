// Structural equality and the S-expression dump.
#include <utility>

#include "hcl/compare.hpp"

namespace stackgen::hcl {

namespace {

bool eq_ptr(const ExpressionPtr& a, const ExpressionPtr& b) {
  if (!a || !b) return !a && !b;
  return equal(*a, *b);
}

bool eq_parts(const std::vector<TemplatePart>& a, const std::vector<TemplatePart>& b);

bool eq_part(const TemplatePart& a, const TemplatePart& b) {
  if (a.node.index() != b.node.index()) return false;
  if (const auto* x = std::get_if<TemplateLiteral>(&a.node)) return x->value == std::get<TemplateLiteral>(b.node).value;
  if (const auto* x = std::get_if<TemplateInterpolation>(&a.node)) {
    const auto& y = std::get<TemplateInterpolation>(b.node);
    return x->strip == y.strip && eq_ptr(x->expr, y.expr);
  }
  if (const auto* x = std::get_if<TemplateIf>(&a.node)) {
    const auto& y = std::get<TemplateIf>(b.node);
    return x->has_else == y.has_else && x->if_strip == y.if_strip && x->else_strip == y.else_strip &&
           x->endif_strip == y.endif_strip && eq_ptr(x->condition, y.condition) &&
           eq_parts(x->then_parts, y.then_parts) && eq_parts(x->else_parts, y.else_parts);
  }
  const auto& x = std::get<TemplateFor>(a.node);
  const auto& y = std::get<TemplateFor>(b.node);
  return x.key_var == y.key_var && x.value_var == y.value_var && x.for_strip == y.for_strip &&
         x.endfor_strip == y.endfor_strip && eq_ptr(x.collection, y.collection) && eq_parts(x.body, y.body);
}

bool eq_parts(const std::vector<TemplatePart>& a, const std::vector<TemplatePart>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!eq_part(a[i], b[i])) return false;
  }
  return true;
}

bool eq_list(const std::vector<ExpressionPtr>& a, const std::vector<ExpressionPtr>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!eq_ptr(a[i], b[i])) return false;
  }
  return true;
}

bool eq_node(const Expression& a, const Expression& b) {
  switch (a.kind()) {
    case ExpressionKind::Literal: {
      const auto& x = std::get<Literal>(a.node);
      const auto& y = std::get<Literal>(b.node);
      if (x.type != y.type) return false;
      if (x.type == Literal::Type::Number) return x.number == y.number;
      if (x.type == Literal::Type::Bool) return x.boolean == y.boolean;
      return true;
    }
    case ExpressionKind::Template: {
      const auto& x = std::get<Template>(a.node);
      const auto& y = std::get<Template>(b.node);
      if (x.form != y.form) return false;
      if (x.form == Template::Form::Heredoc &&
          (x.heredoc_marker != y.heredoc_marker || x.heredoc_flush != y.heredoc_flush)) {
        return false;
      }
      return eq_parts(x.parts, y.parts);
    }
    case ExpressionKind::Traversal: {
      const auto& x = std::get<Traversal>(a.node);
      const auto& y = std::get<Traversal>(b.node);
      if (!eq_ptr(x.source, y.source) || (!x.source && x.root != y.root) || x.steps.size() != y.steps.size()) {
        return false;
      }
      for (std::size_t i = 0; i < x.steps.size(); ++i) {
        const auto& s = x.steps[i];
        const auto& t = y.steps[i];
        if (s.kind != t.kind || s.name != t.name || !eq_ptr(s.key, t.key)) return false;
      }
      return true;
    }
    case ExpressionKind::FunctionCall: {
      const auto& x = std::get<FunctionCall>(a.node);
      const auto& y = std::get<FunctionCall>(b.node);
      return x.name == y.name && x.name_space == y.name_space && x.expand_final == y.expand_final &&
             eq_list(x.args, y.args);
    }
    case ExpressionKind::Tuple: return eq_list(std::get<Tuple>(a.node).elements, std::get<Tuple>(b.node).elements);
    case ExpressionKind::Object: {
      const auto& x = std::get<Object>(a.node).items;
      const auto& y = std::get<Object>(b.node).items;
      if (x.size() != y.size()) return false;
      for (std::size_t i = 0; i < x.size(); ++i) {
        if (!eq_ptr(x[i].key, y[i].key) || !eq_ptr(x[i].value, y[i].value)) return false;
      }
      return true;
    }
    case ExpressionKind::For: {
      const auto& x = std::get<ForExpr>(a.node);
      const auto& y = std::get<ForExpr>(b.node);
      return x.object == y.object && x.key_var == y.key_var && x.value_var == y.value_var &&
             x.grouping == y.grouping && eq_ptr(x.collection, y.collection) && eq_ptr(x.key, y.key) &&
             eq_ptr(x.value, y.value) && eq_ptr(x.condition, y.condition);
    }
    case ExpressionKind::Conditional: {
      const auto& x = std::get<Conditional>(a.node);
      const auto& y = std::get<Conditional>(b.node);
      return eq_ptr(x.condition, y.condition) && eq_ptr(x.true_result, y.true_result) &&
             eq_ptr(x.false_result, y.false_result);
    }
    case ExpressionKind::Unary: {
      const auto& x = std::get<UnaryOp>(a.node);
      const auto& y = std::get<UnaryOp>(b.node);
      return x.op == y.op && eq_ptr(x.operand, y.operand);
    }
    case ExpressionKind::Binary: return false;  // handled by equal()
    case ExpressionKind::Parens: return eq_ptr(std::get<Parens>(a.node).expr, std::get<Parens>(b.node).expr);
  }
  return false;
}

// ------------------------------------------------------------------- dump

std::string quote(std::string_view s) {
  static const char hex[] = "0123456789abcdef";
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += "\\x";
          out += hex[(c >> 4) & 0xF];
          out += hex[c & 0xF];
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string strip_text(const StripMarkers& s) {
  return std::string(s.left ? "~" : "") + (s.right ? "~" : "");
}

void dump_expr(const Expression& e, std::string& out);

void dump_ptr(const ExpressionPtr& p, std::string& out) {
  if (p) {
    dump_expr(*p, out);
  } else {
    out += "nil";
  }
}

void dump_parts(const std::vector<TemplatePart>& parts, std::string& out) {
  for (const auto& part : parts) {
    out += " ";
    if (const auto* l = std::get_if<TemplateLiteral>(&part.node)) {
      out += quote(l->value);
    } else if (const auto* i = std::get_if<TemplateInterpolation>(&part.node)) {
      out += "(${}" + strip_text(i->strip) + " ";
      dump_ptr(i->expr, out);
      out += ")";
    } else if (const auto* d = std::get_if<TemplateIf>(&part.node)) {
      out += "(%if" + strip_text(d->if_strip) + " ";
      dump_ptr(d->condition, out);
      out += " (then";
      dump_parts(d->then_parts, out);
      out += ")";
      if (d->has_else) {
        out += " (else" + strip_text(d->else_strip);
        dump_parts(d->else_parts, out);
        out += ")";
      }
      if (d->endif_strip.left || d->endif_strip.right) out += " (endif" + strip_text(d->endif_strip) + ")";
      out += ")";
    } else if (const auto* f = std::get_if<TemplateFor>(&part.node)) {
      out += "(%for" + strip_text(f->for_strip) + " ";
      if (!f->key_var.empty()) out += f->key_var + " ";
      out += f->value_var + " ";
      dump_ptr(f->collection, out);
      dump_parts(f->body, out);
      if (f->endfor_strip.left || f->endfor_strip.right) out += " (endfor" + strip_text(f->endfor_strip) + ")";
      out += ")";
    }
  }
}

void dump_expr(const Expression& e, std::string& out) {
  switch (e.kind()) {
    case ExpressionKind::Literal: {
      const auto& l = std::get<Literal>(e.node);
      if (l.type == Literal::Type::Number) out += l.number;
      else if (l.type == Literal::Type::Bool) out += l.boolean ? "true" : "false";
      else out += "null";
      return;
    }
    case ExpressionKind::Template: {
      const auto& t = std::get<Template>(e.node);
      if (t.form == Template::Form::Quoted && t.is_literal()) {
        out += quote(*t.literal_value());
        return;
      }
      switch (t.form) {
        case Template::Form::Quoted: out += "(template"; break;
        case Template::Form::Heredoc: out += std::string(t.heredoc_flush ? "(heredoc- " : "(heredoc ") + t.heredoc_marker; break;
        case Template::Form::Bare: out += "(bare"; break;
      }
      dump_parts(t.parts, out);
      out += ")";
      return;
    }
    case ExpressionKind::Traversal: {
      const auto& t = std::get<Traversal>(e.node);
      if (t.source) {
        out += "{";
        dump_expr(*t.source, out);
        out += "}";
      } else {
        out += t.root;
      }
      for (const auto& s : t.steps) {
        switch (s.kind) {
          case TraversalStep::Kind::GetAttr: out += "." + s.name; break;
          case TraversalStep::Kind::LegacyIndex: out += "." + s.name; break;
          case TraversalStep::Kind::AttrSplat: out += ".*"; break;
          case TraversalStep::Kind::FullSplat: out += "[*]"; break;
          case TraversalStep::Kind::Index:
            out += "[";
            dump_ptr(s.key, out);
            out += "]";
            break;
        }
      }
      return;
    }
    case ExpressionKind::FunctionCall: {
      const auto& c = std::get<FunctionCall>(e.node);
      out += "(call " + c.full_name();
      for (const auto& a : c.args) {
        out += " ";
        dump_ptr(a, out);
      }
      if (c.expand_final) out += "...";
      out += ")";
      return;
    }
    case ExpressionKind::Tuple: {
      out += "(tuple";
      for (const auto& el : std::get<Tuple>(e.node).elements) {
        out += " ";
        dump_ptr(el, out);
      }
      out += ")";
      return;
    }
    case ExpressionKind::Object: {
      out += "(object";
      for (const auto& item : std::get<Object>(e.node).items) {
        out += " (";
        dump_ptr(item.key, out);
        out += " ";
        dump_ptr(item.value, out);
        out += ")";
      }
      out += ")";
      return;
    }
    case ExpressionKind::For: {
      const auto& f = std::get<ForExpr>(e.node);
      out += f.object ? "(for-object " : "(for-tuple ";
      if (!f.key_var.empty()) out += f.key_var + " ";
      out += f.value_var + " ";
      dump_ptr(f.collection, out);
      if (f.key) {
        out += " ";
        dump_ptr(f.key, out);
        out += " =>";
      }
      out += " ";
      dump_ptr(f.value, out);
      if (f.grouping) out += "...";
      if (f.condition) {
        out += " if ";
        dump_ptr(f.condition, out);
      }
      out += ")";
      return;
    }
    case ExpressionKind::Conditional: {
      const auto& c = std::get<Conditional>(e.node);
      out += "(? ";
      dump_ptr(c.condition, out);
      out += " ";
      dump_ptr(c.true_result, out);
      out += " ";
      dump_ptr(c.false_result, out);
      out += ")";
      return;
    }
    case ExpressionKind::Unary: {
      const auto& u = std::get<UnaryOp>(e.node);
      out += "(";
      out += to_string(u.op);
      out += " ";
      dump_ptr(u.operand, out);
      out += ")";
      return;
    }
    case ExpressionKind::Binary: {
      // Left spine iteratively: "(op " for each level, the leftmost operand,
      // then " rhs)" from the bottom up.
      std::vector<const BinaryOp*> spine;
      const Expression* cur = &e;
      while (const auto* b = cur->get_if<BinaryOp>()) {
        spine.push_back(b);
        if (!b->lhs) break;
        cur = b->lhs.get();
      }
      for (const BinaryOp* b : spine) {
        out += "(";
        out += to_string(b->op);
        out += " ";
      }
      const BinaryOp* bottom = spine.back();
      dump_ptr(bottom->lhs, out);
      for (auto it = spine.rbegin(); it != spine.rend(); ++it) {
        out += " ";
        dump_ptr((*it)->rhs, out);
        out += ")";
      }
      return;
    }
    case ExpressionKind::Parens: {
      out += "(paren ";
      dump_ptr(std::get<Parens>(e.node).expr, out);
      out += ")";
      return;
    }
  }
}

void dump_body(const Body& b, std::string& out) {
  out += "(body";
  for (const auto& item : b.items) {
    out += " ";
    if (const auto* a = item.attribute()) {
      out += "(" + a->name + " = ";
      dump_ptr(a->expr, out);
      out += ")";
    } else {
      const Block& bl = *item.block();
      out += "(block " + bl.type;
      for (const auto& l : bl.labels) out += " " + (l.quoted ? quote(l.value) : l.value);
      if (bl.one_line) out += " one-line";
      out += " ";
      dump_body(bl.body, out);
      out += ")";
    }
  }
  out += ")";
}

}  // namespace

bool equal(const Expression& a, const Expression& b) {
  if (a.kind() != b.kind()) return false;
  if (a.kind() != ExpressionKind::Binary) return eq_node(a, b);
  // Compare left spines iteratively; recursion only into right operands.
  const Expression* x = &a;
  const Expression* y = &b;
  for (;;) {
    const auto* bx = x->get_if<BinaryOp>();
    const auto* by = y->get_if<BinaryOp>();
    if (!bx || !by) return !bx && !by && equal(*x, *y);
    if (bx->op != by->op || !eq_ptr(bx->rhs, by->rhs)) return false;
    if (!bx->lhs || !by->lhs) return !bx->lhs && !by->lhs;
    x = bx->lhs.get();
    y = by->lhs.get();
  }
}

bool equal(const Body& a, const Body& b) {
  if (a.items.size() != b.items.size()) return false;
  for (std::size_t i = 0; i < a.items.size(); ++i) {
    const auto& x = a.items[i];
    const auto& y = b.items[i];
    if (x.node.index() != y.node.index()) return false;
    if (const auto* ax = x.attribute()) {
      const auto* ay = y.attribute();
      if (ax->name != ay->name || !eq_ptr(ax->expr, ay->expr)) return false;
    } else {
      const auto* bx = x.block();
      const auto* by = y.block();
      if (bx->type != by->type || bx->one_line != by->one_line || bx->labels.size() != by->labels.size()) return false;
      for (std::size_t j = 0; j < bx->labels.size(); ++j) {
        if (bx->labels[j].value != by->labels[j].value || bx->labels[j].quoted != by->labels[j].quoted) return false;
      }
      if (!equal(bx->body, by->body)) return false;
    }
  }
  return true;
}

std::string dump(const Expression& e) {
  std::string out;
  dump_expr(e, out);
  return out;
}

std::string dump(const Body& body) {
  std::string out;
  dump_body(body, out);
  return out;
}

}  // namespace stackgen::hcl
