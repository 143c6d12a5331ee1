// stackgen convert on small configurations: what it writes for each
// construct, the order it declares things in, and how it refuses bad input.
// (That the programs it writes build and emit the same configuration is
// convert_roundtrip's and convert_plan's job.)
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "convert/convert.hpp"

namespace fs = std::filesystem;
using stackgen::convert::ConvertOptions;
using stackgen::convert::ConvertSummary;

namespace {

struct Dir {
  fs::path root;
  explicit Dir(const std::string& name) : root(fs::temp_directory_path() / ("stackgen-convert-" + name)) {
    fs::remove_all(root);
    fs::create_directories(root / "in");
  }
  ~Dir() { fs::remove_all(root); }
  void file(const std::string& name, const std::string& text) const {
    std::ofstream(root / "in" / name, std::ios::binary) << text;
  }
  std::string read(const std::string& name) const {
    std::ifstream in(root / "out" / name, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }
  ConvertSummary convert(bool force = false, std::vector<std::string> schemas = {"random.json", "tls.json"}) const {
    ConvertOptions o;
    o.force = force;
    o.inputs = {root / "in"};
    o.out = root / "out";
    o.stack = "demo";
    for (const auto& name : schemas) o.schemas.push_back(fs::path(STACKGEN_SCHEMA_DIR) / name);
    return stackgen::convert::convert(o);
  }
};

bool before(const std::string& text, const std::string& a, const std::string& b) {
  const auto pa = text.find(a), pb = text.find(b);
  return pa != std::string::npos && pb != std::string::npos && pa < pb;
}

}  // namespace

TEST_CASE("typed bindings, handles and references in declaration order") {
  Dir d("typed");
  d.file("main.tf", R"(
# The name of the pet
output "name" {
  value     = random_pet.p.id
  sensitive = false
}

resource "random_pet" "p" {
  prefix = "${var.prefix}-pet"
  length = local.words
  keepers = {
    build = var.prefix
  }
}

locals {
  words = 3
}

variable "prefix" {
  type    = string
  default = "app"
  validation {
    condition     = length(var.prefix) > 0
    error_message = "A prefix, please: $${not interpolated}."
  }
}
)");
  const ConvertSummary r = d.convert();
  const std::string main = d.read("main.cpp");
  INFO(main);
  CHECK(main.find("auto var_prefix = s.variable<std::string>(\"prefix\");") != std::string::npos);
  CHECK(main.find(".default_value(\"app\")") != std::string::npos);
  CHECK(main.find("auto local_words = s.local<Number>(\"words\", 3);") != std::string::npos);
  CHECK(main.find("auto pet_p = s.add<random::Pet>(\"p\")") != std::string::npos);
  CHECK(main.find(".prefix(var_prefix + \"-pet\")") != std::string::npos);
  CHECK(main.find(".length(local_words)") != std::string::npos);
  CHECK(main.find(".keepers(Expr<Map<std::string>>{{\"build\", var_prefix}})") != std::string::npos);
  CHECK(main.find("s.output(\"name\", pet_p.id())") != std::string::npos);
  // The escaped `$${` is literal text: a C++ string, which stackgen escapes again.
  CHECK(main.find("\"A prefix, please: ${not interpolated}.\"") != std::string::npos);
  // Comments carried over.
  CHECK(main.find("// The name of the pet") != std::string::npos);
  // References point back: the variable and local before the resource, the resource before the output.
  CHECK(before(main, "s.variable<std::string>(\"prefix\")", "s.add<random::Pet>"));
  CHECK(before(main, "s.local<Number>", "s.add<random::Pet>"));
  CHECK(before(main, "s.add<random::Pet>", "s.output(\"name\""));
  CHECK(r.not_converted == 0);
  CHECK(r.untyped_blocks == 0);
  CHECK(r.typed_blocks == 4);
  CHECK(d.read("stack.cpp").find("stackgen::StackRegistration registration{\"demo\", build}") != std::string::npos);
  const std::string cmake = d.read("CMakeLists.txt");
  CHECK(cmake.find("find_package(stackgen REQUIRED)") != std::string::npos);
  CHECK(cmake.find("stackgen_add_stack(demo SOURCES stack.cpp main.cpp AWS_PROVIDER NONE PROVIDERS random)") !=
        std::string::npos);
}

TEST_CASE("one .cpp per input file; handles another file needs go through Handles") {
  Dir d("files");
  d.file("variables.tf", "variable \"length\" {\n  type = number\n}\n");
  d.file("main.tf", "resource \"random_string\" \"s\" {\n  length = var.length\n}\n");
  d.file("outputs.tf", "output \"s\" {\n  value = random_string.s.result\n}\n");
  const ConvertSummary r = d.convert();
  CHECK(r.files.size() == 6);  // stack.hpp, 3 files, stack.cpp, CMakeLists.txt
  const std::string hpp = d.read("stack.hpp");
  CHECK(hpp.find("std::optional<stackgen::Variable<stackgen::Number>> var_length;") != std::string::npos);
  CHECK(hpp.find("std::optional<stackgen::random::String> string_s;") != std::string::npos);
  CHECK(d.read("main.cpp").find("const auto& var_length = *h.var_length;") != std::string::npos);
  CHECK(d.read("main.cpp").find(".length(var_length)") != std::string::npos);
  CHECK(d.read("outputs.cpp").find("s.output(\"s\", string_s.result())") != std::string::npos);
  // Files run in dependency order.
  const std::string reg = d.read("stack.cpp");
  CHECK(before(reg, "build_variables(s, h)", "build_main(s, h)"));
  CHECK(before(reg, "build_main(s, h)", "build_outputs(s, h)"));
}

TEST_CASE("JSON syntax: the schema tells nested blocks from attributes") {
  Dir d("json");
  d.file("cdk.tf.json", R"({
  "//": {"metadata": {"backend": "local"}},
  "resource": {
    "tls_private_key": {"k": {"algorithm": "ED25519"}},
    "tls_self_signed_cert": {
      "c": {
        "private_key_pem": "${tls_private_key.k.private_key_pem}",
        "validity_period_hours": 12,
        "allowed_uses": ["server_auth"],
        "subject": [{"common_name": "example.com", "organization": "Example"}]
      }
    }
  }
})");
  d.convert();
  const std::string cdk = d.read("cdk.cpp");
  INFO(cdk);
  CHECK(cdk.find("auto private_key_k = s.add<tls::PrivateKey>(\"k\")") != std::string::npos);
  CHECK(cdk.find(".private_key_pem(private_key_k.private_key_pem())") != std::string::npos);
  CHECK(cdk.find(".subject([&](auto& subject_) {") != std::string::npos);
  CHECK(cdk.find("subject_.common_name(\"example.com\");") != std::string::npos);
  CHECK(cdk.find(".allowed_uses(Expr<List<std::string>>{\"server_auth\"})") != std::string::npos);
}

