#include "report.hpp"

#include <algorithm>

#include "stackgen/core/cross_stack.hpp"

#include <fmt/core.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "stackgen/core/inspect.hpp"

namespace stackgen::cli {

std::string display_path(const std::string& file) {
  namespace fs = std::filesystem;
  fs::path p(file);
  if (!p.is_absolute()) return file;
  std::error_code ec;
  fs::path cwd = fs::current_path(ec);
  if (ec) return file;
  auto rel = p.lexically_relative(cwd);
  if (rel.empty() || rel.native().rfind("..", 0) == 0) return file;
  return rel.string();
}

namespace {

nlohmann::json to_json(const Diagnostic& d) {
  nlohmann::json j{{"severity", to_string(d.severity)},
                   {"rule", d.rule},
                   {"stack", d.stack},
                   {"address", d.address},
                   {"file", display_path(d.where.file)},
                   {"line", d.where.line},
                   {"message", d.message},
                   {"hint", d.hint}};
  if (!d.suppressed_because.empty()) j["suppressed"] = d.suppressed_because;
  return j;
}

nlohmann::json to_sarif(const Diagnostics& ds, std::span<const RuleSet> rule_sets) {
  std::set<std::string> rule_ids;
  for (const auto& d : ds.items()) rule_ids.insert(d.rule);
  nlohmann::json rules = nlohmann::json::array();
  for (const auto& id : rule_ids) {
    nlohmann::json rule{{"id", id}};
    if (const auto* info = find_rule(id, rule_sets)) {
      rule["shortDescription"] = {{"text", std::string(info->summary)}};
      if (!info->help.empty()) rule["helpUri"] = std::string(info->help);
      rule["defaultConfiguration"] = {{"level", info->severity == Severity::error ? "error" : "warning"}};
    }
    rules.push_back(std::move(rule));
  }
  nlohmann::json results = nlohmann::json::array();
  for (const auto& d : ds.items()) {
    nlohmann::json r{
        {"ruleId", d.rule},
        {"level", d.severity == Severity::error ? "error" : d.severity == Severity::warning ? "warning" : "note"},
        {"message", {{"text", d.address.empty() ? d.message : d.address + ": " + d.message}}},
        {"locations",
         {{{"physicalLocation",
            {{"artifactLocation", {{"uri", display_path(d.where.file)}}},
             {"region", {{"startLine", std::max(1u, d.where.line)}}}}}}}}};
    if (!d.suppressed_because.empty())
      r["suppressions"] = {{{"kind", "inSource"}, {"justification", d.suppressed_because}}};
    results.push_back(std::move(r));
  }
  return {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
          {"version", "2.1.0"},
          {"runs",
           {{{"tool", {{"driver", {{"name", "stackgen"}, {"informationUri", "https://example.invalid/stackgen"},
                                   {"rules", rules}}}}},
             {"results", results}}}}};
}

}  // namespace

void print_diagnostics(const Diagnostics& d, const std::string& format, std::span<const RuleSet> rule_sets,
                       std::ostream& out, std::ostream& err) {
  if (format == "json") {
    nlohmann::json items = nlohmann::json::array();
    size_t errors = 0, warnings = 0;
    for (const auto& x : d.items()) {
      items.push_back(to_json(x));
      if (x.severity == Severity::error) ++errors;
      if (x.severity == Severity::warning && x.suppressed_because.empty()) ++warnings;
    }
    out << nlohmann::json{{"diagnostics", items}, {"errors", errors}, {"warnings", warnings}}.dump(2) << "\n";
    return;
  }
  if (format == "sarif") {
    out << to_sarif(d, rule_sets).dump(2) << "\n";
    return;
  }
  std::map<std::string, std::vector<const Diagnostic*>> by_stack;
  for (const auto& x : d.items()) by_stack[x.stack].push_back(&x);
  size_t errors = 0, warnings = 0, suppressed = 0;
  for (const auto& [stack, items] : by_stack) {
    if (by_stack.size() > 1 || !stack.empty()) err << "stack " << (stack.empty() ? "?" : stack) << ":\n";
    for (const auto* x : items) {
      if (!x->suppressed_because.empty()) {
        ++suppressed;
        err << fmt::format("{}:{}: suppressed {}: {} [{}]\n  reason: {}\n", display_path(x->where.file),
                           x->where.line, to_string(x->severity), x->message, x->rule, x->suppressed_because);
        continue;
      }
      x->severity == Severity::error ? ++errors : ++warnings;
      err << fmt::format("{}:{}: {}: {}{} [{}]\n", display_path(x->where.file), x->where.line,
                         to_string(x->severity), x->address.empty() ? "" : x->address + ": ",
                         x->message, x->rule);
      if (!x->hint.empty()) err << "  hint: " << x->hint << "\n";
    }
  }
  if (!d.items().empty())
    err << fmt::format("{} error(s), {} warning(s), {} suppressed\n", errors, warnings, suppressed);
}

namespace {
nlohmann::json order_document(const App& app) {
  nlohmann::json stacks = nlohmann::json::array();
  for (const Stack* s : apply_order(app)) {
    nlohmann::json after = nlohmann::json::array();
    for (const Stack* d : dependencies_of(app, *s)) after.push_back(d->name());
    std::sort(after.begin(), after.end());
    stacks.push_back({{"name", s->name()}, {"directory", s->name()}, {"depends_on", after}});
  }
  return {{"format_version", 1}, {"stacks", stacks}};
}
}  // namespace

std::string order_json(const App& app) { return order_document(app).dump(2) + "\n"; }

void print_order(const App& app, const std::string& format, std::ostream& out) {
  if (format == "json") {
    out << order_json(app);
    return;
  }
  for (const Stack* s : apply_order(app)) out << s->name() << "\n";
}

void print_stack_list(const std::vector<const Stack*>& stacks, const std::string& format, std::ostream& out) {
  nlohmann::json all = nlohmann::json::array();
  for (const Stack* s : stacks) {
    std::map<BlockKind, size_t> counts;
    inspect::StackView view = inspect::view(*s);
    view.for_each_block([&](inspect::BlockView b) { ++counts[b.kind()]; });
    const SourceLocation where = view.location();
    all.push_back({{"name", s->name()},
                   {"resources", counts[BlockKind::resource]},
                   {"data_sources", counts[BlockKind::data]},
                   {"ephemeral_resources", counts[BlockKind::ephemeral]},
                   {"variables", counts[BlockKind::variable]},
                   {"outputs", counts[BlockKind::output]},
                   {"modules", counts[BlockKind::module]},
                   {"file", display_path(where.file)},
                   {"line", where.line}});
  }
  if (format == "json") {
    out << all.dump(2) << "\n";
    return;
  }
  out << fmt::format("{:<24} {:>9} {:>5} {:>9} {:>7}  {}\n", "STACK", "RESOURCES", "DATA", "VARIABLES", "OUTPUTS",
                     "DEFINED AT");
  for (const auto& s : all)
    out << fmt::format("{:<24} {:>9} {:>5} {:>9} {:>7}  {}:{}\n", s["name"].get<std::string>(),
                       s["resources"].get<size_t>(), s["data_sources"].get<size_t>(),
                       s["variables"].get<size_t>(), s["outputs"].get<size_t>(), s["file"].get<std::string>(),
                       s["line"].get<unsigned>());
}

}  // namespace stackgen::cli
