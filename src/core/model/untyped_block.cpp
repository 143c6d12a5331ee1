#include <algorithm>

#include "stackgen/core/untyped.hpp"

namespace stackgen {

UntypedBlock& UntypedBlock::set(std::string name, const Value& value) {
  auto it = std::find_if(arguments_.begin(), arguments_.end(), [&](const auto& a) { return a.first == name; });
  if (it != arguments_.end()) it->second = value;
  else arguments_.emplace_back(std::move(name), value);
  return *this;
}

UntypedBlock& UntypedBlock::block(std::string name, const Value& body) {
  auto it = std::find_if(blocks_.begin(), blocks_.end(), [&](const auto& b) { return b.first == name; });
  if (it != blocks_.end()) it->second.push_back(body);
  else blocks_.push_back({std::move(name), {body}});
  return *this;
}

Value UntypedBlock::value() const {
  std::vector<Value::Field> fields = arguments_;
  for (const auto& [name, bodies] : blocks_) fields.emplace_back(name, Value::list(bodies));
  return Value::object(fields);
}

}  // namespace stackgen
