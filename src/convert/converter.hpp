// The converter's state and steps, one file per step: declarations.cpp
// (what the module declares, what refers to what, the order), expressions.cpp
// (HCL expressions as C++ expressions of the type the destination wants),
// statements.cpp (blocks as builder chains), provisioners.cpp (provisioner
// and connection blocks), program_files.cpp (the files).
//
// Each expression is translated against the C++ type its destination wants
// (the setter's Expr<T>, a variable's type): literals as C++ literals,
// references as handle expressions (`vpc_main.id()`, `var_region`), string
// templates as concatenations, and what has no typed form yet as
// stackgen::raw<T>("<HCL>"), counted in the summary. A value of another
// type is passed through stackgen::as<T>, which only changes the C++ type:
// the emitted expression is the same text, so Terraform converts it as it
// did before.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "convert/convert.hpp"
#include "convert/input.hpp"
#include "convert/schema_index.hpp"
#include "hcl/ast.hpp"

namespace stackgen::convert::detail {

enum class Kind {
  variable, local, output, provider, terraform, resource, data, ephemeral, module, moved, import, removed, check
};

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
  /// A data source declared in a check block: that check's declaration
  /// (which writes it); npos for every other declaration.
  std::size_t scope = static_cast<std::size_t>(-1);
  bool scoped() const { return scope != static_cast<std::size_t>(-1); }
};

class Converter {
 public:
  Converter(const ConvertOptions& o, SchemaIndex& schemas) : options_(o), schemas_(schemas) {}
  ConvertSummary run();
 private:
  void collect();
  void add(Declaration d);
  std::string where(const hcl::Block& b, std::size_t f) const;
  static std::optional<std::string> literal_string(const hcl::Expression& e);
  // The address a traversal refers to ("aws_vpc.main", "var.x"), or "".
  static std::string address_of(const hcl::Traversal& t);
  /// `aws.west` -> "provider.aws.west", `aws` -> "provider.aws"; "" unless a
  /// plain variable traversal (what `provider =` and module `providers` hold).
  static std::string provider_address(const hcl::Traversal* t);

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
  void body_dependencies(const hcl::Body& body, std::set<std::size_t>& deps, std::size_t self) const;
  void resolve_dependencies();
  // Files in an order where references point back when the files allow it;
  // declarations in each file topologically, stable in source order.
  void order();
  static std::string sanitize(std::string_view s);
  static std::string without_provider(const std::string& type);
  std::string handle_base(const Declaration& d) const;
  static std::string unique_name(std::string base, std::set<std::string>& used);
  std::string handle_type(Declaration& d);
  // A variable's `type`: the C++ T of Variable<T>.
  std::string variable_type(const Declaration& d);
  // The type constraint a Variable<Any> keeps as text: none at all, or one
  // C++ does not spell (object, tuple, optional(...)); nullopt when the C++
  // type says it.
  std::optional<std::string> variable_type_text(const Declaration& d);
  static std::optional<std::string> type_of(const hcl::Expression& e);
  void note(const Declaration& d, const std::string& what);


  struct Code {
    std::string text;
    std::string type;  ///< C++ T of Expr<T>; "" for a C++ literal whose type is `literal`
    std::string literal;  ///< "string", "number", "bool", "null" for C++ literals
  };

