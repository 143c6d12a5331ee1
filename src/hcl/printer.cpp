// Printing trees back to HCL.
//
// The output is canonical rather than a copy of the source, but it is built
// so that parsing it gives back the same tree (see compare.hpp): parentheses
// are only added where a hand-built tree needs them, and templates are
// written so that strip markers and heredoc rules reproduce the same literal
// text. Children are printed with the indentation they will end up at, never
// re-indented afterwards, because heredoc bodies must stay byte-exact.
#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <utility>

#include "hcl/printer.hpp"
#include "hcl/unicode.hpp"

namespace stackgen::hcl {

bool is_identifier(std::string_view name) {
  return !name.empty() && detail::find_invalid_utf8(name) == std::string_view::npos &&
         detail::scan_identifier(name, 0) == name.size();
}

namespace {

using detail::decode_utf8;
using detail::is_space;

std::string pad(int indent) { return std::string(static_cast<std::size_t>(indent) * 2, ' '); }

bool ends_with(std::string_view s, char c) noexcept { return !s.empty() && s.back() == c; }

bool starts_with_space(std::string_view s) {
  if (s.empty()) return false;
  std::size_t len = 0;
  return is_space(decode_utf8(s, 0, len));
}

bool ends_with_space(std::string_view s) {
  if (s.empty()) return false;
  std::size_t i = s.size() - 1;
  while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  std::size_t len = 0;
  return is_space(decode_utf8(s, i, len));
}

std::string require_identifier(std::string_view name, const char* what) {
  if (!is_identifier(name)) {
    throw std::invalid_argument(std::string("to_hcl: ") + what + " \"" + std::string(name) + "\" is not an identifier");
  }
  return std::string(name);
}

/// Literal text inside a quoted string: backslash escapes, and `${` / `%{`
/// doubled so they stay literal.
std::string escape_quoted(std::string_view s) {
  static const char hex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '"': out += "\\\""; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '$':
      case '%':
        out += c;
        if (i + 1 < s.size() && s[i + 1] == '{') out += c;
        break;
      default: {
        auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7F) {
          out += "\\u00";
          out += hex[u >> 4];
          out += hex[u & 0xF];
        } else {
          out += c;
        }
      }
    }
  }
  return out;
}

/// Literal text of a heredoc or bare template: only `${` / `%{` need escaping.
std::string escape_raw(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    out += s[i];
    if ((s[i] == '$' || s[i] == '%') && i + 1 < s.size() && s[i + 1] == '{') out += s[i];
  }
  return out;
}

std::string quoted_label(std::string_view s) {
  std::string out = "\"";
  out += escape_quoted(s);
  out += '"';
  return out;
}

/// terraform fmt style: the `=` of consecutive attributes line up. A group
/// ends after a multi-line value, at a block, and at a comment line.
std::vector<std::size_t> align_widths(const std::vector<std::size_t>& name_len, const std::vector<bool>& breaks_before,
                                      const std::vector<bool>& multiline) {
  std::vector<std::size_t> width(name_len.size(), 0);
  std::size_t i = 0;
  while (i < name_len.size()) {
    std::size_t j = i, w = 0;
    while (j < name_len.size()) {
      if (j > i && breaks_before[j]) break;
      w = std::max(w, name_len[j]);
      ++j;
      if (multiline[j - 1]) break;
    }
    for (std::size_t k = i; k < j; ++k) width[k] = w;
    i = j;
  }
  return width;
}

class Printer {
 public:
  explicit Printer(const PrintOptions& options) : opts_(options) {}

  std::string expr(const Expression& e, int indent, bool inl);
  void body(const Body& b, int indent, std::string& out);

