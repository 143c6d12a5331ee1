#include "semantic_diff.hpp"

#include <algorithm>
#include <functional>
#include <unordered_map>

#include "hcl/hcl.hpp"
#include "stackgen/core/inspect.hpp"
#include "stackgen/core/provisioner.hpp"

namespace stackgen::cli::diff {

namespace {

using inspect::ValueKind;

// --- Reading a configuration

struct Block {
  std::string section;
  std::string type;  // resource / data / provider type
  std::string address;
  Value body;
};

std::string str(std::string_view s) { return std::string(s); }

std::vector<Block> blocks_of(const Value& doc) {
  std::vector<Block> out;
  for (auto [section, content] : doc.fields()) {
    if (section == "resource" || section == "data" || section == "ephemeral") {
      for (auto [type, named] : content.fields())
        for (auto [name, body] : named.fields())
          out.push_back({str(section), str(type),
                         (section == "resource" ? "" : str(section) + ".") + str(type) + "." + str(name), body});
    } else if (section == "module" || section == "output" || section == "variable" || section == "locals" ||
               section == "check") {
      const std::string prefix = section == "variable" ? "var." : section == "locals" ? "local." : str(section) + ".";
      const std::string kind = section == "locals" ? "local" : str(section);
      for (auto [name, body] : content.fields()) out.push_back({kind, "", prefix + str(name), body});
    } else if (section == "provider") {
      for (auto [type, configs] : content.fields()) {
        auto add = [&](const Value& body) {
          auto alias = body.field("alias").as_string();
          out.push_back({"provider", str(type), "provider." + str(type) + (alias ? "." + str(*alias) : ""), body});
        };
        if (inspect::kind(configs) == ValueKind::list)
          for (const auto& c : configs.items()) add(c);
        else
          add(configs);
      }
    } else if (section == "terraform") {
      out.push_back({"terraform", "", "terraform", content});
    } else if (section == "moved" || section == "import" || section == "removed") {
      for (const auto& item : content.items()) {
        std::string key;
        for (auto [k, v] : item.fields())
          if (auto s = v.as_string()) key += (key.empty() ? "" : ", ") + str(k) + " = " + str(*s);
        out.push_back({str(section), "", str(section) + " { " + key + " }", item});
      }
    }
  }
  return out;
}

// --- Documents inside strings

Value from_hcl(const hcl::Expression& e, int depth);

/// `${jsonencode(X)}` (and `${X}` of a literal document) as the document X;
/// nullopt for anything else.
std::optional<Value> document_in(std::string_view text) {
  if (text.size() < 16 || text.substr(0, 13) != "${jsonencode(" || text.back() != '}') return std::nullopt;
  auto parsed = hcl::parse_template(text);
  if (!parsed.ok() || !parsed.value) return std::nullopt;
  const auto* tpl = parsed.value->get_if<hcl::Template>();
  if (!tpl || !tpl->is_wrap()) return std::nullopt;
  const auto& inner = std::get<hcl::TemplateInterpolation>(tpl->parts[0].node);
  const auto* call = inner.expr->get_if<hcl::FunctionCall>();
  if (!call || call->full_name() != "jsonencode" || call->args.size() != 1) return std::nullopt;
  return from_hcl(*call->args[0], 0);
}

Value from_hcl(const hcl::Expression& e, int depth) {
  if (depth > 64) return Value("${" + hcl::to_hcl(e) + "}");
  if (const auto* lit = e.get_if<hcl::Literal>()) {
    switch (lit->type) {
      case hcl::Literal::Type::Bool: return Value(lit->boolean);
      case hcl::Literal::Type::Null: return Value();
      case hcl::Literal::Type::Number: {
        try {
          std::size_t used = 0;
          double d = std::stod(lit->number, &used);
          if (used == lit->number.size()) return Value(d);
        } catch (...) {
        }
        return Value(lit->number);
      }
    }
  }
  if (const auto* tpl = e.get_if<hcl::Template>())
    if (auto text = tpl->literal_value()) return Value(*text);
  if (const auto* tuple = e.get_if<hcl::Tuple>()) {
    std::vector<Value> items;
    for (const auto& el : tuple->elements) items.push_back(from_hcl(*el, depth + 1));
    return Value::list(items);
  }
  if (const auto* object = e.get_if<hcl::Object>()) {
    std::vector<Value::Field> fields;
    for (const auto& item : object->items) {
      auto key = item.key_name();
      if (!key) return Value("${" + hcl::to_hcl(e) + "}");
      fields.emplace_back(*key, from_hcl(*item.value, depth + 1));
    }
    return Value::object(fields);
  }
  if (const auto* parens = e.get_if<hcl::Parens>()) return from_hcl(*parens->expr, depth + 1);
  return Value("${" + hcl::to_hcl(e) + "}");
}

// --- Display

std::string quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

/// One line, at most `limit` characters.
std::string display(const Value& v, std::size_t limit = 160) {
  std::string out;
  std::function<void(const Value&, int)> write = [&](const Value& x, int depth) {
    if (out.size() > limit) return;
    switch (inspect::kind(x)) {
      case ValueKind::null_value: out += "null"; return;
      case ValueKind::boolean: out += *inspect::boolean(x) ? "true" : "false"; return;
      case ValueKind::string: out += quote(*x.as_string()); return;
      case ValueKind::list: {
        out += '[';
        bool first = true;
        for (const auto& item : x.items()) {
          if (!first) out += ", ";
          first = false;
          if (depth > 16) {
            out += "...";
            break;
          }
          write(item, depth + 1);
        }
        out += ']';
        return;
      }
      case ValueKind::object: {
        out += '{';
        bool first = true;
        for (auto [k, item] : x.fields()) {
          // Unset fields of object-typed attributes are written as null: noise here.
          if (inspect::kind(item) == ValueKind::null_value) continue;
          if (!first) out += ", ";
          first = false;
          out += str(k) + " = ";
          if (depth > 16) {
            out += "...";
            break;
          }
          write(item, depth + 1);
        }
        out += '}';
        return;
      }
      default: out += x.to_hcl(); return;
    }
  };
  write(v, 0);
  if (out.size() > limit) out = out.substr(0, limit - 3) + "...";
  return out;
}

// --- Comparing values

bool equal(const Value& a, const Value& b) {
  // Iterative: documents may be deep.
  std::vector<std::pair<const Value*, const Value*>> work{{&a, &b}};
  while (!work.empty()) {
    auto [x, y] = work.back();
    work.pop_back();
    if (x->node() == y->node()) continue;
    const ValueKind kx = inspect::kind(*x), ky = inspect::kind(*y);
    if (kx != ky) return false;
    switch (kx) {
      case ValueKind::null_value: break;
      case ValueKind::boolean:
        if (*inspect::boolean(*x) != *inspect::boolean(*y)) return false;
        break;
      case ValueKind::number:
        if (*inspect::number(*x) != *inspect::number(*y)) return false;
        break;
      case ValueKind::string:
        if (*x->as_string() != *y->as_string()) return false;
        break;
      case ValueKind::list: {
        auto xi = x->items(), yi = y->items();
        if (xi.size() != yi.size()) return false;
        for (std::size_t i = 0; i < xi.size(); ++i) work.push_back({&xi[i], &yi[i]});
        break;
      }
      case ValueKind::object: {
        auto xf = x->fields(), yf = y->fields();
        if (xf.size() != yf.size()) return false;
        auto xit = xf.begin(), yit = yf.begin();
        for (; xit != xf.end(); ++xit, ++yit) {
          auto fx = *xit;
          auto fy = *yit;
          if (fx.key != fy.key) return false;
          work.push_back({&fx.value, &fy.value});
        }
        break;
      }
      default:
        if (x->to_hcl() != y->to_hcl()) return false;
    }
  }
  return true;
}

/// A stable digest of a value, for finding renamed blocks by body.
std::size_t digest(const Value& v) { return std::hash<std::string>()(v.to_hcl()); }

/// Strings of `${jsonencode(...)}` become documents, recursively in lists
/// and objects; everything else is kept.
Value expand_documents(const Value& v, int depth = 0) {
  if (depth > 64) return v;
  switch (inspect::kind(v)) {
    case ValueKind::string:
      if (auto doc = document_in(*v.as_string())) return *doc;
      return v;
    case ValueKind::list: {
      std::vector<Value> items;
      bool changed = false;
      for (const auto& item : v.items()) {
        items.push_back(expand_documents(item, depth + 1));
        changed = changed || items.back().node() != item.node();
      }
      return changed ? Value::list(items) : v;
    }
    case ValueKind::object: {
      std::vector<Value::Field> fields;
      bool changed = false;
      for (auto [k, item] : v.fields()) {
        fields.emplace_back(str(k), expand_documents(item, depth + 1));
        changed = changed || fields.back().second.node() != item.node();
      }
      return changed ? Value::object(fields) : v;
    }
    default: return v;
  }
}

/// Attribute-level changes between two values at `path`.
void changes_between(const Value& before, const Value& after, const std::string& path, bool sensitive,
                     std::vector<AttributeChange>& out, int depth = 0) {
  if (equal(before, after)) return;
  auto change = [&](const Value* b, const Value* a) {
    AttributeChange c;
    c.path = path;
    c.sensitive = sensitive;
    if (!sensitive) {
      if (b && !b->is_null()) c.before = display(*b);
      if (a && !a->is_null()) c.after = display(*a);
    }
    out.push_back(std::move(c));
  };
  const ValueKind kb = inspect::kind(before), ka = inspect::kind(after);
  if (depth < 32 && kb == ValueKind::object && ka == ValueKind::object) {
    std::map<std::string, std::pair<Value, Value>, std::less<>> members;
    for (auto [k, v] : before.fields()) members[str(k)].first = v;
    for (auto [k, v] : after.fields()) members[str(k)].second = v;
    // A connection's password or private key is a secret wherever the
    // connection is (the resource's, or a provisioner's own).
    const bool in_connection = path == "connection" || path.ends_with(".connection");
    for (const auto& [k, pair] : members) {
      const std::string inner = path.empty() ? k : path + "." + k;
      const bool secret = sensitive || (in_connection && stackgen::Connection::is_secret(k));
      changes_between(pair.first, pair.second, inner, secret, out, depth + 1);
    }
    return;
  }
  if (depth < 32 && kb == ValueKind::list && ka == ValueKind::list) {
    auto bi = before.items(), ai = after.items();
    // Lists of scalars read best whole; lists of objects (nested blocks,
    // statements) element by element.
    bool objects = false;
    for (const auto& x : bi) objects = objects || inspect::kind(x) == ValueKind::object;
    for (const auto& x : ai) objects = objects || inspect::kind(x) == ValueKind::object;
    if (objects) {
      const std::size_t n = std::max(bi.size(), ai.size());
      for (std::size_t i = 0; i < n; ++i) {
        const std::string inner = path + "[" + std::to_string(i) + "]";
        changes_between(i < bi.size() ? bi[i] : Value(), i < ai.size() ? ai[i] : Value(), inner, sensitive, out,
                        depth + 1);
      }
      return;
    }
  }
  change(&before, &after);
}

/// Share of equal top-level members (for near renames).
double similarity(const Value& a, const Value& b) {
  std::size_t total = 0, same = 0;
  for (auto [k, v] : a.fields()) {
    ++total;
    Value other = b.field(k);
    if (!other.is_null() && equal(v, other)) ++same;
  }
  for (auto [k, v] : b.fields())
    if (a.field(k).is_null()) ++total;
  return total == 0 ? 1.0 : static_cast<double>(same) / static_cast<double>(total);
}

// --- Security

std::string scalar_text(const Value& v) {
  if (auto s = v.as_string()) return str(*s);
  if (auto n = inspect::number(v)) {
    double d = *n;
    if (d == static_cast<long long>(d)) return std::to_string(static_cast<long long>(d));
    return std::to_string(d);
  }
  return display(v, 80);
}

std::vector<std::string> strings_of(const Value& v) {
  std::vector<std::string> out;
  if (inspect::kind(v) == ValueKind::list) {
    for (const auto& x : v.items())
      if (inspect::kind(x) != ValueKind::null_value) out.push_back(scalar_text(x));
  } else if (inspect::kind(v) != ValueKind::null_value) {
    out.push_back(scalar_text(v));
  }
  return out;
}

/// The access a block grants, as atoms ("ingress tcp 22 from 0.0.0.0/0",
/// "Allow s3:GetObject on arn:... to ...", "publicly_accessible"): what
/// the security report compares.
std::set<std::string> access_of(const Block& b) {
  std::set<std::string> atoms;
  const Value body = expand_documents(b.body);
  auto rule = [&](const Value& r, const std::string& direction) {
    std::string ports = scalar_text(r.field("from_port"));
    std::string to = scalar_text(r.field("to_port"));
    if (to != ports && !to.empty()) ports += "-" + to;
    std::string protocol = scalar_text(r.field("protocol"));
    if (protocol == "-1") protocol = "all";
    std::vector<std::string> sources;
    for (const char* key : {"cidr_blocks", "ipv6_cidr_blocks", "cidr_ipv4", "cidr_ipv6", "security_groups",
                            "source_security_group_id", "referenced_security_group_id", "prefix_list_ids"})
      for (const auto& s : strings_of(r.field(key))) sources.push_back(s);
    for (const auto& s : sources) atoms.insert(direction + " " + protocol + " " + ports + " from " + s);
  };
  if (b.type == "aws_security_group") {
    for (const auto& r : body.field("ingress").items()) rule(r, "ingress");
  } else if (b.type == "aws_security_group_rule") {
    if (auto t = body.field("type").as_string(); t && *t == "ingress") rule(body, "ingress");
  } else if (b.type == "aws_vpc_security_group_ingress_rule") {
    Value r = body;
    std::vector<Value::Field> renamed{{"from_port", r.field("from_port")}, {"to_port", r.field("to_port")},
                                     {"protocol", r.field("ip_protocol")}, {"cidr_ipv4", r.field("cidr_ipv4")},
                                     {"cidr_ipv6", r.field("cidr_ipv6")},
                                     {"referenced_security_group_id", r.field("referenced_security_group_id")}};
    rule(Value::object(renamed), "ingress");
  }
  // IAM statements, wherever a policy document is.
  std::function<void(const Value&, int)> statements = [&](const Value& v, int depth) {
    if (depth > 8) return;
    Value list = v.field("Statement");
    if (!list.is_null()) {
      std::vector<Value> items = inspect::kind(list) == ValueKind::list
                                     ? std::vector<Value>(list.items().begin(), list.items().end())
                                     : std::vector<Value>{list};
      for (const auto& s : items) {
        std::string effect = s.field("Effect").is_null() ? "Allow" : scalar_text(s.field("Effect"));
        auto actions = strings_of(s.field("Action"));
        for (const auto& a : strings_of(s.field("NotAction"))) actions.push_back("NOT " + a);
        auto resources = strings_of(s.field("Resource"));
        if (resources.empty()) resources.push_back("*");
        std::string principal;
        if (!s.field("Principal").is_null()) principal = " to " + display(s.field("Principal"), 120);
        for (const auto& a : actions)
          for (const auto& r : resources) atoms.insert(effect + " " + a + " on " + r + principal);
      }
      return;
    }
    for (auto [k, x] : v.fields()) statements(x, depth + 1);
  };
  statements(body, 0);
  if (b.type == "aws_iam_policy_document" && b.section == "data") {
    for (const auto& s : body.field("statement").items()) {
      std::string effect = s.field("effect").is_null() ? "Allow" : scalar_text(s.field("effect"));
      auto resources = strings_of(s.field("resources"));
      if (resources.empty()) resources.push_back("*");
      for (const auto& a : strings_of(s.field("actions")))
        for (const auto& r : resources) atoms.insert(effect + " " + a + " on " + r);
    }
  }
  // Public access switches.
  for (const char* flag : {"publicly_accessible", "map_public_ip_on_launch", "associate_public_ip_address"})
    if (auto on = inspect::boolean(body.field(flag)); on && *on) atoms.insert(std::string(flag) + " = true");
  if (b.type == "aws_lb")
    if (auto internal = inspect::boolean(body.field("internal")); !internal || !*internal)
      atoms.insert("internet-facing load balancer");
  if (auto acl = body.field("acl").as_string(); acl && acl->find("public") != std::string_view::npos)
    atoms.insert("acl = " + str(*acl));
  if (b.type == "aws_s3_bucket_public_access_block")
    for (const char* flag : {"block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"})
      if (auto on = inspect::boolean(body.field(flag)); !on || !*on) atoms.insert(std::string(flag) + " off");
  return atoms;
}

void security_notes(const Block* before, const Block* after, std::vector<SecurityNote>& out) {
  const std::set<std::string> a = before ? access_of(*before) : std::set<std::string>{};
  const std::set<std::string> b = after ? access_of(*after) : std::set<std::string>{};
  const std::string& address = after ? after->address : before->address;
  for (const auto& atom : b)
    if (!a.count(atom)) out.push_back({address, atom + (before ? " added" : " (new)"), true});
  for (const auto& atom : a)
    if (!b.count(atom)) out.push_back({address, atom + " removed", false});
}

// --- Renames

/// Old addresses inside `${...}` replaced by new ones, so that a moved
/// block's references do not count as changes.
std::string rewrite(std::string text, const std::vector<std::pair<std::string, std::string>>& moves) {
  for (const auto& [from, to] : moves) {
    std::size_t at = 0;
    while ((at = text.find(from, at)) != std::string::npos) {
      const std::size_t end = at + from.size();
      const bool starts = at == 0 || !(std::isalnum(static_cast<unsigned char>(text[at - 1])) || text[at - 1] == '_' ||
                                       text[at - 1] == '-' || text[at - 1] == '.');
      const bool ends = end == text.size() || text[end] == '.' || text[end] == '[' || text[end] == '}' ||
                        text[end] == ')' || text[end] == ',' || text[end] == ' ';
      if (starts && ends) {
        text.replace(at, from.size(), to);
        at += to.size();
      } else {
        at = end;
      }
    }
  }
  return text;
}

Value rewrite_references(const Value& v, const std::vector<std::pair<std::string, std::string>>& moves, int depth = 0) {
  if (moves.empty() || depth > 64) return v;
  switch (inspect::kind(v)) {
    case ValueKind::string: {
      std::string_view s = *v.as_string();
      if (s.find("${") == std::string_view::npos) return v;
      return Value(rewrite(std::string(s), moves));
    }
    case ValueKind::list: {
      std::vector<Value> items;
      for (const auto& x : v.items()) items.push_back(rewrite_references(x, moves, depth + 1));
      return Value::list(items);
    }
    case ValueKind::object: {
      std::vector<Value::Field> fields;
      for (auto [k, x] : v.fields()) fields.emplace_back(str(k), rewrite_references(x, moves, depth + 1));
      return Value::object(fields);
    }
    default: return v;
  }
}

/// Removed and added blocks of one type paired as renames: identical bodies
/// first (by digest), then the most similar above the threshold (only where
/// the candidates are few enough to compare pairwise).
std::vector<std::pair<const Block*, const Block*>> pair_renames(const std::vector<const Block*>& removed,
                                                                const std::vector<const Block*>& added,
                                                                double threshold) {
  std::vector<std::pair<const Block*, const Block*>> out;
  std::map<std::string, std::pair<std::vector<const Block*>, std::vector<const Block*>>> by_type;
  for (const auto* b : removed)
    if (b->section == "resource" || b->section == "data" || b->section == "ephemeral" || b->section == "module")
      by_type[b->section + " " + b->type].first.push_back(b);
  for (const auto* b : added)
    if (b->section == "resource" || b->section == "data" || b->section == "ephemeral" || b->section == "module")
      by_type[b->section + " " + b->type].second.push_back(b);
  for (auto& [type, lists] : by_type) {
    auto& [gone, fresh] = lists;
    if (gone.empty() || fresh.empty()) continue;
    std::unordered_map<std::size_t, std::vector<const Block*>> fresh_by_digest;
    for (const auto* b : fresh) fresh_by_digest[digest(b->body)].push_back(b);
    std::set<const Block*> used;
    std::vector<const Block*> left;
    for (const auto* g : gone) {
      auto it = fresh_by_digest.find(digest(g->body));
      const Block* match = nullptr;
      if (it != fresh_by_digest.end())
        for (const auto* f : it->second)
          if (!used.count(f) && equal(f->body, g->body)) {
            match = f;
            break;
          }
      if (match) {
        used.insert(match);
        out.emplace_back(g, match);
      } else {
        left.push_back(g);
      }
    }
    std::vector<const Block*> fresh_left;
    for (const auto* f : fresh)
      if (!used.count(f)) fresh_left.push_back(f);
    if (left.size() * fresh_left.size() > 250000) continue;  // too many to compare pairwise
    for (const auto* g : left) {
      const Block* best = nullptr;
      double best_score = threshold;
      for (const auto* f : fresh_left) {
        if (used.count(f)) continue;
        double score = similarity(g->body, f->body);
        if (score >= best_score) {
          best = f;
          best_score = score;
        }
      }
      if (best) {
        used.insert(best);
        out.emplace_back(g, best);
      }
    }
  }
  return out;
}

bool secret_like(std::string_view name) {
  static constexpr std::string_view kWords[] = {"password", "secret", "token", "private_key", "credential", "passphrase"};
  for (auto w : kWords)
    if (name.find(w) != std::string_view::npos) return true;
  return false;
}

struct Sides {
  std::vector<Block> before, after;
  std::map<std::string_view, const Block*> by_address_before, by_address_after;
};

Sides index(const Value& before, const Value& after) {
  Sides s;
  s.before = blocks_of(before);
  s.after = blocks_of(after);
  for (const auto& b : s.before) s.by_address_before.emplace(b.address, &b);
  for (const auto& b : s.after) s.by_address_after.emplace(b.address, &b);
  return s;
}

std::vector<std::pair<const Block*, const Block*>> renames_of(const Sides& s, double threshold) {
  std::vector<const Block*> removed, added;
  for (const auto& b : s.before)
    if (!s.by_address_after.count(b.address)) removed.push_back(&b);
  for (const auto& b : s.after)
    if (!s.by_address_before.count(b.address)) added.push_back(&b);
  return pair_renames(removed, added, threshold);
}

}  // namespace

bool Sensitivity::attribute(std::string_view type, std::string_view name) const {
  auto it = attributes_by_type.find(type);
  if (it != attributes_by_type.end() && it->second.count(name)) return true;
  if (!known_types.count(type)) return secret_like(name);
  return false;
}

std::vector<std::pair<std::string, std::string>> find_moves(const Value& before, const Value& after,
                                                            const Options& options) {
  Sides s = index(before, after);
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [g, f] : renames_of(s, options.rename_similarity)) out.emplace_back(g->address, f->address);
  std::sort(out.begin(), out.end());
  return out;
}

