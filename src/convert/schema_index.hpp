// The bindings a converted program can use: for every resource, data source
// and provider type of the schemas given to `stackgen convert`, the C++ class
// bindgen makes of it (names after escaping, setters, getters, nested
// structs) and the schema block behind it. The converter asks bindgen's own
// planner, so the names it writes are exactly the ones the headers declare.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "plan.hpp"
#include "schema.hpp"

namespace stackgen::convert {

/// One type's binding.
struct Binding {
  const bindgen::ClassPlan* plan = nullptr;
  const bindgen::Block* block = nullptr;
  std::string ns;  ///< the provider's C++ namespace: "aws"
  /// The qualified class name: "aws::Vpc", "aws::data::Region".
  std::string qualified() const { return ns + "::" + plan->qualified_name; }
};

/// The resource, data source and ephemeral resource types a configuration uses: the schema
/// index keeps (and plans bindings of) only these, which makes loading the
/// whole AWS schema (2,100 types) cost little more than reading it.
struct TypesUsed {
  std::set<std::string, std::less<>> resources, data_sources, ephemeral_resources;
};

class SchemaIndex {
 public:
  /// Reads a `terraform providers schema -json` document (one provider);
  /// with `only`, the types it lists and no others. Throws
  /// std::runtime_error naming the file.
  void load(const std::filesystem::path& schema_file, const TypesUsed* only = nullptr);
  /// Terraform's built-in provider: terraform_data and the
  /// terraform_remote_state data source, as the classes the core models by
  /// hand (stackgen::builtin::TerraformData, TerraformRemoteState; their
  /// setters and getters, no others). Not a provider of the program: nothing
  /// goes into required_providers or the CMake PROVIDERS list.
  void load_builtin();

  const Binding* resource(std::string_view type) const;
  const Binding* data_source(std::string_view type) const;
  const Binding* ephemeral_resource(std::string_view type) const;
  /// By the provider's local name ("aws").
  const Binding* provider(std::string_view local_name) const;
  /// The loaded providers' registry sources and versions, by local name.
  const std::map<std::string, std::pair<std::string, std::string>, std::less<>>& sources() const {
    return sources_;
  }

 private:
  struct Loaded {
    bindgen::ProviderSchema schema;
    bindgen::ProviderPlan plan;
  };
  std::vector<std::unique_ptr<Loaded>> loaded_;
  std::map<std::string, Binding, std::less<>> resources_, data_, ephemeral_, providers_;
  std::map<std::string, std::pair<std::string, std::string>, std::less<>> sources_;
};

/// The nested struct a block setter of `parent` takes (by the block's schema
/// name), or null.
const bindgen::StructPlan* nested_struct(const bindgen::StructPlan& parent, std::string_view block_name);
const bindgen::BlockType* nested_block(const bindgen::Block& parent, std::string_view block_name);
const bindgen::FieldPlan* field(const bindgen::StructPlan& s, std::string_view name);
const bindgen::BlockSetterPlan* block_setter(const bindgen::StructPlan& s, std::string_view name);

}  // namespace stackgen::convert