 private:
  std::string operand(const Expression& e, int indent, bool inl, int parent_prec, bool rhs);
  std::string binary(const Expression& e, int indent, bool inl);
  std::string traversal(const Traversal& t, int indent, bool inl);
  std::string list(const std::string& open, const std::string& close, std::vector<std::string> items,
                   bool expand_final, int indent);
  std::string object(const Object& o, const Comments& own, int indent, bool inl);
  void inner_comments(const std::vector<Comment>& cs, std::size_t first_item, bool before, int indent, std::string& out);
  std::string for_expr(const ForExpr& f, int indent, bool inl);
  std::string tmpl(const Template& t, int indent);
  void comments_lines(const std::vector<Comment>& cs, int indent, std::string& out);
  void trailing(const std::vector<Comment>& cs, int indent, std::string& line);

  struct Piece {
    bool seq = false;
    bool interp = false;
    std::string text;  // literal value, or the inside of the sequence
    StripMarkers strip;
    bool pad_before = false;  // heredoc/bare: a "\n" that the previous `~}` strips
    bool pad_after = false;   // a " " that the next `${~` strips
  };
  void flatten(const std::vector<TemplatePart>& parts, std::vector<Piece>& out);

  const PrintOptions& opts_;
};

/// A comment's text as printed: a line comment cannot end in a carriage
/// return, which would join the line break that follows it.
std::string_view comment_text(const Comment& c) {
  std::string_view t = c.text;
  if (c.style != Comment::Style::Block) {
    while (!t.empty() && t.back() == '\r') t.remove_suffix(1);
  }
  return t;
}

void Printer::comments_lines(const std::vector<Comment>& cs, int indent, std::string& out) {
  if (!opts_.comments) return;
  for (const auto& c : cs) {
    out += pad(indent);
    out += comment_text(c);
    out += '\n';
  }
}

/// The comments of a body or object that belong to no item: those before the
/// first item (e.g. on the opening brace's line) go first, the rest last.
void Printer::inner_comments(const std::vector<Comment>& cs, std::size_t first_item, bool before, int indent,
                             std::string& out) {
  if (!opts_.comments) return;
  for (const auto& c : cs) {
    if ((c.range.start.byte < first_item) == before) {
      out += pad(indent);
      out += comment_text(c);
      out += '\n';
    }
  }
}

void Printer::trailing(const std::vector<Comment>& cs, int indent, std::string& line) {
  if (!opts_.comments || cs.empty()) {
    if (!ends_with(line, '\n')) line += "\n";
    return;
  }
  if (ends_with(line, '\n')) {  // after a heredoc: the comments go on lines of their own
    comments_lines(cs, indent, line);
    return;
  }
  for (std::size_t i = 0; i < cs.size(); ++i) {
    line += ' ';
    line += comment_text(cs[i]);
    if (cs[i].style != Comment::Style::Block && i + 1 < cs.size()) {
      line += '\n';
      line += pad(indent);
    }
  }
  line += "\n";
}

std::string Printer::list(const std::string& open, const std::string& close, std::vector<std::string> items,
                          bool expand_final, int indent) {
  if (items.empty()) return open + close;
  std::size_t total = 0;
  bool multiline = false;
  for (const auto& s : items) {
    total += s.size() + 2;
    if (s.find('\n') != std::string::npos) multiline = true;
  }
  if (!multiline && total <= 80) {
    std::string out = open;
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (i) out += ", ";
      out += items[i];
    }
    if (expand_final) out += "...";
    return out + close;
  }
  std::string out = open + "\n";
  for (std::size_t i = 0; i < items.size(); ++i) {
    out += pad(indent + 1) + items[i];
    if (i + 1 == items.size() && expand_final) {
      out += "...";
    } else {
      out += ",";
    }
    out += "\n";
  }
  return out + pad(indent) + close;
}

std::string Printer::operand(const Expression& e, int indent, bool inl, int parent_prec, bool rhs) {
  bool wrap = e.kind() == ExpressionKind::Conditional;
  if (const auto* b = e.get_if<BinaryOp>()) {
    int p = precedence(b->op);
    wrap = p < parent_prec || (rhs && p == parent_prec);
  }
  std::string s = expr(e, indent, inl);
  return wrap ? "(" + s + ")" : s;
}

