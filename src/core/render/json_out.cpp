#include "json_out.hpp"

#include <algorithm>
#include <charconv>

#include "../model/hcl_text.hpp"
#include "../model/node.hpp"

namespace stackgen::detail {

namespace {

void append_real(std::string& out, double d) {
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, d);
  out.append(buf, r.ptr);
}

/// "${hcl}" of an expression, as the content of a JSON string.
void append_interpolation(std::string& out, const Value& v) {
  thread_local std::string* scratch = new std::string;
  scratch->clear();
  append_hcl(*scratch, v);
  out += "${";
  append_json_escaped(out, *scratch);
  out += '}';
}

/// A scalar or expression (anything but a literal list or object).
void write_scalar(std::string& out, const Node* n, Context context) {
  if (!n) {
    out += "null";
    return;
  }
  switch (n->kind) {
    case NodeKind::null_literal: out += "null"; return;
    case NodeKind::boolean: out += (n->flags & kTrue) ? "true" : "false"; return;
    case NodeKind::integer: out += std::to_string(n->integer); return;
    case NodeKind::real: append_real(out, n->real); return;
    case NodeKind::string:
      out += '"';
      if (context == Context::literal) append_json_escaped(out, n->text());
      else append_json_template_text(out, n->text(), false);
      out += '"';
      return;
    case NodeKind::template_:
      out += '"';
      for (std::size_t i = 0; i < n->count; ++i) {
        const Node* part = n->child(i).node();
        if (part && part->kind == NodeKind::string) append_json_template_text(out, part->text(), i + 1 < n->count);
        else append_interpolation(out, n->child(i));
      }
      out += '"';
      return;
    case NodeKind::reference:
    case NodeKind::raw:
      out += "\"${";
      append_json_escaped(out, n->text());
      out += "}\"";
      return;
    default:
      out += '"';
      append_interpolation(out, share(n));
      out += '"';
      return;
  }
}

}  // namespace

void JsonOut::item() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (levels_.empty()) return;
  Level& l = levels_.back();
  out_ += l.empty ? "\n" : ",\n";
  l.empty = false;
  indent(levels_.size());
}

void JsonOut::begin_object() {
  item();
  out_ += '{';
  levels_.push_back({true, true});
}

void JsonOut::begin_array() {
  item();
  out_ += '[';
  levels_.push_back({true, false});
}

void JsonOut::close(char bracket) {
  Level l = levels_.back();
  levels_.pop_back();
  if (!l.empty) {
    out_ += '\n';
    indent(levels_.size());
  }
  out_ += bracket;
}

void JsonOut::end_object() { close('}'); }

void JsonOut::end_array() { close(']'); }

void JsonOut::key(std::string_view k) {
  item();
  append_json_string(out_, k);
  out_ += ": ";
  after_key_ = true;
}

void JsonOut::string(std::string_view s) {
  item();
  append_json_string(out_, s);
}

void JsonOut::boolean(bool b) {
  item();
  out_ += b ? "true" : "false";
}

void JsonOut::value(const Value& root, Context context) {
  struct Frame {
    const Node* node;
    std::uint32_t next;
    std::uint32_t order;  // offset into `orders` of a re-sorted key order, or kNoOrder
  };
  constexpr std::uint32_t kNoOrder = UINT32_MAX;
  thread_local std::vector<Frame>* frame_storage = new std::vector<Frame>;
  thread_local std::vector<std::uint32_t>* order_storage = new std::vector<std::uint32_t>;
  std::vector<Frame>& frames = *frame_storage;
  std::vector<std::uint32_t>& orders = *order_storage;
  const std::size_t base = frames.size();
  const std::size_t orders_base = orders.size();

  // Writes a value; a literal list or object opens a frame instead.
  auto open = [&](const Node* n) {
    if (n && n->kind == NodeKind::list) {
      begin_array();
      frames.push_back({n, 0, kNoOrder});
    } else if (n && n->kind == NodeKind::object) {
      begin_object();
      std::uint32_t order = kNoOrder;
      if (context == Context::template_ && (n->flags & kTemplateCharsInKey)) {
        // Keys are sorted as written, i.e. after escaping `${` / `%{`.
        order = static_cast<std::uint32_t>(orders.size());
        for (std::uint32_t i = 0; i < n->count; ++i) orders.push_back(i);
        std::stable_sort(orders.begin() + order, orders.end(), [&](std::uint32_t a, std::uint32_t b) {
          return escape_template(n->key(a)) < escape_template(n->key(b));
        });
      }
      frames.push_back({n, 0, order});
    } else {
      item();
      write_scalar(out_, n, context);
    }
  };

  open(root.node());
  while (frames.size() > base) {
    Frame& f = frames.back();
    const Node* n = f.node;
    if (f.next == n->count) {
      if (n->kind == NodeKind::list) end_array();
      else end_object();
      frames.pop_back();
      continue;
    }
    const std::uint32_t i = f.next++;
    const std::uint32_t at = f.order == kNoOrder ? i : orders[f.order + i];
    if (n->kind == NodeKind::object) {
      item();
      out_ += '"';
      if (context == Context::template_ && (n->flags & kTemplateCharsInKey)) append_json_escaped(out_, escape_template(n->key(at)));
      else append_json_escaped(out_, n->key(at));
      out_ += "\": ";
      after_key_ = true;
    }
    open(n->child(at).node());  // may grow `frames`: `f` is not used after this
  }
  orders.resize(orders_base);
}

}  // namespace stackgen::detail
