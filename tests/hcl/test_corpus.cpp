// Realistic files: the corpus under tests/hcl/corpus (written for these tests,
// plus unmodified public Terraform files, see corpus/README.md), HCL's own
// heredoc conformance case, and the parse time of a generated large file.
#include <chrono>
#include <filesystem>
#include <algorithm>
#include <map>

#include "test_support.hpp"

namespace hcl = stackgen::hcl;
namespace fs = std::filesystem;

namespace {

std::vector<fs::path> corpus_files(const std::string& ext) {
  std::vector<fs::path> out;
  for (const auto& entry : fs::recursive_directory_iterator(HCL_CORPUS_DIR)) {
    if (entry.is_regular_file() && entry.path().extension() == ext) out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

const hcl::Block* find_block(const hcl::Body& body, std::string_view type, std::string_view label) {
  for (const hcl::Block* b : body.blocks(type)) {
    if (!b->labels.empty() && b->labels.back().value == label) return b;
  }
  return nullptr;
}

/// The text of a template whose interpolations are plain variables, with
/// the given values substituted (enough to check heredoc semantics).
std::string render(const hcl::Expression& e, const std::map<std::string, std::string>& vars) {
  const auto* t = e.get_if<hcl::Template>();
  REQUIRE(t);
  std::string out;
  for (const auto& part : t->parts) {
    if (const auto* l = std::get_if<hcl::TemplateLiteral>(&part.node)) {
      out += l->value;
    } else {
      const auto& i = std::get<hcl::TemplateInterpolation>(part.node);
      out += vars.at(i.expr->get_if<hcl::Traversal>()->root);
    }
  }
  return out;
}

}  // namespace

TEST_CASE("every corpus file parses and round-trips", "[corpus]") {
  auto files = corpus_files(".tf");
  auto hcls = corpus_files(".hcl");
  files.insert(files.end(), hcls.begin(), hcls.end());
  REQUIRE(files.size() >= 10);
  for (const auto& path : files) {
    INFO(path.string());
    std::string src = hcltest::slurp(path.string());
    hcl::File f = hcltest::file(src, path.filename().string());
    CHECK_FALSE(f.body.items.empty());
  }
  auto templates = corpus_files(".tpl");
  REQUIRE(templates.size() >= 2);
  for (const auto& path : templates) {
    INFO(path.string());
    auto r = hcl::parse_template(hcltest::slurp(path.string()), path.filename().string());
    REQUIRE(r);
    hcltest::check_round_trip(*r.value, true);
  }
}

TEST_CASE("the hand-written corpus has what it claims", "[corpus]") {
  const std::string dir = HCL_CORPUS_DIR;
  hcl::File network = hcltest::file(hcltest::slurp(dir + "/network.tf"), "network.tf");
  const hcl::Block* region = find_block(network.body, "variable", "region");
  REQUIRE(region);
  CHECK(region->body.blocks("validation").size() == 1);
  CHECK(region->comments.leading.empty());
  const hcl::Block* sg = find_block(network.body, "resource", "web");
  REQUIRE(sg);
  const auto dynamic = sg->body.blocks("dynamic");
  REQUIRE(dynamic.size() == 1);
  CHECK(dynamic[0]->labels[0].value == "ingress");
  CHECK(dynamic[0]->body.attribute("iterator"));
  CHECK(network.body.items[0].comments().leading.size() == 2);

  hcl::File iam = hcltest::file(hcltest::slurp(dir + "/iam.tf"), "iam.tf");
  const hcl::Block* logs = find_block(iam.body, "resource", "logs");
  REQUIRE(logs);
  const auto* policy = logs->body.attribute("policy")->expr->get_if<hcl::Template>();
  REQUIRE(policy);
  CHECK(policy->form == hcl::Template::Form::Heredoc);
  CHECK(policy->heredoc_marker == "EOF");
  CHECK(hcl::dump(*logs->body.attribute("policy")->expr).find("acme-config/${aws:username}/*") != std::string::npos);
  const hcl::Block* locals = iam.body.blocks("locals").at(0);
  const auto& arn = *locals->body.attribute("role_arn_parts")->expr;
  CHECK(arn.get_if<hcl::FunctionCall>()->full_name() == "provider::aws::arn_parse");
  CHECK(hcl::dump(*locals->body.attribute("statements_by_effect")->expr) ==
        "(for-object s var.statements s.effect => s...)");

  hcl::File platform = hcltest::file(hcltest::slurp(dir + "/platform.tf"), "platform.tf");
  for (const char* type : {"moved", "import", "removed", "check", "module"}) {
    INFO(type);
    CHECK_FALSE(platform.body.blocks(type).empty());
  }
  CHECK(platform.body.items[0].comments().leading.at(0).style == hcl::Comment::Style::Block);
  const hcl::Block* legacy = find_block(platform.body, "output", "legacy_style");
  REQUIRE(legacy);
  CHECK(hcl::dump(*legacy->body.attribute("value")->expr) == "aws_route53_record.app.*.fqdn");

  hcl::File templates = hcltest::file(hcltest::slurp(dir + "/templates.tf"), "templates.tf");
  const auto& tl = templates.body.blocks("locals").at(0)->body;
  CHECK(hcl::dump(*tl.attribute("escaped")->expr) == "\"Literal ${not_interpolated} and %{not_a_directive}\"");
  CHECK(hcl::dump(*tl.attribute("stripped")->expr) == "(template \"items: \" (%for~ i var.items \"[\" (${} i) \"]\" (endfor~)))");
  CHECK(tl.attribute("wrapped")->expr->get_if<hcl::Template>()->is_wrap());
}

TEST_CASE("heredocs agree with HCL's own conformance case", "[corpus][heredoc]") {
  // public/hcl_specsuite_heredoc.hcl holds heredocs; the `result` of
  // public/hcl_specsuite_heredoc.t.hcl the strings HCL evaluates them to.
  const std::string dir = std::string(HCL_CORPUS_DIR) + "/public/";
  hcl::File f = hcltest::file(hcltest::slurp(dir + "hcl_specsuite_heredoc.hcl"));
  hcl::File t = hcltest::file(hcltest::slurp(dir + "hcl_specsuite_heredoc.t.hcl"));
  const std::map<std::string, std::string> vars{{"bar", "Bar"}, {"space_bar", "  Bar"}};
  REQUIRE(t.body.attribute("result"));
  const auto* result = t.body.attribute("result")->expr->get_if<hcl::Object>();
  REQUIRE(result);
  std::size_t checked = 0;
  for (const char* group : {"normal", "flush"}) {
    const auto* inputs = f.body.attribute(group)->expr->get_if<hcl::Object>();
    const hcl::Object* expected = nullptr;
    for (const auto& item : result->items) {
      if (item.key_name() == std::optional<std::string>(group)) expected = item.value->get_if<hcl::Object>();
    }
    REQUIRE(expected);
    for (const auto& want : expected->items) {
      INFO(group << "." << *want.key_name());
      const hcl::ObjectItem* got = nullptr;
      for (const auto& item : inputs->items) {
        if (item.key_name() == want.key_name()) got = &item;
      }
      REQUIRE(got);
      CHECK(render(*got->value, vars) == *want.value->get_if<hcl::Template>()->literal_value());
      ++checked;
    }
  }
  CHECK(checked == 18);
}

TEST_CASE("a 1,000-resource file parses quickly", "[corpus][perf]") {
  std::string src;
  src.reserve(1 << 20);
  for (int i = 0; i < 1000; ++i) {
    const std::string n = std::to_string(i);
    src += "# Instance " + n + " of the fleet.\n";
    src += "resource \"aws_instance\" \"web_" + n + "\" {\n";
    src += "  ami           = data.aws_ami.al2023.id\n";
    src += "  instance_type = var.instance_types[" + n + " % length(var.instance_types)]\n";
    src += "  subnet_id     = element(module.network.private_subnet_ids, " + n + ")\n";
    src += "  count         = var.enabled ? 1 : 0\n";
    src += "  user_data     = <<-EOT\n";
    src += "    #!/bin/bash\n";
    src += "    echo \"hello from ${var.name}-" + n + "\"\n";
    src += "  EOT\n";
    src += "\n";
    src += "  root_block_device {\n";
    src += "    volume_size = " + n + " > 500 ? 100 : 20\n";
    src += "    encrypted   = true\n";
    src += "  }\n";
    src += "\n";
    src += "  tags = merge(local.common_tags, {\n";
    src += "    Name  = \"web-" + n + "\"\n";
    src += "    Index = " + n + " # the position in the fleet\n";
    src += "    Zone  = local.azs[" + n + " % 3]\n";
    src += "  })\n";
    src += "\n";
    src += "  lifecycle {\n";
    src += "    ignore_changes = [ami, tags[\"LastPatched\"]]\n";
    src += "  }\n";
    src += "}\n\n";
  }
  const auto lines = std::count(src.begin(), src.end(), '\n');
  CHECK(lines > 25000);

  double best = 1e9;
  hcl::ParseResult<hcl::File> r;
  for (int run = 0; run < 5; ++run) {
    auto t0 = std::chrono::steady_clock::now();
    r = hcl::parse_file(src, "fleet.tf");
    auto t1 = std::chrono::steady_clock::now();
    best = std::min(best, std::chrono::duration<double>(t1 - t0).count());
    REQUIRE(r);
  }
  CHECK(r.value.body.items.size() == 1000);
  auto t0 = std::chrono::steady_clock::now();
  std::string printed = hcl::to_hcl(r.value);
  auto t1 = std::chrono::steady_clock::now();
  // Reported, not asserted: timings depend on the machine and build type.
  WARN("parse of " << lines << " lines, " << src.size() << " bytes: " << best * 1000 << " ms (best of 5); print: "
                   << std::chrono::duration<double>(t1 - t0).count() * 1000 << " ms");
  auto again = hcl::parse_file(printed, "printed.tf");
  REQUIRE(again);
  CHECK(hcl::equal(r.value.body, again.value.body));
}