std::string Printer::binary(const Expression& e, int indent, bool inl) {
  // Iterate down the left spine (a + b + c is ((a + b) + c)).
  std::vector<const BinaryOp*> spine;
  const Expression* cur = &e;
  for (;;) {
    const auto* b = cur->get_if<BinaryOp>();
    spine.push_back(b);
    if (!b->lhs || !b->rhs) throw std::invalid_argument("to_hcl: binary operation without an operand");
    const auto* l = b->lhs->get_if<BinaryOp>();
    if (l && precedence(l->op) >= precedence(b->op)) {
      cur = b->lhs.get();
      continue;
    }
    break;
  }
  const BinaryOp* bottom = spine.back();
  std::string out = operand(*bottom->lhs, indent, inl, precedence(bottom->op), false);
  for (auto it = spine.rbegin(); it != spine.rend(); ++it) {
    out += " ";
    out += to_string((*it)->op);
    out += " ";
    out += operand(*(*it)->rhs, indent, inl, precedence((*it)->op), true);
  }
  return out;
}

std::string Printer::traversal(const Traversal& t, int indent, bool inl) {
  std::string out;
  if (t.source) {
    const Expression& s = *t.source;
    bool wrap = s.kind() == ExpressionKind::Binary || s.kind() == ExpressionKind::Unary ||
                s.kind() == ExpressionKind::Conditional;
    out = expr(s, indent, inl);
    if (wrap) out = "(" + out + ")";

  } else {
    out = require_identifier(t.root, "variable name");
  }
  // After a number (a literal source or a `.0` step) a `.0` or `.e5` step
  // would run into it as one number token (`0.1`, `1.e5`): keep them apart.
  auto glues = [](const TraversalStep& s) {
    if (s.kind == TraversalStep::Kind::LegacyIndex) return true;
    if (s.kind != TraversalStep::Kind::GetAttr || s.name.size() < 2 || (s.name[0] != 'e' && s.name[0] != 'E')) return false;
    char c = s.name[1] == '-' && s.name.size() > 2 ? s.name[2] : s.name[1];
    return c >= '0' && c <= '9';
  };
  bool after_number = t.source && t.source->kind() == ExpressionKind::Literal &&
                      std::get<Literal>(t.source->node).type == Literal::Type::Number;
  for (const auto& step : t.steps) {
    if (after_number && glues(step)) out += ' ';
    after_number = step.kind == TraversalStep::Kind::LegacyIndex;
    switch (step.kind) {
      case TraversalStep::Kind::GetAttr:
        out += '.';
        out += require_identifier(step.name, "attribute name");
        break;
      case TraversalStep::Kind::LegacyIndex: {
        bool digits = !step.name.empty();
        for (char c : step.name) digits = digits && c >= '0' && c <= '9';
        if (!digits) throw std::invalid_argument("to_hcl: legacy index \"" + step.name + "\" is not a number");
        out += '.';
        out += step.name;
        break;
      }
      case TraversalStep::Kind::AttrSplat: out += ".*"; break;
      case TraversalStep::Kind::FullSplat: out += "[*]"; break;
      case TraversalStep::Kind::Index:
        if (!step.key) throw std::invalid_argument("to_hcl: index step without a key");
        out += '[';
        out += expr(*step.key, indent, inl);
        out += ']';
        break;
    }
  }
  return out;
}

