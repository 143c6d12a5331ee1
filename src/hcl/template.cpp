// The template language: quoted templates, heredocs and bare templates.
//
// Like HCL, parsing is two passes. The first scans the template into a flat
// list of pieces (literal text, interpolations, directive markers), applying
// strip markers to the adjacent literal piece as it goes; literal text is
// split at line ends in heredocs and bare templates, which matters because a
// strip marker only reaches into the adjacent piece. Then `<<-` indentation is
// removed, adjacent literals are merged and empty ones dropped, and the second
// pass builds the directive tree with an explicit stack.
#include <algorithm>
#include <cstdint>
#include <utility>

#include "hcl/parser_impl.hpp"
#include "hcl/unicode.hpp"

namespace stackgen::hcl::detail {

struct Piece {
  enum class Kind { Literal, Interp, If, Else, EndIf, For, EndFor };
  Kind kind = Kind::Literal;
  std::string value;  // Literal
  Range range;
  ExpressionPtr expr;  // Interp: the expression; If: the condition; For: the collection
  std::string key_var, value_var;
  StripMarkers strip;
};

namespace {

bool is_hex(char c) noexcept { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

/// The leading whitespace of s: code points and bytes.
std::pair<std::size_t, std::size_t> leading_space(std::string_view s) noexcept {
  std::size_t i = 0, count = 0;
  while (i < s.size()) {
    std::size_t len = 0;
    char32_t cp = decode_utf8(s, i, len);
    if (!is_space(cp)) break;
    i += len;
    ++count;
  }
  return {count, i};
}

void trim_left(std::string& s) { s.erase(0, leading_space(s).second); }

void trim_right(std::string& s) {
  std::size_t keep = 0, i = 0;
  while (i < s.size()) {
    std::size_t len = 0;
    char32_t cp = decode_utf8(s, i, len);
    i += len;
    if (!is_space(cp)) keep = i;
  }
  s.erase(keep);
}

bool ends_with_newline(const std::string& s) noexcept { return !s.empty() && s.back() == '\n'; }

/// `<<-`: find the smallest indentation of the line-leading literal pieces
/// (whitespace-only lines do not count; a line starting with a sequence
/// counts as zero) and remove that many characters from each of them.
void flush_heredoc(std::vector<Piece>& pieces) {
  constexpr std::size_t none = SIZE_MAX;
  std::size_t min_spaces = none;
  bool newline = true;
  std::vector<Piece*> adjust;
  for (Piece& p : pieces) {
    if (newline) {
      newline = false;
      std::size_t spaces = 0;
      if (p.kind == Piece::Kind::Literal) {
        auto [count, bytes] = leading_space(p.value);
        if (bytes == p.value.size() && ends_with_newline(p.value)) {
          spaces = none;
        } else {
          spaces = count;
          adjust.push_back(&p);
        }
      }
      min_spaces = std::min(min_spaces, spaces);
    }
    if (p.kind == Piece::Kind::Literal && ends_with_newline(p.value)) newline = true;
  }
  if (min_spaces == none || min_spaces == 0) return;
  for (Piece* p : adjust) {
    std::size_t i = 0;
    for (std::size_t n = 0; n < min_spaces && i < p->value.size(); ++n) {
      std::size_t len = 0;
      decode_utf8(p->value, i, len);
      i += len;
    }
    p->value.erase(0, i);
    p->range.start.column += min_spaces;
    p->range.start.byte += i;
  }
}

void meld_literals(std::vector<Piece>& pieces) {
  std::vector<Piece> out;
  out.reserve(pieces.size());
  for (Piece& p : pieces) {
    if (p.kind == Piece::Kind::Literal) {
      if (p.value.empty()) continue;
      if (!out.empty() && out.back().kind == Piece::Kind::Literal) {
        out.back().value += p.value;
        out.back().range.end = p.range.end;
        continue;
      }
    }
    out.push_back(std::move(p));
  }
  pieces = std::move(out);
}

}  // namespace

bool Parser::at_heredoc_marker(std::string_view marker, std::size_t& line_len) const {
  std::string_view src = lx_.source();
  std::size_t i = lx_.offset();
  std::size_t eol = src.find('\n', i);
  if (eol == std::string_view::npos) eol = src.size();
  std::size_t end = eol;
  if (end > i && src[end - 1] == '\r') --end;
  std::string_view line = src.substr(i, end - i);
  std::size_t a = 0, b = line.size();
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\v' || c == '\f'; };
  while (a < b && blank(line[a])) ++a;
  while (b > a && blank(line[b - 1])) --b;
  if (line.substr(a, b - a) != marker) return false;
  line_len = end - i;
  return true;
}

void Parser::scan_quoted_text(std::string& out) {
  std::string_view src = lx_.source();
  for (;;) {
    if (lx_.at_end()) return;
    const char c = lx_.peek();
    switch (c) {
      case '"': return;
      case '\n':
      case '\r':
        fail(lx_.pos(),
             "Invalid multi-line string: quoted strings may not be split over multiple lines. To produce a "
             "multi-line string, either use the \\n escape to represent a newline character or use the "
             "\"heredoc\" multi-line template syntax.");
      case '$':
      case '%':
        if (lx_.peek(1) == '{') return;
        if (lx_.peek(1) == c && lx_.peek(2) == '{') {  // $${ and %%{
          out += c;
          out += '{';
          lx_.advance(3);
        } else {
          out += c;
          lx_.advance(1);
        }
        continue;
      case '\\': {
        const Pos at = lx_.pos();
        if (lx_.offset() + 1 >= src.size() || lx_.peek(1) == '\n' || lx_.peek(1) == '\r') {
          fail(at, "Invalid escape sequence: a backslash must be followed by an escape sequence selector character.");
        }
        const char e = lx_.peek(1);
        switch (e) {
          case 'n': out += '\n'; lx_.advance(2); continue;
          case 'r': out += '\r'; lx_.advance(2); continue;
          case 't': out += '\t'; lx_.advance(2); continue;
          case '"': out += '"'; lx_.advance(2); continue;
          case '\\': out += '\\'; lx_.advance(2); continue;
          case 'u':
          case 'U': {
            const std::size_t n = e == 'u' ? 4 : 8;
            char32_t cp = 0;
            for (std::size_t k = 0; k < n; ++k) {
              char h = lx_.offset() + 2 + k < src.size() ? lx_.peek(2 + k) : '\0';
              if (!is_hex(h)) {
                fail(at, e == 'u' ? "Invalid escape sequence: the \\u escape sequence must be followed by four "
                                    "hexadecimal digits."
                                  : "Invalid escape sequence: the \\U escape sequence must be followed by eight "
                                    "hexadecimal digits.");
              }
              cp = cp * 16 + static_cast<char32_t>(h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
            }
            if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
              static const char hex[] = "0123456789ABCDEF";
              std::string u;
              for (int shift = 28; shift >= 0; shift -= 4) {
                if (u.empty() && shift > 12 && ((cp >> shift) & 0xF) == 0) continue;
                u += hex[(cp >> shift) & 0xF];
              }
              fail(at, "Invalid escape sequence: cannot encode character U+" + u + " in UTF-8.");
            }
            append_utf8(out, cp);
            lx_.advance(2 + n);
            continue;
          }
          default: {
            std::size_t len = 0;
            char32_t cp = decode_utf8(src, lx_.offset() + 1, len);
            std::string shown = "a control character";
            if (cp >= 0x20 && cp != 0x7F) {
              shown = '"';
              shown += src.substr(lx_.offset() + 1, len);
              shown += '"';
            }
            fail(at, "Invalid escape sequence: the symbol " + shown + " is not a valid escape sequence selector.");
          }
        }
      }
      default: {
        std::size_t i = lx_.offset(), j = i;
        while (j < src.size()) {
          char d = src[j];
          if (d == '"' || d == '\n' || d == '\r' || d == '$' || d == '%' || d == '\\') break;
          ++j;
        }
        out.append(src.substr(i, j - i));
        lx_.advance(j - i);
        continue;
      }
    }
  }
}

bool Parser::scan_line_text(std::string& out) {
  std::string_view src = lx_.source();
  for (;;) {
    if (lx_.at_end()) return false;
    const char c = lx_.peek();
    switch (c) {
      case '\n':
        out += '\n';
        lx_.advance(1);
        return true;
      case '\r':
        if (lx_.peek(1) != '\n') fail(lx_.pos(), "Invalid character: a carriage return must be followed by a line feed.");
        out += "\r\n";
        lx_.advance(2);
        return true;
      case '$':
      case '%':
        if (lx_.peek(1) == '{') return false;
        if (lx_.peek(1) == c && lx_.peek(2) == '{') {
          out += c;
          out += '{';
          lx_.advance(3);
        } else {
          out += c;
          lx_.advance(1);
        }
        continue;
      default: {
        std::size_t i = lx_.offset(), j = i;
        while (j < src.size()) {
          char d = src[j];
          if (d == '\n' || d == '\r' || d == '$' || d == '%') break;
          ++j;
        }
        out.append(src.substr(i, j - i));
        lx_.advance(j - i);
        continue;
      }
    }
  }
}

std::string Parser::finish_quoted_literal(const Token& open, Pos& end) {
  std::string out;
  for (;;) {
    if (lx_.at_end()) {
      fail(open.start,
           "Unterminated template string: no closing quote was found for the string before the end of the file.");
    }
    const char c = lx_.peek();
    if (c == '"') {
      lx_.advance(1);
      end = lx_.pos();
      prev_end_ = end;
      return out;
    }
    if ((c == '$' || c == '%') && lx_.peek(1) == '{') {
      std::string which(1, c);
      fail(lx_.pos(), "Invalid string literal: template sequences are not allowed in this string. To include a "
                      "literal \"" + which + "{\", double the \"" + which + "\" (as \"" + which + which +
                          "{\") to escape it.");
    }
    scan_quoted_text(out);
  }
}

// Builds the directive tree from the flat pieces.
struct TemplateBuilder {
  Parser& p;

