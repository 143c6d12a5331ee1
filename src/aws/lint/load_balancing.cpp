// Load balancing: listener rule priorities, certificates, protocols and
// ports of listeners and target groups; TLS policies and plain-HTTP
// listeners that serve instead of redirecting.
#include <algorithm>
#include <map>

#include "lint.hpp"

namespace stackgen::lint {
namespace {

bool one_of(std::string_view s, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), s) != set.end();
}

/// The load balancer type of the listener's load balancer, when known.
std::optional<std::string> lb_type_of_listener(const Linter& l, Block listener) {
  Block lb = l.target(attribute(listener, "load_balancer_arn"));
  if (!lb || type_of(lb) != "aws_lb") return std::nullopt;
  Value type = attribute(lb, "load_balancer_type");
  if (is_unset(type)) return std::string("application");
  return literal_string(type);
}

void check_priorities(const Linter& l) {
  std::map<std::string, std::map<double, Block>> by_listener;
  for (Block rule : l.resources("aws_lb_listener_rule")) {
    auto priority = literal_number(attribute(rule, "priority"));
    if (!priority) continue;
    if (*priority < 1 || *priority > 50000 || *priority != static_cast<long long>(*priority)) {
      l.report("aws.listener-rule-priority", rule,
               "priority " + number_text(*priority) + " is outside 1-50000",
               "use a whole number from 1 (evaluated first) to 50000");
      continue;
    }
    Value listener = attribute(rule, "listener_arn");
    if (is_unset(listener) || has_instances(rule)) continue;
    auto [it, inserted] = by_listener[listener.to_hcl()].emplace(*priority, rule);
    if (!inserted)
      l.report("aws.listener-rule-priority", rule,
               "priority " + number_text(*priority) + " is already used by " +
                   it->second.address() + " on the same listener",
               "give every rule of a listener its own priority");
  }
}

void check_listener(const Linter& l, Block listener) {
  auto protocol = literal_string(attribute(listener, "protocol"));
  auto lb_type = lb_type_of_listener(l, listener);
  // Whether the protocol is one at all is the provider's value set
  // (schema/aws-<line>.values.json, checked at compile time and by
  // schema.disallowed-value); what fits which load balancer type is ours.
  if (protocol) {
    if (lb_type && *lb_type == "application" && !one_of(*protocol, {"HTTP", "HTTPS"}))
      l.report(
          "aws.lb-protocol-port", listener,
          "protocol " + quoted(*protocol) + " on an application load balancer",
          "application load balancers listen on HTTP or HTTPS; use a network load balancer for " +
              *protocol);
    else if (lb_type && *lb_type == "network" && one_of(*protocol, {"HTTP", "HTTPS", "GENEVE"}))
      l.report("aws.lb-protocol-port", listener,
               "protocol " + quoted(*protocol) + " on a network load balancer",
               "network load balancers listen on TCP, TLS, UDP or TCP_UDP");
  }
  if (auto port = literal_number(attribute(listener, "port")); port && (*port < 1 || *port > 65535))
    l.report("aws.lb-protocol-port", listener, "port " + number_text(*port) + " is outside 1-65535",
             "use a port from 1 to 65535");

  bool secure = protocol && (*protocol == "HTTPS" || *protocol == "TLS");
  if (secure && is_unset(attribute(listener, "certificate_arn")))
    l.report("aws.listener-certificate", listener, *protocol + " listener without certificate_arn",
             "set certificate_arn to an ACM certificate in the load balancer's region");
  if (secure) {
    Value policy = attribute(listener, "ssl_policy");
    if (is_unset(policy)) {
      l.report("sec.alb-tls-policy", listener,
               "no ssl_policy: the default ELBSecurityPolicy-2016-08 accepts TLS 1.0 and 1.1",
               "set ssl_policy = \"ELBSecurityPolicy-TLS13-1-2-2021-06\" (TLS 1.2 and 1.3)");
    } else if (auto p = literal_string(policy)) {
      bool modern = p->find("TLS13") != std::string::npos ||
                    p->find("TLS-1-2") != std::string::npos ||
                    p->find("FS-1-2") != std::string::npos;
      if (!modern)
        l.report("sec.alb-tls-policy", listener,
                 "ssl_policy " + quoted(*p) + " accepts TLS versions below 1.2",
                 "use ELBSecurityPolicy-TLS13-1-2-2021-06 or another TLS 1.2+ policy");
    }
  }
}

