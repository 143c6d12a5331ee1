#include "json.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>

namespace stackgen::detail {

Json& Json::operator[](std::string_view key) {
  if (kind != Kind::object) {
    *this = make_object();
  }
  for (auto& [k, v] : object)
    if (k == key) return v;
  object.emplace_back(std::string(key), Json{});
  return object.back().second;
}

Json* Json::find(std::string_view key) {
  if (kind != Kind::object) return nullptr;
  for (auto& [k, v] : object)
    if (k == key) return &v;
  return nullptr;
}

bool Json::erase(std::string_view key) {
  if (kind != Kind::object) return false;
  auto it = std::find_if(object.begin(), object.end(), [&](const auto& kv) { return kv.first == key; });
  if (it == object.end()) return false;
  object.erase(it);
  return true;
}

namespace {
// Bytes a JSON string must escape: control characters, '"' and '\\'.
constexpr std::array<bool, 256> kEscaped = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[c] = true;
  t['"'] = t['\\'] = true;
  return t;
}();
}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  append_json_escaped(out, s);
  out += '"';
}

void append_json_escaped(std::string& out, std::string_view s) {
  // Runs of characters that need no escape are appended at once; this is
  // the innermost loop of rendering.
  auto plain = [](char c) { return !kEscaped[static_cast<unsigned char>(c)]; };
  for (size_t i = 0; i < s.size();) {
    size_t run = i;
    while (run < s.size() && plain(s[run])) ++run;
    out.append(s.data() + i, run - i);
    if (run == s.size()) break;
    i = run + 1;
    char c = s[run];
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
          out += buf;
        } else {
          out += c;
        }
    }
  }
}

namespace {

void indent(std::string& out, int depth) { out.append(static_cast<size_t>(depth) * 2, ' '); }

void write(std::string& out, const Json& j, int depth) {
  switch (j.kind) {
    case Json::Kind::null: out += "null"; return;
    case Json::Kind::boolean: out += j.boolean ? "true" : "false"; return;
    case Json::Kind::integer: out += std::to_string(j.integer); return;
    case Json::Kind::real: {
      char buf[64];
      auto r = std::to_chars(buf, buf + sizeof buf, j.real);
      out.append(buf, r.ptr);
      return;
    }
    case Json::Kind::string: append_json_string(out, j.text); return;
    case Json::Kind::deferred: j.deferred_writer(out, j.deferred_context, depth); return;
    case Json::Kind::array: {
      if (j.array.empty()) {
        out += "[]";
        return;
      }
      out += "[\n";
      for (size_t i = 0; i < j.array.size(); ++i) {
        indent(out, depth + 1);
        write(out, j.array[i], depth + 1);
        out += i + 1 < j.array.size() ? ",\n" : "\n";
      }
      indent(out, depth);
      out += ']';
      return;
    }
    case Json::Kind::object: {
      if (j.object.empty()) {
        out += "{}";
        return;
      }
      std::vector<const std::pair<std::string, Json>*> members;
      members.reserve(j.object.size());
      for (const auto& m : j.object) members.push_back(&m);
      std::sort(members.begin(), members.end(),
                [](auto* a, auto* b) { return a->first < b->first; });
      out += "{\n";
      for (size_t i = 0; i < members.size(); ++i) {
        indent(out, depth + 1);
        append_json_string(out, members[i]->first);
        out += ": ";
        write(out, members[i]->second, depth + 1);
        out += i + 1 < members.size() ? ",\n" : "\n";
      }
      indent(out, depth);
      out += '}';
      return;
    }
  }
}

}  // namespace

std::string write_json(const Json& j, std::size_t size_hint) {
  std::string out;
  out.reserve(size_hint);
  write(out, j, 0);
  out += '\n';
  return out;
}

void write_json_value(std::string& out, const Json& j, int depth) { write(out, j, depth); }

void append_indent(std::string& out, int depth) { indent(out, depth); }

}  // namespace stackgen::detail
