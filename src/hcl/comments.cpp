// Attaching comments to the tree, after parsing.
//
// Every comment goes to the innermost node whose range contains it; within
// that node it is placed relative to the node's children (see Comments in
// comment.hpp for the rules). The walk uses an explicit work list, so it is
// safe on arbitrarily deep operator chains.
#include <optional>
#include <utility>

#include "hcl/parser_impl.hpp"

namespace stackgen::hcl::detail {

namespace {

enum class Kind { Expr, Item, Attr, Block };

struct Child {
  const Range* range;
  Comments* comments;
  Kind kind;
  void* node;
};

struct Work {
  Kind kind;
  void* node;
  std::vector<Comment> comments;
};

struct Container {
  std::vector<Child> children;
  std::vector<Comment>* inner = nullptr;
  std::optional<std::size_t> open_line;  // comments on this line before any child go to `inner`
};

Child expr_child(Expression& e) { return Child{&e.range, &e.comments, Kind::Expr, &e}; }

void add(std::vector<Child>& out, ExpressionPtr& p) {
  if (p) out.push_back(expr_child(*p));
}

void template_children(std::vector<TemplatePart>& parts, std::vector<Child>& out) {
  for (auto& part : parts) {
    if (auto* i = std::get_if<TemplateInterpolation>(&part.node)) {
      add(out, i->expr);
    } else if (auto* d = std::get_if<TemplateIf>(&part.node)) {
      add(out, d->condition);
      template_children(d->then_parts, out);
      template_children(d->else_parts, out);
    } else if (auto* f = std::get_if<TemplateFor>(&part.node)) {
      add(out, f->collection);
      template_children(f->body, out);
    }
  }
}

void body_container(Body& body, Container& c) {
  for (auto& item : body.items) {
    if (auto* a = item.attribute()) {
      c.children.push_back(Child{&a->range, &a->comments, Kind::Attr, a});
    } else if (auto* b = item.block()) {
      c.children.push_back(Child{&b->range, &b->comments, Kind::Block, b});
    }
  }
  c.inner = &body.inner_comments;
}

void expr_container(Expression& e, Container& c) {
  c.inner = &e.comments.inner;
  auto& out = c.children;
  switch (e.kind()) {
    case ExpressionKind::Literal: break;
    case ExpressionKind::Template: template_children(std::get<Template>(e.node).parts, out); break;
    case ExpressionKind::Traversal: {
      auto& t = std::get<Traversal>(e.node);
      add(out, t.source);
      for (auto& s : t.steps) add(out, s.key);
      break;
    }
    case ExpressionKind::FunctionCall:
      for (auto& a : std::get<FunctionCall>(e.node).args) add(out, a);
      c.open_line = e.range.start.line;
      break;
    case ExpressionKind::Tuple:
      for (auto& el : std::get<Tuple>(e.node).elements) add(out, el);
      c.open_line = e.range.start.line;
      break;
    case ExpressionKind::Object:
      for (auto& item : std::get<Object>(e.node).items) out.push_back(Child{&item.range, &item.comments, Kind::Item, &item});
      c.open_line = e.range.start.line;
      break;
    case ExpressionKind::For: {
      auto& f = std::get<ForExpr>(e.node);
      add(out, f.collection);
      add(out, f.key);
      add(out, f.value);
      add(out, f.condition);
      c.open_line = e.range.start.line;
      break;
    }
    case ExpressionKind::Conditional: {
      auto& k = std::get<Conditional>(e.node);
      add(out, k.condition);
      add(out, k.true_result);
      add(out, k.false_result);
      break;
    }
    case ExpressionKind::Unary: add(out, std::get<UnaryOp>(e.node).operand); break;
    case ExpressionKind::Binary: {
      // The operands of a left-nested chain, in source order, as siblings.
      std::vector<Expression*> rhs;
      Expression* cur = &e;
      while (auto* b = cur->get_if<BinaryOp>()) {
        if (b->rhs) rhs.push_back(b->rhs.get());
        if (!b->lhs) {
          cur = nullptr;
          break;
        }
        cur = b->lhs.get();
      }
      if (cur) out.push_back(expr_child(*cur));
      for (auto it = rhs.rbegin(); it != rhs.rend(); ++it) out.push_back(expr_child(**it));
      break;
    }
    case ExpressionKind::Parens:
      add(out, std::get<Parens>(e.node).expr);
      c.open_line = e.range.start.line;
      break;
  }
}

void distribute(Container& c, std::vector<Comment> comments, std::vector<Work>& work) {
  const std::size_t n = c.children.size();
  std::vector<std::vector<Comment>> buckets(n);
  std::size_t ci = 0;
  for (auto& cm : comments) {
    const std::size_t at = cm.range.start.byte;
    while (ci < n && c.children[ci].range->end.byte <= at) ++ci;
    if (ci < n && c.children[ci].range->start.byte <= at && cm.range.end.byte <= c.children[ci].range->end.byte) {
      buckets[ci].push_back(std::move(cm));
      continue;
    }
    Child* prev = ci > 0 ? &c.children[ci - 1] : nullptr;
    Child* next = ci < n ? &c.children[ci] : nullptr;
    if (next && next->range->start.line == cm.range.end.line) {
      next->comments->leading.push_back(std::move(cm));
    } else if (prev && prev->range->end.line == cm.range.start.line) {
      prev->comments->trailing.push_back(std::move(cm));
    } else if (!prev && c.open_line && *c.open_line == cm.range.start.line) {
      c.inner->push_back(std::move(cm));
    } else if (next) {
      next->comments->leading.push_back(std::move(cm));
    } else {
      c.inner->push_back(std::move(cm));
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (!buckets[i].empty()) work.push_back(Work{c.children[i].kind, c.children[i].node, std::move(buckets[i])});
  }
}

void run(std::vector<Work>& work) {
  while (!work.empty()) {
    Work w = std::move(work.back());
    work.pop_back();
    Container c;
    switch (w.kind) {
      case Kind::Expr: expr_container(*static_cast<Expression*>(w.node), c); break;
      case Kind::Item: {
        auto* item = static_cast<ObjectItem*>(w.node);
        add(c.children, item->key);
        add(c.children, item->value);
        c.inner = &item->comments.inner;
        break;
      }
      case Kind::Attr: {
        auto* a = static_cast<Attribute*>(w.node);
        add(c.children, a->expr);
        c.inner = &a->comments.inner;
        break;
      }
      case Kind::Block: {
        auto* b = static_cast<Block*>(w.node);
        body_container(b->body, c);
        c.open_line = b->body.range.start.line;
        break;
      }
    }
    distribute(c, std::move(w.comments), work);
  }
}

}  // namespace

void attach_comments(Body& body, std::vector<Comment> comments) {
  if (comments.empty()) return;
  std::vector<Work> work;
  Container c;
  body_container(body, c);
  distribute(c, std::move(comments), work);
  run(work);
}

void attach_comments(Expression& root, std::vector<Comment> comments) {
  if (comments.empty()) return;
  std::vector<Work> work;
  Container c;
  c.children.push_back(expr_child(root));
  c.inner = &root.comments.inner;
  distribute(c, std::move(comments), work);
  run(work);
}

}  // namespace stackgen::hcl::detail