  // What an expression is translated in: the file and declaration it is in,
  // and the iterators of the dynamic blocks around it.
  struct Scope {
    std::size_t file = 0;
    std::vector<std::pair<std::string, std::string>> iterators;  ///< HCL name -> C++ variable
    struct Bound {
      std::string name, cpp, type;
      bool iterator = false;  ///< a dynamic block's iterator: NAME.value is the element
    };
    std::vector<Bound> bound;  ///< for-expression variables: HCL name, lambda parameter, its T
    /// Inside a provisioner or connection: the resource `self` is, and the
    /// C++ name of its self handle (the builder lambda's parameter).
    const Declaration* self = nullptr;
    std::string self_cpp;
    bool self_used = false;
  };
  Code raw(const hcl::Expression& e, const std::string& want);
  // `code` as the type `want`.
  Code coerce(Code c, const std::string& want);
  Code expr(const hcl::Expression& e, const std::string& want, Scope& sc);
  Code translate(const hcl::Literal& l, const hcl::Expression& e, const std::string& want, Scope&);
  Code translate(const hcl::Template& t, const hcl::Expression& e, const std::string& want, Scope& sc);
  // A template's parts (literal text, interpolations, %{if} and %{for}
  // directives) as one Expr<std::string>; nullopt when one has no typed form.
  std::optional<std::string> template_parts(const std::vector<hcl::TemplatePart>& parts, Scope& sc);
  Code translate(const hcl::Traversal& t, const hcl::Expression& e, const std::string& want, Scope& sc);
  // Steps after a handle: list[0], map["k"], object.field.
  Code apply_steps(Code c, const hcl::Traversal& t, std::size_t from, const hcl::Expression& e,
                   const std::string& want, Scope& sc);
  // A reference written as text: checked against the stack's blocks at emit.
  Code text_reference(const hcl::Traversal& t, const hcl::Expression& e, const std::string& want);
  bool handle_available(const Declaration& d, const Scope& sc) const;
  // `self.attr` through the self handle's typed getter (provisioners.cpp).
  Code self_reference(const hcl::Traversal& t, const hcl::Expression& e, const std::string& want, Scope& sc);
  // jsonencode of a document: the document as C++ data; other functions by
  // name (stackgen::function_call), their arguments translated.
  Code translate(const hcl::FunctionCall& f, const hcl::Expression& e, const std::string& want, Scope& sc);
  Code translate(const hcl::Tuple& t, const hcl::Expression& e, const std::string& want, Scope& sc);
  // An expression where a stackgen::Value is wanted.
  std::string value_text(const hcl::Expression& x, Scope& sc);
  Code translate(const hcl::Object& o, const hcl::Expression& e, const std::string& want, Scope& sc);
  // An object whose keys are expressions as stackgen::map_of<T>(...).
  Code computed_keys(const hcl::Object& o, const hcl::Expression& e, const std::string& want, Scope& sc);
  Code translate(const hcl::Conditional& c, const hcl::Expression& e, const std::string& want_in, Scope& sc);
  // for expressions as stackgen::for_list / for_map / group_by with lambdas.
  Code translate(const hcl::ForExpr& f, const hcl::Expression& e, const std::string& want, Scope& sc);
  // [for v in aws_x.y : v.attr] over every instance as stackgen::values_of.
  std::optional<Code> instance_values(const hcl::ForExpr& f, Scope& sc);
  // The collection of a for expression or %{for} and its lambdas' head,
  // the variables bound in `sc` (the caller unbinds them).
  std::pair<Code, std::string> for_variables(const hcl::Expression& collection, const std::string& key_var,
                                             const std::string& value_var, Scope& sc);
  Code translate(const hcl::BinaryOp& b, const hcl::Expression& e, const std::string& want, Scope& sc);
  Code translate(const hcl::UnaryOp& u, const hcl::Expression& e, const std::string& want, Scope& sc);
  Code translate(const hcl::Parens& p, const hcl::Expression&, const std::string& want, Scope& sc);
  // A JSON document written as text (heredoc or quoted string, its
  // interpolations inside string values) in an attribute that holds JSON
  // (IAM policies, container definitions: json_documents.cpp), as
  // jsonencode(<the same data>); nullopt otherwise.
  std::optional<std::string> json_document(const Declaration& d, const std::string& attribute,
                                           const hcl::Expression& e, Scope& sc);

  // A JSON document (jsonencode's argument, or JSON text) before it is
  // written: objects with literal keys, lists, and leaves. A leaf is
  // translated when written, in the C++ form its place wants (translating
  // counts in the summary: document_code() undoes the counts of a try that
  // does not fit).
  struct DocNode {
    enum class Kind { object, list, leaf } kind = Kind::leaf;
    std::vector<std::pair<std::string, DocNode>> fields;
    std::vector<DocNode> items;
    std::optional<std::string> literal;  ///< a leaf that is a literal string: its content
    std::optional<std::string> number;   ///< a leaf that is a literal number: its text
    enum class As { value, string, number, boolean };
    /// The leaf as C++ text: a stackgen::Value, or an Expr<std::string> /
    /// Expr<Number> / Expr<bool> argument; nullopt when it is not of that type.
    std::function<std::optional<std::string>(As)> text;
  };
  DocNode document_node(const hcl::Expression& e, Scope& sc);
  // The document as stackgen::Value data (Value::object / Value::list).
  std::string document_value(const DocNode& doc);
  // jsonencode of the document as the awsdoc type it fits exactly (what
  // that type's to_value() writes is the document: aws_documents.cpp), or
  // as jsonencode(<Value data>). `owner`/`attribute`: where it is set.
  std::string document_code(const DocNode& doc, const Declaration* owner, std::string_view attribute);
  std::optional<std::string> policy_document(const DocNode& doc);
  std::optional<std::string> container_definitions(const DocNode& doc, const Declaration& owner);
  /// Where the expression being translated is set (a resource's top-level
  /// argument), for documents whose form depends on it.
  const Declaration* document_owner_ = nullptr;
  std::string document_attribute_;
  const hcl::Expression* document_value_ = nullptr;  ///< the argument's whole value
  /// The indent of the line a document starts on (its builder's lines go
  /// below it, indented).
  std::string document_indent_ = "  ";
  /// The headers of the declaration being written (awsdoc's, when used).
  std::set<std::string>* headers_ = nullptr;

