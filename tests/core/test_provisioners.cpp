// Provisioners and connection blocks: the typed builders, `self`, the JSON
// and HCL they render to, and what validation refuses. Real terraform
// validates and plans them in tests/testing (plans_cleanly).
#include <stackgen/core/inspect.hpp>

#include "test_support.hpp"

using namespace stackgen;
using builtin::TerraformData;
using test::json;
using test::Thing;

namespace {

std::string hcl_of(const Stack& s) {
  auto files = render(s, RenderOptions{Syntax::hcl});
  REQUIRE(files.size() == 1);
  return files[0].content;
}

bool contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("provisioners render as Terraform's JSON syntax: a list of single-key objects", "[provisioner]") {
  Stack s("p");
  const auto key = function_call<std::string>("file", Expr<std::string>("~/.ssh/id_ed25519"));
  s.add<TerraformData>("web")
      .input("x")
      .connection([&](auto self) {
        return Connection::ssh(as<std::string>(self.output())).user("admin").private_key(key).port(2222);
      })
      .provisioner([](auto self) {
        return LocalExec("echo " + self.id())
            .working_dir("/tmp")
            .interpreter(Expr<List<std::string>>{"/bin/bash", "-c"})
            .environment(Expr<Map<std::string>>{{"ID", self.id()}});
      })
      .provisioner(RemoteExec::inline_commands(Expr<List<std::string>>{"uptime"}).on_failure_continue())
      .provisioner(FileProvisioner::from_content("hello", "/etc/motd")
                       .connection(Connection::winrm("10.0.0.1").https(true).insecure(true)))
      .provisioner([](auto self) { return LocalExec("echo bye " + self.id()).when_destroy(); });
  const json r = test::render_json(s)["resource"]["terraform_data"]["web"];
  CHECK(r["connection"] == json::parse(R"({"type": "ssh", "host": "${self.output}", "user": "admin",
                                           "private_key": "${file(\"~/.ssh/id_ed25519\")}", "port": 2222})"));
  REQUIRE(r["provisioner"].size() == 4);
  CHECK(r["provisioner"][0] == json::parse(R"({"local-exec": {"command": "echo ${self.id}", "working_dir": "/tmp",
      "interpreter": ["/bin/bash", "-c"], "environment": {"ID": "${self.id}"}}})"));
  CHECK(r["provisioner"][1] == json::parse(R"({"remote-exec": {"inline": ["uptime"], "on_failure": "continue"}})"));
  CHECK(r["provisioner"][2] == json::parse(R"({"file": {"content": "hello", "destination": "/etc/motd",
      "connection": {"type": "winrm", "host": "10.0.0.1", "https": true, "insecure": true}}})"));
  CHECK(r["provisioner"][3] == json::parse(R"({"local-exec": {"command": "echo bye ${self.id}", "when": "destroy"}})"));
  const auto ds = validate(s);
  INFO(test::describe(ds));
  CHECK(ds.items().empty());

  // inspect reads them in order, as rendered.
  inspect::BlockView web;
  inspect::view(s).for_each_block([&](inspect::BlockView b) {
    if (b.address() == "terraform_data.web") web = b;
  });
  REQUIRE(web);
  auto ps = web.provisioners();
  REQUIRE(ps.size() == 4);
  CHECK(ps[0].type == "local-exec");
  CHECK(ps[2].type == "file");
  CHECK(!ps[0].runs_at_destroy);
  CHECK(ps[3].runs_at_destroy);
  CHECK(web.connection().field("user").as_string() == "admin");
}

TEST_CASE("a block without provisioners renders as before", "[provisioner]") {
  Stack s("p");
  s.add<TerraformData>("t").input("x");
  CHECK(test::render_text(s).find("provisioner") == std::string::npos);
}

