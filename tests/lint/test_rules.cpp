// The rule table, its documentation and tests, registration, suppression
// and --strict semantics as seen through validate().
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <stackgen/aws/ecr_repository.hpp>
#include <stackgen/aws/s3_bucket.hpp>

#include "lint_support.hpp"

namespace aws = stackgen::aws;
using stackgen::Severity;
using stackgen::Stack;

namespace {

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p);
  REQUIRE(in.good());
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const std::filesystem::path kRoot = STACKGEN_SOURCE_DIR;

}  // namespace

TEST_CASE("the rule table: sorted, unique, severity by prefix", "[lint][rules]") {
  auto rules = lint_test::aws_rules().rules();
  REQUIRE(rules.size() > 50);
  for (size_t i = 1; i < rules.size(); ++i) CHECK(rules[i - 1].id < rules[i].id);
  for (const auto& r : rules) {
    INFO(r.id);
    std::string_view id = r.id;
    if (id.rfind("aws.", 0) == 0)
      CHECK(r.severity == Severity::error);
    else
      CHECK((id.rfind("sec.", 0) == 0 || id.rfind("ops.", 0) == 0));
    if (id.rfind("aws.", 0) != 0) CHECK(r.severity == Severity::warning);
    CHECK_FALSE(r.summary.empty());
    CHECK(lint_test::aws_rules().find(r.id) == &r);
    CHECK(r.help == "docs/rules.md#" + [&] {
      std::string anchor;  // the heading `aws.lb-name` has the anchor "awslb-name"
      for (char c : id)
        if (c != '.') anchor += c;
      return anchor;
    }());
  }
  CHECK(lint_test::aws_rules().find("sec.no-such-rule") == nullptr);
  CHECK(lint_test::aws_rules().name() == "aws");
}

TEST_CASE("docs/rules.md has one section per rule, and nothing else", "[lint][rules]") {
  std::string doc = read(kRoot / "docs" / "rules.md");
  std::set<std::string> sections;
  std::istringstream lines(doc);
  for (std::string line; std::getline(lines, line);)
    if (line.rfind("## `", 0) == 0) sections.insert(line.substr(4, line.find('`', 4) - 4));
  std::set<std::string> ids;
  for (const auto& r : lint_test::aws_rules().rules()) ids.insert(std::string(r.id));
  CHECK(sections == ids);
  for (const auto& id : ids) {
    INFO(id);
    CHECK(doc.find("| [`" + id + "`]") != std::string::npos);  // the index
  }
}

TEST_CASE("docs/rules.md lists every core and schema check with its severity", "[lint][rules]") {
  const std::string doc = read(kRoot / "docs" / "rules.md");
  for (const auto& r : stackgen::core_rules()) {
    INFO(r.id);
    const std::string row = "| `" + std::string(r.id) + "` | " +
                            (r.severity == stackgen::Severity::error ? "error" : "warning") + " | " +
                            std::string(r.summary) + " |";
    CHECK(doc.find(row) != std::string::npos);
  }
}

TEST_CASE("every rule has a test that asserts it", "[lint][rules]") {
  std::string tests;
  for (const auto& entry : std::filesystem::directory_iterator(kRoot / "tests" / "lint")) {
    auto name = entry.path().filename().string();
    if (name == "test_rules.cpp" || name == "test_keencho.cpp" ||
        entry.path().extension() != ".cpp")
      continue;
    tests += read(entry.path());
  }
  for (const auto& r : lint_test::aws_rules().rules()) {
    INFO(r.id);
    std::string quoted_id = std::string(r.id).insert(0, 1, '"') + '"';
    CHECK(tests.find(quoted_id) != std::string::npos);
  }
}

TEST_CASE("lint runs because it is passed, not because something registered it", "[lint][rules]") {
  Stack s("t");
  s.add<aws::EcrRepository>("repo").name("app");
  CHECK_FALSE(lint_test::run(s).items().empty());
  CHECK(stackgen::validate(s).items().empty());  // core checks only
  CHECK(lint_test::run(s).items().size() == stackgen::validate(s, {{stackgen::aws::lint_rules()}}).items().size());
}

TEST_CASE("a suppression of an unknown rule id is an error at the suppression", "[lint][rules]") {
  Stack s("t");
  const unsigned line = __LINE__ + 1;
  s.add<aws::EcrRepository>("repo").name("app").suppress_rule("sec.ecr-mutable-tag", "typo of the id");
  auto ds = lint_test::run(s);
  auto unknown = lint_test::with_rule(ds, "core.unknown-rule");
  REQUIRE(unknown.size() == 1);
  CHECK(unknown[0].severity == Severity::error);
  CHECK(unknown[0].where.line == line);
  CHECK(unknown[0].message.find("sec.ecr-mutable-tag") != std::string::npos);
}

TEST_CASE("suppression: warnings only, with the reason, in the report and the output",
          "[lint][rules]") {
  Stack s("t");
  s.add<aws::EcrRepository>("repo")
      .name("app")
      .image_tag_mutability("IMMUTABLE")
      .image_scanning_configuration(
          aws::EcrRepository::ImageScanningConfiguration{}.scan_on_push(true))
      .suppress_rule("ops.ecr-no-lifecycle-policy", "images are pruned by the release pipeline")
      .suppress_rule("aws.ecr-repository-name", "errors cannot be suppressed");
  auto ds = lint_test::run(s);
  auto lifecycle = lint_test::with_rule(ds, "ops.ecr-no-lifecycle-policy");
  REQUIRE(lifecycle.size() == 1);
  CHECK(lifecycle[0].suppressed_because == "images are pruned by the release pipeline");
  CHECK_FALSE(ds.has_errors(/*strict=*/true));

  auto files = stackgen::render(s);
  REQUIRE(files.size() == 1);
  CHECK(files[0].content.find(
            "ops.ecr-no-lifecycle-policy (images are pruned by the release pipeline)") !=
        std::string::npos);

  Stack errors("t");
  errors.add<aws::EcrRepository>("repo").name("App").suppress_rule("aws.ecr-repository-name",
                                                                   "wishful");
  auto es = lint_test::run(errors);
  auto name = lint_test::with_rule(es, "aws.ecr-repository-name");
  REQUIRE(name.size() == 1);
  CHECK(name[0].suppressed_because.empty());
  CHECK(es.has_errors());
}

TEST_CASE("--strict: unsuppressed warnings fail, plain validation does not", "[lint][rules]") {
  Stack s("t");
  s.add<aws::S3Bucket>("b").bucket("plain-bucket");
  auto ds = lint_test::run(s);
  CHECK_FALSE(lint_test::with_rule(ds, "sec.s3-no-versioning").empty());
  CHECK_FALSE(ds.has_errors());
  CHECK(ds.has_errors(/*strict=*/true));
}