TEST_CASE("what has no binding or no core construct is said, never dropped") {
  Dir d("fallback");
  d.file("main.tf", R"(
resource "null_resource" "wait" {
  triggers = { v = "1" }
}
check "empty" {
}
resource "random_id" "i" {
  byte_length = 4
  provisioner "puppet" {
    server = "puppet.example.com"
  }
}
)");
  const ConvertSummary r = d.convert();
  const std::string main = d.read("main.cpp");
  INFO(main);
  CHECK(r.untyped_blocks == 1);
  CHECK(main.find("// stackgen convert: no binding for null_resource") != std::string::npos);
  CHECK(main.find("s.untyped_resource(\"null_resource\", \"wait\")") != std::string::npos);
  CHECK(r.not_converted == 2);
  // Terraform requires an assertion: a check without one is kept as it was.
  CHECK(main.find("// stackgen convert: a check with no assertion; not converted:") != std::string::npos);
  // A provisioner type the core does not type.
  CHECK(main.find("// stackgen convert: provisioner without a typed form") != std::string::npos);
  CHECK(main.find("//   server = \"puppet.example.com\"") != std::string::npos);  // the source is kept in the comment
  CHECK(main.find(".byte_length(4);\n") != std::string::npos);
  REQUIRE(r.notes.size() == 2);
  CHECK(r.notes[0].find("main.tf:5: check.empty: a check with no assertion") != std::string::npos);
}

TEST_CASE("check blocks: scoped data sources as the check's handles, then its assertions") {
  Dir d("check");
  d.file("main.tf", R"(
variable "site" {
  type = string
}
check "site" {
  # The certificate the site serves.
  data "tls_certificate" "served" {
    url = "https://${var.site}"
  }
  data "http" "page" {
    url = "https://${var.site}/health"
  }
  assert {
    condition     = length(data.tls_certificate.served.certificates) > 0
    error_message = "${var.site} serves no certificate"
  }
  assert {
    condition     = data.http.page.status_code == 200
    error_message = "the health page answers ${data.http.page.status_code}"
  }
}
)");
  const ConvertSummary r = d.convert();
  const std::string main = d.read("main.cpp");
  INFO(main);
  CHECK(r.not_converted == 0);
  CHECK(r.typed_blocks == 3);    // the variable, the check, tls_certificate
  CHECK(r.untyped_blocks == 1);  // http: no binding
  CHECK(before(main, "auto check_site = s.check(\"site\");",
               "  // The certificate the site serves.\n"
               "  auto data_certificate_served = check_site.data<tls::data::Certificate>(\"served\")"));
  CHECK(main.find("auto data_http_page = check_site.untyped_data(\"http\", \"page\")") != std::string::npos);
  // Assertions after the data sources, their references through the handles.
  CHECK(before(main, "untyped_data(\"http\"", "check_site.assert_that("));
  CHECK(main.find("data_certificate_served.certificates()") != std::string::npos);
  CHECK(main.find("data_http_page.template get<Any>(\"status_code\")") != std::string::npos);
  CHECK(r.text_references == 0);
}

TEST_CASE("bad input: an error naming the file and line, nothing written") {
  Dir d("bad");
  SECTION("syntax error") {
    d.file("main.tf", "resource \"random_pet\" \"p\" {\n  length = \n}\n");
    CHECK_THROWS_WITH(d.convert(), Catch::Contains("main.tf:2:"));
  }
  SECTION("declared twice") {
    d.file("a.tf", "variable \"x\" {}\n");
    d.file("b.tf", "variable \"x\" {}\n");
    CHECK_THROWS_WITH(d.convert(), Catch::Contains("var.x is declared twice"));
  }
  SECTION("override files") {
    d.file("main_override.tf", "variable \"x\" {}\n");
    CHECK_THROWS_WITH(d.convert(), Catch::Contains("override files"));
  }
  SECTION("unknown top-level block") {
    d.file("main.tf", "resorce \"a\" \"b\" {}\n");
    CHECK_THROWS_WITH(d.convert(), Catch::Contains("main.tf:1: unknown top-level block `resorce`"));
  }
  SECTION("a JSON file that is not Terraform's JSON syntax") {
    d.file("main.tf.json", "{\"resources\": {}}");
    CHECK_THROWS_WITH(d.convert(), Catch::Contains("unknown top-level key"));
  }
  CHECK_FALSE(fs::exists(d.root / "out"));
}

TEST_CASE("an output directory that is a file or a symbolic link is refused") {
  Dir d("outdir");
  d.file("main.tf", "variable \"x\" {}\n");
  std::ofstream(d.root / "out") << "a file";
  CHECK_THROWS_WITH(d.convert(), Catch::Contains("is not a directory"));
  fs::remove(d.root / "out");
  fs::create_directories(d.root / "elsewhere");
  fs::create_directory_symlink(d.root / "elsewhere", d.root / "out");
  CHECK_THROWS_WITH(d.convert(), Catch::Contains("symbolic link"));
  CHECK(fs::is_empty(d.root / "elsewhere"));
}

