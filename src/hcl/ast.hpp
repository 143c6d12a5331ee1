// The syntax tree of the HCL native syntax (hclsyntax/spec.md).
//
// The tree is shaped for a converter rather than for evaluation: it keeps what
// the source said (parentheses, the `.0` legacy index form, heredoc markers,
// strip markers, number text, comments) and every node has a source range.
//
// Names follow the HCL specification: a configuration file is a Body of
// Attributes and Blocks; attribute values are Expressions; quoted strings and
// heredocs are Templates made of literal, interpolation and directive parts.
//
// Ownership: children are held by std::unique_ptr / by value, so a tree is
// movable but not copyable (use clone()). Every walker in this library is
// safe on the deep left-leaning trees that long `a + b + c + ...` chains
// produce; do the same in your own walkers (see docs/hcl-parser.md).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "hcl/comment.hpp"
#include "hcl/position.hpp"

namespace stackgen::hcl {

struct Expression;
/// Non-null wherever the grammar requires an expression; optional slots
/// (a for expression's key or condition, a traversal's source) may be null.
using ExpressionPtr = std::unique_ptr<Expression>;

// ---------------------------------------------------------------- literals

/// `42`, `1.5e3`, `true`, `false`, `null`. Numbers keep their source text
/// (arbitrary precision, exactly as written); a leading minus sign is a
/// UnaryOp, as in HCL.
struct Literal {
  enum class Type { Number, Bool, Null };
  Type type = Type::Null;
  std::string number;  ///< Number: the source text, e.g. "1.5e3"
  bool boolean = false;  ///< Bool: the value
};

// --------------------------------------------------------------- templates

struct TemplatePart;

/// Strip markers of one template sequence: `${~ ... }` / `%{~ ... }` sets
/// `left` (strips whitespace from the end of the literal before it), and
/// `... ~}` sets `right` (strips whitespace from the start of the literal
/// after it). Stripping is already applied to the literal parts' values; the
/// flags are kept so the printer can reproduce the source.
struct StripMarkers {
  bool left = false;
  bool right = false;
  friend bool operator==(const StripMarkers&, const StripMarkers&) = default;
};

/// Literal text of a template, with escapes decoded, strip markers and heredoc
/// indentation removal applied, consecutive pieces merged. Never empty.
struct TemplateLiteral {
  std::string value;
  Range range;
};

/// `${ expr }`.
struct TemplateInterpolation {
  ExpressionPtr expr;
  StripMarkers strip;
  Range range;
};

/// `%{ if cond }...%{ else }...%{ endif }`.
struct TemplateIf {
  ExpressionPtr condition;
  std::vector<TemplatePart> then_parts;
  std::vector<TemplatePart> else_parts;
  bool has_else = false;
  StripMarkers if_strip, else_strip, endif_strip;
  Range range;  ///< from `%{ if` to the end of `%{ endif }`
};

/// `%{ for key, value in collection }...%{ endfor }`.
struct TemplateFor {
  std::string key_var;  ///< empty when only one variable is named
  std::string value_var;
  ExpressionPtr collection;
  std::vector<TemplatePart> body;
  StripMarkers for_strip, endfor_strip;
  Range range;  ///< from `%{ for` to the end of `%{ endfor }`
};

struct TemplatePart {
  std::variant<TemplateLiteral, TemplateInterpolation, TemplateIf, TemplateFor> node;
  const Range& range() const noexcept;
};

/// A template expression: `"quoted ${x}"`, a heredoc, or a bare template
/// (the whole input of parse_template(), e.g. a string from a .tf.json file).
struct Template {
  enum class Form { Quoted, Heredoc, Bare };
  Form form = Form::Quoted;
  std::string heredoc_marker;  ///< Heredoc: the delimiter word, e.g. "EOT"
  bool heredoc_flush = false;  ///< Heredoc: `<<-` (leading indentation removed)
  /// In source order. Empty for `""`. Adjacent literals are merged and empty
  /// literals dropped, so two literals are never adjacent.
  std::vector<TemplatePart> parts;