std::string Printer::object(const Object& o, const Comments& own, int indent, bool inl) {
  if (o.items.empty()) return "{}";
  auto key_text = [&](const ObjectItem& item, bool first) {
    if (!item.key || !item.value) throw std::invalid_argument("to_hcl: object item without a key or value");
    std::string k = expr(*item.key, indent + 1, inl);
    // A first key spelled `for` would start a for expression.
    if (first && k.size() >= 3 && k.compare(0, 3, "for") == 0 &&
        (k.size() == 3 || k[3] == ' ' || k[3] == '.' || k[3] == '[')) {
      k = "(" + k + ")";
    }
    return k;
  };
  if (inl) {
    std::string out = "{ ";
    for (std::size_t i = 0; i < o.items.size(); ++i) {
      const auto& item = o.items[i];
      if (i && !ends_with(out, '\n')) out += ", ";
      out += key_text(item, i == 0) + " = " + expr(*item.value, indent + 1, inl);
    }
    return out + (ends_with(out, '\n') ? "}" : " }");
  }
  const std::size_t n = o.items.size();
  std::vector<std::string> keys(n), values(n);
  std::vector<std::size_t> key_len(n);
  std::vector<bool> breaks(n, false), multiline(n, false);
  for (std::size_t i = 0; i < n; ++i) {
    const auto& item = o.items[i];
    keys[i] = key_text(item, i == 0);
    values[i] = expr(*item.value, indent + 1, inl);
    multiline[i] = keys[i].find('\n') != std::string::npos || values[i].find('\n') != std::string::npos;
    key_len[i] = keys[i].find('\n') != std::string::npos ? 0 : keys[i].size();
    breaks[i] = opts_.comments && !item.comments.leading.empty();
  }
  const std::vector<std::size_t> width = align_widths(key_len, breaks, multiline);
  std::string out = "{\n";
  const std::size_t first = o.items[0].range.start.byte;
  inner_comments(own.inner, first, true, indent + 1, out);
  for (std::size_t i = 0; i < n; ++i) {
    const auto& item = o.items[i];
    comments_lines(item.comments.leading, indent + 1, out);
    std::string line = pad(indent + 1) + keys[i];
    if (width[i] > key_len[i]) line.append(width[i] - key_len[i], ' ');
    line += " = ";
    line += values[i];
    trailing(item.comments.trailing, indent + 1, line);
    out += line;
  }
  if (opts_.comments) {
    for (const auto& item : o.items) comments_lines(item.comments.inner, indent + 1, out);
  }
  inner_comments(own.inner, first, false, indent + 1, out);
  return out + pad(indent) + "}";
}

std::string Printer::for_expr(const ForExpr& f, int indent, bool inl) {
  if (!f.collection || !f.value || (f.object && !f.key)) throw std::invalid_argument("to_hcl: incomplete for expression");
  std::string out = f.object ? "{for " : "[for ";
  if (!f.key_var.empty()) out += require_identifier(f.key_var, "for variable") + ", ";
  out += require_identifier(f.value_var, "for variable") + " in " + expr(*f.collection, indent, inl) + " : ";
  if (f.object) out += expr(*f.key, indent, inl) + " => ";
  out += expr(*f.value, indent, inl);
  if (f.object && f.grouping) out += "...";
  if (f.condition) out += " if " + expr(*f.condition, indent, inl);
  return out + (f.object ? "}" : "]");
}

