#include "stackgen/patterns/registry.hpp"

#include "stackgen/core/construct.hpp"
#include "stackgen/core/error.hpp"
#include "stackgen/core/functions.hpp"

namespace stackgen::patterns {

Registry registry(Stack& s, const std::string& name, const Expr<std::string>& repository_name,
                  const RegistryOptions& options, std::source_location where) {
  // Drawn as one cluster by `stackgen graph`.
  Construct scope(s, "registry " + name);
  auto fail = [&](const std::string& what) {
    throw Error("patterns::registry(\"" + name + "\"): " + what, SourceLocation::from(where));
  };
  if (options.expire_untagged_after_days < 0) fail("expire_untagged_after_days must be 0 (no rule) or more");
  if (options.keep_images < 0) fail("keep_images must be 0 (no rule) or more");

  Registry r{.repository = s.add<aws::EcrRepository>(name, where)
                               .name(repository_name)
                               .image_tag_mutability(options.immutable_tags ? "IMMUTABLE" : "MUTABLE")
                               .image_scanning_configuration(
                                   [&](auto& scan) { scan.scan_on_push(options.scan_on_push); }),
             .lifecycle_policy = std::nullopt};

  std::vector<Value> rules;
  if (options.expire_untagged_after_days > 0)
    rules.push_back(Value{{"rulePriority", static_cast<int>(rules.size()) + 1},
                          {"description", "expire untagged images after " +
                                              std::to_string(options.expire_untagged_after_days) + " days"},
                          {"selection", Value{{"tagStatus", "untagged"},
                                              {"countType", "sinceImagePushed"},
                                              {"countUnit", "days"},
                                              {"countNumber", options.expire_untagged_after_days}}},
                          {"action", Value{{"type", "expire"}}}});
  if (options.keep_images > 0)
    rules.push_back(Value{{"rulePriority", static_cast<int>(rules.size()) + 1},
                          {"description", "keep the last " + std::to_string(options.keep_images) + " images"},
                          {"selection", Value{{"tagStatus", "any"},
                                              {"countType", "imageCountMoreThan"},
                                              {"countNumber", options.keep_images}}},
                          {"action", Value{{"type", "expire"}}}});
  if (!rules.empty())
    r.lifecycle_policy = s.add<aws::EcrLifecyclePolicy>(name + "-lifecycle", where)
                             .repository(r.repository.name())
                             .policy(jsonencode(Value{{"rules", Value::list(rules)}}));
  return r;
}

}  // namespace stackgen::patterns
