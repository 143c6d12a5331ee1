#include "hcl_text.hpp"

#include <array>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <vector>

#include "node.hpp"

namespace stackgen::detail {

namespace {

// Bytes a JSON string must escape: control characters, '"' and '\\'.
constexpr std::array<bool, 256> kJsonEscaped = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[c] = true;
  t['"'] = t['\\'] = true;
  return t;
}();

void append_json_char(std::string& out, char c) {
  switch (c) {
    case '"': out += "\\\""; return;
    case '\\': out += "\\\\"; return;
    case '\b': out += "\\b"; return;
    case '\f': out += "\\f"; return;
    case '\n': out += "\\n"; return;
    case '\r': out += "\\r"; return;
    case '\t': out += "\\t"; return;
    default:
      if (static_cast<unsigned char>(c) < 0x20) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
        out += buf;
      } else {
        out += c;
      }
  }
}

void append_hcl_escaped_char(std::string& out, char c) {
  switch (c) {
    case '"': out += "\\\""; return;
    case '\\': out += "\\\\"; return;
    case '\n': out += "\\n"; return;
    case '\r': out += "\\r"; return;
    case '\t': out += "\\t"; return;
    default:
      if (static_cast<unsigned char>(c) < 0x20) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
        out += buf;
      } else {
        out += c;
      }
  }
}

/// Literal text of an HCL quoted template (inside `${...}`): template
/// escapes and HCL escapes in one pass; a trailing `$` run before an
/// interpolation becomes `${"$"}`.
void append_hcl_template_text(std::string& out, std::string_view text, bool before_interpolation) {
  std::size_t keep = text.size();
  if (before_interpolation)
    while (keep > 0 && text[keep - 1] == '$') --keep;
  std::size_t plain = 0;  // start of the run not yet appended
  for (std::size_t i = 0; i < keep; ++i) {
    const char c = text[i];
    const bool doubled = (c == '$' || c == '%') && i + 1 < text.size() && text[i + 1] == '{';
    if (!doubled && c != '"' && c != '\\' && static_cast<unsigned char>(c) >= 0x20) continue;
    out.append(text.data() + plain, i - plain);
    plain = i + 1;
    if (doubled) out += c;
    append_hcl_escaped_char(out, c);
  }
  out.append(text.data() + plain, keep - plain);
  if (keep < text.size()) {
    out += "${\"";
    out.append(text.substr(keep));
    out += "\"}";
  }
}

// --- The HCL printer: an explicit stack of things still to write.

struct Task {
  enum class Kind : std::uint8_t { node, operand, text, template_text, quoted } kind;
  bool before_interpolation = false;
  const Node* node = nullptr;
  std::string_view text;
};

/// Raw HCL text that is one operand as it stands: outside quotes and
/// brackets, no space and no operator character (`a.b[0]`, `f(x, y)`,
/// `"s"`). Anything else (`a == null`, `-x`, `a ? b : c`) is parenthesised
/// when it is an operand, so `!raw("a == b")` stays `!(a == b)`.
bool atomic_raw(std::string_view text) {
  if (text.empty()) return false;
  int depth = 0;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '\\') ++i;
      else if (c == '"') quoted = false;
      continue;
    }
    switch (c) {
      case '"': quoted = true; break;
      case '(': case '[': case '{': ++depth; break;
      case ')': case ']': case '}': --depth; break;
      default:
        if (depth == 0 && (std::string_view(" \t\n\r+-*/%<>=!&|?:,").find(c) != std::string_view::npos))
          return false;
    }
  }
  return depth == 0 && !quoted;
}

bool needs_parens(const Node* n) {
  return n && (n->kind == NodeKind::binary || n->kind == NodeKind::conditional ||
               (n->kind == NodeKind::raw && !atomic_raw(n->text())));
}

}  // namespace