TEST_CASE("a symbolic link planted in the output directory is refused, never followed") {
  Dir d("planted");
  d.file("main.tf", "variable \"x\" {}\n");
  fs::create_directories(d.root / "out");
  std::ofstream(d.root / "victim") << "keep";
  // At a temporary's name (convert's own): replaced.
  fs::create_symlink(d.root / "victim", d.root / "out" / ".stack.cpp.tmp");
  d.convert();
  CHECK_FALSE(fs::exists(d.root / "out" / ".stack.cpp.tmp"));
  // At a file's name: refused, nothing is written.
  fs::remove(d.root / "out" / "main.cpp");
  fs::create_symlink(d.root / "victim", d.root / "out" / "main.cpp");
  CHECK_THROWS_WITH(d.convert(), Catch::Contains("main.cpp is not a regular file any more"));
  CHECK(fs::is_symlink(d.root / "out" / "main.cpp"));
  std::ifstream victim(d.root / "victim");
  std::string content;
  victim >> content;
  CHECK(content == "keep");
}

TEST_CASE("the output directory: only what convert wrote is rewritten or removed") {
  Dir d("rerun");
  d.file("main.tf", "variable \"x\" {}\n");
  d.file("extra.tf", "variable \"y\" {}\n");
  const fs::path out = d.root / "out";
  d.convert();
  const std::string first = d.read("main.cpp");
  REQUIRE(fs::exists(out / ".stackgen-convert"));
  // Unchanged files are rewritten with the same bytes.
  d.convert();
  CHECK(d.read("main.cpp") == first);

  SECTION("a file of the user's is never overwritten, and nothing is written") {
    fs::remove(out / "CMakeLists.txt");
    std::ofstream(out / "CMakeLists.txt") << "# mine\n";
    std::ofstream(out / "main.cpp", std::ios::app) << "// a change\n";
    CHECK_THROWS_WITH(d.convert(), Catch::Contains("was edited since stackgen convert wrote it; --force overwrites it"));
    fs::remove(out / "main.cpp");
    CHECK_THROWS_WITH(d.convert(), Catch::Contains("CMakeLists.txt was edited since stackgen convert wrote it"));
    std::ofstream(out / "main.cpp") << first << "// a change\n";
    CHECK(d.read("CMakeLists.txt") == "# mine\n");
    CHECK(d.read("main.cpp") == first + "// a change\n");
  }
  SECTION("a file convert never wrote is refused even with --force") {
    std::ofstream(out / "notes.cpp") << "mine";
    d.file("notes.tf", "variable \"z\" {}\n");
    CHECK_THROWS_WITH(d.convert(true), Catch::Contains("notes.cpp exists and was not written by stackgen convert"));
    CHECK(d.read("notes.cpp") == "mine");
  }
  SECTION("--force overwrites an edited file convert wrote") {
    std::ofstream(out / "main.cpp", std::ios::app) << "// a change\n";
    d.convert(true);
    CHECK(d.read("main.cpp") == first);
  }
  SECTION("a file no input converts to any more: removed unless edited") {
    fs::remove(d.root / "in" / "extra.tf");
    d.convert();
    CHECK_FALSE(fs::exists(out / "extra.cpp"));
    d.file("extra.tf", "variable \"y\" {}\n");
    d.convert();
    std::ofstream(out / "extra.cpp", std::ios::app) << "// kept\n";
    fs::remove(d.root / "in" / "extra.tf");
    const ConvertSummary r = d.convert();
    CHECK(fs::exists(out / "extra.cpp"));
    REQUIRE_FALSE(r.notes.empty());
    CHECK(r.notes.back().find("extra.cpp: no input file converts to it any more; kept, it was edited") != std::string::npos);
  }
  SECTION("a manifest naming anything else is refused") {
    std::ofstream(out / ".stackgen-convert", std::ios::app) << "0123456789abcdef ../../victim.cpp\n";
    CHECK_THROWS_WITH(d.convert(), Catch::Contains(".stackgen-convert:") && Catch::Contains("not a file stackgen convert writes"));
  }
}

TEST_CASE("comments and raw strings stay comments and strings whatever the input says") {
  Dir d("hostile");
  // A heredoc prints its quotes unescaped, so the raw string's first
  // delimiters occur in the text.
  d.file("main.tf", "# ends with a backslash \\\nresource \"random_pet\" \"p\" {\n"
                    "  prefix = one([<<EOT\nx)hcl\")hcl_\"\nEOT\n][*])\n}\n");
  d.convert();
  const std::string main = d.read("main.cpp");
  INFO(main);
  CHECK(main.find("// ends with a backslash \\ (end of line)\n") != std::string::npos);
  CHECK(main.find("R\"hcl__(") != std::string::npos);
}

TEST_CASE("import with for_each becomes import_each, the collection typed as a for_each") {
  Dir d("import-each");
  d.file("main.tf", R"(
variable "names" {
  type = set(string)
}
resource "random_pet" "p" {
  for_each = var.names
  prefix   = each.key
}
import {
  for_each = var.names
  to       = random_pet.p[each.key]
  id       = "pet-${each.value}"
}
import {
  for_each = var.names
  to       = random_pet.p
  id       = each.value
}
)");
  const ConvertSummary r = d.convert();
  const std::string main = d.read("main.cpp");
  INFO(main);
  CHECK(main.find("s.import_each(var_names, pet_p[each_key()], Expr<std::string>(\"pet-\") + each_value<std::string>());") !=
        std::string::npos);
  // Every element into one address: Terraform refuses it, so it stays as written.
  CHECK(r.not_converted == 1);
  CHECK(main.find("// stackgen convert: import whose target is not a resource handle of this stack") != std::string::npos);
}

