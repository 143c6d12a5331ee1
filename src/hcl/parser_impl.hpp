// Internal: the recursive-descent parser shared by parser.cpp (structure and
// expressions) and template.cpp (templates).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "hcl/ast.hpp"
#include "hcl/lexer.hpp"
#include "hcl/parser.hpp"

namespace stackgen::hcl::detail {

struct Piece;  // a piece of template text (template.cpp)

class Parser {
 public:
  Parser(std::string_view source, std::shared_ptr<const std::string> filename, const ParseOptions& options);

  Body parse_config();
  ExpressionPtr parse_standalone_expression();
  ExpressionPtr parse_standalone_template();

  std::vector<Comment>& comments() noexcept { return comments_; }

 private:
  friend class NewlineMode;
  friend class Depth;

  // ---- token stream (parser.cpp)
  /// The next token; newlines are skipped unless the innermost context is
  /// newline-sensitive (bodies and object constructors are).
  const Token& peek();
  Token next();
  bool is_keyword(const Token& t, std::string_view word) const noexcept {
    return t.type == Tok::Ident && t.text == word;
  }
  [[noreturn, gnu::noinline, gnu::cold]] void fail(const Pos& pos, std::string message) const;
  /// For constant messages: keeps the std::string out of the caller's frame.
  [[noreturn, gnu::noinline, gnu::cold]] void fail(const Pos& pos, const char* message) const;
  Range range(const Pos& start, const Pos& end) const { return Range{file_, start, end}; }
  void enter(const Pos& pos);
  void leave() noexcept { --depth_; }
  [[noreturn, gnu::noinline, gnu::cold]] void fail_too_deep(const Pos& pos) const;
  /// Bytes of stack used since the parser was made (the frame address is the
  /// real stack even when a sanitizer moves locals elsewhere).
  std::size_t stack_used() const noexcept {
    auto here = reinterpret_cast<std::uintptr_t>(__builtin_frame_address(0));
    return here < stack_base_ ? stack_base_ - here : 0;
  }

  // ---- structure (parser.cpp)
  void parse_body(Body& body, const Token* open_brace);
  void parse_body_item(Body& body, std::vector<std::pair<std::string_view, Pos>>& names);
  [[gnu::noinline]] void body_attribute(Body& body, std::vector<std::pair<std::string_view, Pos>>& names,
                                        const Token& name);
  [[gnu::noinline]] void finish_block(const Token& type, Block& block);
  void finish_attribute(const Token& name, Attribute& attr);

  // ---- expressions (parser.cpp)
  ExpressionPtr parse_expression();
  [[gnu::noinline]] ExpressionPtr finish_conditional(ExpressionPtr cond);
  ExpressionPtr parse_binary();
  [[gnu::noinline]] ExpressionPtr finish_binary(ExpressionPtr first);
  ExpressionPtr parse_unary();
  ExpressionPtr parse_term();
  [[noreturn, gnu::noinline, gnu::cold]] void fail_expected_expression(const Token& t) const;
  [[gnu::noinline]] ExpressionPtr finish_parens(const Token& open);
  [[gnu::noinline]] ExpressionPtr number_literal(const Token& n);
  [[gnu::noinline]] ExpressionPtr finish_identifier(const Token& id);
  [[gnu::noinline]] ExpressionPtr identifier_value(const Token& id);
  ExpressionPtr parse_postfix(ExpressionPtr e);
  [[gnu::noinline]] ExpressionPtr finish_call(const Token& name);
  [[noreturn, gnu::noinline, gnu::cold]] void fail_unterminated_call(const Token& open) const;
  [[noreturn, gnu::noinline, gnu::cold]] void fail_unterminated_tuple(const Token& open) const;
  [[gnu::noinline]] ExpressionPtr finish_tuple(const Token& open);
  [[gnu::noinline]] ExpressionPtr finish_object(const Token& open);
  [[gnu::noinline]] ExpressionPtr finish_for(const Token& open, bool object);
  void check_number(const Token& t) const;

  // ---- templates (template.cpp)
  ExpressionPtr finish_template(Template::Form form, const Token* open);
  [[gnu::noinline]] void scan_sequence(Template::Form form, Piece& piece);
  [[noreturn, gnu::noinline, gnu::cold]] void fail_keyword(const Token& k) const;
  [[noreturn, gnu::noinline, gnu::cold]] void fail_unterminated(Template::Form form, const Token& open) const;
  [[noreturn, gnu::noinline, gnu::cold]] void fail_sequence_end(const Token& close, std::string_view keyword,
                                                                const Pos& seq_start, Template::Form form) const;
  std::string finish_quoted_literal(const Token& open, Pos& end);
  /// Appends the decoded literal text of a quoted template up to the closing
  /// quote or the next sequence.
  void scan_quoted_text(std::string& out);
  /// Appends the literal text of a heredoc or bare template up to the next
  /// sequence or through the end of the line; true when a newline was taken.
  bool scan_line_text(std::string& out);
  bool at_heredoc_marker(std::string_view marker, std::size_t& line_len) const;

  Lexer lx_;
  Token la_;
  bool has_la_ = false;
  std::vector<bool> newline_sensitive_;
  std::size_t depth_ = 0;
  std::size_t max_depth_;
  std::size_t max_stack_;
  std::uintptr_t stack_base_ = reinterpret_cast<std::uintptr_t>(__builtin_frame_address(0));
  Pos prev_end_;  // end of the last token taken with next()
  std::shared_ptr<const std::string> file_;
  std::vector<Comment> comments_;

  friend struct TemplateBuilder;
};

/// Pushes a newline mode for the lifetime of the guard.
class NewlineMode {
 public:
  NewlineMode(Parser& p, bool sensitive) : p_(p) { p_.newline_sensitive_.push_back(sensitive); }
  ~NewlineMode() { p_.newline_sensitive_.pop_back(); }
  NewlineMode(const NewlineMode&) = delete;
  NewlineMode& operator=(const NewlineMode&) = delete;

 private:
  Parser& p_;
};

/// One level of nesting for the lifetime of the guard (see max_nesting).
class Depth {
 public:
  Depth(Parser& p, const Pos& pos) : p_(p) { p_.enter(pos); }
  ~Depth() { p_.leave(); }
  Depth(const Depth&) = delete;
  Depth& operator=(const Depth&) = delete;

 private:
  Parser& p_;
};

/// Attaches comments to the nodes of a parsed tree (comments.cpp).
void attach_comments(Body& body, std::vector<Comment> comments);
void attach_comments(Expression& root, std::vector<Comment> comments);

}  // namespace stackgen::hcl::detail
