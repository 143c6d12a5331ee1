#include "schema_type.hpp"

namespace stackgen::detail {

namespace {

// A reader for the subset of JSON type encodings use: strings, arrays and
// objects of them. Depth is bounded (types are a few levels deep; a
// malformed spec is not worth a crash).
class Reader {
 public:
  explicit Reader(std::string_view s) : s_(s) {}

  SchemaType type(int depth) {
    SchemaType t;
    if (depth > 64) return t;
    skip();
    if (peek() == '"') {
      std::string name = string();
      if (name == "string") t.kind = SchemaType::Kind::string;
      else if (name == "number") t.kind = SchemaType::Kind::number;
      else if (name == "bool") t.kind = SchemaType::Kind::boolean;
      else if (name == "dynamic") t.kind = SchemaType::Kind::dynamic;
      return t;
    }
    if (!eat('[')) return t;
    skip();
    std::string head = string();
    skip();
    if (!eat(',')) return t;
    skip();
    if (head == "list" || head == "set" || head == "map") {
      t.kind = head == "list" ? SchemaType::Kind::list : head == "set" ? SchemaType::Kind::set : SchemaType::Kind::map;
      t.elements.push_back(type(depth + 1));
    } else if (head == "object") {
      t.kind = SchemaType::Kind::object;
      if (!eat('{')) return {};
      skip();
      while (peek() == '"') {
        std::string field = string();
        skip();
        if (!eat(':')) return {};
        t.fields.emplace(std::move(field), type(depth + 1));
        skip();
        if (!eat(',')) break;
        skip();
      }
      if (!eat('}')) return {};
      skip();
      if (eat(',')) {  // optional attributes list: ["object", {...}, ["a"]]
        skip();
        skip_value(depth);
      }
    } else if (head == "tuple") {
      t.kind = SchemaType::Kind::tuple;
      if (!eat('[')) return {};
      skip();
      while (peek() != ']' && peek() != '\0') {
        t.elements.push_back(type(depth + 1));
        skip();
        if (!eat(',')) break;
        skip();
      }
      if (!eat(']')) return {};
    }
    skip();
    eat(']');
    return t;
  }

 private:
  char peek() const { return i_ < s_.size() ? s_[i_] : '\0'; }
  bool eat(char c) {
    if (peek() != c) return false;
    ++i_;
    return true;
  }
  void skip() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\t' || s_[i_] == '\r')) ++i_;
  }
  std::string string() {
    std::string out;
    if (!eat('"')) return out;
    while (i_ < s_.size() && s_[i_] != '"') {
      if (s_[i_] == '\\' && i_ + 1 < s_.size()) ++i_;
      out += s_[i_++];
    }
    eat('"');
    return out;
  }
  void skip_value(int depth) {
    if (depth > 64) return;
    skip();
    if (peek() == '"') {
      string();
    } else if (eat('[')) {
      skip();
      while (peek() != ']' && peek() != '\0') {
        skip_value(depth + 1);
        skip();
        if (!eat(',')) break;
        skip();
      }
      eat(']');
    }
  }

  std::string_view s_;
  std::size_t i_ = 0;
};

}  // namespace

SchemaType parse_schema_type(std::string_view json) { return Reader(json).type(0); }

}  // namespace stackgen::detail
