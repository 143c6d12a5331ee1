// value_from_json: a JSON reader that builds Values directly, with an
// explicit stack of open containers.
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "../text.hpp"
#include "node.hpp"
#include "stackgen/core/expr.hpp"
#include "stackgen/core/json_value.hpp"

namespace stackgen {

namespace {

using detail::FieldViews;

class Reader {
 public:
  explicit Reader(std::string_view s) : s_(s) {}

  Value document() {
    Value v = value();
    skip();
    if (i_ != s_.size()) fail("unexpected text after the document");
    return v;
  }

 private:
  struct Frame {
    bool object;
    std::vector<Value> items;  // list elements, or object values
    std::vector<std::string> keys;
  };

  [[noreturn]] void fail(const char* what) const { throw JsonError(what, i_); }

  void skip() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\r' || s_[i_] == '\t')) ++i_;
  }
  bool eat(char c) {
    skip();
    if (i_ < s_.size() && s_[i_] == c) {
      ++i_;
      return true;
    }
    return false;
  }
  bool literal(std::string_view word) {
    if (s_.substr(i_, word.size()) != word) return false;
    i_ += word.size();
    return true;
  }

  static void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xc0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xe0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
      out += static_cast<char>(0x80 | (cp & 0x3f));
    } else {
      out += static_cast<char>(0xf0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
      out += static_cast<char>(0x80 | (cp & 0x3f));
    }
  }

  std::uint32_t hex4() {
    if (i_ + 4 > s_.size()) fail("a short \\u escape");
    std::uint32_t v = 0;
    for (int k = 0; k < 4; ++k) {
      const char c = s_[i_++];
      v <<= 4;
      if (c >= '0' && c <= '9') v |= static_cast<std::uint32_t>(c - '0');
      else if (c >= 'a' && c <= 'f') v |= static_cast<std::uint32_t>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') v |= static_cast<std::uint32_t>(c - 'A' + 10);
      else fail("a bad \\u escape");
    }
    return v;
  }

  std::string string() {
    if (!eat('"')) fail("expected a string");
    std::string out;
    while (true) {
      const std::size_t start = i_;
      while (i_ < s_.size() && s_[i_] != '"' && s_[i_] != '\\' && static_cast<unsigned char>(s_[i_]) >= 0x20) ++i_;
      out.append(s_.data() + start, i_ - start);
      if (i_ >= s_.size()) fail("an unterminated string");
      const char c = s_[i_++];
      if (c == '"') break;
      if (c != '\\') fail("a control character in a string");
      if (i_ >= s_.size()) fail("an unterminated escape");
      switch (s_[i_++]) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          std::uint32_t cp = hex4();
          if (cp >= 0xd800 && cp < 0xdc00) {
            if (!literal("\\u")) fail("a lone surrogate");
            const std::uint32_t low = hex4();
            if (low < 0xdc00 || low >= 0xe000) fail("a lone surrogate");
            cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
          } else if (cp >= 0xdc00 && cp < 0xe000) {
            fail("a lone surrogate");
          }
          append_utf8(out, cp);
          break;
        }
        default: fail("an unknown escape");
      }
    }
    if (!detail::valid_utf8(out)) fail("invalid UTF-8 in a string");
    return out;
  }

  Value number() {
    const std::size_t start = i_;
    if (i_ < s_.size() && s_[i_] == '-') ++i_;
    bool integral = true;
    while (i_ < s_.size() && ((s_[i_] >= '0' && s_[i_] <= '9') || s_[i_] == '.' || s_[i_] == 'e' || s_[i_] == 'E' ||
                              s_[i_] == '+' || s_[i_] == '-')) {
      if (s_[i_] == '.' || s_[i_] == 'e' || s_[i_] == 'E') integral = false;
      ++i_;
    }
    const char* begin = s_.data() + start;
    const char* end = s_.data() + i_;
    if (integral) {
      std::int64_t v = 0;
      auto r = std::from_chars(begin, end, v);
      if (r.ec == std::errc() && r.ptr == end) return Value(v);
    }
    double d = 0;
    auto r = std::from_chars(begin, end, d);
    if (r.ec != std::errc() || r.ptr != end || !std::isfinite(d)) fail("a bad number");
    return Value(d);
  }

  /// One scalar, or the opening of a container (pushed on `frames_`).
  bool scalar_or_open(Value& out) {
    skip();
    if (i_ >= s_.size()) fail("unexpected end of the document");
    const char c = s_[i_];
    if (c == '{' || c == '[') {
      ++i_;
      if (frames_.size() > 100000) fail("nesting deeper than 100000 levels");
      frames_.push_back({c == '{', {}, {}});
      return false;
    }
    if (c == '"') out = Value(string());
    else if (literal("true")) out = Value(true);
    else if (literal("false")) out = Value(false);
    else if (literal("null")) out = detail::make_null_typed();
    else if (c == '-' || (c >= '0' && c <= '9')) out = number();
    else fail("unexpected character");
    return true;
  }

  Value close(Frame& f) {
    if (!f.object) return Value::list(f.items);
    FieldViews views;
    views.reserve(f.items.size());
    for (std::size_t k = 0; k < f.items.size(); ++k) views.emplace_back(f.keys[k], &f.items[k]);
    return detail::make_object_node(views.span());
  }

  Value value() {
    Value v;
    if (scalar_or_open(v)) return v;
    while (true) {
      Frame& f = frames_.back();
      // Closing, or a separator before the next member.
      if (eat(f.object ? '}' : ']')) {
        Value done = close(f);
        frames_.pop_back();
        if (frames_.empty()) return done;
        frames_.back().items.push_back(std::move(done));
        continue;
      }
      if (!f.items.empty() || !f.keys.empty()) {
        if (!eat(',')) fail(f.object ? "expected ',' or '}'" : "expected ',' or ']'");
      }
      if (f.object) {
        skip();
        f.keys.push_back(string());
        if (!eat(':')) fail("expected ':'");
      }
      Value item;
      if (scalar_or_open(item)) frames_.back().items.push_back(std::move(item));
    }
  }

  std::string_view s_;
  std::size_t i_ = 0;
  std::vector<Frame> frames_;
};

}  // namespace

Value value_from_json(std::string_view text) { return Reader(text).document(); }

}  // namespace stackgen
