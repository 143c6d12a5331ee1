#include "convert/cpp_text.hpp"

#include <cctype>

#include "hcl/printer.hpp"

namespace stackgen::convert {

std::string cpp_string(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      case '?': out += "?"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          const char* digits = "01234567";
          out += '\\';
          out += digits[(c >> 6) & 7];
          out += digits[(c >> 3) & 7];
          out += digits[c & 7];
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

// A raw string literal for HCL text, with a delimiter the text lacks (C++
// allows 16 characters; text that contains all the candidates, which only
// crafted input does, gets an ordinary literal).
std::string cpp_raw_string(const std::string& text) {
  std::string delim = "hcl";
  while (text.find(")" + delim + "\"") != std::string::npos) {
    if (delim.size() == 16) return cpp_string(text);
    delim += "_";
  }
  return "R\"" + delim + "(" + text + ")" + delim + "\"";
}

std::string comment_lines(std::string_view text, const std::string& indent) {
  std::string out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t nl = text.find('\n', start);
    std::string_view line = text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
    out += indent + "//";
    if (!line.empty()) out += " " + std::string(line);
    // A backslash at the end of a line comment would splice the next line
    // of code into the comment.
    if (const auto last = out.find_last_not_of(" \t"); last != std::string::npos && out[last] == '\\')
      out += " (end of line)";
    out += "\n";
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return out;
}

std::string hcl_text(const hcl::Expression& e) {
  hcl::PrintOptions o;
  o.comments = false;
  return hcl::to_hcl(e, o);
}

bool is_primitive_type_word(std::string_view w) {
  return w == "List" || w == "Set" || w == "Map" || w == "Number" || w == "Any" || w == "Object" ||
         w == "std" || w == "string" || w == "bool";
}

// Qualifies the struct names in a binding's C++ type ("List<Ingress>") with
// the scope they are declared in ("aws::SecurityGroup").
// Rewrites each word of a C++ type (identifier characters and, with
// `colons`, `::`) through `f`, keeping the punctuation between them.
template <class F>
std::string map_words(const std::string& type, bool colons, F f) {
  std::string out, word;
  auto flush = [&] {
    if (!word.empty()) out += f(word, out);
    word.clear();
  };
  for (char c : type) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || (colons && c == ':')) {
      word += c;
    } else {
      flush();
      out += c;
    }
  }
  flush();
  return out;
}

std::string qualify(const std::string& type, const std::string& scope) {
  return map_words(type, false, [&](const std::string& word, const std::string& before) {
    const bool after_colons = before.ends_with("::");
    return !after_colons && !is_primitive_type_word(word) ? scope + "::" + word : word;
  });
}

std::string qualify_core_types(const std::string& type) {
  return map_words(type, true, [](const std::string& word, const std::string&) {
    return word == "List" || word == "Set" || word == "Map" || word == "Number" || word == "Any" || word == "Object"
               ? "stackgen::" + word
               : word;
  });
}

bool is_sequence(const std::string& t) { return t.starts_with("List<") || t.starts_with("Set<"); }
bool is_map(const std::string& t) { return t.starts_with("Map<"); }
std::string element_of(const std::string& t) {
  const auto open = t.find('<');
  return t.substr(open + 1, t.size() - open - 2);
}

}  // namespace stackgen::convert
