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
// `terraform providers schema -json` of terraform.io/builtin/terraform
// (Terraform 1.11), its two types.
constexpr std::string_view kBuiltinSchema = R"({
  "format_version": "1.0",
  "provider_schemas": {
    "terraform.io/builtin/terraform": {
      "resource_schemas": {
        "terraform_data": {"version": 0, "block": {"attributes": {
          "id": {"type": "string", "computed": true},
          "input": {"type": "dynamic", "optional": true},
          "output": {"type": "dynamic", "computed": true},
          "triggers_replace": {"type": "dynamic", "optional": true}}}}
      },
      "data_source_schemas": {
        "terraform_remote_state": {"version": 0, "block": {"attributes": {
          "backend": {"type": "string", "required": true},
          "config": {"type": "dynamic", "optional": true},
          "defaults": {"type": "dynamic", "optional": true},
          "outputs": {"type": "dynamic", "computed": true},
          "workspace": {"type": "string", "optional": true}}}}
      }
    }
  }
})";
}  // namespace

void SchemaIndex::load_builtin() {
  auto l = std::make_unique<Loaded>();
  l->schema = bindgen::parse_provider_schema(nlohmann::json::parse(kBuiltinSchema));
  l->plan = bindgen::plan_provider(l->schema, "builtin");
  // The hand-written classes of include/stackgen/core/terraform_builtins.hpp:
  // their names, and getters only where they declare one (outputs() is an
  // Expr<Object>: its fields are read with get<T>("name")).
  auto as_written = [](bindgen::ClassPlan& c, std::string name, std::set<std::string, std::less<>> getters) {
    c.cpp_name = c.body.cpp_name = c.qualified_name = std::move(name);
    c.header = "stackgen/core/terraform_builtins.hpp";
    for (auto& f : c.body.fields) {
      f.getter = getters.contains(f.name);
      if (f.name == "outputs") f.cpp_type = "Object";
    }
  };
  for (auto& c : l->plan.resources)
    if (c.tf_type == "terraform_data") {
      as_written(c, "TerraformData", {"id", "input", "output", "triggers_replace"});
      resources_.emplace(c.tf_type, Binding{&c, c.block, "builtin"});
    }
  for (auto& c : l->plan.data_sources)
    if (c.tf_type == "terraform_remote_state") {
      as_written(c, "TerraformRemoteState", {"outputs"});
      data_.emplace(c.tf_type, Binding{&c, c.block, "builtin"});
    }
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