  struct Frame {
    TemplatePart part;  // holds the TemplateIf or TemplateFor being filled
    bool in_else = false;
  };

  std::vector<TemplatePart> build(std::vector<Piece>& pieces, const Pos& end) {
    std::vector<TemplatePart> root;
    std::vector<Frame> stack;
    auto target = [&]() -> std::vector<TemplatePart>& {
      if (stack.empty()) return root;
      Frame& f = stack.back();
      if (auto* i = std::get_if<TemplateIf>(&f.part.node)) return f.in_else ? i->else_parts : i->then_parts;
      return std::get<TemplateFor>(f.part.node).body;
    };
    auto where = [&](const Frame& f) { return f.part.range().str(); };
    for (Piece& piece : pieces) {
      switch (piece.kind) {
        case Piece::Kind::Literal:
          target().push_back(TemplatePart{TemplateLiteral{std::move(piece.value), piece.range}});
          break;
        case Piece::Kind::Interp:
          target().push_back(TemplatePart{TemplateInterpolation{std::move(piece.expr), piece.strip, piece.range}});
          break;
        case Piece::Kind::If:
        case Piece::Kind::For: {
          if (p.depth_ + stack.size() + 1 > p.max_depth_) {
            p.fail(piece.range.start, "Nesting too deep: template directives are nested more than " +
                                          std::to_string(p.max_depth_) + " levels deep.");
          }
          Frame f;
          if (piece.kind == Piece::Kind::If) {
            TemplateIf d;
            d.condition = std::move(piece.expr);
            d.if_strip = piece.strip;
            d.range = piece.range;
            f.part.node = std::move(d);
          } else {
            TemplateFor d;
            d.key_var = std::move(piece.key_var);
            d.value_var = std::move(piece.value_var);
            d.collection = std::move(piece.expr);
            d.for_strip = piece.strip;
            d.range = piece.range;
            f.part.node = std::move(d);
          }
          stack.push_back(std::move(f));
          break;
        }
        case Piece::Kind::Else: {
          if (stack.empty()) {
            p.fail(piece.range.start,
                   "Unexpected else directive: the control directives within this template are unbalanced.");
          }
          Frame& f = stack.back();
          auto* i = std::get_if<TemplateIf>(&f.part.node);
          if (!i) {
            p.fail(piece.range.start,
                   "Unexpected else directive: an else clause is not expected for a for directive.");
          }
          if (f.in_else) {
            p.fail(piece.range.start,
                   "Unexpected else directive: already in the else clause for the if started at " + where(f) + ".");
          }
          f.in_else = true;
          i->has_else = true;
          i->else_strip = piece.strip;
          break;
        }
        case Piece::Kind::EndIf:
        case Piece::Kind::EndFor: {
          const bool endif = piece.kind == Piece::Kind::EndIf;
          const char* name = endif ? "endif" : "endfor";
          if (stack.empty()) {
            p.fail(piece.range.start, std::string("Unexpected ") + name +
                                          " directive: the control directives within this template are unbalanced.");
          }
          Frame& f = stack.back();
          auto* i = std::get_if<TemplateIf>(&f.part.node);
          auto* fo = std::get_if<TemplateFor>(&f.part.node);
          if (endif && !i) {
            p.fail(piece.range.start, "Unexpected endif directive: expecting an endfor directive for the for started at " +
                                          where(f) + ".");
          }
          if (!endif && !fo) {
            p.fail(piece.range.start, "Unexpected endfor directive: expecting an endif directive for the if started at " +
                                          where(f) + ".");
          }
          if (i) {
            i->endif_strip = piece.strip;
            i->range.end = piece.range.end;
          } else {
            fo->endfor_strip = piece.strip;
            fo->range.end = piece.range.end;
          }
          TemplatePart done = std::move(f.part);
          stack.pop_back();
          target().push_back(std::move(done));
          break;
        }
      }
    }
    if (!stack.empty()) {
      const Frame& f = stack.back();
      const bool is_if = std::holds_alternative<TemplateIf>(f.part.node);
      p.fail(end, std::string("Unexpected end of template: the ") + (is_if ? "if" : "for") + " directive at " +
                      where(f) + " is missing its corresponding " + (is_if ? "endif" : "endfor") + " directive.");
    }
    return root;
  }
};

// One `${ ... }` or `%{ ... }` sequence, from its opening characters through
// its closing brace. Kept out of finish_template: it is on the recursion path
// of templates nested in interpolations.
void Parser::scan_sequence(Template::Form form, Piece& piece) {
  const char c = lx_.peek();
  const Pos seq_start = lx_.pos();
  const bool strip_left = lx_.peek(2) == '~';
  lx_.advance(strip_left ? 3 : 2);
  NewlineMode mode(*this, false);
  std::string_view keyword;
  if (c == '$') {
    piece.kind = Piece::Kind::Interp;
    piece.expr = parse_expression();
  } else {
    const Token& kw = peek();
    if (kw.type != Tok::Ident) {
      fail(kw.start,
           "Invalid template directive: a template directive keyword (\"if\", \"for\", etc) is expected at the "
           "beginning of a %{ sequence.");
    }
    const Token k = next();
    keyword = k.text;
    if (k.text == "if") {
      piece.kind = Piece::Kind::If;
      piece.expr = parse_expression();
    } else if (k.text == "else") {
      piece.kind = Piece::Kind::Else;
    } else if (k.text == "endif") {
      piece.kind = Piece::Kind::EndIf;
    } else if (k.text == "endfor") {
      piece.kind = Piece::Kind::EndFor;
    } else if (k.text == "for") {
      piece.kind = Piece::Kind::For;
      if (peek().type != Tok::Ident) {
        fail(peek().start, "Invalid 'for' directive: a for directive requires a variable name after 'for'.");
      }
      piece.value_var = std::string(next().text);
      if (peek().type == Tok::Comma) {
        next();
        piece.key_var = std::move(piece.value_var);
        if (peek().type != Tok::Ident) {
          fail(peek().start, "Invalid 'for' directive: a for directive requires a value variable name after the comma.");
        }
        piece.value_var = std::string(next().text);
      }
      if (!is_keyword(peek(), "in")) {
        fail(peek().start, "Invalid 'for' directive: a for directive requires the 'in' keyword after its names.");
      }
      next();
      piece.expr = parse_expression();
    } else {
      fail_keyword(k);
    }
  }
  const Token& close = peek();
  if (close.type != Tok::RBrace && close.type != Tok::TildeRBrace) fail_sequence_end(close, keyword, seq_start, form);
  const Token cl = next();
  piece.strip = StripMarkers{strip_left, cl.type == Tok::TildeRBrace};
  piece.range = range(seq_start, cl.end);
}

void Parser::fail_unterminated(Template::Form form, const Token& open) const {
  if (form == Template::Form::Quoted) {
    fail(open.start,
         "Unterminated template string: no closing quote was found for the string before the end of the file.");
  }
  fail(open.start, "Unterminated template string: no closing marker \"" + std::string(open.marker) +
                       "\" was found for the heredoc before the end of the file.");
}

void Parser::fail_keyword(const Token& k) const {
  fail(k.start, "Invalid template control keyword: \"" + std::string(k.text) +
                    "\" is not a valid template control keyword; expected if, else, endif, for or endfor.");
}

void Parser::fail_sequence_end(const Token& close, std::string_view keyword, const Pos& seq_start,
                               Template::Form form) const {
  if (!keyword.empty()) {
    fail(close.start, "Extra characters in " + std::string(keyword) +
                          " marker: expected a closing brace to end the sequence, but found " + describe(close) + ".");
  }
  if (close.type == Tok::End) {
    fail(seq_start,
         "Unclosed template interpolation sequence: there is no closing brace for this interpolation sequence "
         "before the end of the file.");
  }
  if (close.type == Tok::Colon) {
    fail(close.start,
         "Extra characters after interpolation expression: template interpolation doesn't expect a colon at this "
         "location. If this is a literal sequence for another language, escape it by starting with \"$${\" "
         "instead of just \"${\".");
  }
  if (close.type == Tok::OQuote && form == Template::Form::Quoted) {
    fail(seq_start,
         "Unclosed template interpolation sequence: there is no closing brace for this interpolation sequence "
         "before the end of the quoted template.");
  }
  fail(close.start,
       "Extra characters after interpolation expression: expected a closing brace to end the interpolation "
       "expression, but found " + describe(close) +
           ". If this is an embedded sequence for another language, escape it by starting with \"$${\" instead of "
           "just \"${\".");
}

ExpressionPtr Parser::finish_template(Template::Form form, const Token* open) {
  // Templates nest through interpolations, so the bulky state lives on the heap.
  ExpressionPtr e = std::make_unique<Expression>();
  Template& tpl = e->node.emplace<Template>();
  tpl.form = form;
  std::string_view marker;
  if (form == Template::Form::Heredoc) {
    marker = open->marker;
    tpl.heredoc_marker = std::string(marker);
    tpl.heredoc_flush = open->flush;
  }
  const Pos start = open ? open->start : lx_.pos();
  auto pieces_storage = std::make_unique<std::vector<Piece>>();
  std::vector<Piece>& pieces = *pieces_storage;
  bool trim_next = false;   // the previous sequence ended with ~}
  bool line_start = true;   // heredoc: at the start of a line
  Pos end;
  Pos close_start;          // where the closing quote or marker (or the end of input) is
  for (;;) {
    if (form == Template::Form::Heredoc && line_start) {
      std::size_t len = 0;
      if (at_heredoc_marker(marker, len)) {
        close_start = lx_.pos();
        lx_.advance(len);
        end = lx_.pos();
        break;
      }
    }
    if (lx_.at_end()) {
      if (form == Template::Form::Bare) {
        close_start = end = lx_.pos();
        break;
      }
      fail_unterminated(form, *open);
    }
    const char c = lx_.peek();
    if (form == Template::Form::Quoted && c == '"') {
      close_start = lx_.pos();
      lx_.advance(1);
      end = lx_.pos();
      break;
    }
    if ((c == '$' || c == '%') && lx_.peek(1) == '{') {
      const bool strip_left = lx_.peek(2) == '~';
      if (strip_left && !pieces.empty() && pieces.back().kind == Piece::Kind::Literal) trim_right(pieces.back().value);
      pieces.emplace_back();
      scan_sequence(form, pieces.back());
      trim_next = pieces.back().strip.right;
      line_start = false;
      continue;
    }
    Piece& lit = pieces.emplace_back();
    const Pos lit_start = lx_.pos();
    const std::size_t before = lx_.offset();
    bool newline = false;
    if (form == Template::Form::Quoted) {
      scan_quoted_text(lit.value);
    } else {
      newline = scan_line_text(lit.value);
    }
    if (lx_.offset() == before) fail(lx_.pos(), "Invalid template: unexpected character.");  // cannot happen
    lit.range = range(lit_start, lx_.pos());
    if (trim_next) trim_left(lit.value);
    trim_next = false;
    line_start = newline;
  }
  prev_end_ = end;
  if (form == Template::Form::Heredoc && tpl.heredoc_flush) flush_heredoc(pieces);
  meld_literals(pieces);
  TemplateBuilder builder{*this};
  tpl.parts = builder.build(pieces, close_start);
  e->range = range(start, end);
  return e;
}

}  // namespace stackgen::hcl::detail