void Printer::flatten(const std::vector<TemplatePart>& parts, std::vector<Piece>& out) {
  auto seq = [&](bool interp, std::string text, StripMarkers strip) {
    Piece p;
    p.seq = true;
    p.interp = interp;
    p.text = std::move(text);
    p.strip = strip;
    out.push_back(std::move(p));
  };
  for (const auto& part : parts) {
    if (const auto* l = std::get_if<TemplateLiteral>(&part.node)) {
      if (l->value.empty()) continue;
      if (!out.empty() && !out.back().seq) {
        out.back().text += l->value;
      } else {
        Piece p;
        p.text = l->value;
        out.push_back(std::move(p));
      }
    } else if (const auto* i = std::get_if<TemplateInterpolation>(&part.node)) {
      if (!i->expr) throw std::invalid_argument("to_hcl: interpolation without an expression");
      seq(true, expr(*i->expr, 0, true), i->strip);
    } else if (const auto* d = std::get_if<TemplateIf>(&part.node)) {
      if (!d->condition) throw std::invalid_argument("to_hcl: if directive without a condition");
      seq(false, "if " + expr(*d->condition, 0, true), d->if_strip);
      flatten(d->then_parts, out);
      if (d->has_else || !d->else_parts.empty()) {
        seq(false, "else", d->else_strip);
        flatten(d->else_parts, out);
      }
      seq(false, "endif", d->endif_strip);
    } else if (const auto* f = std::get_if<TemplateFor>(&part.node)) {
      if (!f->collection) throw std::invalid_argument("to_hcl: for directive without a collection");
      std::string head = "for ";
      if (!f->key_var.empty()) head += require_identifier(f->key_var, "for variable") + ", ";
      head += require_identifier(f->value_var, "for variable") + " in " + expr(*f->collection, 0, true);
      seq(false, std::move(head), f->for_strip);
      flatten(f->body, out);
      seq(false, "endfor", f->endfor_strip);
    }
  }
}

