// Provisioner and connection blocks as the core's typed builders:
//
//   provisioner "local-exec" { command = "echo ${self.id}"  when = destroy }
//   -> .provisioner([&](auto self_) { return LocalExec("echo " + self_.id()).when_destroy(); })
//
// Only what the core types is written: the three provisioner types and
// their arguments, the connection arguments, `when`, `on_failure`. Anything
// else (another provisioner type, an unknown argument, a required one
// missing) returns nullopt and the block is kept as a comment.
#include <map>
#include <string_view>

#include "convert/converter.hpp"
#include "convert/cpp_text.hpp"

namespace stackgen::convert::detail {

namespace {

using Arguments = std::map<std::string, const hcl::Attribute*, std::less<>>;

/// A bare keyword (`destroy`, `continue`), as `when` and `on_failure` take.
std::optional<std::string> keyword(const hcl::Attribute& a) {
  const auto* t = a.expr->get_if<hcl::Traversal>();
  if (!t || !t->is_variable() || !t->steps.empty()) return std::nullopt;
  return t->root;
}

/// The C++ type of each optional argument (as its setter takes it).
const std::map<std::string_view, std::string_view>& connection_arguments() {
  static const std::map<std::string_view, std::string_view> kArgs = {
      {"user", "std::string"},          {"password", "std::string"},         {"port", "Number"},
      {"timeout", "std::string"},       {"script_path", "std::string"},      {"private_key", "std::string"},
      {"certificate", "std::string"},   {"agent", "bool"},                   {"agent_identity", "std::string"},
      {"host_key", "std::string"},      {"target_platform", "std::string"},  {"bastion_host", "std::string"},
      {"bastion_host_key", "std::string"}, {"bastion_port", "Number"},       {"bastion_user", "std::string"},
      {"bastion_password", "std::string"}, {"bastion_private_key", "std::string"},
      {"bastion_certificate", "std::string"}, {"proxy_scheme", "std::string"}, {"proxy_host", "std::string"},
      {"proxy_port", "Number"},         {"proxy_user_name", "std::string"},  {"proxy_user_password", "std::string"},
      {"https", "bool"},                {"insecure", "bool"},                {"use_ntlm", "bool"},
      {"cacert", "std::string"},
  };
  return kArgs;
}

const std::map<std::string_view, std::string_view>& local_exec_arguments() {
  static const std::map<std::string_view, std::string_view> kArgs = {
      {"working_dir", "std::string"},
      {"interpreter", "List<std::string>"},
      {"environment", "Map<std::string>"},
      {"quiet", "bool"},
  };
  return kArgs;
}

/// The attributes of a body by name; nullopt when it has a nested block
/// other than `connection` (none of these bodies has one).
std::optional<Arguments> arguments_of(const hcl::Body& body, std::vector<const hcl::Block*>* connections) {
  Arguments out;
  for (const auto& item : body.items) {
    if (const auto* a = item.attribute()) {
      out[a->name] = a;
    } else if (const auto* b = item.block()) {
      if (!connections || b->type != "connection") return std::nullopt;
      connections->push_back(b);
    }
  }
  return out;
}

}  // namespace

Converter::Code Converter::self_reference(const hcl::Traversal& t, const hcl::Expression& e, const std::string& want,
                                          Scope& sc) {
  const Declaration& d = *sc.self;
  if (t.steps.empty() || t.steps[0].kind != hcl::TraversalStep::Kind::GetAttr) return raw(e, want);
  if (!d.binding) {
    // An untyped resource: the attribute by name, typed by the destination.
    sc.self_used = true;
    const std::string w = t.steps.size() == 1 && !want.empty() && want != "Value" ? want : "Any";
    return apply_steps({sc.self_cpp + ".template get<" + w + ">(" + cpp_string(t.steps[0].name) + ")", w, ""}, t, 1,
                       e, want, sc);
  }
  const bindgen::FieldPlan* f = field(d.binding->plan->body, t.steps[0].name);
  if (!f || !f->getter) return raw(e, want);
  sc.self_used = true;
  const std::string scope = "stackgen::" + d.binding->qualified();
  return apply_steps({sc.self_cpp + "." + f->cpp_name + "()", qualify(f->cpp_type, scope), ""}, t, 1, e, want, sc);
}

std::optional<std::string> Converter::connection_value(const hcl::Body& body, Scope& sc) {
  auto args = arguments_of(body, nullptr);
  if (!args) return std::nullopt;
  std::string type = "ssh";
  if (auto it = args->find("type"); it != args->end()) {
    auto text = literal_string(*it->second->expr);
    if (!text || (*text != "ssh" && *text != "winrm")) return std::nullopt;
    type = *text;
  }
  auto host = args->find("host");
  if (host == args->end()) return std::nullopt;
  std::string out = "Connection::" + type + "(" + expr(*host->second->expr, "std::string", sc).text + ")";
  for (const auto& [name, a] : *args) {
    if (name == "type" || name == "host") continue;
    auto known = connection_arguments().find(name);
    if (known == connection_arguments().end()) return std::nullopt;
    out += "." + name + "(" + expr(*a->expr, std::string(known->second), sc).text + ")";
  }
  return out;
}

std::optional<std::string> Converter::provisioner_value(const hcl::Block& b, Scope& sc) {
  if (b.labels.size() != 1) return std::nullopt;
  const std::string& type = b.labels[0].value;
  std::vector<const hcl::Block*> connections;
  auto args = arguments_of(b.body, &connections);
  if (!args || connections.size() > 1) return std::nullopt;
  auto take = [&](std::string_view name) -> const hcl::Attribute* {
    auto it = args->find(name);
    if (it == args->end()) return nullptr;
    const hcl::Attribute* a = it->second;
    args->erase(it);
    return a;
  };
  auto value = [&](const hcl::Attribute* a, const std::string& t) { return expr(*a->expr, t, sc).text; };
  std::string out;
  if (type == "local-exec") {
    const auto* command = take("command");
    if (!command) return std::nullopt;
    out = "LocalExec(" + value(command, "std::string") + ")";
    for (const auto& [name, t] : local_exec_arguments())
      if (const auto* a = take(name)) out += "." + std::string(name) + "(" + value(a, std::string(t)) + ")";
  } else if (type == "remote-exec") {
    const auto* inline_ = take("inline");
    const auto* script = take("script");
    const auto* scripts = take("scripts");
    if ((inline_ != nullptr) + (script != nullptr) + (scripts != nullptr) != 1) return std::nullopt;
    if (inline_) out = "RemoteExec::inline_commands(" + value(inline_, "List<std::string>") + ")";
    if (script) out = "RemoteExec::script(" + value(script, "std::string") + ")";
    if (scripts) out = "RemoteExec::scripts(" + value(scripts, "List<std::string>") + ")";
  } else if (type == "file") {
    const auto* source = take("source");
    const auto* content = take("content");
    const auto* destination = take("destination");
    if (!destination || (source != nullptr) == (content != nullptr)) return std::nullopt;
    out = std::string("FileProvisioner::") + (source ? "from_source(" : "from_content(") +
          value(source ? source : content, "std::string") + ", " + value(destination, "std::string") + ")";
  } else {
    return std::nullopt;
  }
  if (const auto* when = take("when")) {
    auto k = keyword(*when);
    if (k == "destroy") out += ".when_destroy()";
    else if (k != "create") return std::nullopt;
  }
  if (const auto* on_failure = take("on_failure")) {
    auto k = keyword(*on_failure);
    if (k == "continue") out += ".on_failure_continue()";
    else if (k != "fail") return std::nullopt;
  }
  if (!args->empty()) return std::nullopt;  // an argument the core does not type
  if (!connections.empty()) {
    auto c = connection_value(connections[0]->body, sc);
    if (!c) return std::nullopt;
    out += ".connection(" + *c + ")";
  }
  return out;
}

namespace {
/// Translates with `self` bound to the declaration's self handle, and
/// wraps the result in a builder lambda when self was used.
template <class F>
std::optional<std::string> with_self(const Declaration& d, bool& used, const Declaration*& self, std::string& self_cpp,
                                     F&& translate) {
  const Declaration* outer = self;
  const std::string outer_cpp = self_cpp;
  const bool outer_used = used;
  self = &d;
  self_cpp = "self_";
  used = false;
  std::optional<std::string> v = translate();
  const bool self_used = used;
  self = outer;
  self_cpp = outer_cpp;
  used = outer_used;
  if (!v || !self_used) return v;
  return "[&](auto self_) { return " + *v + "; }";
}
}  // namespace

std::optional<std::string> Converter::provisioner(const hcl::Block& b, const Declaration& d, Scope& sc) {
  if (d.kind != Kind::resource) return std::nullopt;
  return with_self(d, sc.self_used, sc.self, sc.self_cpp, [&] { return provisioner_value(b, sc); });
}

std::optional<std::string> Converter::connection_block(const hcl::Block& b, const Declaration& d, Scope& sc) {
  if (d.kind != Kind::resource || !b.labels.empty()) return std::nullopt;
  return with_self(d, sc.self_used, sc.self, sc.self_cpp, [&] { return connection_value(b.body, sc); });
}

}  // namespace stackgen::convert::detail
