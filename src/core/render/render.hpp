// Rendering entry points shared by the emitter and the tools.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "../model/model.hpp"

namespace stackgen::detail {

/// The whole main.tf.json of a stack.
std::string render_main(const StackData& s);
/// The whole main.tf of a stack (`emit --format hcl`); throws stackgen::Error
/// for what HCL cannot say without a schema.
std::string render_main_hcl(const StackData& s);

/// The body of a resource, data source or provider as one object, in the
/// JSON syntax's shape (nested blocks as lists of objects, meta-arguments
/// and `dynamic` as members), overrides applied: what both syntaxes write.
Value body_object(const BlockData& b, bool meta);
/// The stack's blocks grouped by kind, in declaration order (each syntax
/// orders them its own way).
struct BlocksByKind {
  /// `data` holds the root data sources only; those scoped to a check are
  /// in `scoped_data` (rendered inside their check).
  std::vector<const BlockData*> resources, data, variables, outputs, locals, modules, providers, checks, scoped_data,
      ephemerals;
};
BlocksByKind blocks_by_kind(const StackData& s);
/// Of `scoped_data` (BlocksByKind::scoped_data), those declared in `check`, in order.
std::vector<const BlockData*> scoped_to(const BlockData& check, const std::vector<const BlockData*>& scoped_data);
/// required_providers: from the bindings used, then the author's entries.
std::map<std::string, RequiredProvider> required_providers(const StackData& s);

}  // namespace stackgen::detail
