// Provisioners and connection blocks: `provisioner "local-exec" {...}`,
// `"remote-exec"`, `"file"`, and `connection {...}` on a resource or on one
// provisioner.
//
// What Terraform requires is taken by the constructors, so a provisioner
// without its command or destination does not compile: LocalExec(command),
// RemoteExec::inline_commands / script / scripts (exactly one of them),
// FileProvisioner::from_source / from_content (one of them) plus the
// destination, Connection::ssh(host) / winrm(host). Everything else is an
// optional setter, written only when set.
//
// `self` is the resource's own handle, given to the builder lambda of
// ResourceBase::provisioner / ::connection; its getters write `self.<attr>`,
// which Terraform accepts only in these blocks (validation says so anywhere
// else, at the C++ line).
#pragma once

#include <optional>
#include <source_location>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "stackgen/core/expr.hpp"

namespace stackgen {

/// Arguments as set (a later set of one name replaces the earlier one).
class ProvisionerArguments {
 public:
  using Argument = std::pair<std::string, Value>;
  const std::vector<Argument>& arguments() const noexcept { return arguments_; }

 protected:
  void set(std::string_view name, Value value);

 private:
  std::vector<Argument> arguments_;
};

/// `connection { type = "ssh" | "winrm", host = ..., ... }`: how remote-exec
/// and file provisioners reach the machine.
class Connection : public ProvisionerArguments {
 public:
  static Connection ssh(const Expr<std::string>& host, std::source_location where = std::source_location::current());
  static Connection winrm(const Expr<std::string>& host,
                          std::source_location where = std::source_location::current());

  Connection& user(const Expr<std::string>& v) { return with("user", v.value()); }
  /// A secret: a literal string here is reported (core.literal-secret).
  Connection& password(const Expr<std::string>& v) { return with("password", v.value()); }
  Connection& port(const Expr<Number>& v) { return with("port", v.value()); }
  Connection& timeout(const Expr<std::string>& v) { return with("timeout", v.value()); }
  Connection& script_path(const Expr<std::string>& v) { return with("script_path", v.value()); }
  // SSH
  /// A secret, like password: pass file(...) or a sensitive variable.
  Connection& private_key(const Expr<std::string>& v) { return with("private_key", v.value()); }
  Connection& certificate(const Expr<std::string>& v) { return with("certificate", v.value()); }
  Connection& agent(const Expr<bool>& v) { return with("agent", v.value()); }
  Connection& agent_identity(const Expr<std::string>& v) { return with("agent_identity", v.value()); }
  Connection& host_key(const Expr<std::string>& v) { return with("host_key", v.value()); }
  Connection& target_platform(const Expr<std::string>& v) { return with("target_platform", v.value()); }
  Connection& bastion_host(const Expr<std::string>& v) { return with("bastion_host", v.value()); }
  Connection& bastion_host_key(const Expr<std::string>& v) { return with("bastion_host_key", v.value()); }
  Connection& bastion_port(const Expr<Number>& v) { return with("bastion_port", v.value()); }
  Connection& bastion_user(const Expr<std::string>& v) { return with("bastion_user", v.value()); }
  Connection& bastion_password(const Expr<std::string>& v) { return with("bastion_password", v.value()); }
  Connection& bastion_private_key(const Expr<std::string>& v) { return with("bastion_private_key", v.value()); }
  Connection& bastion_certificate(const Expr<std::string>& v) { return with("bastion_certificate", v.value()); }
  Connection& proxy_scheme(const Expr<std::string>& v) { return with("proxy_scheme", v.value()); }
  Connection& proxy_host(const Expr<std::string>& v) { return with("proxy_host", v.value()); }
  Connection& proxy_port(const Expr<Number>& v) { return with("proxy_port", v.value()); }
  Connection& proxy_user_name(const Expr<std::string>& v) { return with("proxy_user_name", v.value()); }
  Connection& proxy_user_password(const Expr<std::string>& v) { return with("proxy_user_password", v.value()); }
  // WinRM
  Connection& https(const Expr<bool>& v) { return with("https", v.value()); }
  Connection& insecure(const Expr<bool>& v) { return with("insecure", v.value()); }
  Connection& use_ntlm(const Expr<bool>& v) { return with("use_ntlm", v.value()); }
  Connection& cacert(const Expr<std::string>& v) { return with("cacert", v.value()); }

  /// The names of connection arguments that hold secrets.
  static bool is_secret(std::string_view argument);
  std::source_location where() const noexcept { return where_; }