StackDiff compare(const std::string& stack, const std::string& path, const Value& before, const Value& after,
                  const Options& options) {
  StackDiff d;
  d.stack = stack;
  d.path = path;
  Sides s = index(before, after);
  // Sensitive variables and outputs named in either file.
  Sensitivity sensitivity = options.sensitivity;
  for (const auto* side : {&s.before, &s.after})
    for (const auto& b : *side) {
      if (auto on = inspect::boolean(b.body.field("sensitive")); on && *on) {
        if (b.section == "variable") sensitivity.variables.insert(b.address.substr(4));
        if (b.section == "output") sensitivity.outputs.insert(b.address.substr(7));
      }
    }
  auto is_sensitive = [&](const Block& b, std::string_view member) {
    if (b.section == "variable") return sensitivity.variables.count(b.address.substr(4)) > 0 && member == "default";
    if (b.section == "output") return sensitivity.outputs.count(b.address.substr(7)) > 0 && member == "value";
    if (b.section == "resource" || b.section == "data" || b.section == "ephemeral" || b.section == "provider")
      return sensitivity.attribute(b.type, member);
    return false;
  };
  auto body_changes = [&](const Block& b, const Value& old_body, const Value& new_body) {
    std::vector<AttributeChange> changes;
    const Value x = expand_documents(old_body), y = expand_documents(new_body);
    std::set<std::string, std::less<>> members;
    for (auto [k, v] : x.fields()) members.emplace(k);
    for (auto [k, v] : y.fields()) members.emplace(k);
    for (const auto& m : members) changes_between(x.field(m), y.field(m), m, is_sensitive(b, m), changes);
    return changes;
  };

  for (const auto& [g, f] : renames_of(s, options.rename_similarity)) d.moves.emplace_back(g->address, f->address);
  std::sort(d.moves.begin(), d.moves.end());
  std::map<std::string_view, std::string_view> moved_to, moved_from;
  for (const auto& [from, to] : d.moves) {
    moved_to.emplace(from, to);
    moved_from.emplace(to, from);
  }

  for (const auto& b : s.before) {
    if (s.by_address_after.count(b.address) || moved_to.count(b.address)) continue;
    d.entries.push_back({EntryKind::removed, b.section, b.address, "", {}, ""});
    security_notes(&b, nullptr, d.security);
  }
  for (const auto& b : s.after) {
    auto old = s.by_address_before.find(b.address);
    if (old != s.by_address_before.end()) {
      Value old_body = rewrite_references(old->second->body, d.moves);
      if (equal(old_body, b.body)) continue;
      auto changes = body_changes(b, old_body, b.body);
      if (changes.empty()) continue;
      d.entries.push_back({EntryKind::changed, b.section, b.address, "", std::move(changes), ""});
      security_notes(old->second, &b, d.security);
    } else if (auto from = moved_from.find(b.address); from != moved_from.end()) {
      const Block& g = *s.by_address_before.at(from->second);
      d.entries.push_back({EntryKind::moved, b.section, b.address, std::string(from->second),
                           body_changes(b, rewrite_references(g.body, d.moves), b.body), ""});
      security_notes(&g, &b, d.security);
    } else {
      d.entries.push_back({EntryKind::added, b.section, b.address, "", {}, ""});
      security_notes(nullptr, &b, d.security);
    }
  }
  std::stable_sort(d.entries.begin(), d.entries.end(), [](const Entry& a, const Entry& b) { return a.address < b.address; });
  return d;
}

