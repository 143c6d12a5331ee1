#include "overrides.hpp"

#include <string>

#include "../model/node.hpp"

namespace stackgen::detail {

namespace {

/// Elements or fields of an object Value, as building input.
std::vector<Value::Field> fields_of(const Value& object) {
  std::vector<Value::Field> out;
  for (auto [k, v] : object.fields()) out.emplace_back(std::string(k), v);
  return out;
}

// Recursion is bounded by kMaxOverrideSegments.
Value edit(const Value& current, const std::vector<std::string_view>& segs, std::size_t at, const Value* value) {
  const std::string_view seg = segs[at];
  const bool last = at + 1 == segs.size();
  const Node* n = current.node();
  std::size_t index = 0;
  if (n && n->kind == NodeKind::list && is_index_segment(seg, &index)) {
    std::vector<Value> items(n->items().begin(), n->items().end());
    if (index < items.size()) {
      if (last && !value) items.erase(items.begin() + static_cast<std::ptrdiff_t>(index));
      else items[index] = last ? *value : edit(items[index], segs, at + 1, value);
    } else if (index == items.size() && value) {
      // One past the end appends; anything further does not fit.
      items.push_back(last ? *value : edit(Value{}, segs, at + 1, value));
    } else {
      return current;
    }
    return Value::list(items);
  }
  const bool object = n && n->kind == NodeKind::object;
  if (!object && !value) return current;  // nothing there to remove
  if (is_index_segment(seg) && object && current.field(seg).is_null()) {
    // A single nested block written as an object, addressed as ".0".
    return last ? current : edit(current, segs, at + 1, value);
  }
  std::vector<Value::Field> fields = object ? fields_of(current) : std::vector<Value::Field>{};
  auto it = fields.begin();
  while (it != fields.end() && it->first != seg) ++it;
  if (last) {
    if (!value) {
      if (it != fields.end()) fields.erase(it);
    } else if (it != fields.end()) {
      it->second = *value;
    } else {
      fields.emplace_back(std::string(seg), *value);
    }
  } else if (it != fields.end()) {
    it->second = edit(it->second, segs, at + 1, value);
  } else if (value) {
    fields.emplace_back(std::string(seg), edit(Value{}, segs, at + 1, value));
  } else {
    return current;
  }
  return Value::object(fields);
}

}  // namespace

std::vector<std::string_view> override_segments(std::string_view path) {
  std::vector<std::string_view> out;
  while (true) {
    auto dot = path.find('.');
    out.push_back(path.substr(0, dot));
    if (dot == std::string_view::npos) break;
    path = path.substr(dot + 1);
  }
  return out;
}

bool is_index_segment(std::string_view segment, std::size_t* index) {
  if (segment.empty() || segment.size() > 6) return false;
  std::size_t v = 0;
  for (char c : segment) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<std::size_t>(c - '0');
  }
  if (index) *index = v;
  return true;
}

Value apply_override(const Value& body, std::string_view path, const Value* value) {
  auto segs = override_segments(path);
  if (path.empty() || segs.size() > kMaxOverrideSegments) return body;
  for (auto s : segs)
    if (s.empty()) return body;
  return edit(body, segs, 0, value);
}

}  // namespace stackgen::detail
