// The stackgen command line: emit, validate, list, graph, diff.
#include "stackgen/cli/cli.hpp"

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <unistd.h>
#include <map>
#include <set>
#include <sstream>

#include "stackgen/core/error.hpp"
#include "graph.hpp"
#include "report.hpp"
#include "stackgen/core/app.hpp"
#include "stackgen/core/cross_stack.hpp"
#include "stackgen/core/emit.hpp"
#include "convert/convert.hpp"
#include "diff/diff_report.hpp"
#include "diff/semantic_diff.hpp"
#include "diff/sources.hpp"
#include "stackgen/core/inspect.hpp"
#include "stackgen/core/json_value.hpp"

#ifndef STACKGEN_VERSION
#define STACKGEN_VERSION "0.1.0"
#endif

namespace stackgen::cli {
namespace {

namespace fs = std::filesystem;

struct Options {
  std::vector<std::string> stacks;
  std::vector<std::string> context;
  std::string out = "out";
  std::string format = "text";
  std::string syntax = "json";  // emit: the configuration syntax written
  bool check = false;
  bool strict = false;
  bool prune = false;
  bool moved = false;
  bool order = false;  // list --order
  std::vector<RuleSet> rule_sets;
  // diff
  std::string against;
  std::string old_dir;
  std::string plan;
  std::string color = "auto";
  bool exit_code = false;
};

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};
/// Zero registered stacks: exit 1 with an explanation, never "0 written".
struct NoStacks : std::runtime_error {
  using std::runtime_error::runtime_error;
};

Context parse_context(const std::vector<std::string>& items) {
  Context ctx;
  for (const auto& item : items) {
    auto eq = item.find('=');
    if (eq == std::string::npos || eq == 0)
      throw UsageError("context must be KEY=VALUE, got '" + item + "'");
    ctx[item.substr(0, eq)] = item.substr(eq + 1);
  }
  return ctx;
}

/// Builds the selected stacks. A builder that throws becomes a diagnostic
/// located where it threw (stackgen::Error) or at its registration.
struct Built {
  App app;
  Diagnostics diagnostics;
  std::vector<std::string> defined;  ///< every stack this program defines
  /// The stacks this run validates and emits (--stack), in name order: an
  /// app builder creates all of its stacks, whichever are selected.
  std::vector<Stack*> selected;
  bool whole_program = true;  ///< no --stack: every stack is selected
  std::vector<const Stack*> selected_for_reading() const { return {selected.begin(), selected.end()}; }
  explicit Built(Context c) : app(std::move(c)) {}
};

Diagnostic registration_error(const StackDefinition& d, std::string message, std::string hint = "") {
  Diagnostic diag;
  diag.rule = "core.stack-registration";
  diag.stack = d.name;
  diag.where = SourceLocation::from(d.where);
  diag.message = std::move(message);
  diag.hint = std::move(hint);
  return diag;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

/// The registry, checked before any stack runs: a name registered twice,
/// two names one directory on a case-insensitive filesystem (macOS,
/// Windows), a name that is not a directory name.
Diagnostics check_registry(const std::vector<StackDefinition>& defs) {
  Diagnostics d;
  std::map<std::string, const StackDefinition*> by_folded;
  for (const auto& def : defs) {
    std::string why;
    if (!is_valid_stack_name(def.name, &why)) {
      d.add(registration_error(def, "stack name '" + def.name + "' is not usable as a directory name: " + why));
      continue;
    }
    auto [it, inserted] = by_folded.emplace(lower(def.name), &def);
    if (inserted) continue;
    const auto& first = *it->second;
    auto at = SourceLocation::from(first.where);
    if (first.name == def.name)
      d.add(registration_error(def, "stack '" + def.name + "' is registered twice (first at " + at.file + ":" +
                                        std::to_string(at.line) + ")",
                               "give each StackRegistration its own name"));
    else
      d.add(registration_error(def,
                               "stacks '" + first.name + "' and '" + def.name +
                                   "' differ only in case: on a case-insensitive filesystem they would share "
                                   "one directory (first at " + at.file + ":" + std::to_string(at.line) + ")",
                               "rename one of them"));
  }
  return d;
}

/// A builder that throws becomes a diagnostic at the line that threw
/// (stackgen::Error) or at the registration.
template <class F>
void run_builder(Built& built, const std::string& stack, std::source_location registered, F&& f) {
  auto fail = [&](const std::string& why, SourceLocation where, std::string rule) {
    Diagnostic diag;
    diag.rule = std::move(rule);
    diag.stack = stack;
    diag.where = std::move(where);
    diag.message = (stack.empty() ? std::string("the app") : "stack '" + stack + "'") + " failed to build: " + why;
    built.diagnostics.add(std::move(diag));
  };
  try {
    f();
  } catch (const Error& e) {
    fail(e.what(), e.where(), e.rule());
  } catch (const std::exception& e) {
    fail(e.what(), SourceLocation::from(registered), "core.stack-failed");
  }
}

std::unique_ptr<Built> build(const Options& o) {
  auto defs = registered_stacks();
  auto apps = registered_apps();
  if (defs.empty() && apps.empty())
    throw NoStacks(
        "this program registers no stacks. A stack is registered by a namespace-scope "
        "`static const stackgen::StackRegistration reg{\"name\", builder};` in a source file linked into "
        "the program; when stack sources are in a static library the linker drops those objects (link them "
        "into the executable, e.g. with stackgen_add_stack(), or as an OBJECT library)");
  auto built = std::make_unique<Built>(parse_context(o.context));
  built->diagnostics = check_registry(defs);
  if (!built->diagnostics.items().empty()) return built;
  // App builders first: their stacks' names are known once they ran.
  for (const auto& a : apps) {
    run_builder(*built, "", a.where, [&] {
      a.build(built->app);
      for (const auto& s : built->app.stacks()) s->finish();
    });
  }
  std::set<std::string> from_apps;
  for (const auto& s : built->app.stacks()) from_apps.insert(s->name());
  for (const auto& d : defs) {
    if (from_apps.count(d.name)) {
      built->diagnostics.add(registration_error(d, "stack '" + d.name + "' is registered here and also created by an AppRegistration",
                                                "give each stack one name"));
      return built;
    }
  }
  std::set<std::string> all(from_apps);
  for (const auto& d : defs) all.insert(d.name);
  built->defined.assign(all.begin(), all.end());
  for (const auto& want : o.stacks) {
    if (all.count(want)) continue;
    std::string names;
    for (const auto& n : all) names += (names.empty() ? "" : ", ") + n;
    throw UsageError("no stack named '" + printable(want) + "' (stacks: " + names + ")");
  }
  built->whole_program = o.stacks.empty();
  auto wanted = [&](const std::string& name) {
    return o.stacks.empty() || std::find(o.stacks.begin(), o.stacks.end(), name) != o.stacks.end();
  };
  for (const auto& d : defs) {
    if (!wanted(d.name)) continue;
    Stack& s = built->app.stack(d.name, d.where);
    run_builder(*built, d.name, d.where, [&] {
      d.build(s);
      s.finish();
    });
  }
  connect_stacks(built->app);
  std::map<std::string, Stack*> by_name;
  for (const auto& s : built->app.stacks())
    if (wanted(s->name())) by_name.emplace(s->name(), s.get());
  for (const auto& [name, s] : by_name) built->selected.push_back(s);
  return built;
}

Diagnostics validate_all(Built& b, const Options& o) {
  Diagnostics all = b.diagnostics;
  for (const auto* s : b.selected) all.append(validate(*s, o.rule_sets));
  all.sort();
  return all;
}

std::vector<RenderedFile> render_all(const Built& b, const Options& o) {
  RenderOptions options;
  options.syntax = o.syntax == "hcl" ? Syntax::hcl : Syntax::json;
  std::vector<RenderedFile> files;
  for (const auto* s : b.selected) {
    auto f = render(*s, options);
    files.insert(files.end(), f.begin(), f.end());
  }
  // The apply order is the whole program's: written when every stack is.
  if (b.whole_program) files.push_back({std::string(kOrderFile), order_json(b.app)});
  return files;
}

int cmd_validate(const Options& o) {
  auto b = build(o);
  Diagnostics d = validate_all(*b, o);
  print_diagnostics(d, o.format, o.rule_sets, std::cout, std::cerr);
  return d.has_errors(o.strict) ? 1 : 0;
}

WriteOptions write_options(const Options& o, const Built& b) {
  WriteOptions w;
  w.out_dir = o.out;
  w.check_only = o.check;
  w.stacks = o.stacks;
  if (w.stacks.empty())
    for (const auto* s : b.selected) w.stacks.push_back(s->name());
  w.defined_stacks = b.defined;
  w.prune = o.prune;
  return w;
}

/// Files of stacks the program does not define, which emit leaves alone.
void report_kept(const WriteReport& r, const Options& o) {
  std::set<std::string> stacks;
  for (const auto& p : r.kept) stacks.insert(p.substr(0, p.find('/')));
  for (const auto& s : stacks)
    std::cerr << "stackgen: kept " << (fs::path(o.out) / s).string() << "/: stack '" << s
              << "' is not defined by this program (emit --prune removes it)\n";
}

void add_moved_blocks(Built& b, const Options& o);

int cmd_emit(const Options& o) {
  if (o.moved && o.syntax == "hcl")
    throw UsageError("emit --moved compares with the JSON files on disk: run it with --format json");
  auto b = build(o);
  Diagnostics d = validate_all(*b, o);
  if (o.format != "text" || !d.items().empty())
    print_diagnostics(d, o.format, o.rule_sets, std::cout, std::cerr);
  if (d.has_errors(o.strict)) {
    std::cerr << "stackgen: nothing written to " << o.out << "/ because of the errors above\n";
    return 1;
  }
  WriteReport r;
  try {
    if (o.moved) add_moved_blocks(*b, o);
    r = write_output(render_all(*b, o), write_options(o, *b));
  } catch (const OutputError& e) {
    std::cerr << "stackgen: error: " << printable(e.what()) << "\n";
    return 1;
  } catch (const Error& e) {
    // What the chosen syntax cannot say: located at the block, nothing written.
    Diagnostics failed;
    failed.add({Severity::error, e.rule(), "", "", e.where(), e.what(), "", ""});
    print_diagnostics(failed, o.format, o.rule_sets, std::cout, std::cerr);
    std::cerr << "stackgen: nothing written to " << o.out << "/ because of the errors above\n";
    return 1;
  }
  report_kept(r, o);
  if (r.stale_temporaries)
    std::cerr << fmt::format("stackgen: removed {} temporary file(s) left by an interrupted emit\n",
                             r.stale_temporaries);
  if (o.check) {
    for (const auto& p : r.written) std::cerr << "stackgen: out of date: " << (fs::path(o.out) / p).string() << "\n";
    for (const auto& p : r.removed) std::cerr << "stackgen: stale: " << (fs::path(o.out) / p).string() << "\n";
    bool drift = !r.written.empty() || !r.removed.empty();
    if (drift) std::cerr << "stackgen: run `stackgen emit" << (o.prune ? " --prune" : "") << "` to update " << o.out << "/\n";
    else std::cerr << fmt::format("stackgen: {} file(s) up to date in {}/\n", r.unchanged.size(), o.out);
    return drift ? 1 : 0;
  }
  std::cerr << fmt::format("stackgen: {} written, {} unchanged, {} removed in {}/\n", r.written.size(),
                           r.unchanged.size(), r.removed.size(), o.out);
  return 0;
}

int cmd_list(const Options& o) {
  auto b = build(o);
  if (!b->diagnostics.items().empty()) {
    print_diagnostics(b->diagnostics, "text", o.rule_sets, std::cout, std::cerr);
    return 1;
  }
  if (o.order) print_order(b->app, o.format, std::cout);
  else print_stack_list(b->selected_for_reading(), o.format, std::cout);
  return 0;
}

int cmd_graph(const Options& o) {
  auto b = build(o);
  if (!b->diagnostics.items().empty()) {
    print_diagnostics(b->diagnostics, "text", o.rule_sets, std::cout, std::cerr);
    return 1;
  }
  if (o.format == "svg") std::cout << graph_svg(b->selected_for_reading());
  else print_graph(b->selected_for_reading(), o.format == "text" ? "dot" : o.format, std::cout);
  return 0;
}

/// What the program knows is secret: schema-sensitive attributes of the
/// types its stacks use, sensitive variables and outputs.
diff::Sensitivity sensitivity_of(const Built& b) {
  diff::Sensitivity s;
  for (const auto& stack : b.app.stacks()) {
    inspect::view(*stack).for_each_block([&](inspect::BlockView v) {
      if (v.kind() == BlockKind::variable && v.flag("sensitive")) s.variables.emplace(v.name());
      if (v.kind() == BlockKind::output && v.flag("sensitive")) s.outputs.emplace(v.name());
      if (!v.spec()) return;
      s.known_types.emplace(v.type());
      auto& names = s.attributes_by_type[std::string(v.type())];
      for (const auto& a : v.spec()->attributes)
        if (a.sensitive || a.write_only) names.emplace(a.name);
    });
  }
  return s;
}

Value parse_emitted(const std::string& text, const std::string& where) {
  try {
    return value_from_json(text);
  } catch (const JsonError& e) {
    throw OutputError(where + " is not JSON (" + e.what() + ")");
  }
}

/// emit --moved: renames between the files on disk and what emit writes
/// become `moved` blocks, so that Terraform moves the state instead of
/// destroying and creating.
void add_moved_blocks(Built& b, const Options& o) {
  diff::Options options;
  options.sensitivity = sensitivity_of(b);
  for (Stack* stack : b.selected) {
    auto files = render(*stack);
    for (const auto& f : files) {
      auto old = read_emitted(o.out, f.path);
      if (!old) continue;
      auto moves = diff::find_moves(parse_emitted(*old, (fs::path(o.out) / f.path).string()),
                                    parse_emitted(f.content, f.path), options);
      for (const auto& [from, to] : moves) {
        if (from.rfind("data.", 0) == 0) continue;  // data sources have no state to move
        auto target = stack->block(to);
        if (!target) continue;
        stack->moved(from, *target);
        std::cerr << "stackgen: " << stack->name() << ": moved " << from << " -> " << to << "\n";
      }
    }
  }
}

bool use_color(const Options& o) {
  if (o.color == "always") return true;
  if (o.color == "never") return false;
  const char* term = std::getenv("TERM");
  return ::isatty(1) && !std::getenv("NO_COLOR") && term && std::string_view(term) != "dumb";
}

int cmd_diff(const Options& o) {
  auto b = build(o);
  Diagnostics d = validate_all(*b, o);
  if (d.has_errors(o.strict)) {
    print_diagnostics(d, "text", o.rule_sets, std::cout, std::cerr);
    return 1;
  }
  if (!o.plan.empty() && b->selected.size() != 1)
    throw UsageError("--plan describes one stack: select it with --stack");
  try {
    diff::Before before = !o.against.empty() ? diff::Before::git(o.against, o.out)
                          : !o.old_dir.empty() ? diff::Before::directory(o.old_dir)
                                               : diff::Before::directory(o.out);
    diff::Options options;
    options.sensitivity = sensitivity_of(*b);
    std::vector<diff::StackDiff> diffs;
    for (const Stack* stack : b->selected) {
      for (const auto& f : render(*stack)) {
        auto old = before.read(f.path);
        Value old_doc = old ? parse_emitted(*old, before.describe() + f.path) : Value();
        diffs.push_back(diff::compare(stack->name(), f.path, old_doc, parse_emitted(f.content, f.path), options));
      }
    }
    // Stacks only the old side has: shown removed with --prune (what emit
    // --prune would do), else noted as kept.
    if (o.against.empty()) {
      WriteOptions w = write_options(o, *b);
      w.out_dir = o.old_dir.empty() ? o.out : o.old_dir;
      w.check_only = true;
      WriteReport r = write_output(render_all(*b, o), w);
      for (const auto& p : r.removed) {
        if (p.size() < 13 || p.substr(p.size() - 13) != "/main.tf.json") continue;
        bool known = false;
        for (const auto& s : b->app.stacks()) known = known || p == s->name() + "/main.tf.json";
        if (known) continue;
        auto old = before.read(p);
        if (!old) continue;
        diffs.push_back(diff::compare(p.substr(0, p.find('/')), p, parse_emitted(*old, before.describe() + p), Value(), options));
      }
      report_kept(r, o);
    }
    if (!o.plan.empty()) {
      std::ifstream in(o.plan, std::ios::binary);
      if (!in) throw UsageError("cannot read the plan " + o.plan);
      std::ostringstream text;
      text << in.rdbuf();
      Value plan = parse_emitted(text.str(), o.plan);
      for (auto& dd : diffs) diff::add_plan(dd, plan);
    }
    diff::ReportOptions report;
    report.format = o.format == "text" ? "text" : o.format;
    report.color = report.format == "text" && use_color(o);
    diff::print(diffs, report, std::cout);
    return o.exit_code && diff::totals(diffs).any() ? 1 : 0;
  } catch (const OutputError& e) {
    std::cerr << "stackgen: error: " << printable(e.what()) << "\n";
    return 1;
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }
}

struct ConvertArgs {
  std::vector<std::string> inputs;
  std::string out;
  std::string stack = "converted";
  std::string aws_provider = "6.66.0";
  std::vector<std::string> schemas;
  bool force = false;
};

// The shipped schemas: STACKGEN_SCHEMA_DIR; beside an installed stackgen
// (<prefix>/bin/stackgen -> <prefix>/share/stackgen/schema, wherever the
// prefix was moved); the install prefix it was built for; the source tree's.
std::filesystem::path shipped_schema(const std::string& file) {
  std::vector<std::filesystem::path> dirs;
  if (const char* env = std::getenv("STACKGEN_SCHEMA_DIR"); env && *env) dirs.emplace_back(env);
  std::error_code ec;
  if (auto exe = std::filesystem::read_symlink("/proc/self/exe", ec); !ec)
    dirs.push_back(exe.parent_path().parent_path() / "share" / "stackgen" / "schema");
  dirs.emplace_back(STACKGEN_INSTALLED_SCHEMA_DIR);
  dirs.emplace_back(STACKGEN_SOURCE_SCHEMA_DIR);
  for (const auto& d : dirs)
    if (std::filesystem::is_regular_file(d / file, ec)) return d / file;
  throw UsageError(fmt::format("no schema {} in {} or {} (set STACKGEN_SCHEMA_DIR)", file,
                               STACKGEN_SOURCE_SCHEMA_DIR, STACKGEN_INSTALLED_SCHEMA_DIR));
}

int cmd_convert(const ConvertArgs& a) {
  if (a.aws_provider != "5.100.0" && a.aws_provider != "6.66.0")
    throw UsageError("--aws-provider: the shipped AWS lines are 5.100.0 and 6.66.0");
  convert::ConvertOptions o;
  for (const auto& i : a.inputs) o.inputs.emplace_back(i);
  o.out = a.out;
  o.stack = a.stack;
  o.aws_provider = a.aws_provider;
  o.force = a.force;
  o.schemas = {shipped_schema("aws-" + a.aws_provider + ".json"), shipped_schema("tls.json"),
               shipped_schema("random.json"), shipped_schema("null.json")};
  for (const auto& s : a.schemas) o.schemas.emplace_back(s);
  const convert::ConvertSummary r = convert::convert(o);
  for (const auto& n : r.notes) std::cerr << "stackgen convert: " << printable(n) << "\n";
  std::cerr << fmt::format(
      "stackgen convert: {} declarations typed, {} via the escape hatch (no binding), {} not converted; "
      "{} expressions kept as HCL (raw), {} references as text (ref); {} files in {}/\n",
      r.typed_blocks, r.untyped_blocks, r.not_converted, r.raw_expressions, r.text_references, r.files.size(),
      a.out);
  return 0;
}

}  // namespace

int run(int argc, char** argv, const RunOptions& options) {
  CLI::App app{"stackgen: typed C++ stacks compiled to Terraform JSON"};
  app.set_version_flag("--version", std::string("stackgen ") + STACKGEN_VERSION);
  app.require_subcommand(1);
  app.footer(R"(Examples:
  stackgen list                       stacks and what they declare
  stackgen list --order               stacks in apply order (each after the stacks it depends on)
  stackgen validate --strict          every check, warnings as errors, no writes
  stackgen emit --out out             write out/<stack>/main.tf.json
  stackgen emit --check               exit 1 if out/ is not what emit would write (CI gate)
  stackgen emit -c ssh_public_key=... stack context values (see each stack's docs)
  stackgen diff                       what emit would change: blocks, attributes, renames, security
  stackgen diff --against main --format markdown   the same against a git revision, for a PR comment
  stackgen emit --moved               keep state across renames (writes moved blocks)
  stackgen graph --stack NAME --format svg > graph.svg   (or --format mermaid for Markdown)
  terraform -chdir=out/<stack> init && terraform -chdir=out/<stack> plan

Exit codes: 0 success, 1 diagnostics or drift, 2 usage error.)");

  Options o;
  o.rule_sets = options.rule_sets;
  auto add_common = [&](CLI::App* c) {
    c->add_option("--stack,-s", o.stacks, "Only this stack (repeatable)");
    c->add_option("--context,-c", o.context, "Context value KEY=VALUE passed to stacks (repeatable)");
  };
  auto* emit = app.add_subcommand("emit", "Validate, then write each stack to OUT/<stack>/main.tf.json");
  add_common(emit);
  emit->add_option("--out,-o", o.out, "Output directory")->capture_default_str();
  emit->add_flag("--check", o.check, "Write nothing; exit 1 if the files on disk differ");
  emit->add_flag("--strict", o.strict, "Treat unsuppressed warnings as errors");
  emit->add_flag("--prune", o.prune, "Also remove the files of stacks this program does not define");
  emit->add_flag("--moved", o.moved, "Write moved blocks for resources renamed since the files on disk");
  emit->add_option("--format", o.syntax, "Configuration syntax: json (main.tf.json) or hcl (main.tf)")
      ->check(CLI::IsMember({"json", "hcl"}))
      ->capture_default_str();
  emit->add_option("--diagnostics", o.format, "Diagnostics format")->check(CLI::IsMember({"text", "json", "sarif"}));

  auto* validate_cmd = app.add_subcommand("validate", "Run every check; write nothing");
  add_common(validate_cmd);
  validate_cmd->add_flag("--strict", o.strict, "Treat unsuppressed warnings as errors");
  // --diagnostics as on emit (where --format is the configuration syntax).
  validate_cmd->add_option("--format,--diagnostics", o.format, "Diagnostics format")
      ->check(CLI::IsMember({"text", "json", "sarif"}));

  auto* list = app.add_subcommand("list", "List stacks and their resource counts");
  add_common(list);
  list->add_option("--format", o.format, "Output format")->check(CLI::IsMember({"text", "json"}));
  list->add_flag("--order", o.order, "The stacks in apply order, one per line (json: as OUT/stackgen.order.json)");

  auto* graph = app.add_subcommand("graph", "Draw the stacks: DOT, Mermaid, or SVG (through Graphviz)");
  add_common(graph);
  graph->add_option("--format", o.format, "dot (default), mermaid, svg")->check(CLI::IsMember({"dot", "mermaid", "svg"}));

  ConvertArgs conv;
  auto* convert_cmd = app.add_subcommand("convert", "Turn a Terraform root module (.tf, .tf.json, cdk.tf.json) into a C++ stack program");
  convert_cmd->add_option("paths", conv.inputs, "Files or directories (their *.tf and *.tf.json)")->required();
  convert_cmd->add_option("--out,-o", conv.out,
                          "Directory for the program (created; files there that convert did not write are never "
                          "overwritten)")
      ->required();
  convert_cmd->add_flag("--force", conv.force, "Overwrite files an earlier convert wrote even where they were edited");
  convert_cmd->add_option("--name", conv.stack, "The stack's name and CMake target")->capture_default_str();
  convert_cmd->add_option("--aws-provider", conv.aws_provider, "AWS provider line of the bindings: 5.100.0 or 6.66.0")
      ->capture_default_str();
  convert_cmd->add_option("--schema", conv.schemas,
                          "Schema of another provider (terraform providers schema -json), for typed bindings (repeatable)");

  auto* diff = app.add_subcommand("diff", "What emit would change: blocks and attributes, renames, security changes");
  add_common(diff);
  diff->add_option("--out,-o", o.out, "Output directory")->capture_default_str();
  diff->add_flag("--prune", o.prune, "Show the removal of stacks this program does not define");
  auto* against = diff->add_option("--against", o.against, "Compare with OUT as it is at this git revision");
  diff->add_option("--old", o.old_dir, "Compare with this directory instead of OUT")->excludes(against);
  diff->add_option("--plan", o.plan, "A `terraform show -json` plan: replacements and values known after apply");
  diff->add_option("--format", o.format, "Output format")->check(CLI::IsMember({"text", "json", "markdown"}));
  diff->add_option("--color", o.color, "Colour: auto, always, never")->check(CLI::IsMember({"auto", "always", "never"}));
  diff->add_flag("--exit-code", o.exit_code, "Exit 1 when there are changes (as git diff --exit-code)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  if (o.out.empty()) {
    std::cerr << "stackgen: usage error: --out must not be empty\n";
    return 2;
  }
  try {
    if (*convert_cmd) return cmd_convert(conv);
    if (*emit) return cmd_emit(o);
    if (*validate_cmd) return cmd_validate(o);
    if (*list) return cmd_list(o);
    if (*graph) return cmd_graph(o);
    if (*diff) return cmd_diff(o);
  } catch (const UsageError& e) {
    std::cerr << "stackgen: usage error: " << e.what() << "\n";
    return 2;
  } catch (const NoStacks& e) {
    std::cerr << "stackgen: error: " << e.what() << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "stackgen: error: " << e.what() << "\n";
    return 1;
  }
  return 2;
}

}  // namespace stackgen::cli
