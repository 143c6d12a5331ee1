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
  auto rules = stackgen::lint::rules();
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
    CHECK(stackgen::lint::find_rule(r.id) == &r);
  }
  CHECK(stackgen::lint::find_rule("sec.no-such-rule") == nullptr);
}

TEST_CASE("docs/rules.md has one section per rule, and nothing else", "[lint][rules]") {
  std::string doc = read(kRoot / "docs" / "rules.md");
  std::set<std::string> sections;
  std::istringstream lines(doc);
  for (std::string line; std::getline(lines, line);)
    if (line.rfind("## `", 0) == 0) sections.insert(line.substr(4, line.find('`', 4) - 4));
  std::set<std::string> ids;
  for (const auto& r : stackgen::lint::rules()) ids.insert(std::string(r.id));
  CHECK(sections == ids);
  for (const auto& id : ids) {
    INFO(id);
    CHECK(doc.find("| [`" + id + "`]") != std::string::npos);  // the index
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
  for (const auto& r : stackgen::lint::rules()) {
    INFO(r.id);
    std::string quoted_id = std::string(r.id).insert(0, 1, '"') + '"';
    CHECK(tests.find(quoted_id) != std::string::npos);
  }
}

TEST_CASE("register_rules is idempotent", "[lint][rules]") {
  Stack s("t");
  s.add<aws::EcrRepository>("repo").name("app");
  auto once = lint_test::run(s).items().size();
  stackgen::lint::register_rules();
  stackgen::lint::register_rules();
  CHECK(stackgen::validate(s).items().size() == once);
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
