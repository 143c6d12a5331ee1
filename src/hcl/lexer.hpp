// Internal: the tokenizer for the expression and structural languages.
//
// The lexer is pulled by the parser one token at a time. Template text
// (inside quotes, heredocs and bare templates) is not tokenized here: the
// parser scans it directly through the cursor primitives below, because what
// a character means there depends on the parser's state (HCL's scanner keeps
// an equivalent stack of modes).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "hcl/comment.hpp"
#include "hcl/position.hpp"

namespace stackgen::hcl::detail {

/// Thrown at the first error; caught by the entry points.
struct Failure {
  Pos pos;
  std::string message;
};

enum class Tok : std::uint8_t {
  End,  // end of input
  Newline,
  Ident,
  Number,
  OQuote,    // "
  OHeredoc,  // <<EOT or <<-EOT, with its newline
  LBrace,
  RBrace,
  TildeRBrace,  // ~}
  LBrack,
  RBrack,
  LParen,
  RParen,
  Dot,
  Comma,
  Star,
  Slash,
  Percent,
  Plus,
  Minus,
  Assign,  // =
  Less,
  Greater,
  Bang,
  Question,
  Colon,
  EqualEq,
  NotEq,
  LessEq,
  GreaterEq,
  AndAnd,
  OrOr,
  DoubleColon,
  Ellipsis,
  FatArrow,
};

struct Token {
  Tok type = Tok::End;
  Pos start;
  Pos end;
  std::string_view text;    // the token's source text
  std::string_view marker;  // OHeredoc: the delimiter word
  bool flush = false;       // OHeredoc: `<<-`
};

/// A short description of a token for error messages, e.g. `"}"` or "newline".
std::string describe(const Token& t);

class Lexer {
 public:
  Lexer(std::string_view source, Pos start, std::vector<Comment>* comments,
        std::shared_ptr<const std::string> filename);

  /// The next token of the expression/structural language. Spaces, tabs and
  /// comments are skipped (comments are recorded).
  Token next();

  // Cursor primitives for template scanning.
  std::size_t offset() const noexcept { return i_; }
  const Pos& pos() const noexcept { return pos_; }
  bool at_end() const noexcept { return i_ >= src_.size(); }
  /// The byte k positions ahead, or '\0' past the end.
  char peek(std::size_t k = 0) const noexcept { return i_ + k < src_.size() ? src_[i_ + k] : '\0'; }
  std::string_view source() const noexcept { return src_; }
  void advance(std::size_t n) noexcept;

 private:
  void skip_space_and_comments();
  Token make(Tok type, std::size_t len);

  std::string_view src_;
  std::size_t i_ = 0;
  Pos pos_;
  std::vector<Comment>* comments_;
  std::shared_ptr<const std::string> filename_;
};

}  // namespace stackgen::hcl::detail
