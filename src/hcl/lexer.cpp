#include "hcl/lexer.hpp"

#include "hcl/unicode.hpp"

namespace stackgen::hcl::detail {

namespace {

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

const char* spelling(Tok t) noexcept {
  switch (t) {
    case Tok::End: return "end of file";
    case Tok::Newline: return "newline";
    case Tok::Ident: return "identifier";
    case Tok::Number: return "number";
    case Tok::OQuote: return "\"\\\"\"";
    case Tok::OHeredoc: return "heredoc";
    case Tok::LBrace: return "\"{\"";
    case Tok::RBrace: return "\"}\"";
    case Tok::TildeRBrace: return "\"~}\"";
    case Tok::LBrack: return "\"[\"";
    case Tok::RBrack: return "\"]\"";
    case Tok::LParen: return "\"(\"";
    case Tok::RParen: return "\")\"";
    case Tok::Dot: return "\".\"";
    case Tok::Comma: return "\",\"";
    case Tok::Star: return "\"*\"";
    case Tok::Slash: return "\"/\"";
    case Tok::Percent: return "\"%\"";
    case Tok::Plus: return "\"+\"";
    case Tok::Minus: return "\"-\"";
    case Tok::Assign: return "\"=\"";
    case Tok::Less: return "\"<\"";
    case Tok::Greater: return "\">\"";
    case Tok::Bang: return "\"!\"";
    case Tok::Question: return "\"?\"";
    case Tok::Colon: return "\":\"";
    case Tok::EqualEq: return "\"==\"";
    case Tok::NotEq: return "\"!=\"";
    case Tok::LessEq: return "\"<=\"";
    case Tok::GreaterEq: return "\">=\"";
    case Tok::AndAnd: return "\"&&\"";
    case Tok::OrOr: return "\"||\"";
    case Tok::DoubleColon: return "\"::\"";
    case Tok::Ellipsis: return "\"...\"";
    case Tok::FatArrow: return "\"=>\"";
  }
  return "token";
}

}  // namespace

std::string describe(const Token& t) {
  if (t.type == Tok::Ident) return "identifier \"" + std::string(t.text) + "\"";
  if (t.type == Tok::Number) return "number " + std::string(t.text);
  return spelling(t.type);
}

Lexer::Lexer(std::string_view source, Pos start, std::vector<Comment>* comments,
             std::shared_ptr<const std::string> filename)
    : src_(source), pos_(start), comments_(comments), filename_(std::move(filename)) {}

void Lexer::advance(std::size_t n) noexcept {
  const std::size_t stop = i_ + n < src_.size() ? i_ + n : src_.size();
  for (; i_ < stop; ++i_) {
    auto c = static_cast<unsigned char>(src_[i_]);
    ++pos_.byte;
    if (c == '\n') {
      ++pos_.line;
      pos_.column = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++pos_.column;
    }
  }
}

Token Lexer::make(Tok type, std::size_t len) {
  Token t;
  t.type = type;
  t.start = pos_;
  t.text = src_.substr(i_, len);
  advance(len);
  t.end = pos_;
  return t;
}

void Lexer::skip_space_and_comments() {
  for (;;) {
    char c = peek();
    if (c == ' ' || c == '\t') {
      advance(1);
      continue;
    }
    bool hash = c == '#';
    bool slashes = c == '/' && peek(1) == '/';
    if (hash || slashes) {
      std::size_t j = i_;
      while (j < src_.size() && src_[j] != '\n') ++j;
      if (j > i_ && j < src_.size() && src_[j - 1] == '\r') --j;  // keep "\r\n" as the newline
      Comment cm;
      cm.style = hash ? Comment::Style::Hash : Comment::Style::DoubleSlash;
      cm.text = std::string(src_.substr(i_, j - i_));
      cm.range.filename = filename_;
      cm.range.start = pos_;
      advance(j - i_);
      cm.range.end = pos_;
      comments_->push_back(std::move(cm));
      continue;
    }
    if (c == '/' && peek(1) == '*') {
      std::size_t close = src_.find("*/", i_ + 2);
      if (close == std::string_view::npos) {
        throw Failure{pos_, "Unterminated comment: a \"/*\" comment has no closing \"*/\" before the end of the file."};
      }
      Comment cm;
      cm.style = Comment::Style::Block;
      cm.text = std::string(src_.substr(i_, close + 2 - i_));
      cm.range.filename = filename_;
      cm.range.start = pos_;
      advance(close + 2 - i_);
      cm.range.end = pos_;
      comments_->push_back(std::move(cm));
      continue;
    }
    return;
  }
}

Token Lexer::next() {
  skip_space_and_comments();
  if (at_end()) {
    Token t;
    t.type = Tok::End;
    t.start = t.end = pos_;
    return t;
  }
  const char c = peek();
  const char c1 = peek(1);
  switch (c) {
    case '\n': return make(Tok::Newline, 1);
    case '\r':
      if (c1 == '\n') return make(Tok::Newline, 2);
      throw Failure{pos_, "Invalid character: a carriage return must be followed by a line feed."};
    case '"': return make(Tok::OQuote, 1);
    case '{': return make(Tok::LBrace, 1);
    case '}': return make(Tok::RBrace, 1);
    case '[': return make(Tok::LBrack, 1);
    case ']': return make(Tok::RBrack, 1);
    case '(': return make(Tok::LParen, 1);
    case ')': return make(Tok::RParen, 1);
    case ',': return make(Tok::Comma, 1);
    case '*': return make(Tok::Star, 1);
    case '/': return make(Tok::Slash, 1);
    case '%': return make(Tok::Percent, 1);
    case '+': return make(Tok::Plus, 1);
    case '-': return make(Tok::Minus, 1);
    case '?': return make(Tok::Question, 1);
    case '.':
      if (c1 == '.' && peek(2) == '.') return make(Tok::Ellipsis, 3);
      return make(Tok::Dot, 1);
    case ':':
      if (c1 == ':') return make(Tok::DoubleColon, 2);
      return make(Tok::Colon, 1);
    case '=':
      if (c1 == '=') return make(Tok::EqualEq, 2);
      if (c1 == '>') return make(Tok::FatArrow, 2);
      return make(Tok::Assign, 1);
    case '!':
      if (c1 == '=') return make(Tok::NotEq, 2);
      return make(Tok::Bang, 1);
    case '>':
      if (c1 == '=') return make(Tok::GreaterEq, 2);
      return make(Tok::Greater, 1);
    case '<': {
      if (c1 == '=') return make(Tok::LessEq, 2);
      if (c1 == '<') {
        // Heredoc introducer: "<<" "-"? Identifier Newline.
        std::size_t j = i_ + 2;
        bool flush = false;
        if (j < src_.size() && src_[j] == '-') {
          flush = true;
          ++j;
        }
        std::size_t id = scan_identifier(src_, j);
        if (id > 0) {
          std::size_t k = j + id;
          std::size_t nl = 0;
          if (k < src_.size() && src_[k] == '\n') nl = 1;
          else if (k + 1 < src_.size() && src_[k] == '\r' && src_[k + 1] == '\n') nl = 2;
          if (nl == 0) {
            throw Failure{pos_, "Invalid heredoc: the marker \"" + std::string(src_.substr(j, id)) +
                                    "\" must be followed directly by a newline."};
          }
          Token t = make(Tok::OHeredoc, k + nl - i_);
          t.marker = src_.substr(j, id);
          t.flush = flush;
          return t;
        }
      }
      return make(Tok::Less, 1);
    }
    case '&':
      if (c1 == '&') return make(Tok::AndAnd, 2);
      throw Failure{pos_, "Invalid character: bitwise operators are not supported; for a logical AND, use \"&&\"."};
    case '|':
      if (c1 == '|') return make(Tok::OrOr, 2);
      throw Failure{pos_, "Invalid character: bitwise operators are not supported; for a logical OR, use \"||\"."};
    case '~':
      if (c1 == '}') return make(Tok::TildeRBrace, 2);
      throw Failure{pos_, "Invalid character: \"~\" is only valid as a strip marker next to the braces of a template sequence."};
    case '\'':
      throw Failure{pos_, "Invalid character: single quotes are not valid; use double quotes (\") to enclose strings."};
    case ';':
      throw Failure{pos_, "Invalid character: \";\" is not valid; use newlines to separate arguments and blocks, and commas to separate items of collection values."};
    case '`':
      throw Failure{pos_, "Invalid character: \"`\" is not valid; for a multi-line string, use the heredoc syntax, like \"<<EOT\"."};
    case '^':
      throw Failure{pos_, "Invalid character: bitwise operators are not supported."};
    default: break;
  }
  if (is_digit(c)) {
    // NumberLit as HCL's scanner delimits it: a digit, then digits, dots and
    // exponents, not ending in a dot (so "foo.0.bar" keeps its dots). Its
    // shape is checked against the grammar by the parser.
    std::size_t j = i_ + 1;
    for (;;) {
      if (j < src_.size() && (is_digit(src_[j]) || src_[j] == '.')) {
        ++j;
      } else if (j < src_.size() && (src_[j] == 'e' || src_[j] == 'E')) {
        std::size_t k = j + 1;
        if (k < src_.size() && (src_[k] == '+' || src_[k] == '-')) ++k;
        if (k < src_.size() && is_digit(src_[k])) {
          j = k + 1;
        } else {
          break;
        }
      } else {
        break;
      }
    }
    while (src_[j - 1] == '.') --j;
    return make(Tok::Number, j - i_);
  }
  if (std::size_t id = scan_identifier(src_, i_); id > 0) return make(Tok::Ident, id);
  std::size_t len = 0;
  char32_t cp = decode_utf8(src_, i_, len);
  std::string shown;
  if (cp >= 0x20 && cp != 0x7F) {
    shown = " \"" + std::string(src_.substr(i_, len)) + "\"";
  } else {
    static const char hex[] = "0123456789ABCDEF";
    shown = " U+00";
    shown += hex[(cp >> 4) & 0xF];
    shown += hex[cp & 0xF];
  }
  throw Failure{pos_, "Invalid character" + shown + ": this character is not used within the language."};
}

}  // namespace stackgen::hcl::detail