  /// True when the template is literal text only (no sequences).
  bool is_literal() const noexcept;
  /// The text of a literal-only template ("" for no parts); nullopt otherwise.
  std::optional<std::string> literal_value() const;
  /// True for a template that is exactly one interpolation, like "${x}": HCL
  /// evaluates it to the interpolated value itself, without converting it
  /// to a string ("interpolation unwrapping").
  bool is_wrap() const noexcept;
};

// -------------------------------------------------------------- traversals

/// One postfix step of a traversal.
struct TraversalStep {
  enum class Kind {
    GetAttr,      ///< `.name`
    Index,        ///< `[key]`
    LegacyIndex,  ///< `.0` (HIL-era index syntax; `number` holds the digits)
    AttrSplat,    ///< `.*` (attribute-only splat)
    FullSplat,    ///< `[*]` (full splat)
  };
  Kind kind = Kind::GetAttr;
  std::string name;   ///< GetAttr: the attribute name; LegacyIndex: the index text
  ExpressionPtr key;  ///< Index: the key expression
  Range range;        ///< including the `.` or the brackets
};

/// A variable reference with its postfix steps (`var.x`, `aws_instance.web[0].id`,
/// `local.list[*].name`), or postfix steps applied to another expression
/// (`f(x)[0]`, `(a).b`, `[1, 2][*]`).
///
/// The steps are flat and in source order. Splat scope follows HCL:
/// everything after a FullSplat `[*]` applies to each element; after an
/// AttrSplat `.*` only the directly following GetAttr / LegacyIndex steps
/// apply to each element, and the first other step applies to the result.
struct Traversal {
  ExpressionPtr source;  ///< null for a traversal rooted at a variable
  std::string root;      ///< the variable name when `source` is null
  Range root_range;      ///< the root name (or the source expression)
  std::vector<TraversalStep> steps;

  bool is_variable() const noexcept { return source == nullptr; }
};

// ---------------------------------------------------- calls and collections

/// `name(args)`, `provider::aws::arn_parse(x)`, `f(list...)`.
struct FunctionCall {
  std::vector<std::string> name_space;  ///< {"provider", "aws"} for provider::aws::f
  std::string name;                     ///< the function name, "arn_parse"
  std::vector<ExpressionPtr> args;
  bool expand_final = false;  ///< the last argument is followed by `...`
  Range name_range;           ///< including the namespace

  /// The name as written, with "::" separators.
  std::string full_name() const;
};

/// `[a, b, c]`.
struct Tuple {
  std::vector<ExpressionPtr> elements;
};

/// One `key = value` (or `key: value`) of an object constructor.
struct ObjectItem {
  /// A bare identifier key (`{ foo = 1 }`) is a root-only Traversal and means
  /// the literal name "foo"; use key_name(). `(foo)` is a Parens node and
  /// means the value of `foo`.
  ExpressionPtr key;
  ExpressionPtr value;
  Range range;
  Comments comments;

  /// The literal key name: a bare identifier or a literal-only quoted string
  /// (`foo = 1`, `"foo" = 1`); nullopt for computed keys.
  std::optional<std::string> key_name() const;
};

/// `{ a = 1, b = 2 }` (newline or comma separated).
struct Object {
  std::vector<ObjectItem> items;
};

/// `[for k, v in coll : value if cond]` or `{for k, v in coll : key => value... if cond}`.
struct ForExpr {
  bool object = false;  ///< `{for ...}` (key => value) rather than `[for ...]`
  std::string key_var;  ///< empty when only one variable is named
  std::string value_var;
  ExpressionPtr collection;
  ExpressionPtr key;  ///< object form only
  ExpressionPtr value;
  ExpressionPtr condition;  ///< the `if` clause; null when absent
  bool grouping = false;    ///< object form: `value...`
};

// -------------------------------------------------------------- operations

/// `cond ? a : b`.
struct Conditional {
  ExpressionPtr condition;
  ExpressionPtr true_result;
  ExpressionPtr false_result;
};

enum class UnaryOperator { Negate, Not };

/// `-x`, `!x`.
struct UnaryOp {
  UnaryOperator op = UnaryOperator::Negate;
  ExpressionPtr operand;
};

enum class BinaryOperator {
  Or,         // ||
  And,        // &&
  Equal,      // ==
  NotEqual,   // !=
  Less,       // <
  Greater,    // >
  LessEq,     // <=
  GreaterEq,  // >=
  Add,        // +
  Subtract,   // -
  Multiply,   // *
  Divide,     // /
  Modulo,     // %
};

/// The operator's spelling, e.g. "&&".
std::string_view to_string(BinaryOperator op) noexcept;
std::string_view to_string(UnaryOperator op) noexcept;
/// HCL precedence level: 1 (`||`) to 6 (`*` `/` `%`); higher binds tighter.
/// All binary operators are left-associative.
int precedence(BinaryOperator op) noexcept;

/// `a + b`. A chain `a + b + c` is left-nested: ((a + b) + c).
struct BinaryOp {
  BinaryOperator op = BinaryOperator::Add;
  ExpressionPtr lhs;
  ExpressionPtr rhs;