std::string Printer::tmpl(const Template& t, int indent) {
  std::vector<Piece> pieces;
  flatten(t.parts, pieces);
  Template::Form form = t.form;

  // Heredocs need a line end before the closing marker and cannot hold a
  // lone carriage return; a hand-built tree that breaks that is quoted.
  if (form == Template::Form::Heredoc) {
    for (const auto& p : pieces) {
      if (p.seq) continue;
      for (std::size_t i = 0; i < p.text.size(); ++i) {
        if (p.text[i] == '\r' && (i + 1 >= p.text.size() || p.text[i + 1] != '\n')) form = Template::Form::Quoted;
      }
    }
    if (!pieces.empty()) {
      const Piece& last = pieces.back();
      if (last.seq ? !last.strip.right : !ends_with(last.text, '\n')) form = Template::Form::Quoted;
    }
  }
  const bool quoted = form == Template::Form::Quoted;

  // Make the strip markers reproduce the literal text (see the file comment).
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    Piece& p = pieces[i];
    if (!p.seq) continue;
    Piece* prev = i > 0 && !pieces[i - 1].seq ? &pieces[i - 1] : nullptr;
    Piece* next = i + 1 < pieces.size() && !pieces[i + 1].seq ? &pieces[i + 1] : nullptr;
    if (p.strip.right && next && starts_with_space(next->text)) {
      if (quoted) {
        p.strip.right = false;
      } else {
        next->pad_before = true;
      }
    }
    if (prev) {
      const bool glued = ends_with(prev->text, p.interp ? '$' : '%');  // "$" + "${" would read as "$${"
      if (glued) {
        p.strip.left = true;
        prev->pad_after = true;
      } else if (p.strip.left && ends_with_space(prev->text)) {
        if (!quoted && ends_with(prev->text, '\n')) {
          prev->pad_after = true;
        } else {
          p.strip.left = false;
        }
      }
    }
  }

  auto seq_text = [](const Piece& p) {
    if (p.interp) return std::string("${") + (p.strip.left ? "~" : "") + p.text + (p.strip.right ? "~" : "") + "}";
    return std::string("%{") + (p.strip.left ? "~ " : " ") + p.text + (p.strip.right ? " ~" : " ") + "}";
  };

  auto seq_text_raw = [&](const Piece& p) { return seq_text(p); };
  if (form != Template::Form::Heredoc) {
    std::string content;
    for (const auto& p : pieces) {
      if (p.seq) {
        content += seq_text_raw(p);
        continue;
      }
      if (p.pad_before) content += "\n";
      content += quoted ? escape_quoted(p.text) : escape_raw(p.text);
      if (p.pad_after) content += " ";
    }
    return quoted ? "\"" + content + "\"" : content;
  }

  // Heredoc. Walk the lines that HCL's `<<-` rule looks at: those starting
  // after literal text that ends with a newline (a stripped pad newline does
  // not count). Each such line gets `lead` set in `lines_lead`.
  bool flush = t.heredoc_flush;
  bool seq_leads = false;                    // some such line starts with a sequence
  std::size_t min_indent = SIZE_MAX;         // over such lines that are not blank
  {
    bool lead = true;
    for (const auto& p : pieces) {
      if (p.seq) {
        seq_leads = seq_leads || lead;
        lead = false;
        continue;
      }
      if (p.pad_before) lead = false;
      std::string_view text = p.text;
      std::size_t i = 0;
      for (;;) {
        std::size_t nl = text.find('\n', i);
        std::string_view line = text.substr(i, nl == std::string_view::npos ? std::string_view::npos : nl + 1 - i);
        if (lead && !line.empty()) {
          std::size_t count = 0, bytes = 0;
          while (bytes < line.size()) {
            std::size_t len = 0;
            if (!is_space(decode_utf8(line, bytes, len))) break;
            bytes += len;
            ++count;
          }
          bool blank = bytes == line.size() && line.back() == '\n';
          if (!blank) min_indent = std::min(min_indent, count);
        }
        if (nl == std::string_view::npos) {
          lead = lead && line.empty();
          break;
        }
        lead = true;
        i = nl + 1;
      }
      if (p.pad_after) {
        seq_leads = seq_leads || lead;
        lead = false;
      }
    }
  }
  // A hand-built `<<-` body whose every line is indented would lose that
  // indentation: write it as a plain heredoc instead.
  if (flush && !seq_leads && min_indent != SIZE_MAX && min_indent > 0) flush = false;
  // Indent the body of a `<<-` heredoc with the surrounding code when the
  // rule provably removes exactly the added indentation again.
  const bool indent_body = flush && !seq_leads;
  const std::string body_pad = indent_body ? pad(indent + 1) : std::string();

  std::string content;
  {
    bool lead = true;
    for (const auto& p : pieces) {
      if (p.seq) {
        content += seq_text_raw(p);
        lead = false;
        continue;
      }
      if (p.pad_before) {
        content += "\n";
        lead = false;
      }
      std::string_view text = p.text;
      std::size_t i = 0;
      for (;;) {
        std::size_t nl = text.find('\n', i);
        std::string_view line = text.substr(i, nl == std::string_view::npos ? std::string_view::npos : nl + 1 - i);
        if (lead && !line.empty() && indent_body) {
          std::size_t bytes = 0;
          while (bytes < line.size()) {
            std::size_t len = 0;
            if (!is_space(decode_utf8(line, bytes, len))) break;
            bytes += len;
          }
          if (!(bytes == line.size() && line.back() == '\n')) content += body_pad;
        }
        content += escape_raw(line);
        if (nl == std::string_view::npos) break;
        lead = true;
        i = nl + 1;
      }
      lead = !text.empty() && text.back() == '\n';
      if (p.pad_after) {
        content += " ";
        lead = false;
      }
    }
  }
  if (!pieces.empty() && pieces.back().seq) content += "\n";  // stripped by the final `~}`

  // Pick a marker that no line of the literal text could be mistaken for.
  auto clashes = [&](const std::string& marker) {
    bool line_start = true;
    for (const auto& p : pieces) {
      if (p.seq) {
        line_start = false;
        continue;
      }
      std::string text = p.pad_before ? "\n" : "";
      text += p.text;
      std::size_t i = 0;
      while (i < text.size()) {
        std::size_t nl = text.find('\n', i);
        if (nl == std::string::npos) {
          line_start = false;
          break;
        }
        if (line_start) {
          std::string_view line(text.data() + i, nl - i);
          auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\v' || c == '\f'; };
          if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
          while (!line.empty() && blank(line.front())) line.remove_prefix(1);
          while (!line.empty() && blank(line.back())) line.remove_suffix(1);
          if (line == marker) return true;
        }
        line_start = true;
        i = nl + 1;
      }
      if (p.pad_after) line_start = false;
    }
    return false;
  };
  std::string marker = is_identifier(t.heredoc_marker) ? t.heredoc_marker : "EOT";
  for (int n = 1; clashes(marker); ++n) marker = "EOT" + std::to_string(n);
  std::string out = flush ? "<<-" : "<<";
  out += marker;
  out += '\n';
  out += content;
  if (indent_body) out += pad(indent);
  out += marker;
  out += '\n';
  return out;
}

