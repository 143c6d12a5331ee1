#include "names.hpp"

#include <algorithm>
#include <cctype>
#include <iterator>

namespace stackgen::bindgen {

namespace {

// C++20 keywords, including the alternative tokens.
constexpr std::string_view kKeywords[] = {
    "alignas",       "alignof",     "and",
    "and_eq",        "asm",         "auto",
    "bitand",        "bitor",       "bool",
    "break",         "case",        "catch",
    "char",          "char8_t",     "char16_t",
    "char32_t",      "class",       "compl",
    "concept",       "const",       "consteval",
    "constexpr",     "constinit",   "const_cast",
    "continue",      "co_await",    "co_return",
    "co_yield",      "decltype",    "default",
    "delete",        "do",          "double",
    "dynamic_cast",  "else",        "enum",
    "explicit",      "export",      "extern",
    "false",         "float",       "for",
    "friend",        "goto",        "if",
    "inline",        "int",         "long",
    "mutable",       "namespace",   "new",
    "noexcept",      "not",         "not_eq",
    "nullptr",       "operator",    "or",
    "or_eq",         "private",     "protected",
    "public",        "register",    "reinterpret_cast",
    "requires",      "return",      "short",
    "signed",        "sizeof",      "static",
    "static_assert", "static_cast", "struct",
    "switch",        "template",    "this",
    "thread_local",  "throw",       "true",
    "try",           "typedef",     "typeid",
    "typename",      "union",       "unsigned",
    "using",         "virtual",     "void",
    "volatile",      "wchar_t",     "while",
    "xor",           "xor_eq",
};

// Identifiers with special meaning, and names common headers define as
// macros (`linux` and `unix` under GNU extensions).
constexpr std::string_view kSpecialNames[] = {"final",  "override", "import", "module",
                                              "assert", "errno",    "linux",  "unix"};

// Members of ResourceBase a resource or data source inherits.
constexpr std::string_view kResourceMembers[] = {
    "add_override", "count",     "delete_override", "depends_on",
    "for_each",     "lifecycle", "provider",        "suppress_rule",
};

// Type names generated code uses unqualified, and BlockRef::Selector.
constexpr std::string_view kReservedTypes[] = {
    "Any",          "BlockKind",    "Expr",     "List",       "Map",
    "NestedBlock",  "Number",       "Object",   "ObjectType", "ObjectValue",
    "ProviderBase", "ResourceBase", "Selector", "Set",        "Value",
};

bool contains(const auto& names, std::string_view name) {
  return std::find(std::begin(names), std::end(names), name) != std::end(names);
}

}  // namespace

std::string camel_case(std::string_view snake) {
  std::string out;
  out.reserve(snake.size());
  bool upper = true;
  for (char c : snake) {
    if (c == '_') {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return out;
}

bool is_reserved_word(std::string_view name) {
  return contains(kKeywords, name) || contains(kSpecialNames, name);
}

bool is_reserved_type_name(std::string_view name) { return contains(kReservedTypes, name); }

std::string provider_namespace(std::string_view local_name) {
  // Names at namespace scope in stackgen/ (include/stackgen): namespaces,
  // and constants and functions a provider could be called (Terraform's
  // function names: a provider "file" or "join" would hide them).
  static constexpr std::string_view kLibraryNames[] = {
      "awsdoc", "bindgen",  "builtin", "cli",   "convert", "delivery", "detail", "hcl",   "inspect",  "lint",
      "null",   "patterns", "schema",  "testing", "as",    "call",     "cond",   "file",  "format",   "join",
      "keys",   "length",   "lookup",  "merge", "raw",     "ref",      "split",  "splat", "values",   "element",
      "concat", "contains", "flatten", "lower", "upper",   "replace",  "title",  "try_",  "sha256",   "zipmap"};
  std::string out(local_name);
  if (is_reserved_word(local_name) || contains(kLibraryNames, local_name)) out += '_';
  return out;
}

bool is_identifier(std::string_view name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name.front()))) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

std::string member_name(std::string_view name, MemberScope scope) {
  bool hides = name.starts_with("tf_");  // every base class keeps its API under tf_
  switch (scope) {
    case MemberScope::resource:
      hides = hides || contains(kResourceMembers, name);
      break;
    case MemberScope::provider:
      break;
    case MemberScope::nested_block:
      hides = hides || name == "value";
      break;
    case MemberScope::object:
      hides = hides || name == "value" || name == "type_constraint";
      break;
  }
  std::string out(name);
  if (hides || is_reserved_word(name)) out += '_';
  return out;
}

}  // namespace stackgen::bindgen