TEST_CASE("provisioners and connections become the core's typed builders, self through the self handle") {
  Dir d("provisioners");
  d.file("main.tf", R"(
resource "random_id" "i" {
  byte_length = 4
  connection {
    type        = "ssh"
    host        = self.hex
    user        = "admin"
    port        = 2222
    private_key = file("~/.ssh/id_ed25519")
  }
  provisioner "local-exec" {
    command     = "echo ${self.id}"
    interpreter = ["/bin/sh", "-c"]
    environment = { ID = self.b64_std }
  }
  provisioner "remote-exec" {
    inline     = ["uptime"]
    on_failure = continue
  }
  provisioner "file" {
    content     = "hello"
    destination = "/tmp/motd"
    connection {
      type  = "winrm"
      host  = "10.0.0.2"
      https = true
    }
  }
  provisioner "local-exec" {
    when    = destroy
    command = "echo bye"
  }
}
)");
  const ConvertSummary r = d.convert();
  const std::string main = d.read("main.cpp");
  INFO(main);
  CHECK(r.not_converted == 0);
  // Optional arguments in name order.
  CHECK(main.find(".connection([&](auto self_) { return Connection::ssh(self_.hex()).port(2222).private_key(") !=
        std::string::npos);
  CHECK(main.find(".user(\"admin\"); })") != std::string::npos);
  CHECK(main.find(".provisioner([&](auto self_) { return LocalExec(Expr<std::string>(\"echo \") + self_.id())"
                  ".environment(Expr<Map<std::string>>{{\"ID\", self_.b64_std()}})"
                  ".interpreter(Expr<List<std::string>>{\"/bin/sh\", \"-c\"}); })") != std::string::npos);
  CHECK(main.find(".provisioner(RemoteExec::inline_commands(Expr<List<std::string>>{\"uptime\"}).on_failure_continue())") !=
        std::string::npos);
  CHECK(main.find(".provisioner(FileProvisioner::from_content(\"hello\", \"/tmp/motd\")"
                  ".connection(Connection::winrm(\"10.0.0.2\").https(true)))") != std::string::npos);
  CHECK(main.find(".provisioner(LocalExec(\"echo bye\").when_destroy())") != std::string::npos);

  // The JSON syntax's list of single-key objects reads the same.
  Dir j("provisioners-json");
  j.file("main.tf.json", R"({"resource": {"random_id": {"i": {
    "byte_length": 4,
    "provisioner": [{"local-exec": {"command": "echo ${self.id}", "when": "destroy"}},
                    {"remote-exec": {"script": "run.sh", "connection": {"host": "${self.hex}"}}}]
  }}}})");
  const ConvertSummary rj = j.convert();
  const std::string mj = j.read("main.cpp");
  INFO(mj);
  CHECK(rj.not_converted == 0);
  CHECK(mj.find(".provisioner([&](auto self_) { return LocalExec(Expr<std::string>(\"echo \") + self_.id()).when_destroy(); })") !=
        std::string::npos);
  CHECK(mj.find(".provisioner([&](auto self_) { return RemoteExec::script(\"run.sh\")"
                ".connection(Connection::ssh(self_.hex())); })") != std::string::npos);

  // A resource without a binding (null_resource, the usual host of
  // provisioners) gets them too; self's attributes by name.
  Dir u("provisioners-untyped");
  u.file("main.tf", R"(
resource "null_resource" "deploy" {
  triggers = { v = "1" }
  provisioner "local-exec" {
    command = "echo ${self.id}"
  }
}
)");
  const ConvertSummary ru = u.convert();
  const std::string mu = u.read("main.cpp");
  INFO(mu);
  CHECK(ru.not_converted == 0);
  CHECK(mu.find(".provisioner([&](auto self_) { return LocalExec(Expr<std::string>(\"echo \") + "
                "self_.template get<std::string>(\"id\")); })") != std::string::npos);

  // What the core cannot type is kept as a comment: two of inline/script/scripts.
  Dir bad("provisioners-bad");
  bad.file("main.tf", R"(
resource "random_id" "i" {
  byte_length = 4
  provisioner "remote-exec" {
    inline = ["a"]
    script = "b.sh"
  }
}
)");
  CHECK(bad.convert().not_converted == 1);
}

TEST_CASE("a dynamic block inside a nested block becomes the nested builder's dynamic") {
  Dir d("nested-dynamic");
  d.file("main.tf", R"(
variable "arns" {
  type = list(string)
}
resource "aws_lb_listener" "l" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/x/1"
  default_action {
    type = "forward"
    forward {
      dynamic "target_group" {
        for_each = var.arns
        iterator = tg
        content {
          arn    = tg.value
          weight = 10
        }
      }
    }
  }
}
)");
  ConvertOptions o;
  o.inputs = {d.root / "in"};
  o.out = d.root / "out";
  o.stack = "demo";
  o.schemas = {fs::path(STACKGEN_SCHEMA_DIR) / "aws-5.100.0.json"};
  o.aws_provider = "5.100.0";
  const ConvertSummary r = stackgen::convert::convert(o);
  const std::string main = d.read("main.cpp");
  INFO(main);
  CHECK(r.not_converted == 0);
  CHECK(main.find("forward_.template dynamic<aws::LbListener::DefaultAction::Forward::TargetGroup>(\"target_group\", "
                  "var_arns, [&](auto& target_group_, auto tg_it) {") != std::string::npos);
  CHECK(main.find("target_group_.arn(") != std::string::npos);
  CHECK(main.find("tg_it.value()") != std::string::npos);
  CHECK(main.find("target_group_.weight(10);") != std::string::npos);
  CHECK(main.find("}, \"tg\");") != std::string::npos);
}

