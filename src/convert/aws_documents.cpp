// JSON documents that are an awsdoc type exactly (IAM policy documents, ECS
// container definitions: include/stackgen/awsdoc/) written as that type's
// builder, so the converted program reads like a hand-written one and gets
// the type's checks; anything else stays jsonencode of Value data.
//
// "Exactly" is what to_value() of the type writes: a document fits when the
// builder calls written here make to_value() give the same JSON value, key
// for key (key order aside: jsonencode sorts keys). Where the type would
// write it otherwise (a one-element Action list it writes as a string, a
// `"protocol": "tcp"` it leaves out, containers it sorts), the document does
// not fit and keeps its Value form: the plan stays the same either way.
#include "convert/converter.hpp"

#include <algorithm>
#include <set>

#include "convert/cpp_text.hpp"

namespace stackgen::convert::detail {

namespace {

// An object literal may give a key twice (the last one counts); the
// builders look keys up once, so such a document is not tried.
template <class Node>
bool distinct_keys(const Node& n) {
  std::set<std::string_view> seen;
  for (const auto& [k, v] : n.fields)
    if (!seen.insert(k).second || !distinct_keys(v)) return false;
  return std::all_of(n.items.begin(), n.items.end(), [](const Node& x) { return distinct_keys(x); });
}

template <class Node>
const Node* member(const Node& object, std::string_view key) {
  for (const auto& [k, v] : object.fields)
    if (k == key) return &v;
  return nullptr;
}

// A list of string leaves as a braced list of Expr<std::string> arguments,
// `{a, b}`; nullopt when an element is anything else.
template <class Node>
std::optional<std::string> string_list(const Node& list) {
  if (list.kind != Node::Kind::list) return std::nullopt;
  std::string items;
  for (const auto& x : list.items) {
    auto s = x.kind == Node::Kind::leaf ? x.text(Node::As::string) : std::nullopt;
    if (!s) return std::nullopt;
    items += (items.empty() ? "" : ", ") + *s;
  }
  return "{" + items + "}";
}

template <class Node>
bool keys_within(const Node& object, std::initializer_list<std::string_view> allowed) {
  return std::all_of(object.fields.begin(), object.fields.end(), [&](const auto& f) {
    return std::find(allowed.begin(), allowed.end(), f.first) != allowed.end();
  });
}

}  // namespace

std::string Converter::document_code(const DocNode& doc, const Declaration* owner, std::string_view attribute) {
  // A try translates leaves (counted in the summary); one that does not fit
  // is undone before the Value form translates them again.
  const ConvertSummary before = summary_;
  const bool distinct = distinct_keys(doc);
  std::optional<std::string> typed;
  if (distinct) typed = policy_document(doc);
  if (!typed && distinct) {
    summary_ = before;
    if (owner && owner->type == "aws_ecs_task_definition" && attribute == "container_definitions")
      typed = container_definitions(doc, *owner);
  }
  if (typed) return *typed;
  summary_ = before;
  return "jsonencode(" + document_value(doc) + ")";
}

// {"Version": "2012-10-17", "Statement": [...]} whose statements have Sid,
// Effect (Allow or Deny), Principal (AWS and Service), Action, Resource and
// Condition (values as lists) only, as awsdoc::PolicyDocument. Action,
// Resource and each principal kind: one string, or a list of two or more
// (to_value writes a list of one as its string).
std::optional<std::string> Converter::policy_document(const DocNode& doc) {
  using As = DocNode::As;
  if (doc.kind != DocNode::Kind::object || doc.fields.size() != 2) return std::nullopt;
  const DocNode* version = member(doc, "Version");
  const DocNode* statements = member(doc, "Statement");
  if (!version || version->literal != "2012-10-17" || !statements || statements->kind != DocNode::Kind::list)
    return std::nullopt;
  auto string_leaf = [&](const DocNode& n) -> std::optional<std::string> {
    if (n.kind != DocNode::Kind::leaf) return std::nullopt;
    return n.text(As::string);
  };
  // One string, or a list of two or more: as a braced list of Expr<std::string>.
  auto one_or_more = [&](const DocNode& n) -> std::optional<std::string> {
    if (n.kind == DocNode::Kind::leaf) {
      auto s = string_leaf(n);
      return s ? std::optional<std::string>("{" + *s + "}") : std::nullopt;
    }
    if (n.items.size() < 2) return std::nullopt;
    return string_list(n);
  };
  const std::string nl = "\n" + document_indent_ + "    ";
  std::string text = "awsdoc::PolicyDocument()";
  for (const auto& st : statements->items) {
    if (st.kind != DocNode::Kind::object ||
        !keys_within(st, {"Sid", "Effect", "Principal", "Action", "Resource", "Condition"}))
      return std::nullopt;
    const DocNode* effect = member(st, "Effect");
    if (!effect || !(effect->literal == "Allow" || effect->literal == "Deny")) return std::nullopt;
    std::string s = "awsdoc::Statement()";
    if (const DocNode* sid = member(st, "Sid")) {
      if (sid->literal && sid->literal->empty()) return std::nullopt;  // sid("") refuses it
      auto v = string_leaf(*sid);
      if (!v) return std::nullopt;
      s += ".sid(" + *v + ")";
    }
    s += *effect->literal == "Allow" ? ".allow()" : ".deny()";
    if (const DocNode* p = member(st, "Principal")) {
      if (p->kind != DocNode::Kind::object || p->fields.empty() || !keys_within(*p, {"AWS", "Service"}))
        return std::nullopt;
      for (const auto& [kind, who] : p->fields) {
        auto v = one_or_more(who);
        if (!v) return std::nullopt;
        s += (kind == "AWS" ? ".aws_principals(" : ".service_principals(") + *v + ")";
      }
    }
    for (const auto& [key, setter] : {std::pair{"Action", "actions"}, std::pair{"Resource", "resources"}})
      if (const DocNode* n = member(st, key)) {
        auto v = one_or_more(*n);
        if (!v) return std::nullopt;
        s += std::string(".") + setter + "(" + *v + ")";
      }
    if (const DocNode* c = member(st, "Condition")) {
      if (c->kind != DocNode::Kind::object || c->fields.empty()) return std::nullopt;
      for (const auto& [test, variables] : c->fields) {
        if (test.empty() || variables.kind != DocNode::Kind::object || variables.fields.empty()) return std::nullopt;
        for (const auto& [variable, values] : variables.fields) {
          auto items = string_list(values);
          if (variable.empty() || !items) return std::nullopt;
          s += ".condition(" + cpp_string(test) + ", " + cpp_string(variable) + ", " + *items + ")";
        }
      }
    }
    text += nl + ".statement(" + s + ")";
  }
  if (headers_) headers_->insert("stackgen/awsdoc/policy_document.hpp");
  return text + nl + ".json()";
}

// A list of containers with literal names in order (container_definitions
// sorts them), each with only what awsdoc::ContainerDefinition writes, in
// the form it writes it (essential explicit, no "tcp" protocol, host ports
// as the task's network mode gives them, environment and secrets sorted by
// name, no empty lists), as awsdoc::container_definitions(...).
std::optional<std::string> Converter::container_definitions(const DocNode& doc, const Declaration& owner) {
  using As = DocNode::As;
  if (doc.kind != DocNode::Kind::list || doc.items.empty()) return std::nullopt;
  // One container per line, its setters one per line below it.
  const std::string nl = "\n" + document_indent_ + "    ", nl2 = nl + "    ";
  // The network mode: a literal, or absent (ECS's default on EC2, bridge).
  std::string mode = "bridge";
  for (const auto& item : owner.block->body.items)
    if (const auto* a = item.attribute(); a && a->name == "network_mode") {
      auto m = literal_string(*a->expr);
      if (!m || !(*m == "awsvpc" || *m == "bridge" || *m == "host")) return std::nullopt;
      mode = *m;
    }
  const bool awsvpc = mode == "awsvpc";
  auto leaf = [&](const DocNode* n, As as) -> std::optional<std::string> {
    if (!n || n->kind != DocNode::Kind::leaf) return std::nullopt;
    return n->text(as);
  };
  // command, entryPoint: to_value leaves an empty list out.
  auto strings = [&](const DocNode& n) -> std::optional<std::string> {
    if (n.items.empty()) return std::nullopt;
    return string_list(n);
  };
  // [{"name": literal, value_key: string}, ...] sorted by name.
  auto pairs = [&](const DocNode& n, std::string_view value_key, const std::string& setter) -> std::optional<std::string> {
    if (n.kind != DocNode::Kind::list || n.items.empty()) return std::nullopt;
    std::string out, last;
    for (const auto& x : n.items) {
      if (x.kind != DocNode::Kind::object || x.fields.size() != 2) return std::nullopt;
      const DocNode* name = member(x, "name");
      if (!name || !name->literal || *name->literal < last) return std::nullopt;
      last = *name->literal;
      auto v = leaf(member(x, value_key), As::string);
      if (!v) return std::nullopt;
      out += nl2 + "." + setter + "(" + cpp_string(*name->literal) + ", " + *v + ")";
    }
    return out;
  };
  std::string text = "awsdoc::container_definitions({";
  std::string last_name;
  bool first = true;
  for (const auto& c : doc.items) {
    if (c.kind != DocNode::Kind::object ||
        !keys_within(c, {"name", "image", "cpu", "memory", "memoryReservation", "essential", "portMappings",
                         "environment", "secrets", "mountPoints", "healthCheck", "logConfiguration", "command",
                         "entryPoint", "workingDirectory", "user", "readonlyRootFilesystem", "dependsOn"}))
      return std::nullopt;
    const DocNode* name = member(c, "name");
    if (!name || !name->literal || (!first && *name->literal <= last_name)) return std::nullopt;
    last_name = *name->literal;
    auto essential = leaf(member(c, "essential"), As::boolean);
    if (!essential) return std::nullopt;
    std::string s = std::string(first ? "" : ",") + nl + "awsdoc::ContainerDefinition(" + cpp_string(*name->literal) + ")";
    first = false;
    if (const DocNode* n = member(c, "image")) {
      auto v = leaf(n, As::string);
      if (!v) return std::nullopt;
      s += nl2 + ".image(" + *v + ")";
    }
    for (const auto& [key, setter] : {std::pair{"cpu", "cpu"}, std::pair{"memory", "memory"},
                                      std::pair{"memoryReservation", "memory_reservation"}})
      if (const DocNode* n = member(c, key)) {
        auto v = leaf(n, As::number);
        if (!v) return std::nullopt;
        s += std::string(nl2 + ".") + setter + "(" + *v + ")";
      }
    s += nl2 + ".essential(" + *essential + ")";
    if (const DocNode* ports = member(c, "portMappings")) {
      if (ports->kind != DocNode::Kind::list || ports->items.empty()) return std::nullopt;
      for (const auto& p : ports->items) {
        if (p.kind != DocNode::Kind::object || !keys_within(p, {"containerPort", "hostPort", "protocol", "name", "appProtocol"}))
          return std::nullopt;
        const DocNode* container_node = member(p, "containerPort");
        auto container = leaf(container_node, As::number);
        if (!container) return std::nullopt;
        std::string fields = ".container_port = " + *container;
        const DocNode* host = member(p, "hostPort");
        // to_value drops a literal 0 and, under awsvpc, writes the container
        // port where none is set.
        if (host && host->number == "0") return std::nullopt;
        if (awsvpc && !host) return std::nullopt;
        const bool host_is_container = host && host->number && host->number == container_node->number;
        if (host && !(awsvpc && host_is_container)) {
          auto h = leaf(host, As::number);
          if (!h) return std::nullopt;
          fields += ", .host_port = " + *h;
        }
        if (const DocNode* protocol = member(p, "protocol")) {
          auto v = leaf(protocol, As::string);
          if (!v || protocol->literal == "tcp") return std::nullopt;
          fields += ", .protocol = " + *v;
        }
        for (const auto& [key, field] : {std::pair{"name", "name"}, std::pair{"appProtocol", "app_protocol"}})
          if (const DocNode* n = member(p, key)) {
            auto v = leaf(n, As::string);
            if (!v) return std::nullopt;
            fields += std::string(", .") + field + " = " + *v;
          }
        s += fields == ".container_port = " + *container ? nl2 + ".port(" + *container + ")"
                                                         : nl2 + ".port_mapping({" + fields + "})";
      }
    }
    for (const auto& [key, value_key, setter] : {std::tuple{"environment", "value", "environment"},
                                                 std::tuple{"secrets", "valueFrom", "secret"}})
      if (const DocNode* n = member(c, key)) {
        auto v = pairs(*n, value_key, setter);
        if (!v) return std::nullopt;
        s += *v;
      }
    if (const DocNode* mounts = member(c, "mountPoints")) {
      if (mounts->kind != DocNode::Kind::list || mounts->items.empty()) return std::nullopt;
      for (const auto& m : mounts->items) {
        if (m.kind != DocNode::Kind::object || !keys_within(m, {"sourceVolume", "containerPath", "readOnly"}))
          return std::nullopt;
        auto source = leaf(member(m, "sourceVolume"), As::string), path = leaf(member(m, "containerPath"), As::string);
        if (!source || !path) return std::nullopt;
        std::string fields = ".source_volume = " + *source + ", .container_path = " + *path;
        if (const DocNode* ro = member(m, "readOnly")) {
          // A plain bool, written only when true.
          if (leaf(ro, As::boolean) != "true") return std::nullopt;
          fields += ", .read_only = true";
        }
        s += nl2 + ".mount_point({" + fields + "})";
      }
    }
    if (const DocNode* h = member(c, "healthCheck")) {
      if (h->kind != DocNode::Kind::object ||
          !keys_within(*h, {"command", "interval", "retries", "timeout", "startPeriod"}))
        return std::nullopt;
      const DocNode* command = member(*h, "command");
      auto items = command ? string_list(*command) : std::nullopt;  // written even when empty
      if (!items) return std::nullopt;
      std::string fields = ".command = " + *items;
      for (const auto& [key, field] : {std::pair{"interval", "interval"}, std::pair{"retries", "retries"},
                                       std::pair{"timeout", "timeout"}}) {
        auto v = leaf(member(*h, key), As::number);
        if (!v) return std::nullopt;  // to_value writes all three
        fields += std::string(", .") + field + " = " + *v;
      }
      if (const DocNode* sp = member(*h, "startPeriod")) {
        auto v = leaf(sp, As::number);
        if (!v) return std::nullopt;
        fields += ", .start_period = " + *v;
      }
      s += nl2 + ".health_check({" + fields + "})";
    }
    if (const DocNode* l = member(c, "logConfiguration")) {
      if (l->kind != DocNode::Kind::object || !keys_within(*l, {"logDriver", "options"})) return std::nullopt;
      const DocNode* driver = member(*l, "logDriver");
      if (!driver || !driver->literal) return std::nullopt;
      std::string fields = ".log_driver = " + cpp_string(*driver->literal);
      if (const DocNode* o = member(*l, "options")) {
        if (o->kind != DocNode::Kind::object || o->fields.empty()) return std::nullopt;
        std::string options;
        for (const auto& [k, v] : o->fields) {
          auto t = leaf(&v, As::string);
          if (!t) return std::nullopt;
          options += (options.empty() ? "{" : ", {") + cpp_string(k) + ", " + *t + "}";
        }
        fields += ", .options = {" + options + "}";
      }
      s += nl2 + ".log_configuration({" + fields + "})";
    }
    for (const auto& [key, setter] : {std::pair{"command", "command"}, std::pair{"entryPoint", "entry_point"}})
      if (const DocNode* n = member(c, key)) {
        auto v = strings(*n);
        if (!v) return std::nullopt;
        s += std::string(nl2 + ".") + setter + "(" + *v + ")";
      }
    for (const auto& [key, setter, as] : {std::tuple{"workingDirectory", "working_directory", As::string},
                                          std::tuple{"user", "user", As::string},
                                          std::tuple{"readonlyRootFilesystem", "readonly_root_filesystem", As::boolean}})
      if (const DocNode* n = member(c, key)) {
        auto v = leaf(n, as);
        if (!v) return std::nullopt;
        s += std::string(nl2 + ".") + setter + "(" + *v + ")";
      }
    if (const DocNode* deps = member(c, "dependsOn")) {
      if (deps->kind != DocNode::Kind::list || deps->items.empty()) return std::nullopt;
      for (const auto& x : deps->items) {
        if (x.kind != DocNode::Kind::object || x.fields.size() != 2) return std::nullopt;
        auto container = leaf(member(x, "containerName"), As::string), condition = leaf(member(x, "condition"), As::string);
        if (!container || !condition) return std::nullopt;
        s += nl2 + ".depends_on_container(" + *container + ", " + *condition + ")";
      }
    }
    text += s;
  }
  if (headers_) headers_->insert("stackgen/awsdoc/container_definition.hpp");
  return text + "}," + nl + "awsdoc::NetworkMode::" + mode + ")";
}

}  // namespace stackgen::convert::detail