std::string Printer::expr(const Expression& e, int indent, bool inl) {
  switch (e.kind()) {
    case ExpressionKind::Literal: {
      const auto& l = std::get<Literal>(e.node);
      switch (l.type) {
        case Literal::Type::Bool: return l.boolean ? "true" : "false";
        case Literal::Type::Null: return "null";
        case Literal::Type::Number: {
          bool ok = !l.number.empty() && l.number[0] >= '0' && l.number[0] <= '9';
          for (char c : l.number) ok = ok && ((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-');
          if (!ok) throw std::invalid_argument("to_hcl: \"" + l.number + "\" is not a number literal");
          return l.number;
        }
      }
      return "null";
    }
    case ExpressionKind::Template: return tmpl(std::get<Template>(e.node), indent);
    case ExpressionKind::Traversal: return traversal(std::get<Traversal>(e.node), indent, inl);
    case ExpressionKind::FunctionCall: {
      const auto& c = std::get<FunctionCall>(e.node);
      std::string name;
      for (const auto& n : c.name_space) name += require_identifier(n, "function namespace") + "::";
      name += require_identifier(c.name, "function name");
      std::vector<std::string> args;
      for (const auto& a : c.args) {
        if (!a) throw std::invalid_argument("to_hcl: null function argument");
        args.push_back(expr(*a, indent + 1, inl));
      }
      return list(name + "(", ")", std::move(args), c.expand_final && !c.args.empty(), indent);
    }
    case ExpressionKind::Tuple: {
      const auto& t = std::get<Tuple>(e.node);
      std::vector<std::string> items;
      for (std::size_t i = 0; i < t.elements.size(); ++i) {
        if (!t.elements[i]) throw std::invalid_argument("to_hcl: null tuple element");
        std::string s = expr(*t.elements[i], indent + 1, inl);
        if (i == 0 && (s == "for" || s.compare(0, 4, "for ") == 0 || s.compare(0, 4, "for.") == 0 ||
                       s.compare(0, 4, "for[") == 0)) {
          s = "(" + s + ")";  // `[for, ...]` would start a for expression
        }
        items.push_back(std::move(s));
      }
      return list("[", "]", std::move(items), false, indent);
    }
    case ExpressionKind::Object: return object(std::get<Object>(e.node), e.comments, indent, inl);
    case ExpressionKind::For: return for_expr(std::get<ForExpr>(e.node), indent, inl);
    case ExpressionKind::Conditional: {
      const auto& c = std::get<Conditional>(e.node);
      if (!c.condition || !c.true_result || !c.false_result) throw std::invalid_argument("to_hcl: incomplete conditional");
      std::string cond = expr(*c.condition, indent, inl);
      if (c.condition->kind() == ExpressionKind::Conditional) cond = "(" + cond + ")";
      return cond + " ? " + expr(*c.true_result, indent, inl) + " : " + expr(*c.false_result, indent, inl);
    }
    case ExpressionKind::Unary: {
      const auto& u = std::get<UnaryOp>(e.node);
      if (!u.operand) throw std::invalid_argument("to_hcl: unary operation without an operand");
      std::string s = expr(*u.operand, indent, inl);
      auto k = u.operand->kind();
      if (k == ExpressionKind::Binary || k == ExpressionKind::Conditional) s = "(" + s + ")";
      return std::string(to_string(u.op)) + s;
    }
    case ExpressionKind::Binary: return binary(e, indent, inl);
    case ExpressionKind::Parens: {
      const auto& p = std::get<Parens>(e.node);
      if (!p.expr) throw std::invalid_argument("to_hcl: empty parentheses");
      return "(" + expr(*p.expr, indent, inl) + ")";
    }
  }
  return "null";
}

void Printer::body(const Body& b, int indent, std::string& out) {
  // First the attribute values, to know which lines can be aligned.
  const std::size_t n = b.items.size();
  std::vector<std::string> values(n);
  std::vector<std::size_t> name_len(n, 0);
  std::vector<bool> breaks(n, false), multiline(n, false);
  for (std::size_t i = 0; i < n; ++i) {
    const auto& item = b.items[i];
    if (const Attribute* a = item.attribute()) {
      if (!a->expr) throw std::invalid_argument("to_hcl: attribute without a value");
      name_len[i] = require_identifier(a->name, "attribute name").size();
      values[i] = expr(*a->expr, indent, false);
      multiline[i] = values[i].find('\n') != std::string::npos;
      breaks[i] = opts_.comments && !a->comments.leading.empty();
    } else {
      breaks[i] = true;
      multiline[i] = true;
      if (i + 1 < n) breaks[i + 1] = true;
    }
  }
  const std::vector<std::size_t> width = align_widths(name_len, breaks, multiline);

  const std::size_t first = n ? b.items[0].range().start.byte : SIZE_MAX;
  inner_comments(b.inner_comments, first, true, indent, out);
  bool prev_block = false;
  for (std::size_t i = 0; i < n; ++i) {
    const auto& item = b.items[i];
    const Block* block = item.block();
    if (i > 0 && (block || prev_block)) out += "\n";
    prev_block = block != nullptr;
    comments_lines(item.comments().leading, indent, out);
    std::string line = pad(indent);
    if (const Attribute* a = item.attribute()) {
      if (opts_.comments && !a->comments.inner.empty()) {
        // Comments that were inside the attribute, outside its value, go above it.
        comments_lines(a->comments.inner, indent, out);
      }
      line += a->name;
      line.append(width[i] - name_len[i], ' ');
      line += " = ";
      line += values[i];
    } else {
      line += require_identifier(block->type, "block type");
      for (const auto& l : block->labels) {
        line += " ";
        line += l.quoted || !is_identifier(l.value) ? quoted_label(l.value) : l.value;
      }
      const Body& inner = block->body;
      const Attribute* single = inner.items.size() == 1 ? inner.items[0].attribute() : nullptr;
      std::string single_value;
      if (block->one_line && single && single->expr) single_value = expr(*single->expr, indent + 1, false);
      if (!single_value.empty() && !ends_with(single_value, '\n')) {
        // Keep the one-line form; the comments it had inside go above it.
        comments_lines(inner.inner_comments, indent, out);
        comments_lines(single->comments.leading, indent, out);
        comments_lines(single->comments.inner, indent, out);
        comments_lines(single->comments.trailing, indent, out);
        line += " { " + require_identifier(single->name, "attribute name") + " = " + single_value + " }";
      } else if (inner.items.empty() && (!opts_.comments || inner.inner_comments.empty())) {
        line += " {}";
      } else {
        line += " {\n";
        body(inner, indent + 1, line);
        line += pad(indent) + "}";
      }
    }
    trailing(item.comments().trailing, indent, line);
    out += line;
  }
  inner_comments(b.inner_comments, first, false, indent, out);
}

}  // namespace

std::string to_hcl(const Expression& e, const PrintOptions& options) {
  Printer p(options);
  return p.expr(e, 0, false);
}

std::string to_hcl(const Body& body, const PrintOptions& options) {
  Printer p(options);
  std::string out;
  p.body(body, 0, out);
  return out;
}

std::string to_hcl(const File& file, const PrintOptions& options) { return to_hcl(file.body, options); }

}  // namespace stackgen::hcl