TEST_CASE("ephemeral resources: typed from their schema, references as their handles") {
  Dir d("ephemeral");
  d.file("main.tf", R"(
ephemeral "aws_secretsmanager_random_password" "db" {
  password_length     = 24
  exclude_punctuation = true
}
resource "aws_db_instance" "db" {
  engine              = "postgres"
  instance_class      = "db.t4g.micro"
  allocated_storage   = 20
  username            = "app"
  password_wo         = ephemeral.aws_secretsmanager_random_password.db.random_password
  password_wo_version = 1
}
ephemeral "vault_kv_secret" "token" {
  path = "secret/token"
}
)");
  d.file("extra.tf.json", R"({"ephemeral": {"aws_ssm_parameter": {"key": {"arn": "arn:aws:ssm:eu-west-1:1:parameter/k"}}}})");
  const ConvertSummary r = d.convert(false, {"aws-5.100.0.json"});
  const std::string main = d.read("main.cpp"), extra = d.read("extra.cpp");
  INFO(main << extra);
  CHECK(r.not_converted == 0);
  CHECK(main.find("#include <stackgen/aws/ephemeral/secretsmanager_random_password.hpp>") != std::string::npos);
  CHECK(main.find("auto ephemeral_secretsmanager_random_password_db = "
                  "s.add<aws::ephemeral::SecretsmanagerRandomPassword>(\"db\")") != std::string::npos);
  CHECK(main.find(".password_wo(ephemeral_secretsmanager_random_password_db.random_password())") != std::string::npos);
  CHECK(before(main, "s.add<aws::ephemeral::SecretsmanagerRandomPassword>", "s.add<aws::DbInstance>"));
  // No schema for it: untyped, and said so.
  CHECK(r.untyped_blocks == 1);
  CHECK(main.find("s.untyped_ephemeral(\"vault_kv_secret\", \"token\")") != std::string::npos);
  // From Terraform JSON too.
  CHECK(extra.find("s.add<aws::ephemeral::SsmParameter>(\"key\")") != std::string::npos);
}

TEST_CASE("null_resource is typed from the shipped hashicorp/null schema, in stackgen::null_") {
  Dir d("null");
  d.file("main.tf", R"(
resource "null_resource" "wait" {
  triggers = { version = "2" }
}
output "waited" {
  value = null_resource.wait.id
}
)");
  const ConvertSummary r = d.convert(false, {"null.json"});
  const std::string main = d.read("main.cpp");
  INFO(main);
  CHECK(r.untyped_blocks == 0);
  CHECK(main.find("#include <stackgen/null/resource.hpp>") != std::string::npos);
  CHECK(main.find("auto resource_wait = s.add<null_::Resource>(\"wait\")") != std::string::npos);
  CHECK(main.find("s.output(\"waited\", resource_wait.id())") != std::string::npos);
}

TEST_CASE("terraform { cloud {} } as s.terraform().cloud(Cloud(...)), from .tf and .tf.json") {
  Dir d("cloud");
  d.file("main.tf", R"(
terraform {
  cloud {
    organization = "acme"
    hostname     = "tfe.acme.example"
    workspaces {
      tags    = ["app", "prod"]
      project = "shop"
    }
  }
}
)");
  d.file("other.tf.json", R"({"terraform": {"cloud": {"organization": "acme", "workspaces": {"name": "w"}}}})");
  const ConvertSummary r = d.convert();
  const std::string main = d.read("main.cpp"), other = d.read("other.cpp");
  INFO(main << other);
  CHECK(r.not_converted == 0);
  CHECK(main.find("s.terraform().cloud(Cloud(\"acme\").hostname(\"tfe.acme.example\").workspace_tags({\"app\", "
                  "\"prod\"}).project(\"shop\"));") != std::string::npos);
  CHECK(other.find("s.terraform().cloud(Cloud(\"acme\").workspace(\"w\"));") != std::string::npos);
  // The organization from the environment (TF_CLOUD_ORGANIZATION) has no literal to write: kept, said.
  Dir e("cloud-env");
  e.file("main.tf", "terraform {\n  cloud {\n    workspaces {\n      name = \"w\"\n    }\n  }\n}\n");
  const ConvertSummary re = e.convert();
  CHECK(re.not_converted == 1);
  CHECK(e.read("main.cpp").find("// stackgen convert: a cloud block without a literal organization") != std::string::npos);
}

TEST_CASE("template directives: %{if} as cond<std::string>, %{for} as join of for_list, strip markers applied") {
  Dir d("directives");
  d.file("main.tf", R"(
variable "names" {
  type = list(string)
}
variable "prod" {
  type = bool
}
output "greeting" {
  value = "Hello, %{ if var.prod }production%{ else }staging ${var.names[0]}%{ endif }!"
}
output "only_if" {
  value = "%{if var.prod}yes%{endif}"
}
output "list" {
  value = <<EOT
hosts:
%{ for n in var.names ~}
- ${n}
%{ endfor ~}
done
EOT
}
output "nested" {
  value = "%{ for n in var.names }%{ if n == "api" }-%{ else }${n}%{ endif }%{ endfor }"
}
)");
  const ConvertSummary r = d.convert();
  const std::string main = d.read("main.cpp");
  INFO(main);
  CHECK(r.raw_expressions == 0);
  CHECK(main.find("s.output(\"greeting\", Expr<std::string>(\"Hello, \") + cond<std::string>(var_prod, \"production\", "
                  "Expr<std::string>(\"staging \") + var_names[0]) + \"!\");") != std::string::npos);
  // A lone branch of literal text needs no Expr: cond<std::string> converts it; no else is "".
  CHECK(main.find("s.output(\"only_if\", cond<std::string>(var_prod, \"yes\", \"\"));") != std::string::npos);
  // `~}` removed the newline after each directive from the text.
  CHECK(main.find("s.output(\"list\", Expr<std::string>(\"hosts:\\n\") + join(\"\", for_list(var_names, [&](const auto& n_) "
                  "{ return Expr<std::string>(\"- \") + n_ + \"\\n\"; })) + \"done\\n\");") != std::string::npos);
  CHECK(main.find("join(\"\", for_list(var_names, [&](const auto& n_) { return cond<std::string>(eq<std::string>(n_, "
                  "Expr<std::string>(\"api\")), \"-\", n_); }))") != std::string::npos);
}

