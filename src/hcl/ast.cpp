// Small members of the syntax tree, clone(), and position/error formatting.
#include <stdexcept>

#include "hcl/ast.hpp"
#include "hcl/error.hpp"

namespace stackgen::hcl {

std::string Range::str() const {
  std::string s;
  if (filename && !filename->empty()) s = *filename + ":";
  return s + std::to_string(start.line) + ":" + std::to_string(start.column);
}

std::string Error::str() const {
  std::string s;
  if (!filename.empty()) s = filename + ":";
  return s + std::to_string(pos.line) + ":" + std::to_string(pos.column) + ": " + message;
}

std::string_view Comment::content() const noexcept {
  std::string_view t = text;
  switch (style) {
    case Style::Hash: return t.substr(t.empty() ? 0 : 1);
    case Style::DoubleSlash: return t.substr(t.size() >= 2 ? 2 : t.size());
    case Style::Block: return t.size() >= 4 ? t.substr(2, t.size() - 4) : std::string_view{};
  }
  return t;
}

const Range& TemplatePart::range() const noexcept {
  return std::visit([](const auto& p) -> const Range& { return p.range; }, node);
}

bool Template::is_literal() const noexcept {
  for (const auto& p : parts) {
    if (!std::holds_alternative<TemplateLiteral>(p.node)) return false;
  }
  return true;
}

std::optional<std::string> Template::literal_value() const {
  if (!is_literal()) return std::nullopt;
  std::string s;
  for (const auto& p : parts) s += std::get<TemplateLiteral>(p.node).value;
  return s;
}

bool Template::is_wrap() const noexcept {
  return parts.size() == 1 && std::holds_alternative<TemplateInterpolation>(parts[0].node);
}

std::string FunctionCall::full_name() const {
  std::string s;
  for (const auto& n : name_space) s += n + "::";
  return s + name;
}

std::optional<std::string> ObjectItem::key_name() const {
  if (!key) return std::nullopt;
  if (const auto* t = key->get_if<Traversal>(); t && t->is_variable() && t->steps.empty()) return t->root;
  if (const auto* t = key->get_if<Template>(); t && t->form == Template::Form::Quoted) return t->literal_value();
  return std::nullopt;
}

std::string_view to_string(BinaryOperator op) noexcept {
  switch (op) {
    case BinaryOperator::Or: return "||";
    case BinaryOperator::And: return "&&";
    case BinaryOperator::Equal: return "==";
    case BinaryOperator::NotEqual: return "!=";
    case BinaryOperator::Less: return "<";
    case BinaryOperator::Greater: return ">";
    case BinaryOperator::LessEq: return "<=";
    case BinaryOperator::GreaterEq: return ">=";
    case BinaryOperator::Add: return "+";
    case BinaryOperator::Subtract: return "-";
    case BinaryOperator::Multiply: return "*";
    case BinaryOperator::Divide: return "/";
    case BinaryOperator::Modulo: return "%";
  }
  return "?";
}

std::string_view to_string(UnaryOperator op) noexcept { return op == UnaryOperator::Negate ? "-" : "!"; }

int precedence(BinaryOperator op) noexcept {
  switch (op) {
    case BinaryOperator::Or: return 1;
    case BinaryOperator::And: return 2;
    case BinaryOperator::Equal:
    case BinaryOperator::NotEqual: return 3;
    case BinaryOperator::Less:
    case BinaryOperator::Greater:
    case BinaryOperator::LessEq:
    case BinaryOperator::GreaterEq: return 4;
    case BinaryOperator::Add:
    case BinaryOperator::Subtract: return 5;
    case BinaryOperator::Multiply:
    case BinaryOperator::Divide:
    case BinaryOperator::Modulo: return 6;
  }
  return 0;
}

BinaryOp::BinaryOp(BinaryOperator o, ExpressionPtr l, ExpressionPtr r) : op(o), lhs(std::move(l)), rhs(std::move(r)) {}

BinaryOp::~BinaryOp() {
  // Unlink the left spine one node at a time; each node then dies with an
  // empty lhs, so the recursion never goes deeper than one level here.
  ExpressionPtr cur = std::move(lhs);
  while (cur) {
    auto* b = cur->get_if<BinaryOp>();
    if (!b) break;
    ExpressionPtr next = std::move(b->lhs);
    cur = std::move(next);
  }
}

const Attribute* Body::attribute(std::string_view name) const noexcept {
  for (const auto& item : items) {
    if (const auto* a = item.attribute(); a && a->name == name) return a;
  }
  return nullptr;
}

std::vector<const Block*> Body::blocks(std::string_view type) const {
  std::vector<const Block*> out;
  for (const auto& item : items) {
    if (const auto* b = item.block(); b && b->type == type) out.push_back(b);
  }
  return out;
}

const Range& BodyItem::range() const noexcept {
  return std::visit([](const auto& i) -> const Range& { return i.range; }, node);
}

const Comments& BodyItem::comments() const noexcept {
  return std::visit([](const auto& i) -> const Comments& { return i.comments; }, node);
}

// ------------------------------------------------------------------ clone

namespace {

ExpressionPtr clone_ptr(const ExpressionPtr& p) { return p ? clone(*p) : nullptr; }

std::vector<TemplatePart> clone_parts(const std::vector<TemplatePart>& parts);

TemplatePart clone_part(const TemplatePart& part) {
  return std::visit(
      [](const auto& p) -> TemplatePart {
        using T = std::decay_t<decltype(p)>;
        if constexpr (std::is_same_v<T, TemplateLiteral>) {
          return TemplatePart{p};
        } else if constexpr (std::is_same_v<T, TemplateInterpolation>) {
          return TemplatePart{TemplateInterpolation{clone_ptr(p.expr), p.strip, p.range}};
        } else if constexpr (std::is_same_v<T, TemplateIf>) {
          TemplateIf d;
          d.condition = clone_ptr(p.condition);
          d.then_parts = clone_parts(p.then_parts);
          d.else_parts = clone_parts(p.else_parts);
          d.has_else = p.has_else;
          d.if_strip = p.if_strip;
          d.else_strip = p.else_strip;
          d.endif_strip = p.endif_strip;
          d.range = p.range;
          return TemplatePart{std::move(d)};
        } else {
          TemplateFor d;
          d.key_var = p.key_var;
          d.value_var = p.value_var;
          d.collection = clone_ptr(p.collection);
          d.body = clone_parts(p.body);
          d.for_strip = p.for_strip;
          d.endfor_strip = p.endfor_strip;
          d.range = p.range;
          return TemplatePart{std::move(d)};
        }
      },
      part.node);
}

std::vector<TemplatePart> clone_parts(const std::vector<TemplatePart>& parts) {
  std::vector<TemplatePart> out;
  out.reserve(parts.size());
  for (const auto& p : parts) out.push_back(clone_part(p));
  return out;
}

Expression::Node clone_node(const Expression::Node& node) {
  return std::visit(
      [](const auto& n) -> Expression::Node {
        using T = std::decay_t<decltype(n)>;
        if constexpr (std::is_same_v<T, Literal>) {
          return n;
        } else if constexpr (std::is_same_v<T, Template>) {
          Template t;
          t.form = n.form;
          t.heredoc_marker = n.heredoc_marker;
          t.heredoc_flush = n.heredoc_flush;
          t.parts = clone_parts(n.parts);
          return t;
        } else if constexpr (std::is_same_v<T, Traversal>) {
          Traversal t;
          t.source = clone_ptr(n.source);
          t.root = n.root;
          t.root_range = n.root_range;
          for (const auto& s : n.steps) t.steps.push_back(TraversalStep{s.kind, s.name, clone_ptr(s.key), s.range});
          return t;
        } else if constexpr (std::is_same_v<T, FunctionCall>) {
          FunctionCall c;
          c.name_space = n.name_space;
          c.name = n.name;
          for (const auto& a : n.args) c.args.push_back(clone_ptr(a));
          c.expand_final = n.expand_final;
          c.name_range = n.name_range;
          return c;
        } else if constexpr (std::is_same_v<T, Tuple>) {
          Tuple t;
          for (const auto& e : n.elements) t.elements.push_back(clone_ptr(e));
          return t;
        } else if constexpr (std::is_same_v<T, Object>) {
          Object o;
          for (const auto& i : n.items) {
            o.items.push_back(ObjectItem{clone_ptr(i.key), clone_ptr(i.value), i.range, i.comments});
          }
          return o;
        } else if constexpr (std::is_same_v<T, ForExpr>) {
          ForExpr f;
          f.object = n.object;
          f.key_var = n.key_var;
          f.value_var = n.value_var;
          f.collection = clone_ptr(n.collection);
          f.key = clone_ptr(n.key);
          f.value = clone_ptr(n.value);
          f.condition = clone_ptr(n.condition);
          f.grouping = n.grouping;
          return f;
        } else if constexpr (std::is_same_v<T, Conditional>) {
          return Conditional{clone_ptr(n.condition), clone_ptr(n.true_result), clone_ptr(n.false_result)};
        } else if constexpr (std::is_same_v<T, UnaryOp>) {
          return UnaryOp{n.op, clone_ptr(n.operand)};
        } else if constexpr (std::is_same_v<T, BinaryOp>) {
          return BinaryOp(n.op, clone_ptr(n.lhs), clone_ptr(n.rhs));  // spine handled by clone()
        } else {
          return Parens{clone_ptr(n.expr)};
        }
      },
      node);
}

}  // namespace

ExpressionPtr clone(const Expression& e) {
  if (!e.get_if<BinaryOp>()) {
    auto out = std::make_unique<Expression>();
    out->node = clone_node(e.node);
    out->range = e.range;
    out->comments = e.comments;
    return out;
  }
  // Walk down the left spine iteratively, then rebuild it bottom-up.
  std::vector<const Expression*> spine;
  const Expression* cur = &e;
  while (const auto* b = cur->get_if<BinaryOp>()) {
    spine.push_back(cur);
    if (!b->lhs) break;
    cur = b->lhs.get();
  }
  const auto* bottom = spine.back()->get_if<BinaryOp>();
  ExpressionPtr acc = bottom->lhs ? clone(*bottom->lhs) : nullptr;
  for (auto it = spine.rbegin(); it != spine.rend(); ++it) {
    const auto* b = (*it)->get_if<BinaryOp>();
    auto node = std::make_unique<Expression>();
    node->node = BinaryOp(b->op, std::move(acc), clone_ptr(b->rhs));
    node->range = (*it)->range;
    node->comments = (*it)->comments;
    acc = std::move(node);
  }
  return acc;
}

}  // namespace stackgen::hcl
