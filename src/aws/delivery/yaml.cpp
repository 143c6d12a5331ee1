#include "yaml.hpp"

namespace stackgen::delivery::detail {

namespace {

bool plain_key(const std::string& key) {
  if (key.empty()) return false;
  for (char c : key)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
      return false;
  // YAML 1.1 readers (PyYAML, and GitHub's own docs warn) take these for
  // booleans: `on:` would become `true:`.
  static const char* const kBooleans[] = {"on", "off", "yes", "no", "y", "n", "true", "false", "null", "On", "Off",
                                          "Yes", "No", "True", "False", "Null", "ON", "OFF", "YES", "NO", "TRUE",
                                          "FALSE", "NULL", "Y", "N"};
  for (const char* b : kBooleans)
    if (key == b) return false;
  return !(key[0] >= '0' && key[0] <= '9');
}

std::string quoted(const std::string& s) { return Tree(s).dump(-1, ' ', false, Tree::error_handler_t::strict); }

std::string key_text(const std::string& key) { return plain_key(key) ? key : quoted(key); }

// A literal block keeps the text as written; YAML allows it only for text
// that is printable and has no trailing spaces on a line or leading space
// on the first line (which would be taken for indentation).
bool literal_block(const std::string& s) {
  if (s.find('\n') == std::string::npos || s.front() == ' ' || s.front() == '\n') return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 && c != '\n') return false;
    if (c == ' ' && (i + 1 == s.size() || s[i + 1] == '\n')) return false;
  }
  return true;
}

void scalar(std::string& out, const Tree& v, int indent) {
  if (v.is_string()) {
    const auto& s = v.get_ref<const std::string&>();
    if (!literal_block(s)) {
      out += quoted(s);
      return;
    }
    // `|` keeps exactly one final newline, `|-` none, `|+` all of them.
    std::size_t trailing = 0;
    while (trailing < s.size() && s[s.size() - 1 - trailing] == '\n') ++trailing;
    out += trailing == 0 ? "|-" : trailing == 1 ? "|" : "|+";
    std::string pad(static_cast<std::size_t>(indent), ' ');
    std::size_t start = 0;
    std::string body = s.substr(0, s.size() - trailing);
    while (start <= body.size()) {
      auto end = body.find('\n', start);
      std::string line = body.substr(start, end == std::string::npos ? std::string::npos : end - start);
      out += '\n';
      if (!line.empty()) out += pad + line;
      if (end == std::string::npos) break;
      start = end + 1;
    }
    for (std::size_t i = 1; i < trailing; ++i) out += '\n';
    return;
  }
  out += v.dump();
}

void node(std::string& out, const Tree& v, int indent);

bool empty_collection(const Tree& v) { return (v.is_object() || v.is_array()) && v.empty(); }

void object_body(std::string& out, const Tree& v, int indent, bool first_inline) {
  bool first = true;
  for (auto it = v.begin(); it != v.end(); ++it) {
    if (!(first && first_inline)) out += std::string(static_cast<std::size_t>(indent), ' ');
    first = false;
    out += key_text(it.key()) + ":";
    const Tree& value = it.value();
    if ((value.is_object() || value.is_array()) && !value.empty()) {
      out += '\n';
      node(out, value, value.is_array() ? indent : indent + 2);
    } else {
      out += ' ';
      if (empty_collection(value)) out += value.is_object() ? "{}" : "[]";
      else scalar(out, value, indent + 2);
      out += '\n';
    }
  }
}

void node(std::string& out, const Tree& v, int indent) {
  std::string pad(static_cast<std::size_t>(indent), ' ');
  if (v.is_object()) {
    object_body(out, v, indent, false);
    return;
  }
  for (const auto& item : v) {  // an array: `- ` items
    out += pad + "- ";
    if (item.is_object() && !item.empty()) object_body(out, item, indent + 2, true);
    else if (item.is_array() && !item.empty()) {
      out += '\n';
      node(out, item, indent + 2);
    } else {
      if (empty_collection(item)) out += item.is_object() ? "{}" : "[]";
      else scalar(out, item, indent + 2);
      out += '\n';
    }
  }
}

}  // namespace

std::string to_yaml(const Tree& tree) {
  std::string out;
  node(out, tree, 0);
  return out;
}

}  // namespace stackgen::delivery::detail
