// Names: the length and character limits the AWS APIs (and the provider's
// plan-time validation) enforce. Only literal names are judged.
#include <cctype>
#include <functional>
#include <regex>

#include "lint.hpp"

namespace stackgen::lint {
namespace {

/// Returns what is wrong with a name, or "" when it is fine.
using Validator = std::function<std::string(std::string_view)>;

bool alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
bool lower_or_digit(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

std::string length(std::string_view s, size_t min, size_t max) {
  if (s.size() < min)
    return s.empty() ? "is empty"
                     : "is " + std::to_string(s.size()) + " characters long, the minimum is " +
                           std::to_string(min);
  if (s.size() > max)
    return "is " + std::to_string(s.size()) + " characters long, the limit is " +
           std::to_string(max);
  return "";
}

std::string first_bad(std::string_view s, const std::function<bool(char)>& ok) {
  for (char c : s) {
    if (ok(c)) continue;
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return "contains a control character";
    if (static_cast<unsigned char>(c) >= 0x80) return "contains a non-ASCII character";
    return std::string("contains '") + c + "'";
  }
  return "";
}

template <class... F>
std::string first_problem(F&&... checks) {
  std::string out;
  ((out.empty() ? (void)(out = checks()) : (void)0), ...);
  return out;
}

// ALB / NLB and target group names: 1-32 letters, digits, hyphens; no
// hyphen at either end; load balancers may not start with "internal-".
Validator lb_name(bool load_balancer) {
  return [load_balancer](std::string_view s) {
    return first_problem(
        [&] { return length(s, 1, 32); },
        [&] { return first_bad(s, [](char c) { return alnum(c) || c == '-'; }); },
        [&] { return s.front() == '-' ? std::string("starts with a hyphen") : ""; },
        [&] { return s.back() == '-' ? std::string("ends with a hyphen") : ""; },
        [&] {
          return load_balancer && s.rfind("internal-", 0) == 0
                     ? std::string("starts with \"internal-\"")
                     : "";
        });
  };
}

Validator lb_name_prefix() {
  return [](std::string_view s) {
    return first_problem(
        [&] { return length(s, 1, 6); },
        [&] { return first_bad(s, [](char c) { return alnum(c) || c == '-'; }); },
        [&] { return s.front() == '-' ? std::string("starts with a hyphen") : ""; });
  };
}

bool ip_shaped(std::string_view s) {
  int parts = 0;
  size_t start = 0;
  while (start <= s.size()) {
    size_t dot = s.find('.', start);
    std::string_view part =
        s.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (part.empty() || part.size() > 3) return false;
    for (char c : part)
      if (c < '0' || c > '9') return false;
    ++parts;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return parts == 4;
}

std::string s3_chars(std::string_view s) {
  for (char c : s)
    if (c >= 'A' && c <= 'Z') return "contains uppercase letters";
  return first_bad(s, [](char c) { return lower_or_digit(c) || c == '.' || c == '-'; });
}

Validator s3_bucket() {
  return [](std::string_view s) {
    return first_problem(
        [&] { return length(s, 3, 63); }, [&] { return s3_chars(s); },
        [&] {
          return !lower_or_digit(s.front()) || !lower_or_digit(s.back())
                     ? std::string("must begin and end with a letter or digit")
                     : "";
        },
        [&] {
          return s.find("..") != std::string_view::npos ? std::string("contains \"..\"") : "";
        },
        [&] { return ip_shaped(s) ? std::string("is formatted like an IP address") : ""; },
        [&]() -> std::string {
          for (std::string_view p : {"xn--", "sthree-", "amzn-s3-demo-"})
            if (s.rfind(p, 0) == 0) return "starts with the reserved prefix " + quoted(p);
          for (std::string_view x : {"-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"})
            if (s.size() >= x.size() && s.substr(s.size() - x.size()) == x)
              return "ends with the reserved suffix " + quoted(x);
          return "";
        });
  };
}

Validator s3_bucket_prefix() {
  return [](std::string_view s) {
    return first_problem([&] { return length(s, 1, 37); }, [&] { return s3_chars(s); });
  };
}

bool iam_char(char c) {
  return alnum(c) || std::string_view("+=,.@_-").find(c) != std::string_view::npos;
}

Validator iam_name(size_t max) {
  return [max](std::string_view s) {
    return first_problem([&] { return length(s, 1, max); }, [&] { return first_bad(s, iam_char); });
  };
}

Validator ecr_name() {
  return [](std::string_view s) {
    static const std::regex pattern(
        "(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*");
    return first_problem(
        [&] { return length(s, 2, 256); },
        [&]() -> std::string {
          for (char c : s)
            if (c >= 'A' && c <= 'Z') return "contains uppercase letters";
          if (!std::regex_match(s.begin(), s.end(), pattern))
            return "is not lowercase letters and digits separated by single '.', '_', '-' or '/'";
          return "";
        });
  };
}

bool sg_char(char c) {
  return alnum(c) || std::string_view(" ._-:/()#,@[]+=&;{}!$*").find(c) != std::string_view::npos;
}

Validator sg_name() {
  return [](std::string_view s) {
    return first_problem(
        [&] { return length(s, 1, 255); }, [&] { return first_bad(s, sg_char); },
        [&] { return s.rfind("sg-", 0) == 0 ? std::string("starts with \"sg-\"") : ""; });
  };
}

Validator sg_description() {
  return [](std::string_view s) {
    return first_problem([&] { return length(s, 0, 255); }, [&] { return first_bad(s, sg_char); });
  };
}

// DB instance identifiers and parameter group names: lowercase letters,
// digits and hyphens, starting with a letter, no "--", no trailing hyphen.
Validator rds_identifier(size_t max) {
  return [max](std::string_view s) {
    return first_problem(
        [&] { return length(s, 1, max); },
        [&] {
          for (char c : s)
            if (c >= 'A' && c <= 'Z') return std::string("contains uppercase letters");
          return first_bad(s, [](char c) { return lower_or_digit(c) || c == '-'; });
        },
        [&] {
          return !(s.front() >= 'a' && s.front() <= 'z')
                     ? std::string("does not start with a letter")
                     : "";
        },
        [&] { return s.back() == '-' ? std::string("ends with a hyphen") : ""; },
        [&] {
          return s.find("--") != std::string_view::npos ? std::string("contains \"--\"") : "";
        });
  };
}

Validator db_subnet_group_name() {
  return [](std::string_view s) {
    return first_problem(
        [&] { return length(s, 1, 255); },
        [&] {
          for (char c : s)
            if (c >= 'A' && c <= 'Z') return std::string("contains uppercase letters");
          return first_bad(s, [](char c) {
            return lower_or_digit(c) || std::string_view(" ._-").find(c) != std::string_view::npos;
          });
        },
        [&] { return s == "default" ? std::string("is the reserved name \"default\"") : ""; });
  };
}

Validator max_length(size_t max) {
  return [max](std::string_view s) { return length(s, 1, max); };
}

Validator ecs_name() {
  return [](std::string_view s) {
    return first_problem(
        [&] { return length(s, 1, 255); },
        [&] { return first_bad(s, [](char c) { return alnum(c) || c == '-' || c == '_'; }); });
  };
}

Validator alarm_name() {
  return [](std::string_view s) {
    return first_problem([&] { return length(s, 1, 255); },
                         [&] {
                           return first_bad(s, [](char c) {
                             return !(static_cast<unsigned char>(c) < 0x20 || c == 0x7f);
                           });
                         });
  };
}

struct NameRule {
  std::string_view rule;
  std::string_view type;
  std::string_view attribute;
  std::string_view what;  // "load balancer name"
  Validator validate;
  std::string_view hint;
};

const std::vector<NameRule>& name_rules() {
  static const std::vector<NameRule> rules{
      {"aws.lb-name", "aws_lb", "name", "load balancer name", lb_name(true),
       "use 1-32 letters, digits and hyphens, not starting or ending with a hyphen nor starting "
       "with \"internal-\""},
      {"aws.lb-name", "aws_lb", "name_prefix", "load balancer name_prefix", lb_name_prefix(),
       "use at most 6 letters, digits and hyphens, not starting with a hyphen"},
      {"aws.lb-target-group-name", "aws_lb_target_group", "name", "target group name",
       lb_name(false),
       "use 1-32 letters, digits and hyphens, not starting or ending with a hyphen"},
      {"aws.lb-target-group-name", "aws_lb_target_group", "name_prefix", "target group name_prefix",
       lb_name_prefix(), "use at most 6 letters, digits and hyphens, not starting with a hyphen"},
      {"aws.s3-bucket-name", "aws_s3_bucket", "bucket", "bucket name", s3_bucket(),
       "use 3-63 lowercase letters, digits, '.' and '-', starting and ending with a letter or "
       "digit"},
      {"aws.s3-bucket-name", "aws_s3_bucket", "bucket_prefix", "bucket_prefix", s3_bucket_prefix(),
       "use at most 37 lowercase letters, digits, '.' and '-'"},
      {"aws.iam-role-name", "aws_iam_role", "name", "IAM role name", iam_name(64),
       "use at most 64 letters, digits and +=,.@_-"},
      {"aws.iam-role-name", "aws_iam_role", "name_prefix", "IAM role name_prefix", iam_name(38),
       "use at most 38 letters, digits and +=,.@_-"},
      {"aws.iam-policy-name", "aws_iam_policy", "name", "IAM policy name", iam_name(128),
       "use at most 128 letters, digits and +=,.@_-"},
      {"aws.iam-policy-name", "aws_iam_role_policy", "name", "IAM policy name", iam_name(128),
       "use at most 128 letters, digits and +=,.@_-"},
      {"aws.ecr-repository-name", "aws_ecr_repository", "name", "repository name", ecr_name(),
       "use 2-256 lowercase letters and digits, separated by single '.', '_', '-' or '/' "
       "(namespaces)"},
      {"aws.security-group-name", "aws_security_group", "name", "security group name", sg_name(),
       "use at most 255 letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*, not starting with "
       "\"sg-\""},
      {"aws.security-group-name", "aws_security_group", "description", "security group description",
       sg_description(), "use at most 255 ASCII letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*"},
      {"aws.rds-identifier", "aws_db_instance", "identifier", "DB instance identifier",
       rds_identifier(63),
       "use 1-63 lowercase letters, digits and hyphens, starting with a letter, without \"--\" or "
       "a trailing hyphen"},
      {"aws.rds-identifier", "aws_db_subnet_group", "name", "DB subnet group name",
       db_subnet_group_name(),
       "use at most 255 lowercase letters, digits, spaces, '.', '_' and '-'; not \"default\""},
      {"aws.rds-identifier", "aws_db_parameter_group", "name", "DB parameter group name",
       rds_identifier(255),
       "use lowercase letters, digits and hyphens, starting with a letter, without \"--\" or a "
       "trailing hyphen"},
      {"aws.codedeploy-name", "aws_codedeploy_app", "name", "CodeDeploy application name",
       max_length(100), "use 1-100 characters"},
      {"aws.codedeploy-name", "aws_codedeploy_deployment_group", "deployment_group_name",
       "deployment group name", max_length(100), "use 1-100 characters"},
      {"aws.codedeploy-name", "aws_codedeploy_deployment_group", "app_name",
       "CodeDeploy application name", max_length(100), "use 1-100 characters"},
      {"aws.ecs-name", "aws_ecs_cluster", "name", "ECS cluster name", ecs_name(),
       "use 1-255 letters, digits, hyphens and underscores"},
      {"aws.ecs-name", "aws_ecs_service", "name", "ECS service name", ecs_name(),
       "use 1-255 letters, digits, hyphens and underscores"},
      {"aws.ecs-name", "aws_ecs_task_definition", "family", "task definition family", ecs_name(),
       "use 1-255 letters, digits, hyphens and underscores"},
      {"aws.cloudwatch-alarm-name", "aws_cloudwatch_metric_alarm", "alarm_name", "alarm name",
       alarm_name(), "use 1-255 characters without control characters"},
  };
  return rules;
}

}  // namespace

void check_names(const Linter& l) {
  for (const auto& r : name_rules()) {
    for (Block b : l.resources(r.type)) {
      auto name = literal_string(attribute(b, r.attribute));
      if (!name) continue;
      std::string problem = r.validate(*name);
      if (problem.empty()) continue;
      l.report(r.rule, b,
               std::string(r.attribute) + " " + quoted(*name) + " " + problem + ": not a valid " +
                   std::string(r.what),
               std::string(r.hint));
    }
  }
}

}  // namespace stackgen::lint
