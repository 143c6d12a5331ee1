// Provisioners and connection blocks: the builders of provisioner.hpp and
// what ResourceBase::provisioner / ::connection store in the model.
#include "stackgen/core/provisioner.hpp"

#include <algorithm>

#include "model.hpp"

namespace stackgen {

void ProvisionerArguments::set(std::string_view name, Value value) {
  for (auto& [n, v] : arguments_)
    if (n == name) {
      v = std::move(value);
      return;
    }
  arguments_.emplace_back(std::string(name), std::move(value));
}

Connection::Connection(std::string_view type, const Value& host, std::source_location where) : where_(where) {
  set("type", Value(type));
  set("host", host);
}
Connection Connection::ssh(const Expr<std::string>& host, std::source_location where) {
  return Connection("ssh", host.value(), where);
}
Connection Connection::winrm(const Expr<std::string>& host, std::source_location where) {
  return Connection("winrm", host.value(), where);
}

bool Connection::is_secret(std::string_view argument) {
  static constexpr std::string_view kSecrets[] = {"password",           "private_key",         "certificate",
                                                  "bastion_password",   "bastion_private_key", "bastion_certificate",
                                                  "proxy_user_password"};
  return std::find(std::begin(kSecrets), std::end(kSecrets), argument) != std::end(kSecrets);
}

RemoteExec RemoteExec::inline_commands(const Expr<List<std::string>>& commands, std::source_location where) {
  RemoteExec r(where);
  r.set("inline", commands.value());
  return r;
}
RemoteExec RemoteExec::script(const Expr<std::string>& path, std::source_location where) {
  RemoteExec r(where);
  r.set("script", path.value());
  return r;
}
RemoteExec RemoteExec::scripts(const Expr<List<std::string>>& paths, std::source_location where) {
  RemoteExec r(where);
  r.set("scripts", paths.value());
  return r;
}

FileProvisioner FileProvisioner::from_source(const Expr<std::string>& source, const Expr<std::string>& destination,
                                             std::source_location where) {
  FileProvisioner f(where);
  f.set("source", source.value());
  f.set("destination", destination.value());
  return f;
}
FileProvisioner FileProvisioner::from_content(const Expr<std::string>& content, const Expr<std::string>& destination,
                                              std::source_location where) {
  FileProvisioner f(where);
  f.set("content", content.value());
  f.set("destination", destination.value());
  return f;
}

namespace detail {

namespace {
Value arguments_object(const ProvisionerArguments& a, std::vector<Value::Field> fields = {}) {
  for (const auto& [name, value] : a.arguments()) fields.emplace_back(name, value);
  return Value::object(fields);
}
Provisioning& provisioning_of(BlockData& b) {
  if (!b.provisioning) b.provisioning = std::make_unique<Provisioning>();
  return *b.provisioning;
}
}  // namespace

void add_provisioner(BlockData& b, const Provisioner& p) {
  // `when` and `on_failure` take keywords; the JSON syntax spells them as
  // strings, which the HCL writer writes bare again.
  std::vector<Value::Field> extra;
  if (p.runs_at_destroy()) extra.emplace_back("when", Value("destroy"));
  if (p.continues_on_failure()) extra.emplace_back("on_failure", Value("continue"));
  if (p.own_connection()) extra.emplace_back("connection", arguments_object(*p.own_connection()));
  StringArena& strings = b.stack->strings;
  const std::string label = "provisioner \"" + std::string(p.type()) + "\"";
  provisioning_of(b).provisioners.push_back({strings.intern(p.type()), strings.intern(label),
                                             arguments_object(p, std::move(extra)), p.runs_at_destroy(), p.where()});
}

void set_connection(BlockData& b, const Connection& c) {
  Provisioning& p = provisioning_of(b);
  p.connection = arguments_object(c);
  p.connection_where = c.where();
}

}  // namespace detail
}  // namespace stackgen
