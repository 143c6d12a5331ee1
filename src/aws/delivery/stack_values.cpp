#include "stack_values.hpp"

#include <algorithm>
#include <cmath>

#include <stackgen/core/error.hpp>
#include <stackgen/core/output.hpp>

namespace stackgen::delivery::detail {

namespace {

using inspect::ValueKind;

// Whether Terraform treats the value as sensitive: it reads a sensitive
// variable or output, or a sensitive attribute of a resource, directly or
// through locals.
bool reads_sensitive(const Value& v, int depth = 0) {
  if (depth > 16) return false;  // locals refer to locals; no cycles survive validation
  for (const auto& r : inspect::references(v)) {
    if (!r.target) continue;
    inspect::BlockView b(r.target);
    switch (b.kind()) {
      case BlockKind::variable:
      case BlockKind::output:
        if (b.flag("sensitive")) return true;
        break;
      case BlockKind::local:
        if (reads_sensitive(b.value(), depth + 1)) return true;
        break;
      case BlockKind::ephemeral:
        return true;  // opened for each run, usually to read a secret: never written into files
      case BlockKind::resource:
      case BlockKind::data:
        if (const auto* spec = b.spec()) {
          const auto* a = spec->attribute(r.attribute());
          if (a && (a->sensitive || a->write_only)) return true;
        }
        break;
      default:
        break;
    }
  }
  return false;
}

// A list item's part of a name: its "name" field when it has one
// (containers, environment entries, volumes), else its position.
std::string item_name(const Value& item, std::size_t i) {
  if (inspect::kind(item) == ValueKind::object)
    if (auto n = item.field("name").as_string()) return std::string(*n);
  return std::to_string(i);
}

}  // namespace

StackValues::StackValues(Stack& stack, std::source_location where) : stack_(stack), where_(where) {}

void StackValues::fail(const std::string& message) const {
  throw Error("deployment files of stack '" + stack_.name() + "': " + message, SourceLocation::from(where_),
              "delivery.deployment-files");
}

bool StackValues::is_sensitive(const std::string& output) const {
  return std::find(sensitive_.begin(), sensitive_.end(), output) != sensitive_.end();
}

std::string output_name(const std::string& what) {
  std::string name = "deploy_";
  for (char c : what) {
    if (c >= 'A' && c <= 'Z') name += static_cast<char>(c - 'A' + 'a');
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) name += c;
    else if (name.back() != '_') name += '_';
  }
  while (name.back() == '_') name.pop_back();
  return name;
}

std::string upper_name(const std::string& name) {
  std::string v;
  for (char c : name) {
    if (c >= 'a' && c <= 'z') v += static_cast<char>(c - 'a' + 'A');
    else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) v += c;
    else v += '_';
  }
  return v;
}

std::string shell_quote(const std::string& text) {
  std::string q = "'";
  for (char c : text) {
    if (c == '\'') q += "'\\''";
    else q += c;
  }
  return q + "'";
}

std::string StackValues::output_for(const Value& v, const std::string& what) {
  std::string key = v.to_hcl();
  if (auto it = by_expression_.find(key); it != by_expression_.end()) return it->second;
  // Named after what it reads when that is one reference (the same value
  // used in several places gets one name that fits them all), else after
  // where the files use it.
  std::string base = output_name(what);
  if (auto ref = inspect::reference(v); ref && ref->target) {
    inspect::BlockView b(ref->target);
    if (b.kind() == BlockKind::variable || b.kind() == BlockKind::local) base = output_name(std::string(b.name()));
    else if (b.kind() == BlockKind::resource && !ref->attribute().empty() && !b.has_instances())
      base = output_name(std::string(b.name()) + "_" + std::string(ref->attribute()));
  }
  auto taken = [&](const std::string& name) {
    bool found = false;
    inspect::view(stack_).for_each_block([&](inspect::BlockView b) {
      if (b.kind() == BlockKind::output && b.name() == name) found = true;
    });
    return found;
  };
  std::string name = base;
  for (int n = 2; taken(name); ++n) name = base + "_" + std::to_string(n);
  auto out = stack_.output(name, v, where_).description("Read by the deployment files of out/" + stack_.name() + "/deploy/ (docs/delivery.md)");
  if (reads_sensitive(v)) {
    out.sensitive();
    sensitive_.push_back(name);
  }
  by_expression_.emplace(std::move(key), name);
  outputs_.push_back(name);
  return name;
}

Tree StackValues::json(const Value& v, const std::string& what) {
  switch (inspect::kind(v)) {
    case ValueKind::null_value:
      return nullptr;
    case ValueKind::boolean:
      return *inspect::boolean(v);
    case ValueKind::number: {
      double d = *inspect::number(v);
      if (std::trunc(d) == d && std::fabs(d) < 9.0e15) return static_cast<std::int64_t>(d);
      return d;
    }
    case ValueKind::string: {
      std::string s(*v.as_string());
      // resolve.jq replaces `@{output.x}` and `@{image.x}`: a literal that
      // looks like one would be replaced too.
      if (s.find("@{") != std::string::npos)
        fail(what + ": the literal \"" + printable(s) + "\" contains \"@{\", which resolve.jq reads as a placeholder");
      return s;
    }
    case ValueKind::list: {
      Tree a = Tree::array();
      std::size_t i = 0;
      for (const auto& item : v.items()) {
        a.push_back(json(item, what + "_" + item_name(item, i)));
        ++i;
      }
      return a;
    }
    case ValueKind::object: {
      Tree o = Tree::object();
      // {name, value} pairs (environment, secrets): named by their name.
      bool pair = !v.field("name").is_null() && !v.field("value").is_null();
      for (auto [key, value] : v.fields())
        o[std::string(key)] = json(value, pair && key == "value" ? what : what + "_" + std::string(key));
      return o;
    }
    default:
      return "@{output." + output_for(v, what) + "}";
  }
}

std::string StackValues::shell(const Value& v, const std::string& what) {
  switch (inspect::kind(v)) {
    case ValueKind::string:
      return shell_quote(std::string(*v.as_string()));
    case ValueKind::number:
    case ValueKind::boolean:
      return shell_quote(json(v, what).dump());
    case ValueKind::null_value:
      fail(what + " is not set in the stack");
    default: {
      std::string out = output_for(v, what);
      if (is_sensitive(out)) fail(what + " is sensitive: it cannot be passed to a workflow script");
      return "\"$" + shell_variable(out) + "\"";
    }
  }
}

}  // namespace stackgen::delivery::detail
