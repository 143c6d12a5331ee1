#include "paths.hpp"

#include <array>

#include "../text.hpp"

namespace stackgen::detail {

namespace {

constexpr std::size_t kMaxStackName = 100;
constexpr std::size_t kMaxComponent = 100;
constexpr std::size_t kMaxFileComponents = 4;

bool name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '.';
}

bool fail(std::string* why, std::string text) {
  if (why) *why = std::move(text);
  return false;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() > suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// One component of a file path below a stack directory.
bool valid_component(std::string_view c, std::string* why) {
  if (c.empty()) return fail(why, "empty path component");
  if (c.size() > kMaxComponent) return fail(why, "path component longer than 100 characters");
  if (c[0] == '.') return fail(why, "path component '" + printable(c) + "' starts with '.'");
  for (char ch : c)
    if (!name_char(ch)) return fail(why, "character not allowed in '" + printable(c) + "'");
  return true;
}

}  // namespace

bool is_valid_stack_name(std::string_view name, std::string* why) {
  if (name.empty()) return fail(why, "the name is empty");
  if (name.size() > kMaxStackName) return fail(why, "the name is longer than 100 characters");
  if (name[0] == '.' || name[0] == '-')
    return fail(why, "the name must start with a letter, a digit or '_'");
  for (char c : name)
    if (!name_char(c))
      return fail(why, "the name may contain only letters, digits, '_', '-' and '.' (found '" +
                           printable(std::string_view(&c, 1)) + "')");
  return true;
}

bool is_emitted_path(std::string_view path, std::string* why) {
  static constexpr std::array<std::string_view, 8> kExtensions = {".tf.json", ".tf", ".json", ".yaml",
                                                                  ".yml",     ".md",  ".svg", ".jq"};
  if (path == kOrderFileName) return true;
  auto slash = path.find('/');
  if (slash == std::string_view::npos) return fail(why, "not of the form <stack>/<file>");
  std::string stack_why;
  if (!is_valid_stack_name(path.substr(0, slash), &stack_why))
    return fail(why, "stack directory: " + stack_why);
  std::string_view rest = path.substr(slash + 1);
  std::size_t components = 0;
  std::string_view last;
  while (true) {
    auto next = rest.find('/');
    std::string_view c = rest.substr(0, next);
    if (!valid_component(c, why)) return false;
    if (++components > kMaxFileComponents) return fail(why, "too many path components");
    last = c;
    if (next == std::string_view::npos) break;
    rest = rest.substr(next + 1);
  }
  for (auto ext : kExtensions)
    if (ends_with(last, ext)) return true;
  return fail(why, "'" + printable(last) + "' is not a kind of file stackgen writes");
}

std::string_view stack_of(std::string_view emitted_path) {
  if (emitted_path.find('/') == std::string_view::npos) return {};  // the order file: no stack's
  return emitted_path.substr(0, emitted_path.find('/'));
}

}  // namespace stackgen::detail

namespace stackgen {
bool is_valid_stack_name(std::string_view name, std::string* why) { return detail::is_valid_stack_name(name, why); }
}  // namespace stackgen
