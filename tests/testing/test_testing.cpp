// stackgen/testing.hpp through its own API: Synth, the matchers (passing
// and failing, with their messages), JSON paths, findings, snapshots with
// the explicit update step, and a real terraform plan of a provider-free
// stack.
#include <catch2/catch.hpp>
#include <unistd.h>

#include <cstdlib>
#include <fstream>

#include <stackgen/aws/db_instance.hpp>
#include <stackgen/aws/ephemeral/secretsmanager_random_password.hpp>
#include <stackgen/aws/lb_listener.hpp>
#include <stackgen/aws/provider.hpp>
#include <stackgen/aws/vpc.hpp>
#include <stackgen/stackgen.hpp>
#include <stackgen/testing.hpp>
#include <stackgen/testing/catch2.hpp>

using namespace stackgen;
using namespace stackgen::testing;
using builtin::TerraformData;

namespace {

void small(Stack& s) {
  auto name = s.variable<std::string>("name").default_value("demo");
  auto first = s.add<TerraformData>("first").input(Value{{"name", name}, {"size", 3}});
  s.add<TerraformData>("second").input(first.id()).triggers_replace(Value::list({"a", "b"}));
  s.output("id", first.id()).description("the first one");
}

Synth synth() { return Synth::of("small", small); }

}  // namespace

TEST_CASE("Synth builds, validates and renders in-process", "[testing]") {
  auto s = synth();
  CHECK_FALSE(s.has_errors());
  CHECK(s.json_text().find("\"terraform_data\"") != std::string::npos);
  CHECK(s.resources("terraform_data").size() == 2);
  CHECK(s.block("terraform_data.first"));
  CHECK_FALSE(s.block("terraform_data.third"));
  CHECK(at_path(s.emitted(s.block("terraform_data.first")), "input.size").to_hcl() == "3");
  CHECK(at_path(s.json(), "resource.terraform_data.second.triggers_replace[1]").to_hcl() == "\"b\"");
  CHECK(at_path(s.json(), "resource.terraform_data.missing.x").is_null());
}

TEST_CASE("Synth of one stack of an app: handles of another stack through remote state", "[testing]") {
  auto build = [](App& app) {
    auto& network = app.stack("network");
    auto vpc = network.add<TerraformData>("vpc").input(Value("10.0.0.0/16"));
    auto& service = app.stack("service");
    service.depends_on(network);
    service.add<TerraformData>("app").input(vpc.output());
  };
  auto service = Synth::of_app(build, "service");
  CHECK_FALSE(service.has_errors());
  CHECK(service.json_text().find("\"input\": \"${data.terraform_remote_state.network.outputs.terraform_data_vpc_output}\"") !=
        std::string::npos);
  CHECK(service.data_sources("terraform_remote_state").size() == 1);
  auto network = Synth::of_app(build, "network");
  CHECK(network.json_text().find("\"value\": \"${terraform_data.vpc.output}\"") != std::string::npos);
  CHECK_THROWS_WITH(Synth::of_app(build, "nope"), "the app built no stack named 'nope'");
}

TEST_CASE("matchers: typed getters, names, JSON paths, predicates", "[testing]") {
  auto s = synth();
  CHECK_THAT(s, matches(has_resource<TerraformData>("second").with("input", ref<Any>("terraform_data.first.id"))));
  auto vpc = Synth::of("net", [](Stack& st) { st.add<aws::Vpc>("vpc").cidr_block("10.0.0.0/16").enable_dns_support(true); });
  CHECK_THAT(vpc, matches(has_resource<aws::Vpc>("vpc").with(&aws::Vpc::cidr_block, "10.0.0.0/16")));
  CHECK_THAT(vpc, matches(has_resource<aws::Vpc>("vpc").with(&aws::Vpc::enable_dns_support, true)));
  CHECK_FALSE(has_resource<aws::Vpc>("vpc").with(&aws::Vpc::cidr_block, "10.1.0.0/16").match(vpc));
  CHECK_THAT(s, matches(has_resource("terraform_data", "first").with_json("input.name", "${var.name}")));
  CHECK_THAT(s, matches(has_output("id").with("value", ref<std::string>("terraform_data.first.id"))));
  CHECK_THAT(s, matches(has_variable("name").where([](const inspect::BlockView& b) { return b.has_default(); },
                                                    "has a default")));
  CHECK_THAT(s, matches(has_resource("terraform_data", "third").absent()));

  // Failing checks say what they found, and where the block was declared.
  Result wrong = has_resource("terraform_data", "first").with_json("input.size", 4).match(s);
  CHECK_FALSE(wrong);
  CHECK(wrong.message.find("emitted input.size is 3, expected 4") != std::string::npos);
  CHECK(wrong.message.find("test_testing.cpp:") != std::string::npos);
  Result missing = has_resource("terraform_data", "frist").match(s);
  CHECK(missing.message.find("terraform_data.frist is not declared (terraform_data declared: terraform_data.first, "
                             "terraform_data.second)") != std::string::npos);
}