bool is_identifier(std::string_view s) noexcept {
  if (s.empty()) return false;
  auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  if (!alpha(s[0])) return false;
  for (char c : s)
    if (!(alpha(c) || (c >= '0' && c <= '9') || c == '-')) return false;
  return true;
}

/// The first byte at or after `i` that JSON must escape (or size()):
/// eight bytes at a time, since most text needs no escape at all.
std::size_t next_json_escape(std::string_view s, std::size_t i) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ull, kHighs = 0x8080808080808080ull;
  while (i + 8 <= s.size()) {
    std::uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    // A zero byte of (w ^ c) is a byte equal to c; (x - 0x20..) & ~x & 0x80.. finds bytes below 0x20.
    auto zero_byte = [&](std::uint64_t x) { return (x - kOnes) & ~x & kHighs; };
    const std::uint64_t control = (w - 0x2020202020202020ull) & ~w & kHighs;
    if (control | zero_byte(w ^ (kOnes * '"')) | zero_byte(w ^ (kOnes * '\\'))) break;
    i += 8;
  }
  while (i < s.size() && !kJsonEscaped[static_cast<unsigned char>(s[i])]) ++i;
  return i;
}

/// The first byte at or after `i` that template text in JSON may need to
/// escape: what JSON escapes, and '$' / '%' (before '{', or a run before an
/// interpolation), eight bytes at a time.
std::size_t next_template_special(std::string_view s, std::size_t i) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ull, kHighs = 0x8080808080808080ull;
  auto zero_byte = [&](std::uint64_t x) { return (x - kOnes) & ~x & kHighs; };
  while (i + 8 <= s.size()) {
    std::uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    const std::uint64_t control = (w - 0x2020202020202020ull) & ~w & kHighs;
    if (control | zero_byte(w ^ (kOnes * '"')) | zero_byte(w ^ (kOnes * '\\')) | zero_byte(w ^ (kOnes * '$')) |
        zero_byte(w ^ (kOnes * '%')))
      break;
    i += 8;
  }
  while (i < s.size()) {
    const char c = s[i];
    if (kJsonEscaped[static_cast<unsigned char>(c)] || c == '$' || c == '%') break;
    ++i;
  }
  return i;
}

void append_json_escaped(std::string& out, std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    std::size_t run = next_json_escape(s, i);
    out.append(s.data() + i, run - i);
    if (run == s.size()) break;
    append_json_char(out, s[run]);
    i = run + 1;
  }
}

void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  append_json_escaped(out, s);
  out += '"';
}

void append_json_template_text(std::string& out, std::string_view text, bool before_interpolation) {
  std::size_t keep = text.size();
  if (before_interpolation)
    while (keep > 0 && text[keep - 1] == '$') --keep;
  std::size_t plain = 0;  // start of the run not yet appended
  for (std::size_t i = next_template_special(text, 0); i < keep; i = next_template_special(text, i + 1)) {
    const char c = text[i];
    const bool doubled = (c == '$' || c == '%') && i + 1 < text.size() && text[i + 1] == '{';
    const bool lone_cr = c == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n');
    if (!doubled && !lone_cr && !kJsonEscaped[static_cast<unsigned char>(c)]) continue;
    if (lone_cr) {
      // `${"\r"}` is an interpolation: a run of '$' right before it would
      // read as the escape `$${`, so the run goes inside it: `${"$$\r"}`.
      std::size_t run = i;
      while (run > plain && text[run - 1] == '$') --run;
      out.append(text.data() + plain, run - plain);
      out += "${\\\"";
      out.append(text.data() + run, i - run);
      out += "\\\\r\\\"}";  // the HCL escape \r, inside a JSON string
      plain = i + 1;
      continue;
    }
    out.append(text.data() + plain, i - plain);
    plain = i + 1;
    if (doubled) {
      out += c;
      out += c;
    } else {
      append_json_char(out, c);
    }
  }
  out.append(text.data() + plain, keep - plain);
  if (keep < text.size()) {
    out += "${\\\"";
    out.append(text.substr(keep));
    out += "\\\"}";
  }
}

