// The structural and expression languages: a recursive-descent parser with a
// shunting-yard loop for binary operators, so that long operator chains cost
// no recursion. Error handling: the first error throws detail::Failure,
// caught by the entry points at the bottom of this file.
#include <algorithm>
#include <optional>
#include <utility>

#include "hcl/parser.hpp"
#include "hcl/parser_impl.hpp"
#include "hcl/unicode.hpp"

namespace stackgen::hcl {

namespace detail {

namespace {

std::optional<BinaryOperator> binary_operator(Tok t) noexcept {
  switch (t) {
    case Tok::OrOr: return BinaryOperator::Or;
    case Tok::AndAnd: return BinaryOperator::And;
    case Tok::EqualEq: return BinaryOperator::Equal;
    case Tok::NotEq: return BinaryOperator::NotEqual;
    case Tok::Less: return BinaryOperator::Less;
    case Tok::Greater: return BinaryOperator::Greater;
    case Tok::LessEq: return BinaryOperator::LessEq;
    case Tok::GreaterEq: return BinaryOperator::GreaterEq;
    case Tok::Plus: return BinaryOperator::Add;
    case Tok::Minus: return BinaryOperator::Subtract;
    case Tok::Star: return BinaryOperator::Multiply;
    case Tok::Slash: return BinaryOperator::Divide;
    case Tok::Percent: return BinaryOperator::Modulo;
    default: return std::nullopt;
  }
}

/// Builds the node in place on the heap, so that recursive frames never hold
/// a whole Expression::Node.
template <class T>
ExpressionPtr make_expr(T&& node, Range r) {
  auto e = std::make_unique<Expression>();
  e->node.template emplace<std::decay_t<T>>(std::forward<T>(node));
  e->range = std::move(r);
  return e;
}

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

/// NumberLit = decimal+ ("." decimal+)? (expmark decimal+)?
bool valid_number(std::string_view s) noexcept {
  std::size_t i = 0;
  auto digits = [&] {
    std::size_t b = i;
    while (i < s.size() && is_digit(s[i])) ++i;
    return i > b;
  };
  if (!digits()) return false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == s.size();
}

}  // namespace

Parser::Parser(std::string_view source, std::shared_ptr<const std::string> filename, const ParseOptions& options)
    : lx_(source, options.start, &comments_, filename),
      max_depth_(options.max_nesting),
      max_stack_(options.max_stack_bytes),
      prev_end_(options.start),
      file_(std::move(filename)) {
  newline_sensitive_.push_back(true);
}

// ------------------------------------------------------------ token stream

const Token& Parser::peek() {
  for (;;) {
    if (!has_la_) {
      la_ = lx_.next();
      has_la_ = true;
    }
    if (la_.type == Tok::Newline && !newline_sensitive_.back()) {
      has_la_ = false;
      continue;
    }
    return la_;
  }
}

Token Parser::next() {
  peek();
  has_la_ = false;
  prev_end_ = la_.end;
  return la_;
}

void Parser::fail(const Pos& pos, std::string message) const { throw Failure{pos, std::move(message)}; }

void Parser::fail(const Pos& pos, const char* message) const { throw Failure{pos, message}; }

void Parser::enter(const Pos& pos) {
  if (++depth_ > max_depth_ || stack_used() > max_stack_) fail_too_deep(pos);
}

void Parser::fail_too_deep(const Pos& pos) const {
  fail(pos, "Nesting too deep: this expression or block is nested more than " +
                std::to_string(std::min(depth_, max_depth_)) + " levels deep.");
}

// --------------------------------------------------------------- structure

Body Parser::parse_config() {
  Body body;
  parse_body(body, nullptr);
  return body;
}

void Parser::parse_body(Body& body, const Token* open_brace) {
  Pos start = open_brace ? open_brace->start : lx_.pos();
  std::vector<std::pair<std::string_view, Pos>> names;
  for (;;) {
    const Token& t = peek();
    switch (t.type) {
      case Tok::Newline: next(); continue;
      case Tok::End:
        if (open_brace) {
          fail(open_brace->start,
               "Unclosed configuration block: there is no closing brace for this block before the end of the "
               "file. This may be caused by incorrect brace nesting elsewhere in this file.");
        }
        body.range = range(start, t.end);
        return;
      case Tok::RBrace:
        if (open_brace) {
          const Pos end = next().end;
          body.range = range(start, end);
          return;
        }
        fail(t.start, "Argument or block definition required: an argument or block definition is required here.");
      case Tok::Ident: parse_body_item(body, names); continue;
      case Tok::OQuote: fail(t.start, "Invalid argument name: argument names must not be quoted.");
      default:
        fail(t.start, "Argument or block definition required: an argument or block definition is required here.");
    }
  }
}

void Parser::parse_body_item(Body& body, std::vector<std::pair<std::string_view, Pos>>& names) {
  const Token name = next();
  const Token& t = peek();
  if (t.type == Tok::Assign) {
    body_attribute(body, names, name);
    return;
  }
  if (t.type == Tok::OQuote || t.type == Tok::Ident || t.type == Tok::LBrace) {
    // Built in place: nested blocks recurse through here.
    body.items.emplace_back();
    Block& block = body.items.back().node.emplace<Block>();
    finish_block(name, block);
    return;
  }
  fail(name.start,
       "Argument or block definition required: an argument or block definition is required here. To set an "
       "argument, use the equals sign \"=\" to introduce the argument value.");
}

void Parser::body_attribute(Body& body, std::vector<std::pair<std::string_view, Pos>>& names, const Token& name) {
  for (const auto& [n, p] : names) {
    if (n == name.text) {
      fail(name.start, "Attribute redefined: the argument \"" + std::string(name.text) + "\" was already set at " +
                           range(p, p).str() + ". Each argument may be set only once.");
    }
  }
  names.emplace_back(name.text, name.start);
  body.items.emplace_back();
  Attribute& attr = body.items.back().node.emplace<Attribute>();
  finish_attribute(name, attr);
  const Token& end = peek();
  if (end.type == Tok::Newline) {
    next();
  } else if (end.type != Tok::End) {
    if (end.type == Tok::Comma) {
      fail(end.start,
           "Unexpected comma after argument: argument definitions must be separated by newlines, not commas.");
    }
    fail(end.start, "Missing newline after argument: an argument definition must end with a newline.");
  }
}

void Parser::finish_attribute(const Token& name, Attribute& attr) {
  next();  // "="
  attr.name = std::string(name.text);
  attr.name_range = range(name.start, name.end);
  attr.expr = parse_expression();
  attr.range = range(name.start, attr.expr->range.end);
}

void Parser::finish_block(const Token& type, Block& block) {
  block.type = std::string(type.text);
  block.type_range = range(type.start, type.end);
  for (;;) {
    const Token& t = peek();
    if (t.type == Tok::LBrace) break;
    if (t.type == Tok::OQuote) {
      Token open = next();
      BlockLabel label;
      Pos end;
      label.value = finish_quoted_literal(open, end);
      label.quoted = true;
      label.range = range(open.start, end);
      block.labels.push_back(std::move(label));
      continue;
    }
    if (t.type == Tok::Ident) {
      Token id = next();
      block.labels.push_back(BlockLabel{std::string(id.text), false, range(id.start, id.end)});
      continue;
    }
    if (t.type == Tok::Assign) {
      fail(t.start,
           "Invalid block definition: the equals sign \"=\" indicates an argument definition, and must not be "
           "used when defining a block.");
    }
    if (t.type == Tok::Newline) {
      fail(t.start,
           "Invalid block definition: a block definition must have block content delimited by \"{\" and \"}\", "
           "starting on the same line as the block header.");
    }
    fail(t.start,
         "Invalid block definition: either a quoted string block label or an opening brace (\"{\") is expected "
         "here.");
  }
  Token open = next();
  Depth depth(*this, open.start);
  const Token& first = peek();
  if (first.type == Tok::Newline || first.type == Tok::End || first.type == Tok::RBrace) {
    parse_body(block.body, &open);
  } else {
    // A one-line block: `type { name = value }`.
    block.one_line = true;
    if (first.type != Tok::Ident) {
      fail(first.start, "Argument or block definition required: an argument or block definition is required here.");
    }
    Token name = next();
    const Token& eq = peek();
    if (eq.type != Tok::Assign) {
      if (eq.type == Tok::OQuote || eq.type == Tok::LBrace || eq.type == Tok::Ident) {
        fail(name.start,
             "Argument definition required: a single-line block definition can contain only a single argument. "
             "To define a nested block, place it on a line of its own within its parent block.");
      }
      fail(name.start,
           "Argument or block definition required: an argument or block definition is required here. To set an "
           "argument, use the equals sign \"=\" to introduce the argument value.");
    }
    block.body.items.emplace_back();
    finish_attribute(name, block.body.items.back().node.emplace<Attribute>());
    const Token& close = peek();
    switch (close.type) {
      case Tok::RBrace: break;
      case Tok::Comma:
        fail(close.start,
             "Invalid single-argument block definition: single-line block syntax can include only one argument "
             "definition. To define multiple arguments, use the multi-line block syntax with one argument "
             "definition per line.");
      case Tok::Newline:
        fail(close.start,
             "Invalid single-argument block definition: an argument definition on the same line as its "
             "containing block creates a single-line block definition, which must also be closed on the same "
             "line. Place the block's closing brace immediately after the argument definition.");
      case Tok::End:
        fail(open.start,
             "Unclosed configuration block: there is no closing brace for this block before the end of the "
             "file. This may be caused by incorrect brace nesting elsewhere in this file.");
      default:
        fail(close.start,
             "Invalid single-argument block definition: a single-line block definition must end with a closing "
             "brace immediately after its single argument definition.");
    }
    const Pos cb = next().end;
    block.body.range = range(open.start, cb);
  }
  block.range = range(type.start, block.body.range.end);
  const Token& eol = peek();
  if (eol.type == Tok::Newline) {
    next();
  } else if (eol.type != Tok::End) {
    fail(eol.start, "Missing newline after block definition: a block definition must end with a newline.");
  }
}

// ------------------------------------------------------------- expressions

ExpressionPtr Parser::parse_expression() {
  Depth depth(*this, peek().start);
  ExpressionPtr cond = parse_binary();
  if (peek().type != Tok::Question) return cond;
  return finish_conditional(std::move(cond));
}

ExpressionPtr Parser::finish_conditional(ExpressionPtr cond) {
  next();  // "?"
  ExpressionPtr yes = parse_expression();
  if (peek().type != Tok::Colon) {
    fail(peek().start,
         "Missing false expression in conditional: the conditional operator (...?...:...) requires a false "
         "expression, delimited by a colon.");
  }
  next();
  ExpressionPtr no = parse_expression();
  Range r = range(cond->range.start, no->range.end);
  return make_expr(Conditional{std::move(cond), std::move(yes), std::move(no)}, std::move(r));
}

ExpressionPtr Parser::parse_binary() {
  ExpressionPtr first = parse_unary();
  if (!binary_operator(peek().type)) return first;
  return finish_binary(std::move(first));
}

ExpressionPtr Parser::finish_binary(ExpressionPtr first) {
  // Shunting-yard over left-associative operators: no recursion per operand.
  std::vector<ExpressionPtr> operands;
  std::vector<BinaryOperator> ops;
  operands.push_back(std::move(first));
  auto reduce = [&] {
    ExpressionPtr rhs = std::move(operands.back());
    operands.pop_back();
    ExpressionPtr lhs = std::move(operands.back());
    operands.pop_back();
    BinaryOperator o = ops.back();
    ops.pop_back();
    Range r = range(lhs->range.start, rhs->range.end);
    operands.push_back(make_expr(BinaryOp(o, std::move(lhs), std::move(rhs)), std::move(r)));
  };
  std::optional<BinaryOperator> op = binary_operator(peek().type);
  while (op) {
    next();
    while (!ops.empty() && precedence(ops.back()) >= precedence(*op)) reduce();
    ops.push_back(*op);
    operands.push_back(parse_unary());
    op = binary_operator(peek().type);
  }
  while (!ops.empty()) reduce();
  return std::move(operands.back());
}

ExpressionPtr Parser::parse_unary() {
  const Token& t = peek();
  if (t.type == Tok::Minus || t.type == Tok::Bang) {
    Token op = next();
    Depth depth(*this, op.start);
    // The operand is a term with its postfix steps, so `-a.b` is -(a.b) and
    // `-1 + 2` is (-1) + 2.
    ExpressionPtr operand = parse_unary();
    Range r = range(op.start, operand->range.end);
    UnaryOperator uop = op.type == Tok::Minus ? UnaryOperator::Negate : UnaryOperator::Not;
    return make_expr(UnaryOp{uop, std::move(operand)}, std::move(r));
  }
  return parse_postfix(parse_term());
}

void Parser::check_number(const Token& t) const {
  if (!valid_number(t.text)) {
    fail(t.start, "Invalid number literal: \"" + std::string(t.text) + "\" is not a valid number.");
  }
}

// parse_term is on the recursion path of every nested expression, so it only
// dispatches: each case is a separate, non-inlined function and keeps its
// locals off the stack of the levels that do not take it.
ExpressionPtr Parser::parse_term() {
  const Token& t = peek();
  switch (t.type) {
    case Tok::LParen: return finish_parens(next());
    case Tok::Number: return number_literal(next());
    case Tok::Ident: return finish_identifier(next());
    case Tok::OQuote: {
      const Token open = next();
      return finish_template(Template::Form::Quoted, &open);
    }
    case Tok::OHeredoc: {
      const Token open = next();
      return finish_template(Template::Form::Heredoc, &open);
    }
    case Tok::LBrack: return finish_tuple(next());
    case Tok::LBrace: return finish_object(next());
    default: fail_expected_expression(t);
  }
}

void Parser::fail_expected_expression(const Token& t) const {
  if (t.type == Tok::End) {
    fail(t.start, "Missing expression: expected the start of an expression, but found the end of the file.");
  }
  fail(t.start, "Invalid expression: expected the start of an expression, but found " + describe(t) + ".");
}

ExpressionPtr Parser::finish_parens(const Token& open) {
  NewlineMode mode(*this, false);
  ExpressionPtr inner = parse_expression();
  if (peek().type != Tok::RParen) {
    fail(peek().start, "Unbalanced parentheses: expected a closing parenthesis to terminate the expression.");
  }
  const Pos end = next().end;
  return make_expr(Parens{std::move(inner)}, range(open.start, end));
}

ExpressionPtr Parser::number_literal(const Token& n) {
  check_number(n);
  Literal lit;
  lit.type = Literal::Type::Number;
  lit.number = std::string(n.text);
  return make_expr(std::move(lit), range(n.start, n.end));
}

ExpressionPtr Parser::finish_identifier(const Token& id) {
  const Token& after = peek();
  if (after.type == Tok::LParen || after.type == Tok::DoubleColon) return finish_call(id);
  return identifier_value(id);
}

ExpressionPtr Parser::identifier_value(const Token& id) {
  Range r = range(id.start, id.end);
  if (id.text == "true" || id.text == "false") {
    Literal lit;
    lit.type = Literal::Type::Bool;
    lit.boolean = id.text == "true";
    return make_expr(std::move(lit), std::move(r));
  }
  if (id.text == "null") return make_expr(Literal{}, std::move(r));
  Traversal tr;
  tr.root = std::string(id.text);
  tr.root_range = r;
  return make_expr(std::move(tr), std::move(r));
}

ExpressionPtr Parser::parse_postfix(ExpressionPtr e) {
  auto add_step = [&](TraversalStep step) {
    if (auto* tr = e->get_if<Traversal>()) {
      e->range.end = step.range.end;
      tr->steps.push_back(std::move(step));
      return;
    }
    Range r = range(e->range.start, step.range.end);
    Traversal tr;
    tr.root_range = e->range;
    tr.source = std::move(e);
    tr.steps.push_back(std::move(step));
    e = make_expr(std::move(tr), std::move(r));
  };
  auto legacy_index = [&](const Token& dot, const Token& num) {
    if (num.text.find('.') != std::string_view::npos) {
      std::string_view s = num.text;
      std::size_t d = s.find('.');
      fail(num.start, "Invalid legacy index syntax: when using the legacy index syntax, chaining two indexes "
                      "together is not permitted. Use the proper index syntax instead, like [" +
                          std::string(s.substr(0, d)) + "][" + std::string(s.substr(d + 1)) + "].");
    }
    if (num.text.find_first_not_of("0123456789") != std::string_view::npos) {
      fail(num.start, "Invalid legacy index syntax: a legacy index must be written with decimal digits only, like "
                      ".0; use the index syntax [" + std::string(num.text) + "] instead.");
    }
    TraversalStep step;
    step.kind = TraversalStep::Kind::LegacyIndex;
    step.name = std::string(num.text);
    step.range = range(dot.start, num.end);
    add_step(std::move(step));
  };
  auto get_attr = [&](const Token& dot, const Token& name) {
    TraversalStep step;
    step.kind = TraversalStep::Kind::GetAttr;
    step.name = std::string(name.text);
    step.range = range(dot.start, name.end);
    add_step(std::move(step));
  };
  for (;;) {
    const Token& t = peek();
    if (t.type == Tok::Dot) {
      Token dot = next();
      const Token& a = peek();
      if (a.type == Tok::Ident) {
        Token name = next();
        get_attr(dot, name);
      } else if (a.type == Tok::Number) {
        Token num = next();
        legacy_index(dot, num);
      } else if (a.type == Tok::Star) {
        Token star = next();
        TraversalStep step;
        step.kind = TraversalStep::Kind::AttrSplat;
        step.range = range(dot.start, star.end);
        add_step(std::move(step));
        // The attribute-only splat takes the `.name` / `.0` steps after it.
        while (peek().type == Tok::Dot) {
          Token d = next();
          const Token& b = peek();
          if (b.type == Tok::Ident) {
            Token name = next();
            get_attr(d, name);
          } else if (b.type == Tok::Number) {
            Token num = next();
            legacy_index(d, num);
          } else if (b.type == Tok::Star) {
            fail(b.start,
                 "Nested splat expression not allowed: a splat expression (*) cannot be used inside another "
                 "attribute-only splat expression.");
          } else {
            fail(b.start, "Invalid attribute name: an attribute name is required after a dot.");
          }
        }
      } else {
        fail(a.start, "Invalid attribute name: an attribute name is required after a dot.");
      }
    } else if (t.type == Tok::LBrack) {
      Token open = next();
      NewlineMode mode(*this, false);
      TraversalStep step;
      if (peek().type == Tok::Star) {
        next();
        const Token& close = peek();
        if (close.type != Tok::RBrack) {
          fail(close.start,
               "Missing close bracket on splat index: the star for a full splat operator must be immediately "
               "followed by a closing bracket (\"]\").");
        }
        Token c = next();
        step.kind = TraversalStep::Kind::FullSplat;
        step.range = range(open.start, c.end);
      } else {
        step.key = parse_expression();
        const Token& close = peek();
        if (close.type != Tok::RBrack) {
          fail(close.start,
               "Missing close bracket on index: the index operator must end with a closing bracket (\"]\").");
        }
        Token c = next();
        step.kind = TraversalStep::Kind::Index;
        step.range = range(open.start, c.end);
      }
      add_step(std::move(step));
    } else {
      return e;
    }
  }
}

void Parser::fail_unterminated_call(const Token& open) const {
  fail(open.start,
       "Unterminated function call: there is no closing parenthesis for this function call before the end of the "
       "file. This may be caused by incorrect parenthesis nesting elsewhere in this file.");
}

ExpressionPtr Parser::finish_call(const Token& name) {
  ExpressionPtr e = make_expr(FunctionCall{}, Range{});
  auto& call = std::get<FunctionCall>(e->node);
  std::string last(name.text);
  Pos name_end = name.end;
  while (peek().type == Tok::DoubleColon) {
    next();
    const Token& n = peek();
    if (n.type != Tok::Ident) {
      fail(n.start,
           "Missing function name: the function scope resolution symbol \"::\" must be followed by a function "
           "name in this scope.");
    }
    Token nn = next();
    call.name_space.push_back(std::move(last));
    last = std::string(nn.text);
    name_end = nn.end;
  }
  call.name = std::move(last);
  call.name_range = range(name.start, name_end);
  if (peek().type != Tok::LParen) {
    fail(peek().start,
         "Missing open parenthesis: a function selector must be followed by an open parenthesis to begin the "
         "function call.");
  }
  Token open = next();
  NewlineMode mode(*this, false);
  Pos close;
  for (;;) {
    if (peek().type == Tok::RParen) {
      close = next().end;
      break;
    }
    if (peek().type == Tok::End) fail_unterminated_call(open);
    call.args.push_back(parse_expression());
    const Token& sep = peek();
    if (sep.type == Tok::RParen) {
      close = next().end;
      break;
    }
    if (sep.type == Tok::Ellipsis) {
      next();
      call.expand_final = true;
      if (peek().type != Tok::RParen) {
        fail(peek().start,
             "Missing closing parenthesis: an expanded function argument (with ...) must be immediately "
             "followed by closing parentheses.");
      }
      close = next().end;
      break;
    }
    if (sep.type == Tok::Comma) {
      next();
      continue;
    }
    if (sep.type == Tok::End) fail_unterminated_call(open);
    fail(sep.start, "Missing argument separator: a comma is required to separate each function argument from the "
                    "next.");
  }
  e->range = range(name.start, close);
  return e;
}

void Parser::fail_unterminated_tuple(const Token& open) const {
  fail(open.start,
       "Unterminated tuple constructor expression: there is no corresponding closing bracket before the end of the "
       "file. This may be caused by incorrect bracket nesting elsewhere in this file.");
}

ExpressionPtr Parser::finish_tuple(const Token& open) {
  NewlineMode mode(*this, false);
  if (is_keyword(peek(), "for")) return finish_for(open, false);
  ExpressionPtr e = make_expr(Tuple{}, Range{});
  auto& tuple = std::get<Tuple>(e->node);
  Pos close;
  for (;;) {
    if (peek().type == Tok::RBrack) {
      close = next().end;
      break;
    }
    if (peek().type == Tok::End) fail_unterminated_tuple(open);
    tuple.elements.push_back(parse_expression());
    const Token& sep = peek();
    if (sep.type == Tok::RBrack) {
      close = next().end;
      break;
    }
    if (sep.type == Tok::Comma) {
      next();
      continue;
    }
    if (sep.type == Tok::End) fail_unterminated_tuple(open);
    fail(sep.start, "Missing item separator: expected a comma to mark the beginning of the next item.");
  }
  e->range = range(open.start, close);
  return e;
}

ExpressionPtr Parser::finish_object(const Token& open) {
  bool is_for = false;
  {
    // For expressions are not newline-sensitive, object constructors are.
    NewlineMode mode(*this, false);
    is_for = is_keyword(peek(), "for");
  }
  if (is_for) {
    NewlineMode mode(*this, false);
    return finish_for(open, true);
  }
  NewlineMode mode(*this, true);
  ExpressionPtr e = make_expr(Object{}, Range{});
  auto& object = std::get<Object>(e->node);
  Pos close;
  static constexpr const char* unterminated =
      "Unterminated object constructor expression: there is no corresponding closing brace before the end of "
      "the file. This may be caused by incorrect brace nesting elsewhere in this file.";
  for (;;) {
    const Token& t = peek();
    if (t.type == Tok::Newline) {
      next();
      continue;
    }
    if (t.type == Tok::RBrace) {
      close = next().end;
      break;
    }
    if (t.type == Tok::End) fail(open.start, unterminated);
    ObjectItem& item = object.items.emplace_back();
    item.key = parse_expression();
    const Token& eq = peek();
    if (eq.type != Tok::Assign && eq.type != Tok::Colon) {
      switch (eq.type) {
        case Tok::Newline:
        case Tok::Comma:
          fail(eq.start, "Missing attribute value: expected an attribute value, introduced by an equals sign (\"=\").");
        case Tok::Ident:
          fail(eq.start,
               "Missing key/value separator: expected an equals sign (\"=\") to mark the beginning of the "
               "attribute value. If you intended to give an attribute name containing periods or spaces, write "
               "the name in quotes to create a string literal.");
        case Tok::End: fail(open.start, unterminated);
        default:
          fail(eq.start,
               "Missing key/value separator: expected an equals sign (\"=\") to mark the beginning of the "
               "attribute value.");
      }
    }
    next();
    item.value = parse_expression();
    item.range = range(item.key->range.start, item.value->range.end);
    const Token& sep = peek();
    if (sep.type == Tok::RBrace) {
      close = next().end;
      break;
    }
    if (sep.type == Tok::Comma || sep.type == Tok::Newline) {
      next();
      continue;
    }
    if (sep.type == Tok::End) fail(open.start, unterminated);
    fail(sep.start,
         "Missing attribute separator: expected a newline or comma to mark the beginning of the next attribute.");
  }
  e->range = range(open.start, close);
  return e;
}

ExpressionPtr Parser::finish_for(const Token& open, bool object) {
  // The caller has made newlines insignificant.
  next();  // "for"
  const Tok close_type = object ? Tok::RBrace : Tok::RBrack;
  ForExpr f;
  f.object = object;
  if (peek().type != Tok::Ident) {
    fail(peek().start, "Invalid 'for' expression: a for expression requires a variable name after 'for'.");
  }
  f.value_var = std::string(next().text);
  if (peek().type == Tok::Comma) {
    next();
    f.key_var = std::move(f.value_var);
    if (peek().type != Tok::Ident) {
      fail(peek().start, "Invalid 'for' expression: a for expression requires a value variable name after the comma.");
    }
    f.value_var = std::string(next().text);
  }
  if (!is_keyword(peek(), "in")) {
    fail(peek().start,
         "Invalid 'for' expression: a for expression requires the 'in' keyword after its name declarations.");
  }
  next();
  f.collection = parse_expression();
  if (peek().type != Tok::Colon) {
    fail(peek().start, "Invalid 'for' expression: a for expression requires a colon after the collection expression.");
  }
  next();
  f.value = parse_expression();
  if (peek().type == Tok::FatArrow) {
    next();
    f.key = std::move(f.value);
    f.value = parse_expression();
  }
  Pos ellipsis;
  if (peek().type == Tok::Ellipsis) {
    ellipsis = next().start;
    f.grouping = true;
  }
  if (is_keyword(peek(), "if")) {
    next();
    f.condition = parse_expression();
  }
  if (peek().type == Tok::End) {
    fail(open.start, object ? "Unterminated 'for' expression: there is no closing brace before the end of the file."
                            : "Unterminated 'for' expression: there is no closing bracket before the end of the file.");
  }
  if (peek().type != close_type) {
    fail(peek().start, "Invalid 'for' expression: extra characters after the end of the 'for' expression.");
  }
  Token close = next();
  if (!object && f.key) {
    fail(f.key->range.start, "Invalid 'for' expression: a key expression is not valid when building a tuple.");
  }
  if (!object && f.grouping) {
    fail(ellipsis, "Invalid 'for' expression: the grouping ellipsis (...) cannot be used when building a tuple.");
  }
  if (object && !f.key) {
    fail(f.value->range.start, "Invalid 'for' expression: a key expression is required when building an object.");
  }
  return make_expr(std::move(f), range(open.start, close.end));
}

// ------------------------------------------------------------ entry points

ExpressionPtr Parser::parse_standalone_expression() {
  NewlineMode mode(*this, false);
  ExpressionPtr e = parse_expression();
  const Token& t = peek();
  if (t.type != Tok::End) {
    fail(t.start, "Extra characters after expression: an expression was successfully parsed, but extra "
                  "characters were found after it.");
  }
  return e;
}

ExpressionPtr Parser::parse_standalone_template() { return finish_template(Template::Form::Bare, nullptr); }

namespace {

/// Skips the UTF-8 byte order mark of a file (HCL's scanner does; text that
/// is not a whole file keeps it, as a character).
std::string_view prepare(std::string_view source, ParseOptions& options, bool file) {
  if (file && source.substr(0, 3) == "\xEF\xBB\xBF") {
    source.remove_prefix(3);
    options.start.byte += 3;
  }
  return source;
}

void check_utf8(std::string_view source, const ParseOptions& options) {
  std::size_t bad = find_invalid_utf8(source);
  if (bad == std::string_view::npos) return;
  Pos pos = options.start;
  for (std::size_t i = 0; i < bad; ++i) {
    auto c = static_cast<unsigned char>(source[i]);
    ++pos.byte;
    if (c == '\n') {
      ++pos.line;
      pos.column = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++pos.column;
    }
  }
  throw Failure{pos, "Invalid UTF-8: the source text must be valid UTF-8; found an invalid byte sequence."};
}

template <class T, class F>
ParseResult<T> run(std::string_view source, std::string filename, const ParseOptions& options, bool file,
                   F&& body) {
  ParseResult<T> result;
  ParseOptions opts = options;
  if (opts.start.line == 0) opts.start.line = 1;
  if (opts.start.column == 0) opts.start.column = 1;
  try {
    source = prepare(source, opts, file);
    check_utf8(source, opts);
    auto file = std::make_shared<const std::string>(filename);
    Parser parser(source, file, opts);
    result.value = body(parser, file);
  } catch (const Failure& f) {
    result.value = T{};
    result.error = Error{std::move(filename), f.pos, f.message};
  }
  return result;
}

}  // namespace

}  // namespace detail

ParseResult<File> parse_file(std::string_view source, std::string filename, const ParseOptions& options) {
  return detail::run<File>(source, std::move(filename), options, true,
                           [](detail::Parser& p, const std::shared_ptr<const std::string>& file) {
                             File f;
                             f.filename = file;
                             f.body = p.parse_config();
                             detail::attach_comments(f.body, std::move(p.comments()));
                             return f;
                           });
}

ParseResult<ExpressionPtr> parse_expression(std::string_view source, std::string filename,
                                            const ParseOptions& options) {
  return detail::run<ExpressionPtr>(source, std::move(filename), options, false,
                                    [](detail::Parser& p, const std::shared_ptr<const std::string>&) {
                                      ExpressionPtr e = p.parse_standalone_expression();
                                      detail::attach_comments(*e, std::move(p.comments()));
                                      return e;
                                    });
}

ParseResult<ExpressionPtr> parse_template(std::string_view source, std::string filename,
                                          const ParseOptions& options) {
  return detail::run<ExpressionPtr>(source, std::move(filename), options, false,
                                    [](detail::Parser& p, const std::shared_ptr<const std::string>&) {
                                      ExpressionPtr e = p.parse_standalone_template();
                                      detail::attach_comments(*e, std::move(p.comments()));
                                      return e;
                                    });
}

namespace {
template <class T>
T value_or_throw(ParseResult<T> r) {
  if (r.error) throw ParseError(std::move(*r.error));
  return std::move(r.value);
}
}  // namespace

File parse_file_or_throw(std::string_view source, std::string filename, const ParseOptions& options) {
  return value_or_throw(parse_file(source, std::move(filename), options));
}

ExpressionPtr parse_expression_or_throw(std::string_view source, std::string filename, const ParseOptions& options) {
  return value_or_throw(parse_expression(source, std::move(filename), options));
}

ExpressionPtr parse_template_or_throw(std::string_view source, std::string filename, const ParseOptions& options) {
  return value_or_throw(parse_template(source, std::move(filename), options));
}

}  // namespace stackgen::hcl