TEST_CASE("findings of validate() and of rule sets", "[testing]") {
  static constexpr RuleInfo kRules[] = {{"test.no-size", Severity::warning, "an input without size"}};
  RuleSet rules("test", kRules, [](RuleContext& c) {
    for (auto b : c.stack().blocks())
      if (b.kind() == BlockKind::resource && b.argument("input").field("size").is_null())
        c.report("test.no-size", b, "no size", "give it one");
  });
  auto s = Synth::of("small", small, {.rule_sets = {rules}});
  CHECK_THAT(s, matches(has_finding("test.no-size").at("terraform_data.second").times(1)));
  CHECK_FALSE(has_finding("test.no-size").at("terraform_data.first").match(s));
  CHECK(validates_cleanly(s));
  CHECK_FALSE(validates_cleanly(s, /*strict=*/true));
  auto broken = Synth::of("broken", [](Stack& st) { st.add<TerraformData>("x").input(ref<std::string>("aws_vpc.nope.id")); });
  CHECK(broken.has_errors());
  CHECK(broken.json_text().empty());
  CHECK_THAT(broken, matches(has_finding("core.dangling-reference").at("terraform_data.x")));
}

TEST_CASE("snapshots: compared, and rewritten only on request", "[testing]") {
  const auto file = std::filesystem::temp_directory_path() / ("stackgen-snapshot-" + std::to_string(::getpid()) + ".json");
  std::filesystem::remove(file);
  auto s = synth();
  ::unsetenv("STACKGEN_UPDATE_SNAPSHOTS");
  Result none = matches_snapshot(s, file);
  CHECK_FALSE(none);
  CHECK(none.message.find("STACKGEN_UPDATE_SNAPSHOTS=1") != std::string::npos);
  ::setenv("STACKGEN_UPDATE_SNAPSHOTS", "1", 1);
  CHECK(matches_snapshot(s, file));
  ::unsetenv("STACKGEN_UPDATE_SNAPSHOTS");
  CHECK(matches_snapshot(s, file));
  auto changed = Synth::of("small", [](Stack& st) {
    small(st);
    st.add<TerraformData>("third");
  });
  Result diff = matches_snapshot(changed, file);
  CHECK_FALSE(diff);
  CHECK(diff.message.find("differs from snapshot") != std::string::npos);
  std::filesystem::remove(file);
}

TEST_CASE("plans_cleanly runs real terraform, or reports itself skipped", "[testing][terraform]") {
  auto s = synth();
  auto plan = plans_cleanly(s);
  if (plan.skipped()) {
    WARN(plan.message);
    return;
  }
  INFO(plan.log);
  CHECK(plan.status == PlanResult::Status::passed);
  CHECK(plan.to_add == 2);
  CHECK(plan.message == "Plan: 2 to add, 0 to change, 0 to destroy.");
  // A stack terraform rejects fails with the log.
  auto bad = Synth::of("bad", [](Stack& st) { st.add<TerraformData>("x").input(raw<Any>("undefined_function(1)")); });
  auto failed = plans_cleanly(bad);
  CHECK(failed.status == PlanResult::Status::failed);
  CHECK(failed.log.find("undefined_function") != std::string::npos);
}

TEST_CASE("provisioners and connections: real terraform validates and plans them, JSON and HCL",
          "[testing][terraform][provisioner]") {
  auto s = Synth::of("provisioned", [](Stack& st) {
    auto host = st.variable<std::string>("host").default_value("10.0.0.1");
    st.add<TerraformData>("web")
        .input(host)
        .connection([](auto self) { return Connection::ssh(as<std::string>(self.output())).user("admin").port(22); })
        .provisioner([](auto self) {
          return LocalExec("echo \"$ID\" > id.txt")
              .interpreter(Expr<List<std::string>>{"/bin/sh", "-c"})
              .environment(Expr<Map<std::string>>{{"ID", self.id()}});
        })
        .provisioner(RemoteExec::inline_commands(Expr<List<std::string>>{"uptime"}).on_failure_continue())
        .provisioner(FileProvisioner::from_content("hello", "/tmp/motd")
                         .connection(Connection::winrm("10.0.0.2").https(true).insecure(true)))
        .provisioner([](auto self) { return LocalExec("echo bye " + self.id()).when_destroy(); });
  });
  REQUIRE_FALSE(s.has_errors());
  for (bool hcl : {false, true}) {
    auto plan = plans_cleanly(s, {.hcl = hcl});
    if (plan.skipped()) {
      WARN(plan.message);
      return;
    }
    INFO((hcl ? "HCL\n" : "JSON\n") << plan.log);
    CHECK(plan.status == PlanResult::Status::passed);
    CHECK(plan.to_add == 1);
  }
  // What terraform refuses there, it refuses: a provisioner type it does not know.
  auto bad = Synth::of("bad", [](Stack& st) {
    st.add<TerraformData>("x").add_override("provisioner", Value::list({Value::object({{"no-such", Value::object({})}})}));
  });
  auto failed = plans_cleanly(bad);
  if (!failed.skipped()) CHECK(failed.status == PlanResult::Status::failed);
}