void append_hcl_quoted(std::string& out, std::string_view literal) {
  out += '"';
  append_hcl_template_text(out, literal, false);
  out += '"';
}

std::string escape_template(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((s[i] == '$' || s[i] == '%') && i + 1 < s.size() && s[i + 1] == '{') out += s[i];
    out += s[i];
  }
  return out;
}

std::string hcl_quote(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) append_hcl_escaped_char(out, c);
  return out;
}

bool is_bare_object_key(std::string_view key) noexcept {
  if (key.empty()) return false;
  const auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  if (!alpha(key[0])) return false;
  for (char c : key)
    if (!alpha(c) && !(c >= '0' && c <= '9')) return false;
  // Keywords would be read as values (`null`, `true`) or start an expression.
  for (std::string_view k : {"true", "false", "null", "for", "in", "if", "else", "endif", "endfor"})
    if (key == k) return false;
  return true;
}

void append_hcl(std::string& out, const Value& root, HclStyle style) {
  // Not thread_local storage of a non-trivial type (see destroy_node).
  thread_local std::vector<Task>* stack_storage = new std::vector<Task>;
  std::vector<Task>& stack = *stack_storage;
  const std::size_t base = stack.size();
  auto push_text = [&](std::string_view t) { stack.push_back({Task::Kind::text, false, nullptr, t}); };
  auto push_node = [&](const Value& v) { stack.push_back({Task::Kind::node, false, v.node(), {}}); };
  auto push_operand = [&](const Value& v) { stack.push_back({Task::Kind::operand, false, v.node(), {}}); };
  // Pushes a separated sequence in reverse, so that it pops in order.
  auto push_sequence = [&](std::span<const Value> items, std::string_view separator) {
    for (std::size_t i = items.size(); i-- > 0;) {
      push_node(items[i]);
      if (i) push_text(separator);
    }
  };
  stack.push_back({Task::Kind::node, false, root.node(), {}});
  while (stack.size() > base) {
    Task t = stack.back();
    stack.pop_back();
    switch (t.kind) {
      case Task::Kind::text: out += t.text; continue;
      case Task::Kind::quoted: append_hcl_quoted(out, t.text); continue;
      case Task::Kind::template_text: append_hcl_template_text(out, t.node->text(), t.before_interpolation); continue;
      case Task::Kind::operand:
        if (needs_parens(t.node)) {
          out += '(';
          push_text(")");
        }
        break;
      case Task::Kind::node: break;
    }
    const Node* n = t.node;
    if (!n) {
      out += "null";
      continue;
    }
    switch (n->kind) {
      case NodeKind::null_literal: out += "null"; break;
      case NodeKind::boolean: out += (n->flags & kTrue) ? "true" : "false"; break;
      case NodeKind::integer: out += std::to_string(n->integer); break;
      case NodeKind::real: {
        char buf[64];
        auto r = std::to_chars(buf, buf + sizeof buf, n->real);
        out.append(buf, r.ptr);
        break;
      }
      case NodeKind::string: append_hcl_quoted(out, n->text()); break;
      case NodeKind::list:
      case NodeKind::list_expr:
        out += '[';
        push_text("]");
        push_sequence(n->items(), ", ");
        break;
      case NodeKind::object:
        // Keys are stored sorted: the emitted JSON's order, and what
        // Terraform's jsonencode produces anyway.
        out += '{';
        if (style.formatted && n->count) {
          out += ' ';
          push_text(" }");
        } else {
          push_text("}");
        }
        for (std::size_t i = n->count; i-- > 0;) {
          push_node(n->child(i));
          push_text(" = ");
          if (style.formatted && is_bare_object_key(n->key(i))) push_text(n->key(i));
          else stack.push_back({Task::Kind::quoted, false, nullptr, n->key(i)});
          if (i) push_text(", ");
        }
        break;
      case NodeKind::template_:
        if (style.formatted) {
          // `"${x}"` is x itself (an interpolation-only template passes the
          // value through); `terraform fmt` writes it bare.
          const Value* only = nullptr;
          std::size_t parts = 0;
          for (const auto& part : n->items()) {
            const Node* p = part.node();
            if (p && p->kind == NodeKind::string && p->text_size == 0) continue;
            ++parts;
            only = &part;
          }
          if (parts == 1 && only->node() && only->node()->kind != NodeKind::string) {
            push_operand(*only);
            break;
          }
        }
        out += '"';
        push_text("\"");
        for (std::size_t i = n->count; i-- > 0;) {
          const Node* part = n->child(i).node();
          if (part && part->kind == NodeKind::string) {
            stack.push_back({Task::Kind::template_text, i + 1 < n->count, part, {}});
          } else {
            push_text("}");
            push_node(n->child(i));
            push_text("${");
          }
        }
        break;
      case NodeKind::reference:
      case NodeKind::raw: out += n->text(); break;
      case NodeKind::call:
        out += n->text();
        out += '(';
        push_text(")");
        if (n->flags & kExpandLast) push_text("...");
        push_sequence(n->items(), ", ");
        break;
      case NodeKind::binary:
        push_operand(n->child(1));
        push_text(" ");
        push_text(n->text());
        push_text(" ");
        push_operand(n->child(0));
        break;
      case NodeKind::unary:
        out += n->text();
        push_operand(n->child(0));
        break;
      case NodeKind::conditional:
        push_operand(n->child(2));
        push_text(" : ");
        push_operand(n->child(1));
        push_text(" ? ");
        push_operand(n->child(0));
        break;
      case NodeKind::index:
        push_text("]");
        push_node(n->child(1));
        push_text("[");
        // The list of all instances' attribute, indexed: parenthesized, as
        // `r[*].id[0]` would index each instance's id (a splat applies the
        // steps after it to every element).
        if (const Node* c = n->child(0).node();
            c && c->kind == NodeKind::reference && c->text().find("[*]") != std::string_view::npos) {
          push_text(")");
          push_node(n->child(0));
          push_text("(");
        } else {
          push_operand(n->child(0));
        }
        break;
      case NodeKind::get_attr:
        push_text(n->text());
        push_text(".");
        push_operand(n->child(0));
        break;
      case NodeKind::object_expr: {
        // children: key, value, key, value, ... A key that is not a literal
        // string is parenthesized: HCL reads a bare `var.k` as the name
        // "var.k"; `("a-${x}")` and `(var.k)` are evaluated.
        const std::size_t pairs = n->count / 2;
        out += style.formatted ? "{ " : "{";
        push_text(style.formatted ? " }" : "}");
        for (std::size_t i = pairs; i-- > 0;) {
          push_node(n->child(2 * i + 1));
          push_text(" = ");
          const Node* key = n->child(2 * i).node();
          if (key && key->kind == NodeKind::string) {
            if (style.formatted && is_bare_object_key(key->text())) push_text(key->text());
            else stack.push_back({Task::Kind::quoted, false, nullptr, key->text()});
          } else {
            push_text(")");
            push_node(n->child(2 * i));
            push_text("(");
          }
          if (i) push_text(", ");
        }
        break;
      }
      case NodeKind::for_expr: {
        // children: collection, key, value, condition
        const bool object = (n->flags & kObjectFor) != 0;
        out += object ? (style.formatted ? "{ for " : "{for ") : "[for ";
        out += n->text();
        out += " in ";
        push_text(object ? (style.formatted ? " }" : "}") : "]");
        if (!n->child(3).is_null()) {
          push_node(n->child(3));
          push_text(" if ");
        }
        if (n->flags & kGrouping) push_text("...");
        push_node(n->child(2));
        if (object) {
          push_text(" => ");
          push_node(n->child(1));
        }
        push_text(" : ");
        push_node(n->child(0));
        break;
      }
    }
  }
}

}  // namespace stackgen::detail