  BinaryOp() = default;
  BinaryOp(BinaryOperator o, ExpressionPtr l, ExpressionPtr r);
  BinaryOp(BinaryOp&&) noexcept = default;
  BinaryOp& operator=(BinaryOp&&) noexcept = default;
  /// Dismantles left-nested chains iteratively, so that destroying a
  /// 100,000-term sum does not overflow the stack.
  ~BinaryOp();
};

/// `( expr )`, kept so that a converter knows where the source had them.
struct Parens {
  ExpressionPtr expr;
};

// -------------------------------------------------------------- expression

enum class ExpressionKind {
  Literal,
  Template,
  Traversal,
  FunctionCall,
  Tuple,
  Object,
  For,
  Conditional,
  Unary,
  Binary,
  Parens,
};

struct Expression {
  /// The alternatives are in the order of ExpressionKind.
  using Node = std::variant<Literal, Template, Traversal, FunctionCall, Tuple, Object, ForExpr,
                            Conditional, UnaryOp, BinaryOp, Parens>;
  Node node;
  Range range;
  Comments comments;

  ExpressionKind kind() const noexcept { return static_cast<ExpressionKind>(node.index()); }
  template <class T>
  T* get_if() noexcept {
    return std::get_if<T>(&node);
  }
  template <class T>
  const T* get_if() const noexcept {
    return std::get_if<T>(&node);
  }
};

/// A deep copy (ranges and comments included).
ExpressionPtr clone(const Expression& e);

// ------------------------------------------------------------------ bodies

struct Attribute;
struct Block;
struct BodyItem;

/// The content of a file or of a block: attributes and blocks in source order.
struct Body {
  std::vector<BodyItem> items;
  /// Comments in the body that belong to no item: after the last item, in an
  /// empty body, or on the line of the block's opening brace.
  std::vector<Comment> inner_comments;
  Range range;  ///< a block's body includes its braces

  /// The attribute of that name (attribute names are unique in a body).
  const Attribute* attribute(std::string_view name) const noexcept;
  /// The blocks of that type, in source order.
  std::vector<const Block*> blocks(std::string_view type) const;
};

/// `name = expr`.
struct Attribute {
  std::string name;
  ExpressionPtr expr;
  Range range;  ///< from the name to the end of the expression
  Range name_range;
  Comments comments;
};

/// A block label: `"quoted"` (escapes decoded) or a bare identifier.
struct BlockLabel {
  std::string value;
  bool quoted = true;
  Range range;
};

/// `type "label" label2 { body }`.
struct Block {
  std::string type;
  std::vector<BlockLabel> labels;
  Body body;
  bool one_line = false;  ///< written as `type { name = value }` on one line
  Range range;            ///< from the type to the closing brace
  Range type_range;
  Comments comments;
};

struct BodyItem {
  std::variant<Attribute, Block> node;

  const Attribute* attribute() const noexcept { return std::get_if<Attribute>(&node); }
  const Block* block() const noexcept { return std::get_if<Block>(&node); }
  Attribute* attribute() noexcept { return std::get_if<Attribute>(&node); }
  Block* block() noexcept { return std::get_if<Block>(&node); }
  const Range& range() const noexcept;
  const Comments& comments() const noexcept;
};

/// A parsed configuration file.
struct File {
  std::shared_ptr<const std::string> filename;
  Body body;
};

}  // namespace stackgen::hcl