TEST_CASE("for expressions with a key variable and grouping, `...` expansion, terraform.workspace") {
  Dir d("for-keys");
  d.file("main.tf", R"(
variable "ports" {
  type = map(number)
}
variable "names" {
  type = list(string)
}
variable "sizes" {
  type = list(number)
}
output "open" {
  value = { for name, port in var.ports : name => port if name != "ssh" }
}
output "numbered" {
  value = [for i, n in var.names : "${i}:${n}"]
}
output "by_length" {
  value = { for n in var.names : tostring(length(n)) => n... if n != "db" }
}
output "listing" {
  value = "%{ for i, n in var.names }${i}=${n};%{ endfor }"
}
output "largest" {
  value = max(var.sizes...)
}
output "key" {
  value = "state/${terraform.workspace}"
}
)");
  const ConvertSummary r = d.convert();
  const std::string main = d.read("main.cpp");
  INFO(main);
  CHECK(r.raw_expressions == 0);
  // A map's key is a string, a list's an index (Number).
  CHECK(main.find("for_map(var_ports, [&](const auto& name_, const auto& port_) { return std::make_pair(name_, port_); }, "
                  "[&](const auto& name_, const auto& port_) { return ne<std::string>(name_, Expr<std::string>(\"ssh\")); })") !=
        std::string::npos);
  CHECK(main.find("for_list(var_names, [&](const auto& i_, const auto& n_) { return as<std::string>(i_) + \":\" + n_; })") !=
        std::string::npos);
  CHECK(main.find("group_by(var_names, [&](const auto& n_) { return std::make_pair(function_call<std::string>(\"tostring\", "
                  "function_call<Any>(\"length\", n_)), n_); }, [&](const auto& n_) { return ne<std::string>(n_, "
                  "Expr<std::string>(\"db\")); })") != std::string::npos);
  CHECK(main.find("join(\"\", for_list(var_names, [&](const auto& i_, const auto& n_) { return as<std::string>(i_) + \"=\" + "
                  "n_ + \";\"; }))") != std::string::npos);
  CHECK(main.find("function_call<Any>(\"max\", expand(var_sizes))") != std::string::npos);
  CHECK(main.find("Expr<std::string>(\"state/\") + terraform_workspace()") != std::string::npos);
}

TEST_CASE("terraform_data and terraform_remote_state as the core's builtin classes") {
  Dir d("builtins");
  d.file("main.tf", R"(
data "terraform_remote_state" "network" {
  backend = "local"
  config = {
    path = "network.tfstate"
  }
}
resource "terraform_data" "vpc" {
  input            = data.terraform_remote_state.network.outputs.vpc_id
  triggers_replace = [data.terraform_remote_state.network.outputs.cidr]
}
output "vpc" {
  value = terraform_data.vpc.output
}
output "given" {
  value = [terraform_data.vpc.input, terraform_data.vpc.triggers_replace]
}
)");
  const ConvertSummary r = d.convert();
  const std::string main = d.read("main.cpp");
  INFO(main);
  CHECK(r.untyped_blocks == 0);
  CHECK(r.raw_expressions == 0);
  CHECK(r.text_references == 0);
  CHECK(main.find("auto data_terraform_remote_state_network = s.add<builtin::TerraformRemoteState>(\"network\")") !=
        std::string::npos);
  CHECK(main.find(".backend(\"local\")") != std::string::npos);
  CHECK(main.find("auto terraform_data_vpc = s.add<builtin::TerraformData>(\"vpc\")") != std::string::npos);
  CHECK(main.find(".input(data_terraform_remote_state_network.outputs().template get<Any>(\"vpc_id\"))") !=
        std::string::npos);
  CHECK(main.find("s.output(\"vpc\", terraform_data_vpc.output())") != std::string::npos);
  CHECK(main.find("terraform_data_vpc.input(), terraform_data_vpc.triggers_replace()") != std::string::npos);
  // The builtin provider is no provider of the program.
  CHECK(d.read("CMakeLists.txt").find("PROVIDERS") == std::string::npos);
}