/// Why an action serves plain HTTP instead of redirecting to HTTPS, or "".
std::string serves_plain_http(const Value& action) {
  auto type = literal_string(action.field("type"));
  if (!type) return "";
  if (*type == "forward") return "forwards to targets";
  if (*type == "redirect") {
    auto protocol = literal_string(first_nested(action, "redirect").field("protocol"));
    if (!protocol)
      return is_unset(first_nested(action, "redirect").field("protocol"))
                 ? "redirects without switching to HTTPS"
                 : "";
    if (*protocol != "HTTPS") return "redirects to " + *protocol;
  }
  return "";
}

void check_http_redirect(const Linter& l, Block listener) {
  auto protocol = literal_string(attribute(listener, "protocol"));
  if (!protocol || *protocol != "HTTP") return;
  Block lb = l.target(attribute(listener, "load_balancer_arn"));
  if (lb && literal_bool(attribute(lb, "internal")).value_or(false)) return;
  std::string why;
  for (const auto& action : nested(listener, "default_action")) {
    why = serves_plain_http(action);
    if (!why.empty()) break;
  }
  if (why.empty()) {
    for (Block rule : l.referring("aws_lb_listener_rule", "listener_arn", listener)) {
      for (const auto& action : nested(rule, "action")) {
        std::string r = serves_plain_http(action);
        if (!r.empty()) {
          why = "rule " + rule.address() + " " + r;
          break;
        }
      }
      if (!why.empty()) break;
    }
  }
  if (!why.empty())
    l.report("sec.http-listener-no-redirect", listener, "HTTP listener " + why + " over plain HTTP",
             "make the default action a redirect to HTTPS (port 443, HTTP_301) and serve from an "
             "HTTPS listener");
}

void check_target_group(const Linter& l, Block tg) {
  Value type_value = attribute(tg, "target_type");
  auto type =
      is_unset(type_value) ? std::optional<std::string>("instance") : literal_string(type_value);
  if (!type) return;
  Value protocol_value = attribute(tg, "protocol");
  Value port_value = attribute(tg, "port");
  if (*type == "lambda") {
    if (!is_unset(protocol_value) || !is_unset(port_value))
      l.report("aws.lb-protocol-port", tg,
               "port and protocol are not allowed when target_type is \"lambda\"",
               "remove port and protocol");
    return;
  }
  if (is_unset(port_value) || is_unset(protocol_value)) {
    l.report("aws.lb-protocol-port", tg,
             std::string(is_unset(port_value) ? "port" : "protocol") +
                 " is required when target_type is " + quoted(*type),
             "set the port and protocol the targets listen on");
    return;
  }
  if (auto protocol = literal_string(protocol_value)) {
    // The set of protocols is the provider's (see check_listener).
    if (*type == "alb" && *protocol != "TCP")
      l.report("aws.lb-protocol-port", tg,
               "target_type \"alb\" needs protocol \"TCP\", not " + quoted(*protocol),
               "use protocol TCP for a target group of an application load balancer");
    else if (*protocol == "GENEVE")
      if (auto port = literal_number(port_value); port && *port != 6081)
        l.report("aws.lb-protocol-port", tg,
                 "GENEVE target groups use port 6081, not " + number_text(*port),
                 "set port = 6081");
  }
  if (auto port = literal_number(port_value); port && (*port < 1 || *port > 65535))
    l.report("aws.lb-protocol-port", tg, "port " + number_text(*port) + " is outside 1-65535",
             "use a port from 1 to 65535");
}

}  // namespace

void check_load_balancing(const Linter& l) {
  check_priorities(l);
  for (Block listener : l.resources("aws_lb_listener")) {
    check_listener(l, listener);
    check_http_redirect(l, listener);
  }
  for (Block tg : l.resources("aws_lb_target_group")) check_target_group(l, tg);
}

}  // namespace stackgen::lint
