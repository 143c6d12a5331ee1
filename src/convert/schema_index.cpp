#include "convert/schema_index.hpp"

#include <fstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace stackgen::convert {

void SchemaIndex::load(const std::filesystem::path& schema_file, const TypesUsed* only) {
  std::ifstream in(schema_file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read the schema " + schema_file.string());
  nlohmann::json document;
  // Types the configuration does not use are dropped while parsing:
  // provider_schemas / <address> / resource_schemas / <type> is depth 4.
  std::string section;
  nlohmann::json::parser_callback_t keep = [&](int depth, nlohmann::json::parse_event_t event,
                                               nlohmann::json& parsed) {
    if (!only || event != nlohmann::json::parse_event_t::key) return true;
    if (depth == 3) section = parsed.get<std::string>();
    if (depth != 4) return true;
    if (section == "resource_schemas") return only->resources.contains(parsed.get_ref<const std::string&>());
    if (section == "data_source_schemas") return only->data_sources.contains(parsed.get_ref<const std::string&>());
    if (section == "ephemeral_resource_schemas")
      return only->ephemeral_resources.contains(parsed.get_ref<const std::string&>());
    return true;
  };
  try {
    document = nlohmann::json::parse(in, keep);
  } catch (const std::exception& e) {
    throw std::runtime_error(schema_file.string() + ": not a provider schema document: " + e.what());
  }
  auto l = std::make_unique<Loaded>();
  try {
    l->schema = bindgen::parse_provider_schema(document);
    l->plan = bindgen::plan_provider(l->schema, schema_file.filename().string());
  } catch (const std::exception& e) {
    throw std::runtime_error(schema_file.string() + ": " + e.what());
  }
  const std::string ns = l->plan.cpp_namespace;
  sources_[l->plan.local_name] = {l->plan.source, l->plan.version};
  auto index = [&](std::vector<bindgen::ClassPlan>& plans, auto& into) {
    for (const auto& p : plans) into.emplace(p.tf_type, Binding{&p, p.block, ns});
  };
  index(l->plan.resources, resources_);
  index(l->plan.data_sources, data_);
  index(l->plan.ephemeral_resources, ephemeral_);
  providers_.emplace(l->plan.local_name, Binding{&l->plan.provider, l->plan.provider.block, ns});
  loaded_.push_back(std::move(l));
}

namespace {
template <class M>
const Binding* find_in(const M& m, std::string_view key) {
  auto it = m.find(key);
  return it == m.end() ? nullptr : &it->second;
}
}  // namespace

const Binding* SchemaIndex::resource(std::string_view type) const { return find_in(resources_, type); }
const Binding* SchemaIndex::data_source(std::string_view type) const { return find_in(data_, type); }
const Binding* SchemaIndex::ephemeral_resource(std::string_view type) const { return find_in(ephemeral_, type); }
const Binding* SchemaIndex::provider(std::string_view local_name) const {
  return find_in(providers_, local_name);
}

const bindgen::StructPlan* nested_struct(const bindgen::StructPlan& parent, std::string_view block_name) {
  const auto* setter = block_setter(parent, block_name);
  if (!setter) return nullptr;
  for (const auto& s : parent.structs)
    if (s.kind == bindgen::StructPlan::Kind::block && s.cpp_name == setter->struct_name) return &s;
  return nullptr;
}

const bindgen::BlockType* nested_block(const bindgen::Block& parent, std::string_view block_name) {
  for (const auto& b : parent.block_types)
    if (b.name == block_name) return &b;
  return nullptr;
}

const bindgen::FieldPlan* field(const bindgen::StructPlan& s, std::string_view name) {
  for (const auto& f : s.fields)
    if (f.name == name) return &f;
  return nullptr;
}

const bindgen::BlockSetterPlan* block_setter(const bindgen::StructPlan& s, std::string_view name) {
  for (const auto& b : s.blocks)
    if (b.name == name) return &b;
  return nullptr;
}

}  // namespace stackgen::convert