TEST_CASE("a JSON document written as text in a policy attribute becomes the data jsonencode encodes") {
  Dir d("json-text");
  d.file("main.tf", R"(
resource "aws_s3_bucket" "logs" {
  bucket = "logs"
}
resource "aws_iam_role" "r" {
  name               = "r"
  assume_role_policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"Service": "ec2.amazonaws.com"}}]
}
POLICY
}
resource "aws_s3_bucket_policy" "p" {
  bucket = aws_s3_bucket.logs.id
  policy = "{\"Statement\": [{\"Resource\": \"${aws_s3_bucket.logs.arn}/*\", \"Sid\": \"n${1}\"}]}"
}
resource "aws_iam_policy" "kept" {
  name   = "kept"
  # A fraction, a key twice, an interpolation outside a string: kept as text.
  policy = <<POLICY
{"Version": "2012-10-17", "Statement": [], "Version": "2012-10-17"}
POLICY
}
resource "aws_iam_role_policy" "number" {
  role   = aws_iam_role.r.id
  policy = "{\"Statement\": ${jsonencode([])}, \"n\": 1.5}"
}
resource "aws_s3_bucket" "not_json_attribute" {
  bucket = "{\"a\": 1}"
}
)");
  const ConvertSummary r = d.convert(false, {"random.json", "tls.json", "aws-5.100.0.json"});
  const std::string main = d.read("main.cpp");
  INFO(main);
  // A whole policy document: awsdoc::PolicyDocument (the next test case).
  CHECK(main.find(".assume_role_policy(awsdoc::PolicyDocument()\n"
                  "          .statement(awsdoc::Statement().allow().service_principals({\"ec2.amazonaws.com\"})"
                  ".actions({\"sts:AssumeRole\"}))\n          .json());") != std::string::npos);
  // Interpolations inside strings are the typed references.
  CHECK(main.find(".policy(jsonencode(Value::object({{\"Statement\", Value::list({Value::object({{\"Resource\", "
                  "s3_bucket_logs.arn() + \"/*\"}, {\"Sid\", Expr<std::string>(\"n\") + as<std::string>(Expr<Any>(1))}})})}})))") !=
        std::string::npos);
  CHECK(main.find(".policy(\"{\\\"Version\\\": \\\"2012-10-17\\\", \\\"Statement\\\": [], \\\"Version\\\": "
                  "\\\"2012-10-17\\\"}\\n\")") != std::string::npos);
  CHECK(main.find("\"n\\\": 1.5}") != std::string::npos);
  CHECK(main.find(".bucket(\"{\\\"a\\\": 1}\")") != std::string::npos);
  CHECK(r.raw_expressions == 0);
}

TEST_CASE("documents that are exactly an awsdoc type become its builder; others stay Value data") {
  Dir d("awsdoc");
  d.file("main.tf", R"(
resource "aws_s3_bucket" "b" {
  bucket = "b"
}
resource "aws_iam_policy" "fits" {
  name = "fits"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Sid = "Read", Effect = "Allow", Action = ["s3:GetObject", "s3:ListBucket"],
        Resource = [aws_s3_bucket.b.arn, "${aws_s3_bucket.b.arn}/*"],
        Condition = { Bool = { "aws:SecureTransport" = ["true"] } } },
      { Effect = "Deny", Principal = { AWS = "arn:aws:iam::123456789012:root" }, Action = "s3:*", Resource = "*" },
    ]
  })
}
locals {
  one_element = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["s3:GetObject"], Resource = "*" }] })
  not_action  = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", NotAction = "s3:*", Resource = "*" }] })
  condition_string = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "*",
                                  Condition = { Bool = { "aws:SecureTransport" = "true" } } }] })
  no_version = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "*" }] })
  list_reference = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:*", Resource = [aws_s3_bucket.b.arn] }] })
  key_twice = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:*", Action = "s3:Get*", Resource = "*" }] })
}
resource "aws_ecs_task_definition" "fits" {
  family       = "fits"
  network_mode = "awsvpc"
  container_definitions = jsonencode([
    { name = "a", image = "nginx", essential = true, portMappings = [{ containerPort = 80, hostPort = 80 }],
      environment = [{ name = "X", value = aws_s3_bucket.b.bucket }, { name = "Y", value = "2" }] },
    { name = "b", image = "nginx", essential = false, portMappings = [{ containerPort = 53, hostPort = 53, protocol = "udp" }] },
  ])
}
resource "aws_ecs_task_definition" "unsorted" {
  family       = "unsorted"
  network_mode = "awsvpc"
  container_definitions = jsonencode([{ name = "b", image = "nginx", essential = true }, { name = "a", image = "nginx", essential = true }])
}
resource "aws_ecs_task_definition" "tcp" {
  family = "tcp"
  container_definitions = jsonencode([{ name = "a", image = "nginx", essential = true, portMappings = [{ containerPort = 80, protocol = "tcp" }] }])
}
resource "aws_ecs_task_definition" "no_essential" {
  family = "no_essential"
  container_definitions = jsonencode([{ name = "a", image = "nginx" }])
}
resource "aws_ecs_task_definition" "bridge" {
  family = "bridge"
  container_definitions = jsonencode([{ name = "a", image = "nginx", essential = true, portMappings = [{ containerPort = 80 }] }])
}
)");
  const ConvertSummary r = d.convert(false, {"aws-5.100.0.json"});
  const std::string main = d.read("main.cpp");
  INFO(main);
  CHECK(main.find("#include <stackgen/awsdoc/policy_document.hpp>") != std::string::npos);
  CHECK(main.find("#include <stackgen/awsdoc/container_definition.hpp>") != std::string::npos);
  CHECK(main.find(".policy(awsdoc::PolicyDocument()\n"
                  "          .statement(awsdoc::Statement().sid(\"Read\").allow().actions({\"s3:GetObject\", \"s3:ListBucket\"})"
                  ".resources({s3_bucket_b.arn(), s3_bucket_b.arn() + \"/*\"})"
                  ".condition(\"Bool\", \"aws:SecureTransport\", {\"true\"}))\n"
                  "          .statement(awsdoc::Statement().deny().aws_principals({\"arn:aws:iam::123456789012:root\"})"
                  ".actions({\"s3:*\"}).resources({\"*\"}))\n"
                  "          .json());") != std::string::npos);
  // Each of these would come out of PolicyDocument otherwise: Value data.
  for (const char* local : {"one_element", "not_action", "condition_string", "no_version", "list_reference", "key_twice"}) {
    INFO(local);
    CHECK(main.find(std::string("s.local<std::string>(\"") + local + "\", jsonencode(Value::object(") != std::string::npos);
  }
  CHECK(main.find(".container_definitions(awsdoc::container_definitions({\n"
                  "          awsdoc::ContainerDefinition(\"a\")\n"
                  "              .image(\"nginx\")\n"
                  "              .essential(true)\n"
                  "              .port(80)\n"
                  "              .environment(\"X\", s3_bucket_b.bucket())\n"
                  "              .environment(\"Y\", \"2\"),\n"
                  "          awsdoc::ContainerDefinition(\"b\")\n"
                  "              .image(\"nginx\")\n"
                  "              .essential(false)\n"
                  "              .port_mapping({.container_port = 53, .protocol = \"udp\"})},\n"
                  "          awsdoc::NetworkMode::awsvpc));") != std::string::npos);
  // Bridge (no network_mode): no host port is added, so none is needed.
  CHECK(main.find("awsdoc::ContainerDefinition(\"a\")\n              .image(\"nginx\")\n              .essential(true)\n"
                  "              .port(80)},\n          awsdoc::NetworkMode::bridge));") != std::string::npos);
  for (const char* kept : {"unsorted", "tcp", "no_essential"}) {
    INFO(kept);
    const auto at = main.find(std::string("s.add<aws::EcsTaskDefinition>(\"") + kept + "\")");
    REQUIRE(at != std::string::npos);
    CHECK(main.find(".container_definitions(jsonencode(Value::list(", at) < main.find(";", at));
  }
  // A try that does not fit counts nothing twice.
  CHECK(r.raw_expressions == 0);
  CHECK(r.text_references == 0);
}