TEST_CASE("provisioners in HCL: keywords bare, connections as blocks, fmt layout", "[provisioner][hcl]") {
  Stack s("p");
  s.add<TerraformData>("web")
      .input("x")
      .connection([](auto self) { return Connection::ssh(as<std::string>(self.output())).user("admin"); })
      .provisioner([](auto self) { return LocalExec("echo " + self.id()).when_destroy().on_failure_continue(); })
      .provisioner(FileProvisioner::from_source("a.txt", "/tmp/a.txt").connection(Connection::ssh("10.0.0.2")));
  const std::string text = hcl_of(s);
  CHECK(contains(text, "  connection {\n    host = self.output\n    type = \"ssh\"\n    user = \"admin\"\n  }\n"));
  CHECK(contains(text, "  provisioner \"local-exec\" {\n    command    = \"echo ${self.id}\"\n"
                       "    on_failure = continue\n    when       = destroy\n  }\n"));
  CHECK(contains(text, "  provisioner \"file\" {\n    destination = \"/tmp/a.txt\"\n    source      = \"a.txt\"\n"
                       "    connection {\n      host = \"10.0.0.2\"\n      type = \"ssh\"\n    }\n  }\n"));
  if (std::system("terraform version >/dev/null 2>&1") != 0) {
    WARN("SKIPPED: terraform is not on PATH");
    return;
  }
  test::TempDir dir;
  test::spit(dir.path() / "main.tf", text);
  const std::string cmd =
      "TF_CLI_CONFIG_FILE=/dev/null terraform fmt -check -no-color " + dir.path().string() + " >/dev/null 2>&1";
  CHECK(std::system(cmd.c_str()) == 0);
}

TEST_CASE("self outside a provisioner or connection is an error at the block", "[provisioner][checks]") {
  Stack s("p");
  TerraformData captured;
  auto web = s.add<TerraformData>("web").input("x").provisioner([&](auto self) {
    captured = self;
    return LocalExec("true");
  });
  const int line = __LINE__ + 1;
  s.add<TerraformData>("other").input(captured.id());
  auto d = test::only(validate(s), "core.invalid-reference");
  CHECK(d.address == "terraform_data.other");
  CHECK(d.where.line == line);
  CHECK(contains(d.message, "self.id used (in input) outside a provisioner or connection block"));
  (void)web;
}

TEST_CASE("the self of another resource in a provisioner is an error", "[provisioner][checks]") {
  Stack s("p");
  TerraformData a_self;
  s.add<TerraformData>("a").provisioner([&](auto self) {
    a_self = self;
    return LocalExec("true");
  });
  s.add<TerraformData>("b").provisioner(LocalExec("echo " + a_self.id()));
  auto d = test::only(validate(s), "core.invalid-reference");
  CHECK(d.address == "terraform_data.b");
  CHECK(contains(d.message, "is the self of terraform_data.a, but here self is terraform_data.b"));
}

TEST_CASE("a provisioner naming its own resource is refused: use self", "[provisioner][checks]") {
  Stack s("p");
  auto t = s.add<TerraformData>("t").input("x");
  t.provisioner(LocalExec("echo " + t.id()));
  auto ds = validate(s);
  auto d = test::only(ds, "core.invalid-reference");
  CHECK(contains(d.message, "a provisioner cannot name its own resource"));
  CHECK(contains(d.hint, "use self"));
  CHECK(test::with_rule(ds, "core.dependency-cycle").empty());
  // Through the connection too.
  Stack c("c");
  auto u = c.add<TerraformData>("u");
  u.connection(Connection::ssh(u.id()));
  CHECK(contains(test::only(validate(c), "core.invalid-reference").message, "(in connection)"));
}

