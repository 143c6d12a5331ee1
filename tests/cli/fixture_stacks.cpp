// Stacks for the end-to-end tests: core features only (terraform_data,
// variables, outputs, locals, moved / removed blocks), so real terraform can
// validate them without provider plugins.
//
// `breakable` is valid unless a context flag breaks it; the lines marked
// `e2e:<flag>` are the ones diagnostics must name (e2e.sh greps for them).
#include <stackgen/stackgen.hpp>

namespace {

using namespace stackgen;
using builtin::TerraformData;

void alpha(Stack& s) {
  s.terraform().required_version(">= 1.7").backend(local_backend("alpha.tfstate"));
  auto app =
      s.variable<std::string>("app_name").default_value("demo").description("Name ${prefix}");
  app.validation(ne(app, Expr<std::string>("")), "app_name must not be empty");
  auto price = s.variable<std::string>("price").default_value("5");
  auto zones = s.variable<List<std::string>>("zones").default_value({"a", "b"});
  auto sizes = s.variable<Map<Number>>("sizes").default_value({{"small", 1}, {"large", 3}});
  auto secret = s.variable<std::string>("secret").sensitive().default_value(null);

  // Escaping and templates, evaluated by terraform_validate.sh.
  auto name = s.local<std::string>("name", app + "-vpc");
  s.local<std::string>("literal", "${aws:username} %{x}");
  s.local<std::string>("price_text", "US$" + price);
  s.local<std::string>("policy", jsonencode(Value{{"Resource", "arn:${aws:username}/" + app}}));
  s.local<Map<Number>>("lengths", for_map(zones, [](const Expr<std::string>& z) {
                         return std::pair{upper(z), length(z)};
                       }));

  auto trigger = s.add<TerraformData>("trigger").input(name);
  auto per_zone = s.add<TerraformData>("per_zone")
                      .count(length(zones))
                      .input(element(zones, count_index()) + "-" + tostring(count_index()));
  auto per_size = s.add<TerraformData>("per_size")
                      .for_each(sizes)
                      .input(Value{{"key", each_key()}, {"value", each_value<Number>()}});
  s.add<TerraformData>("guarded")
      .input(cond(is_null(secret), Expr<std::string>("none"), Expr<std::string>("set")))
      .depends_on({per_zone})
      .lifecycle(
          Lifecycle()
              .create_before_destroy()
              .ignore_changes({"input"})
              .replace_triggered_by({trigger.id()})
              .precondition(gt(length(zones), 0), "need zones, have " + tostring(length(zones)))
              .postcondition(ne(trigger.id(), Expr<std::string>("")), "trigger has an id"));
  s.add<TerraformData>("frozen").input(Value{{"a", 1}}).lifecycle(Lifecycle().ignore_all_changes());
  s.moved("terraform_data.old_trigger", trigger);
  s.removed("terraform_data.retired", false);

  s.output("name", name).description("The ${name}");
  s.output("zone_ids", splat(per_zone, &TerraformData::id));
  s.output("size_ids", values_of(per_size, &TerraformData::id))
      .precondition(gt(length(sizes), 0), "sizes must not be empty");
  s.output("secret", secret).sensitive();
}

void beta(Stack& s) {
  auto net = s.add<builtin::TerraformRemoteState>("alpha").backend("local").config(
      Value{{"path", "../alpha/alpha.tfstate"}});
  s.add<TerraformData>("consumer").input(try_(net.output<std::string>("name"), "unknown"));
  s.output("consumer_id", ref<std::string>("terraform_data.consumer.id"));
}

void breakable(Stack& s) {
  auto base = s.add<TerraformData>("base").input(Value("ok"));
  s.output("base_id", base.id());
  const std::string mode = s.context("break");
  if (mode == "dangling") {
    auto missing = ref<std::string>("terraform_data.missing.id");
    s.add<TerraformData>("broken").input(missing);  // e2e:dangling
  } else if (mode == "duplicate") {
    s.add<TerraformData>("base");  // e2e:duplicate
  } else if (!mode.empty()) {
    throw std::invalid_argument("unknown break mode '" + mode + "'");
  }
}

const StackRegistration r_alpha{"alpha", alpha};
const StackRegistration r_beta{"beta", beta};
const StackRegistration r_breakable{"breakable", breakable};

}  // namespace