TEST_CASE("keys that are expressions, the legacy splat with an index, comparisons with null") {
  Dir d("legacy-forms");
  d.file("main.tf", R"(
variable "cluster" {
  type = string
}
variable "k" {
  type = string
}
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
  tags = {
    Name                                   = "main"
    "kubernetes.io/cluster/${var.cluster}" = "owned"
    (var.k)                                = var.cluster
  }
}
resource "aws_subnet" "a" {
  count      = 2
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.${count.index}.0/24"
}
resource "aws_route_table_association" "a" {
  count          = 2
  subnet_id      = aws_subnet.a.*.id[count.index]
  route_table_id = "rtb-1"
}
locals {
  doc     = jsonencode({ "${var.cluster}-x" = 1 })
  missing = var.k == null
  present = null != var.k
  # A full splat applies the index to each element: no typed form yet.
  each_first = aws_subnet.a[*].tags["Name"]
  first      = (aws_subnet.a[*].id)[0]
  ids        = [for k, s in aws_subnet.a : s.id]
  filtered   = [for s in aws_subnet.a : s.id if s.id != ""]
}
)");
  const ConvertSummary r = d.convert(false, {"aws-5.100.0.json"});
  const std::string main = d.read("main.cpp");
  INFO(main);
  CHECK(main.find(".tags(map_of<std::string>({{\"Name\", \"main\"}, {Expr<std::string>(\"kubernetes.io/cluster/\") + "
                  "var_cluster, \"owned\"}, {var_k, var_cluster}}))") != std::string::npos);
  CHECK(main.find(".subnet_id(splat(subnet_a, &aws::Subnet::id)[count_index()])") != std::string::npos);
  CHECK(main.find("jsonencode(map_of<Any>({{var_cluster + \"-x\", Expr<Any>(1)}}))") != std::string::npos);
  CHECK(main.find("s.local<bool>(\"missing\", is_null(var_k))") != std::string::npos);
  CHECK(main.find("s.local<bool>(\"present\", !is_null(var_k))") != std::string::npos);
  CHECK(main.find("raw<Any>(R\"hcl(aws_subnet.a[*].tags[\"Name\"])hcl\")") != std::string::npos);
  CHECK(main.find("s.local<std::string>(\"first\", splat(subnet_a, &aws::Subnet::id)[0])") != std::string::npos);
  CHECK(main.find("s.local<List<std::string>>(\"ids\", values_of(subnet_a, &aws::Subnet::id))") != std::string::npos);
  CHECK(main.find("s.local<List<Any>>(\"filtered\", for_list(") != std::string::npos);
  CHECK(r.raw_expressions == 1);
}

TEST_CASE("backend settings: literal objects as set_value, the rest said where it is, never dropped") {
  Dir d("backend-settings");
  d.file("main.tf", R"(
variable "region" {
  type = string
}
terraform {
  backend "s3" {
    bucket      = "state"
    assume_role = { role_arn = "arn:aws:iam::1:role/t" }
    region      = var.region
    nested {
      x = 1
    }
  }
}
)");
  const ConvertSummary r = d.convert();
  const std::string main = d.read("main.cpp");
  INFO(main);
  CHECK(main.find(".set_value(\"assume_role\", Value::object({{\"role_arn\", Value(\"arn:aws:iam::1:role/t\")}}))") !=
        std::string::npos);
  CHECK(main.find("// stackgen convert: backend setting `region` is not literal data") != std::string::npos);
  CHECK(main.find("// region = var.region") != std::string::npos);
  CHECK(main.find("// stackgen convert: backend block `nested` (backends take arguments only); not converted:") !=
        std::string::npos);
  CHECK(r.not_converted == 2);
}

TEST_CASE("dynamic blocks of a block without a binding: UntypedBlock builders") {
  Dir d("untyped-dynamic");
  d.file("main.tf", R"(
variable "rules" {
  type = map(object({ port = number }))
}
resource "x_firewall" "fw" {
  name = "edge"
  dynamic "rule" {
    for_each = var.rules
    iterator = r
    content {
      port = r.value.port
      source {
        cidr = r.key
      }
    }
  }
}
)");
  const ConvertSummary r = d.convert();
  const std::string main = d.read("main.cpp");
  INFO(main);
  CHECK(main.find(".dynamic<UntypedBlock>(\"rule\", var_rules, [&](UntypedBlock& rule_, auto r_it) {\n"
                  "        rule_.set(\"port\", r_it.value().template get<Any>(\"port\"));\n"
                  "        rule_.block(\"source\", Value::object({{\"cidr\", r_it.key()}}));\n"
                  "      }, \"r\")") != std::string::npos);
  CHECK(r.not_converted == 0);
  CHECK(r.untyped_blocks == 1);
}