TEST_CASE("destroy-time provisioners refer to self, count.index and each.key only", "[provisioner][checks]") {
  Stack s("p");
  auto other = s.add<TerraformData>("other").input("x");
  auto name = s.variable<std::string>("name").default_value("n");
  s.add<TerraformData>("t")
      .count(2)
      .provisioner(LocalExec("echo " + other.id()))  // at create: a dependency, fine
      .provisioner([&](auto self) {
        return LocalExec("echo " + self.id() + " " + name).when_destroy();
      })
      .provisioner(LocalExec(Expr<std::string>("n") + "-" + function_call<std::string>("tostring", count_index()))
                       .when_destroy());
  auto d = test::only(validate(s), "core.invalid-reference");
  CHECK(contains(d.message, "reference to var.name (in provisioner \"local-exec\") in a destroy-time provisioner"));

  // path.* and terraform.* are refused there too.
  Stack p("path");
  p.add<TerraformData>("t").provisioner(LocalExec(path_module()).when_destroy());
  CHECK(contains(test::only(validate(p), "core.invalid-reference").message, "path.module used"));

  // Once a provisioner is destroy-time, the resource's connection is held
  // to the same rule (Terraform checks it then, whichever connection that
  // provisioner uses).
  Stack c("c");
  auto host = c.variable<std::string>("host").default_value("h");
  c.add<TerraformData>("t")
      .connection(Connection::ssh(host))
      .provisioner(RemoteExec::script("run.sh").when_destroy());
  CHECK(contains(test::only(validate(c), "core.invalid-reference").message, "var.host (in connection)"));
  Stack own("own");
  auto host2 = own.variable<std::string>("host").default_value("h");
  own.add<TerraformData>("t")
      .connection(Connection::ssh(host2))
      .provisioner(RemoteExec::script("stop.sh").when_destroy().connection(Connection::ssh("10.0.0.1")));
  CHECK(contains(test::only(validate(own), "core.invalid-reference").message, "var.host (in connection)"));
  Stack ok("ok");
  auto host3 = ok.variable<std::string>("host").default_value("h");
  ok.add<TerraformData>("t")
      .input(host3)
      .connection([](auto self) { return Connection::ssh(as<std::string>(self.output())); })
      .provisioner(RemoteExec::script("run.sh"))
      .provisioner(RemoteExec::script("stop.sh").when_destroy());
  CHECK(validate(ok).items().empty());
}

TEST_CASE("literal secrets in connections are warned about, like sensitive arguments", "[provisioner][checks]") {
  Stack s("p");
  const int line = __LINE__ + 2;
  s.add<TerraformData>("t")
      .connection(Connection::ssh("10.0.0.1").password("hunter2"))
      .provisioner(RemoteExec::inline_commands(Expr<List<std::string>>{"true"})
                       .connection(Connection::ssh("10.0.0.2").private_key("-----BEGIN KEY-----")));
  auto ds = validate(s);
  auto found = test::with_rule(ds, "core.literal-secret");
  REQUIRE(found.size() == 2);
  CHECK(found[0].severity == Severity::warning);
  CHECK(found[0].where.line == line);
  std::string all = found[0].message + found[1].message;
  CHECK(contains(all, "connection.password is given a literal value"));
  CHECK(contains(all, "provisioner \"remote-exec\": connection.private_key"));
  // The secret itself is never printed.
  CHECK(!contains(test::describe(ds), "hunter2"));
  CHECK(!contains(test::describe(ds), "BEGIN KEY"));
  // A function reading the key at apply time is not a literal.
  Stack ok("ok");
  ok.add<TerraformData>("t").connection(
      Connection::ssh("h").private_key(function_call<std::string>("file", Expr<std::string>("~/.ssh/id"))));
  CHECK(validate(ok).items().empty());
}

TEST_CASE("provisioners on a data source are refused", "[provisioner][checks]") {
  Stack s("p");
  s.add<test::ThingData>("d").name("n").rule(test::Rule().port(1)).provisioner(LocalExec("true"));
  auto d = test::only(validate(s), "core.invalid-provisioner");
  CHECK(contains(d.message, "a data source cannot have provisioners"));
}

TEST_CASE("references in provisioners are dependencies", "[provisioner][checks]") {
  Stack s("p");
  auto a = s.add<TerraformData>("a");
  auto b = s.add<TerraformData>("b").provisioner(LocalExec("echo " + a.id()));
  a.provisioner(LocalExec("echo " + b.id()));
  auto d = test::only(validate(s), "core.dependency-cycle");
  CHECK(contains(d.message, "terraform_data.a -> terraform_data.b -> terraform_data.a"));
}