  template <class N>
  Code translate(const N&, const hcl::Expression& e, const std::string& want, Scope&) {
    return raw(e, want);
  }


  struct Out {
    std::string text;
    std::set<std::string> headers;
  };
  std::string comments_of(const hcl::Comments& c, const std::string& indent);
  std::string not_converted(const Declaration& d, const std::string& what, const hcl::Block& b,
                            const std::string& indent);
  // `terraform { cloud { ... } }` as s.terraform().cloud(Cloud(...)...).
  std::string cloud_settings(const Declaration& d, const hcl::Block& cloud, const std::string& indent);
  // Setters of a typed block body (resource, data source, provider, or a
  // nested block inside a lambda). `target` is the chain's object text
  // (empty: continue a chain with `.x(...)`).
  void typed_body(const hcl::Body& body, const bindgen::StructPlan& plan, const bindgen::Block& schema,
                  const std::string& scope, Scope& sc, const Declaration& d, std::string& out,
                  const std::string& indent, const std::string& target, bool top);
  // The value of an attribute written as blocks: a list of typed structs
  // from static blocks, or for_list over a single dynamic block's for_each.
  std::optional<std::string> attribute_blocks(const hcl::Body& body, const std::string& name, const std::string& type,
                                              Scope& sc);
  // A typed object struct from a block body's attributes (nested blocks of
  // an object attribute are its list-of-object fields).
  std::optional<std::string> object_from_body(const hcl::Body& body, const std::string& type, Scope& sc);
  // The object-type structs of a block (ingress of aws_security_group), by
  // qualified name, so that object literals become typed structs.
  void register_object_structs(const bindgen::StructPlan& plan, const std::string& scope);
  // A dynamic block: continues a resource's chain (`target` empty) or is a
  // statement on a nested block's builder `target`.
  void dynamic_block(const hcl::Block& b, const bindgen::StructPlan& plan, const bindgen::Block& schema,
                     const std::string& scope, Scope& sc, const Declaration& d, std::string& out,
                     const std::string& indent, const std::string& target);
  std::string lifecycle(const hcl::Block& b, Scope& sc);
  // `provisioner "type" {...}` and `connection {...}` as the argument of
  // .provisioner / .connection: a builder lambda taking the self handle
  // when the block uses self; nullopt when there is no typed form (an
  // unknown provisioner type or argument, a missing required one).
  std::optional<std::string> provisioner(const hcl::Block& b, const Declaration& d, Scope& sc);
  std::optional<std::string> connection_block(const hcl::Block& b, const Declaration& d, Scope& sc);
  std::optional<std::string> connection_value(const hcl::Body& body, Scope& sc);
  std::optional<std::string> provisioner_value(const hcl::Block& b, Scope& sc);
  // count, for_each, depends_on, provider: true when handled.
  bool meta_attribute(const hcl::Attribute& a, const Declaration& d, Scope& sc, std::string& out,
                      const std::string& indent, const std::string& target);
  // Untyped bodies: arguments with set(), nested blocks with block().
  std::string untyped_value(const hcl::Body& body, Scope& sc);
  void untyped_body(const hcl::Body& body, Scope& sc, const Declaration& d, std::string& out,
                    const std::string& indent);
  static std::string dynamic_iterator(const hcl::Block& b);
  struct DynamicHead {
    Code collection;
    std::string var, it_var;  ///< the builder lambda's parameters
  };
  DynamicHead dynamic_head(const std::string& name, const std::string& iterator, const hcl::Expression& for_each,
                           Scope& sc);
  // A dynamic block of an untyped resource, over stackgen::UntypedBlock.
  void untyped_dynamic(const hcl::Block& b, Scope& sc, const Declaration& d, std::string& out,
                       const std::string& indent);
  std::string declaration(std::size_t index, Out& o);

  static std::string b_name(const Declaration& d) { return d.block->type; }
  static const std::vector<hcl::ObjectItem>& no_items();
  // Ends a builder chain: the last line gets the semicolon.
  // (after its last call: comment lines after it stay comments).
  static void trim_chain(std::string& out);
  void write_file(const std::string& name, const std::string& text);
  /// Queues a file of the program; commit_files() writes them all or none.
  void stage(std::string name, std::string text) { staged_.emplace_back(std::move(name), std::move(text)); }
  /// The manifest of an earlier convert into `out` (.stackgen-convert), then
  /// every staged file, then the new manifest, then stale files removed.
  void commit_files();
  void write();

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
  std::vector<std::pair<std::string, std::string>> staged_;
};

}  // namespace stackgen::convert::detail