 private:
  Connection(std::string_view type, const Value& host, std::source_location where);
  Connection& with(std::string_view name, const Value& v) {
    set(name, v);
    return *this;
  }
  std::source_location where_;
};

/// What every provisioner has: its type, `when`, `on_failure`, its own connection.
class Provisioner : public ProvisionerArguments {
 public:
  std::string_view type() const noexcept { return type_; }
  /// `when = destroy`: run before the resource is destroyed. Such a
  /// provisioner may refer only to self, count.index and each.key.
  bool runs_at_destroy() const noexcept { return destroy_; }
  /// `on_failure = continue`: a failure does not taint the resource.
  bool continues_on_failure() const noexcept { return continue_; }
  const std::optional<Connection>& own_connection() const noexcept { return connection_; }
  std::source_location where() const noexcept { return where_; }

 protected:
  Provisioner(std::string_view type, std::source_location where) : type_(type), where_(where) {}
  void set_runs_at_destroy() noexcept { destroy_ = true; }
  void set_continues_on_failure() noexcept { continue_ = true; }
  void set_own_connection(const Connection& c) { connection_ = c; }

 private:
  std::string type_;
  bool destroy_ = false;
  bool continue_ = false;
  std::optional<Connection> connection_;
  std::source_location where_;
};

/// The setters every provisioner shares, returning the concrete type.
template <class Derived>
class ProvisionerBase : public Provisioner {
 public:
  Derived& when_destroy() {
    set_runs_at_destroy();
    return static_cast<Derived&>(*this);
  }
  Derived& on_failure_continue() {
    set_continues_on_failure();
    return static_cast<Derived&>(*this);
  }
  /// A connection for this provisioner only (instead of the resource's).
  Derived& connection(const Connection& c) {
    set_own_connection(c);
    return static_cast<Derived&>(*this);
  }

 protected:
  using Provisioner::Provisioner;
  Derived& with(std::string_view name, const Value& v) {
    set(name, v);
    return static_cast<Derived&>(*this);
  }
};

/// `provisioner "local-exec"`: runs `command` on the machine running Terraform.
class LocalExec : public ProvisionerBase<LocalExec> {
 public:
  explicit LocalExec(const Expr<std::string>& command, std::source_location where = std::source_location::current())
      : ProvisionerBase("local-exec", where) {
    set("command", command.value());
  }
  LocalExec& working_dir(const Expr<std::string>& v) { return with("working_dir", v.value()); }
  /// The interpreter and its arguments: {"/bin/bash", "-c"}.
  LocalExec& interpreter(const Expr<List<std::string>>& v) { return with("interpreter", v.value()); }
  /// Environment variables of the command: pass values here rather than
  /// into the command text (no shell injection).
  LocalExec& environment(const Expr<Map<std::string>>& v) { return with("environment", v.value()); }
  LocalExec& quiet(const Expr<bool>& v) { return with("quiet", v.value()); }
};

/// `provisioner "remote-exec"`: runs commands on the resource, through its connection.
class RemoteExec : public ProvisionerBase<RemoteExec> {
 public:
  /// `inline = [...]`: commands run in order.
  static RemoteExec inline_commands(const Expr<List<std::string>>& commands,
                                    std::source_location where = std::source_location::current());
  /// `script = "path"`: a local script copied to the resource and run.
  static RemoteExec script(const Expr<std::string>& path, std::source_location where = std::source_location::current());
  /// `scripts = [...]`: local scripts copied and run in order.
  static RemoteExec scripts(const Expr<List<std::string>>& paths,
                            std::source_location where = std::source_location::current());

 private:
  explicit RemoteExec(std::source_location where) : ProvisionerBase("remote-exec", where) {}
};

/// `provisioner "file"`: copies a file, a directory or text to the resource.
class FileProvisioner : public ProvisionerBase<FileProvisioner> {
 public:
  /// `source = path` (a file or a directory) to `destination`.
  static FileProvisioner from_source(const Expr<std::string>& source, const Expr<std::string>& destination,
                                     std::source_location where = std::source_location::current());
  /// `content = text` written to the file `destination`.
  static FileProvisioner from_content(const Expr<std::string>& content, const Expr<std::string>& destination,
                                      std::source_location where = std::source_location::current());

 private:
  explicit FileProvisioner(std::source_location where) : ProvisionerBase("file", where) {}
};

}  // namespace stackgen