TEST_CASE("a dynamic block inside a nested block: real terraform plans its expansion, JSON and HCL",
          "[testing][terraform][dynamic]") {
  auto s = Synth::of("nested-dynamic", [](Stack& st) {
    st.provider<aws::Provider>().region("eu-west-1");
    auto arns = st.variable<Map<Number>>("weights").default_value(Expr<Map<Number>>{
        {"arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/a/1", 10},
        {"arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/b/2", 90}});
    st.add<aws::LbListener>("l")
        .load_balancer_arn("arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/x/1")
        .default_action([&](auto& action) {
          action.type("forward").forward([&](auto& forward) {
            forward.template dynamic<aws::LbListener::DefaultAction::Forward::TargetGroup>(
                "target_group", arns, [](auto& tg, auto weight) { tg.arn(weight.key()).weight(weight.value()); });
          });
        });
  });
  REQUIRE_FALSE(s.has_errors());
  for (bool hcl : {false, true}) {
    auto plan = plans_cleanly(s, {.hcl = hcl, .plan_json = true});
    if (plan.skipped()) {
      WARN(plan.message);
      return;
    }
    INFO((hcl ? "HCL\n" : "JSON\n") << plan.log);
    REQUIRE(plan.status == PlanResult::Status::passed);
    CHECK(plan.to_add == 1);
    // Expanded by terraform: both target groups with their weights.
    CHECK(plan.plan_json.find("targetgroup/a/1\",\"weight\":10") != std::string::npos);
    CHECK(plan.plan_json.find("targetgroup/b/2\",\"weight\":90") != std::string::npos);
  }
}

TEST_CASE("check blocks: real terraform plans them; what fails in a check is a warning", "[testing][terraform][check]") {
  // The same data source at the root would stop the plan ("Unable to find
  // remote state" is an error there); scoped to the check it is a warning.
  auto s = Synth::of("checked", [](Stack& st) {
    auto a = st.add<TerraformData>("a").input("x");
    auto peer = st.check("peer");
    auto state = peer.data<builtin::TerraformRemoteState>("peer").backend("local").config(
        Value::object({{"path", "missing.tfstate"}}));
    peer.assert_that(gt(function_call<Number>("length", state.outputs()), 0), "the peer stack has no outputs")
        .assert_that(eq(a.output(), Expr<Any>("x")), "a is " + tostring(a.output()));
  });
  REQUIRE_FALSE(s.diagnostics().has_errors());
  auto plan = plans_cleanly(s);
  if (plan.skipped()) {
    WARN(plan.message);
    return;
  }
  INFO(plan.log);
  CHECK(plan.status == PlanResult::Status::passed);
  CHECK(plan.to_add == 1);
  CHECK(plan.log.find("Warning: Unable to find remote state") != std::string::npos);
  CHECK(plan.log.find("check.peer.data.terraform_remote_state.peer") != std::string::npos);
}

TEST_CASE("import_each: real terraform plans one import per element", "[testing][terraform][import]") {
  auto s = Synth::of("imports", [](Stack& st) {
    auto names = Expr<Set<std::string>>({"a", "b"});
    auto x = st.add<TerraformData>("x").for_each(names).input(each_key());
    st.import_each(names, x[each_key()], each_value<std::string>());
  });
  REQUIRE_FALSE(s.diagnostics().has_errors());
  auto plan = plans_cleanly(s);
  if (plan.skipped()) {
    WARN(plan.message);
    return;
  }
  INFO(plan.log);
  CHECK(plan.status == PlanResult::Status::passed);
  CHECK(plan.message == "Plan: 2 to import, 0 to add, 2 to change, 0 to destroy.");
  CHECK(plan.to_import == 2);
  CHECK(plan.to_change == 2);
  CHECK(plan.log.find("terraform_data.x[\"b\"]: Preparing import... [id=b]") != std::string::npos);
}

