// The IAM pieces the patterns declare for the services they wire: a role a
// service assumes, an AWS-managed policy attached to it, and an inline
// policy of one statement. Every block is located at the pattern's caller.
#pragma once

#include <source_location>
#include <string>
#include <vector>

#include "stackgen/aws/iam_role.hpp"
#include "stackgen/aws/iam_role_policy.hpp"
#include "stackgen/aws/iam_role_policy_attachment.hpp"
#include "stackgen/awsdoc/policy_document.hpp"
#include "stackgen/core/stack.hpp"

namespace stackgen::patterns::detail {

/// `aws_iam_role.<address>` named `role_name`, assumed by `service` ("ecs-tasks.amazonaws.com").
inline aws::IamRole service_role(Stack& s, const std::string& address, const Expr<std::string>& role_name,
                                 const char* service, std::source_location where) {
  return s.add<aws::IamRole>(address, where)
      .name(role_name)
      .assume_role_policy(awsdoc::assume_role_policy(service).json());
}

/// Attaches the AWS-managed policy at `path` below arn:aws:iam::aws:policy/
/// ("service-role/AmazonECSTaskExecutionRolePolicy").
inline void attach_aws_policy(Stack& s, const std::string& address, const aws::IamRole& role, const std::string& path,
                              std::source_location where) {
  s.add<aws::IamRolePolicyAttachment>(address, where).role(role.name()).policy_arn("arn:aws:iam::aws:policy/" + path);
}

/// An inline policy `policy_name` of `role`: one statement allowing `actions` on `resources`.
inline void allow_inline(Stack& s, const std::string& address, const aws::IamRole& role, const char* policy_name,
                         const char* sid, std::vector<Expr<std::string>> actions,
                         std::vector<Expr<std::string>> resources, std::source_location where) {
  s.add<aws::IamRolePolicy>(address, where)
      .name(policy_name)
      .role(role.id())
      .policy(awsdoc::PolicyDocument{}
                  .statement(awsdoc::Statement{}.sid(sid).allow().actions(std::move(actions)).resources(std::move(resources)))
                  .json());
}

}  // namespace stackgen::patterns::detail