void add_plan(StackDiff& diff, const Value& plan) {
  struct PlanChange {
    std::string actions;
    std::vector<std::string> replace_paths;
    std::set<std::string> unknown;
  };
  std::map<std::string, PlanChange> planned;
  for (const auto& rc : plan.field("resource_changes").items()) {
    auto address = rc.field("address").as_string();
    if (!address) continue;
    // `aws_subnet.a[0]` belongs to the block `aws_subnet.a`.
    std::string block(*address);
    if (auto bracket = block.rfind('['); bracket != std::string::npos && block.back() == ']') block.erase(bracket);
    Value change = rc.field("change");
    std::string actions;
    for (const auto& a : change.field("actions").items())
      if (auto s = a.as_string()) actions += (actions.empty() ? "" : "+") + std::string(*s);
    if (actions == "delete+create" || actions == "create+delete") actions = "replace";
    if (actions.empty() || actions == "no-op" || actions == "read") continue;
    PlanChange& pc = planned[block];
    // Instances of one block: the strongest action wins.
    if (pc.actions.empty() || actions == "replace" || (actions == "delete" && pc.actions != "replace")) pc.actions = actions;
    for (const auto& p : change.field("replace_paths").items()) {
      std::string path;
      for (const auto& step : p.items()) {
        if (auto s = step.as_string()) path += (path.empty() ? "" : ".") + std::string(*s);
        else if (auto n = inspect::number(step)) path += "[" + std::to_string(static_cast<long long>(*n)) + "]";
      }
      pc.replace_paths.push_back(path);
    }
    for (auto [k, v] : change.field("after_unknown").fields())
      if (auto known = inspect::boolean(v); known && *known) pc.unknown.insert(str(k));
  }
  for (auto& e : diff.entries) {
    auto it = planned.find(e.address);
    if (it == planned.end()) continue;
    PlanChange& pc = it->second;
    e.plan_action = pc.actions;
    for (const auto& path : pc.replace_paths) {
      bool found = false;
      for (auto& c : e.changes)
        if (c.path == path || c.path.rfind(path + ".", 0) == 0 || c.path.rfind(path + "[", 0) == 0) {
          c.forces_replacement = true;
          found = true;
        }
      if (!found) {
        AttributeChange c;
        c.path = path;
        c.forces_replacement = true;
        e.changes.push_back(std::move(c));
      }
    }
    for (auto& c : e.changes)
      if (pc.unknown.count(c.path)) c.unknown_after = true;
    planned.erase(it);
  }
  // What the plan changes and the configurations do not show (drift, or a
  // change of something computed): listed on its own.
  for (auto& [address, pc] : planned) {
    Entry e{EntryKind::changed, "resource", address, "", {}, pc.actions};
    for (const auto& path : pc.replace_paths) {
      AttributeChange c;
      c.path = path;
      c.forces_replacement = true;
      e.changes.push_back(std::move(c));
    }
    diff.entries.push_back(std::move(e));
  }
  std::stable_sort(diff.entries.begin(), diff.entries.end(),
                   [](const Entry& a, const Entry& b) { return a.address < b.address; });
}

}  // namespace stackgen::cli::diff