namespace {

/// moto_server on 127.0.0.1 for as long as it lives (an AWS API the
/// ephemeral resources of a plan can call offline); port 0 when it is not
/// installed or did not come up.
class MotoServer {
 public:
  MotoServer() {
    if (std::system("command -v moto_server >/dev/null 2>&1") != 0) return;
    const int port = 21000 + static_cast<int>(::getpid() % 9000);
    pid_file_ = "/tmp/stackgen-moto-" + std::to_string(port) + ".pid";
    const std::string start = "moto_server -H 127.0.0.1 -p " + std::to_string(port) + " >/dev/null 2>&1 & echo $! >" +
                              pid_file_ + "; for i in $(seq 100); do (echo >/dev/tcp/127.0.0.1/" +
                              std::to_string(port) + ") 2>/dev/null && exit 0; sleep 0.1; done; exit 1";
    if (std::system(("bash -c '" + start + "'").c_str()) == 0) port_ = port;
  }
  ~MotoServer() {
    if (!pid_file_.empty()) std::system(("kill $(cat " + pid_file_ + ") 2>/dev/null; rm -f " + pid_file_).c_str());
  }
  MotoServer(const MotoServer&) = delete;
  MotoServer& operator=(const MotoServer&) = delete;
  int port() const { return port_; }

 private:
  std::string pid_file_;
  int port_ = 0;
};

/// A database whose password is made by an ephemeral resource for each run.
/// `password_wo`: write-only, the way Terraform 1.11 lets a secret reach a
/// resource without being stored; `stored`: the same value in an argument
/// that plan and state keep.
void database(Stack& st, const std::function<void(aws::DbInstance, Expr<std::string>)>& password) {
  st.provider<aws::Provider>().region("eu-west-1");
  auto generated = st.add<aws::ephemeral::SecretsmanagerRandomPassword>("db").password_length(24).exclude_punctuation(true);
  auto db = st.add<aws::DbInstance>("db")
                .engine("postgres")
                .instance_class("db.t4g.micro")
                .allocated_storage(20)
                .username("app")
                .skip_final_snapshot(true);
  password(db, generated.random_password());
}

}  // namespace

TEST_CASE("ephemeral resources: real terraform plans a write-only use and refuses a stored one",
          "[testing][terraform][ephemeral]") {
  auto write_only = Synth::of("ephemeral_ok", [](Stack& st) {
    database(st, [](aws::DbInstance db, Expr<std::string> pw) { db.password_wo(pw).password_wo_version(1); });
  });
  REQUIRE_FALSE(write_only.diagnostics().has_errors());
  double length = 0;
  CHECK(write_only.json().field("ephemeral").field("aws_secretsmanager_random_password").field("db").field(
            "password_length").as_number(length));
  CHECK(length == 24);

  // Typed, the stored use is refused at emit, before terraform runs ...
  auto stored = Synth::of("ephemeral_stored", [](Stack& st) {
    database(st, [](aws::DbInstance db, Expr<std::string> pw) { db.password(pw); });
  });
  REQUIRE(stored.findings("core.ephemeral-value", "aws_db_instance.db").size() == 1);
  // ... and as untyped text (which the checks cannot see through) terraform refuses it the same way.
  auto as_text = Synth::of("ephemeral_text", [](Stack& st) {
    database(st, [](aws::DbInstance db, Expr<std::string>) {
      db.password(raw<std::string>("ephemeral.aws_secretsmanager_random_password.db.random_password"));
    });
  });
  REQUIRE_FALSE(as_text.diagnostics().has_errors());

  MotoServer moto;
  if (moto.port() == 0) {
    WARN("SKIPPED: terraform plan with an ephemeral resource: moto_server is not installed or did not start");
    return;
  }
  // The ephemeral resource is opened during plan: Secrets Manager's
  // GetRandomPassword, answered by moto.
  PlanOptions options;
  options.extra_files["test_endpoints_override.tf.json"] =
      R"({"provider": {"aws": {"endpoints": [{"secretsmanager": "http://127.0.0.1:)" + std::to_string(moto.port()) +
      R"("}]}}})";
  auto plan = plans_cleanly(write_only, options);
  if (plan.skipped()) {
    WARN(plan.message);
    return;
  }
  INFO(plan.log);
  CHECK(plan.status == PlanResult::Status::passed);
  CHECK(plan.to_add == 1);
  CHECK(plan.log.find("ephemeral.aws_secretsmanager_random_password.db: Opening...") != std::string::npos);

  auto refused = plans_cleanly(as_text, options);
  INFO(refused.log);
  CHECK(refused.status == PlanResult::Status::failed);
  CHECK(refused.log.find("Invalid use of ephemeral value") != std::string::npos);
}
