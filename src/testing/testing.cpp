// stackgen::testing: Synth, matchers, snapshots and real terraform plans.
#include "stackgen/testing.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <map>
#include <sstream>

#include "stackgen/core/cross_stack.hpp"
#include "stackgen/core/emit.hpp"
#include "stackgen/core/json_value.hpp"

extern char** environ;

namespace stackgen::testing {

namespace fs = std::filesystem;

namespace {

std::string location_of(const inspect::BlockView& b) {
  auto where = b.location();
  return where.file + ":" + std::to_string(where.line);
}

std::string show(const Value& v) { return v.is_null() ? "(absent)" : v.to_hcl(); }

bool same(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return a.is_null() == b.is_null();
  return a.to_hcl() == b.to_hcl();
}

}  // namespace

// --- Synth

struct Synth::Impl {
  std::unique_ptr<App> app;      // of_app: the app that owns `stack`
  std::unique_ptr<Stack> stack;  // of: the stack itself
  const Stack* synthesized = nullptr;
  Diagnostics diagnostics;
  std::string json_text;
  Value json;
};

Synth::Synth(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Synth::Synth(Synth&&) noexcept = default;
Synth& Synth::operator=(Synth&&) noexcept = default;
Synth::~Synth() = default;

namespace {
// A template: Impl is private to Synth, its type is deduced.
template <class SynthImpl>
void synthesize(SynthImpl& impl, const Stack& stack, const std::vector<RuleSet>& rule_sets) {
  impl.synthesized = &stack;
  impl.diagnostics = validate(stack, rule_sets);
  if (!impl.diagnostics.has_errors()) {
    auto files = render(stack);
    impl.json_text = files.at(0).content;
    impl.json = value_from_json(impl.json_text);
  }
}
}  // namespace

Synth Synth::of(std::string name, const std::function<void(Stack&)>& build, SynthOptions options) {
  auto impl = std::make_unique<Impl>();
  impl->stack = std::make_unique<Stack>(std::move(name), std::move(options.context));
  build(*impl->stack);
  impl->stack->finish();
  synthesize(*impl, *impl->stack, options.rule_sets);
  return Synth(std::move(impl));
}

Synth Synth::of_app(const std::function<void(App&)>& build, std::string_view stack, SynthOptions options) {
  auto impl = std::make_unique<Impl>();
  impl->app = std::make_unique<App>(std::move(options.context));
  build(*impl->app);
  for (const auto& s : impl->app->stacks()) s->finish();
  connect_stacks(*impl->app);
  for (const auto& s : impl->app->stacks())
    if (s->name() == stack) {
      synthesize(*impl, *s, options.rule_sets);
      return Synth(std::move(impl));
    }
  throw std::invalid_argument("the app built no stack named '" + std::string(stack) + "'");
}

Synth Synth::registered(std::string_view name, SynthOptions options) {
  for (const auto& def : registered_stacks())
    if (def.name == name) return of(def.name, def.build, std::move(options));
  for (const auto& app : registered_apps()) {
    App probe(options.context);
    app.build(probe);
    for (const auto& s : probe.stacks())
      if (s->name() == name) return of_app(app.build, name, std::move(options));
  }
  throw std::invalid_argument("no stack named '" + std::string(name) + "' is registered in this program");
}

const Stack& Synth::stack() const { return *impl_->synthesized; }
inspect::StackView Synth::view() const { return inspect::view(*impl_->synthesized); }
const Diagnostics& Synth::diagnostics() const { return impl_->diagnostics; }
bool Synth::has_errors(bool strict) const { return impl_->diagnostics.has_errors(strict); }
const std::string& Synth::json_text() const { return impl_->json_text; }
const Value& Synth::json() const { return impl_->json; }
std::string Synth::hcl_text() const {
  if (impl_->json_text.empty()) return {};
  return render(*impl_->synthesized, RenderOptions{Syntax::hcl}).at(0).content;
}

std::string Synth::describe_diagnostics() const {
  std::string out;
  for (const auto& d : impl_->diagnostics.items()) {
    out += d.where.file + ":" + std::to_string(d.where.line) + ": " + to_string(d.severity) + ": ";
    if (!d.address.empty()) out += d.address + ": ";
    out += d.message + " [" + d.rule + "]";
    if (!d.suppressed_because.empty()) out += " (suppressed: " + d.suppressed_because + ")";
    out += "\n";
  }
  return out;
}

inspect::BlockView Synth::block(std::string_view address) const {
  inspect::BlockView found;
  view().for_each_block([&](inspect::BlockView b) {
    if (!found && b.address() == address) found = b;
  });
  return found;
}

std::vector<inspect::BlockView> Synth::resources(std::string_view type) const {
  std::vector<inspect::BlockView> out;
  view().for_each_block([&](inspect::BlockView b) {
    if (b.kind() == BlockKind::resource && b.type() == type) out.push_back(b);
  });
  return out;
}

std::vector<inspect::BlockView> Synth::data_sources(std::string_view type) const {
  std::vector<inspect::BlockView> out;
  view().for_each_block([&](inspect::BlockView b) {
    if (b.kind() == BlockKind::data && b.type() == type) out.push_back(b);
  });
  return out;
}

std::vector<inspect::BlockView> Synth::ephemeral_resources(std::string_view type) const {
  std::vector<inspect::BlockView> out;
  view().for_each_block([&](inspect::BlockView b) {
    if (b.kind() == BlockKind::ephemeral && b.type() == type) out.push_back(b);
  });
  return out;
}

Value Synth::emitted(const inspect::BlockView& b) const {
  const Value& j = impl_->json;
  switch (b.kind()) {
    case BlockKind::resource: return j.field("resource").field(b.type()).field(b.name());
    case BlockKind::data: {
      const Value& in = b.scoped_to() ? j.field("check").field(b.scoped_to().name()) : j;
      return in.field("data").field(b.type()).field(b.name());
    }
    case BlockKind::variable: return j.field("variable").field(b.name());
    case BlockKind::output: return j.field("output").field(b.name());
    case BlockKind::local: return j.field("locals").field(b.name());
    case BlockKind::module: return j.field("module").field(b.name());
    case BlockKind::provider: return j.field("provider").field(b.type());
    case BlockKind::check: return j.field("check").field(b.name());
    case BlockKind::ephemeral: return j.field("ephemeral").field(b.type()).field(b.name());
  }
  return Value{};
}

std::vector<Diagnostic> Synth::findings(std::string_view rule, std::string_view address) const {
  std::vector<Diagnostic> out;
  for (const auto& d : impl_->diagnostics.items())
    if (d.rule == rule && (address.empty() || d.address == address)) out.push_back(d);
  return out;
}

// --- Paths

Value at_path(const Value& v, std::string_view path) {
  Value cur = v;
  std::size_t i = 0;
  while (i < path.size() && !cur.is_null()) {
    if (path[i] == '.') {
      ++i;
      continue;
    }
    if (path[i] == '[') {
      const std::size_t close = path.find(']', i);
      if (close == std::string_view::npos) return Value{};
      std::string_view key = path.substr(i + 1, close - i - 1);
      i = close + 1;
      if (!key.empty() && key.front() == '"' && key.back() == '"' && key.size() >= 2) {
        cur = cur.field(key.substr(1, key.size() - 2));
      } else {
        std::size_t n = 0;
        for (char c : key) n = n * 10 + static_cast<std::size_t>(c - '0');
        auto items = cur.items();
        cur = n < items.size() ? items[n] : Value{};
      }
      continue;
    }
    const std::size_t end = path.find_first_of(".[", i);
    std::string_view name = path.substr(i, end == std::string_view::npos ? std::string_view::npos : end - i);
    cur = cur.field(name);
    i = end == std::string_view::npos ? path.size() : end;
  }
  return cur;
}

// --- BlockMatcher

BlockMatcher::BlockMatcher(std::string kind, std::string type, std::string name)
    : kind_(std::move(kind)), type_(std::move(type)), name_(std::move(name)) {}

BlockMatcher has_resource(std::string_view type, std::string_view name) {
  return BlockMatcher("resource", std::string(type), std::string(name));
}
BlockMatcher has_data(std::string_view type, std::string_view name) {
  return BlockMatcher("data", std::string(type), std::string(name));
}
BlockMatcher has_ephemeral(std::string_view type, std::string_view name) {
  return BlockMatcher("ephemeral", std::string(type), std::string(name));
}
BlockMatcher has_output(std::string_view name) { return BlockMatcher("output", "", std::string(name)); }
BlockMatcher has_variable(std::string_view name) { return BlockMatcher("variable", "", std::string(name)); }

BlockMatcher BlockMatcher::with(std::string_view argument, const Value& expected) && {
  std::string name(argument);
  checks_.push_back({name + " = " + show(expected), [name, expected](const Synth&, const inspect::BlockView& b) {
                       Value got = b.kind() == BlockKind::output && name == "value" ? b.value() : b.argument(name);
                       if (same(got, expected)) return Result{};
                       return Result{false, name + " is " + show(got) + ", expected " + show(expected)};
                     }});
  return std::move(*this);
}

BlockMatcher BlockMatcher::with_getter(std::function<Value(const detail::BlockData*)> reference,
                                       const Value& expected) && {
  checks_.push_back({"a typed argument = " + show(expected),
                     [reference, expected](const Synth&, const inspect::BlockView& b) {
                       // The getter's reference names the attribute: `aws_x.y.attr`.
                       // Keep the Value alive: the Reference views its text.
                       const Value reference_value = reference(b.data());
                       auto ref = inspect::reference(reference_value);
                       std::string name = ref ? std::string(ref->attribute()) : "";
                       Value got = b.argument(name);
                       if (same(got, expected)) return Result{};
                       return Result{false, name + " is " + show(got) + ", expected " + show(expected)};
                     }});
  return std::move(*this);
}

BlockMatcher BlockMatcher::with_json(std::string_view path, const Value& expected) && {
  std::string p(path);
  checks_.push_back({p + " = " + show(expected), [p, expected](const Synth& s, const inspect::BlockView& b) {
                       Value got = at_path(s.emitted(b), p);
                       if (same(got, expected)) return Result{};
                       return Result{false, "emitted " + p + " is " + show(got) + ", expected " + show(expected)};
                     }});
  return std::move(*this);
}

BlockMatcher BlockMatcher::where(std::function<bool(const inspect::BlockView&)> predicate, std::string description) && {
  checks_.push_back({description, [predicate, description](const Synth&, const inspect::BlockView& b) {
                       if (predicate(b)) return Result{};
                       return Result{false, "does not satisfy: " + description};
                     }});
  return std::move(*this);
}

BlockMatcher BlockMatcher::absent() && {
  absent_ = true;
  return std::move(*this);
}

std::string BlockMatcher::matched_address() const {
  return kind_ == "resource"                       ? type_ + "." + name_
         : kind_ == "data" || kind_ == "ephemeral" ? kind_ + "." + type_ + "." + name_
         : kind_ == "output"                       ? "output." + name_
                                                   : "var." + name_;
}

std::string BlockMatcher::describe() const {
  std::string address = matched_address();
  std::string out = (absent_ ? "has no " : "has ") + address;
  for (const auto& c : checks_) out += " with " + c.description;
  return out;
}

Result BlockMatcher::match(const Synth& synth) const {
  std::string address = matched_address();
  inspect::BlockView b = synth.block(address);
  if (absent_) {
    if (!b) return {};
    return {false, address + " is declared at " + location_of(b)};
  }
  if (!b) {
    std::string similar;
    if (!type_.empty())
      for (auto other : synth.resources(type_)) similar += (similar.empty() ? "" : ", ") + std::string(other.address());
    return {false, address + " is not declared" + (similar.empty() ? "" : " (" + type_ + " declared: " + similar + ")")};
  }
  Result all;
  for (const auto& c : checks_) {
    Result r = c.run(synth, b);
    if (!r) {
      all.ok = false;
      all.message += (all.message.empty() ? "" : "; ") + r.message;
    }
  }
  if (!all) all.message = address + " (" + location_of(b) + "): " + all.message;
  return all;
}

// --- Findings

Result FindingMatcher::match(const Synth& synth) const {
  auto found = synth.findings(rule_, address_);
  const bool ok = count_ ? found.size() == *count_ : !found.empty();
  if (ok) return {};
  return {false, "found " + std::to_string(found.size()) + " " + rule_ + (address_.empty() ? "" : " at " + address_) +
                     "; all diagnostics:\n" + synth.describe_diagnostics()};
}

std::string FindingMatcher::describe() const {
  return "has " + (count_ ? std::to_string(*count_) : std::string("a")) + " finding " + rule_ +
         (address_.empty() ? "" : " at " + address_);
}

Result validates_cleanly(const Synth& synth, bool strict) {
  if (!synth.has_errors(strict)) return {};
  return {false, "validation found:\n" + synth.describe_diagnostics()};
}

// --- Snapshots

Result matches_snapshot(const Synth& synth, const fs::path& file) {
  if (synth.has_errors()) return {false, "the stack does not validate:\n" + synth.describe_diagnostics()};
  const char* update = std::getenv("STACKGEN_UPDATE_SNAPSHOTS");
  if (update && std::string_view(update) == "1") {
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << synth.json_text();
    return {true, "snapshot " + file.string() + " updated"};
  }
  std::ifstream in(file, std::ios::binary);
  if (!in)
    return {false, "no snapshot " + file.string() + "; run the test with STACKGEN_UPDATE_SNAPSHOTS=1 to write it"};
  std::ostringstream text;
  text << in.rdbuf();
  const std::string expected = text.str();
  const std::string& got = synth.json_text();
  if (expected == got) return {};
  // The first differing line, with its number.
  std::size_t line = 1, i = 0;
  while (i < expected.size() && i < got.size() && expected[i] == got[i]) {
    if (expected[i] == '\n') ++line;
    ++i;
  }
  auto line_at = [](const std::string& s, std::size_t at) {
    std::size_t b = s.rfind('\n', at == 0 ? 0 : at - 1);
    b = b == std::string::npos ? 0 : b + 1;
    std::size_t e = s.find('\n', at);
    return s.substr(b, e == std::string::npos ? std::string::npos : e - b);
  };
  return {false, "differs from snapshot " + file.string() + " at line " + std::to_string(line) + ":\n  snapshot: " +
                     line_at(expected, i) + "\n  now:      " + line_at(got, i) +
                     "\nIf the change is intended, rerun with STACKGEN_UPDATE_SNAPSHOTS=1 and review the diff"};
}

// --- Real terraform

namespace {

/// A program on PATH, or empty.
std::string on_path(const std::string& program) {
  const char* path = std::getenv("PATH");
  if (!path) return "";
  std::string_view rest(path);
  while (!rest.empty()) {
    auto colon = rest.find(':');
    fs::path candidate = fs::path(std::string(rest.substr(0, colon))) / program;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
    if (colon == std::string_view::npos) break;
    rest.remove_prefix(colon + 1);
  }
  return "";
}

/// The directory holding registry.terraform.io/ that has hashicorp/aws.
std::string provider_mirror() {
  std::vector<fs::path> candidates;
  if (const char* m = std::getenv("STACKGEN_TF_MIRROR")) candidates.emplace_back(m);
  candidates.emplace_back("/opt/tf-plugins");
  if (const char* home = std::getenv("HOME")) candidates.push_back(fs::path(home) / ".terraform.d/plugins");
  candidates.emplace_back("/usr/share/terraform/plugins");
  candidates.emplace_back("/usr/local/share/terraform/plugins");
  for (const auto& c : candidates) {
    std::error_code ec;
    if (fs::is_directory(c / "registry.terraform.io/hashicorp/aws", ec)) return c.string();
  }
  return "";
}

/// Runs `argv` in `cwd` with `env` added; output (stdout and stderr) to `log`.
int run(const std::vector<std::string>& argv, const fs::path& cwd, const std::vector<std::string>& env,
        std::string& log) {
  int fds[2];
  if (::pipe(fds) != 0) return -1;
  // The additions replace inherited variables of the same name (a
  // TF_CLI_CONFIG_FILE of the caller's must not win).
  std::vector<std::string> environment;
  for (char** e = environ; *e; ++e) {
    std::string_view entry(*e);
    const std::string_view key = entry.substr(0, entry.find('='));
    bool replaced = false;
    for (const auto& add : env) replaced = replaced || std::string_view(add).substr(0, add.find('=')) == key;
    if (!replaced) environment.emplace_back(entry);
  }
  for (const auto& e : env) environment.push_back(e);
  std::vector<char*> envp, args;
  for (auto& e : environment) envp.push_back(e.data());
  envp.push_back(nullptr);
  std::vector<std::string> arg_storage = argv;
  arg_storage.insert(arg_storage.begin() + 1, "-chdir=" + cwd.string());
  for (auto& a : arg_storage) args.push_back(a.data());
  args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 2);
  posix_spawn_file_actions_addclose(&actions, fds[0]);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  ::close(fds[1]);
  if (spawned != 0) {
    ::close(fds[0]);
    return -1;
  }
  std::array<char, 16384> buf;
  ssize_t n;
  while ((n = ::read(fds[0], buf.data(), buf.size())) > 0) log.append(buf.data(), static_cast<std::size_t>(n));
  ::close(fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

fs::path fresh_directory() {
  static std::atomic<int> counter{0};
  auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
  fs::path p = fs::temp_directory_path() /
               ("stackgen-plan-" + std::to_string(::getpid()) + "-" + std::to_string(stamp) + "-" + std::to_string(counter++));
  fs::create_directories(p);
  return p;
}

}  // namespace

PlanResult plans_cleanly(const Synth& synth, const PlanOptions& options) {
  PlanResult r;
  if (synth.has_errors()) {
    r.status = PlanResult::Status::failed;
    r.message = "the stack does not validate:\n" + synth.describe_diagnostics();
    return r;
  }
  const std::string terraform = on_path("terraform");
  if (terraform.empty()) {
    r.message = "SKIPPED: terraform is not on PATH";
    return r;
  }
  const Value providers = synth.json().field("terraform").field("required_providers");
  const std::string mirror = provider_mirror();
  if (!providers.fields().empty() && mirror.empty()) {
    r.message = "SKIPPED: no provider mirror (set STACKGEN_TF_MIRROR to the directory holding registry.terraform.io/)";
    return r;
  }
  const fs::path work = options.work_dir.empty() ? fresh_directory() : options.work_dir;
  fs::create_directories(work);
  if (options.hcl) std::ofstream(work / "main.tf", std::ios::binary) << synth.hcl_text();
  else std::ofstream(work / "main.tf.json", std::ios::binary) << synth.json_text();
  for (const auto& [name, content] : options.extra_files) std::ofstream(work / name, std::ios::binary) << content;
  // Mock credentials for every aws configuration: nothing reaches AWS.
  const Value aws = synth.json().field("provider").field("aws");
  if (!aws.is_null()) {
    std::string configs;
    auto add = [&](const Value& c) {
      std::string entry = R"("access_key": "mock", "secret_key": "mock", "skip_credentials_validation": true, )"
                          R"("skip_requesting_account_id": true, "skip_metadata_api_check": true, "skip_region_validation": true)";
      if (auto alias = c.field("alias").as_string()) entry += ", \"alias\": \"" + std::string(*alias) + "\"";
      configs += (configs.empty() ? "" : ", ") + std::string("{") + entry + "}";
    };
    if (inspect::kind(aws) == inspect::ValueKind::list)
      for (const auto& c : aws.items()) add(c);
    else
      add(aws);
    std::ofstream(work / "test_provider_override.tf.json") << "{\"provider\": {\"aws\": [" << configs << "]}}\n";
  }
  std::vector<std::string> env{"TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1"};
  if (!mirror.empty()) {
    std::ofstream(work / ".terraformrc") << "provider_installation {\n  filesystem_mirror {\n    path = \"" << mirror
                                          << "\"\n    include = [\"registry.terraform.io/*/*\"]\n  }\n  direct {\n    exclude = "
                                             "[\"registry.terraform.io/*/*\"]\n  }\n}\n";
    env.push_back("TF_CLI_CONFIG_FILE=" + (work / ".terraformrc").string());
  }
  auto step = [&](std::vector<std::string> args, const char* what) {
    args.insert(args.begin(), terraform);
    std::string log;
    int code = run(args, work, env, log);
    r.log += log;
    if (code != 0) {
      r.status = PlanResult::Status::failed;
      r.message = std::string("terraform ") + what + " failed (exit " + std::to_string(code) + ")";
      return false;
    }
    return true;
  };
  if (!step({"init", "-input=false", "-backend=false", "-no-color"}, "init")) return r;
  if (!step({"validate", "-no-color"}, "validate")) return r;
  std::vector<std::string> plan{"plan", "-input=false", "-refresh=false", "-lock=false", "-no-color"};
  if (options.plan_json) plan.push_back("-out=stackgen.tfplan");
  for (const auto& [k, v] : options.variables) {
    plan.push_back("-var");
    plan.push_back(k + "=" + v);
  }
  const std::size_t before = r.log.size();
  if (!step(plan, "plan")) return r;
  const std::string plan_log = r.log.substr(before);
  std::smatch m;
  // With imports "Plan: 2 to import, 0 to add, ..."; with removed blocks
  // that keep the object "..., 0 to destroy, 1 to forget."
  static const std::regex summary(
      R"(Plan: (?:(\d+) to import, )?(\d+) to add, (\d+) to change, (\d+) to destroy(?:, (\d+) to forget)?\.)");
  if (std::regex_search(plan_log, m, summary)) {
    const auto count = [&](int i) { return m[i].matched ? std::stoi(m[i]) : 0; };
    r.to_import = count(1);
    r.to_add = count(2);
    r.to_change = count(3);
    r.to_destroy = count(4);
    r.to_forget = count(5);
    r.message = m[0];
  } else if (plan_log.find("No changes.") != std::string::npos) {
    r.message = "No changes.";
  } else {
    r.status = PlanResult::Status::failed;
    r.message = "terraform plan printed no summary";
    return r;
  }
  if (options.plan_json) {
    std::vector<std::string> show{terraform, "show", "-json", "-no-color", "stackgen.tfplan"};
    std::string out;
    if (run(show, work, env, out) != 0) {
      r.status = PlanResult::Status::failed;
      r.message = "terraform show -json failed";
      r.log += out;
      return r;
    }
    // Only the document: a warning terraform printed first is not JSON.
    const auto brace = out.find('{');
    r.plan_json = brace == std::string::npos ? out : out.substr(brace);
  }
  r.status = PlanResult::Status::passed;
  if (options.work_dir.empty()) {
    std::error_code ec;
    fs::remove_all(work, ec);
  }
  return r;
}

namespace {

/// address -> what is compared of one planned change.
std::map<std::string, std::string> planned_changes(const Value& plan) {
  std::map<std::string, std::string> out;
  for (const auto& rc : plan.field("resource_changes").items()) {
    const Value change = rc.field("change");
    std::string facts = "actions = " + change.field("actions").to_hcl() + "\nafter = " + change.field("after").to_hcl() +
                        "\nafter_unknown = " + change.field("after_unknown").to_hcl() +
                        "\nafter_sensitive = " + change.field("after_sensitive").to_hcl();
    out[std::string(rc.field("address").as_string().value_or(""))] = std::move(facts);
  }
  for (auto [name, o] : plan.field("planned_values").field("outputs").fields())
    out["output." + std::string(name)] = o.to_hcl();
  return out;
}

}  // namespace

Result same_plan(std::string_view plan_a, std::string_view plan_b) {
  std::map<std::string, std::string> a, b;
  try {
    a = planned_changes(value_from_json(plan_a));
    b = planned_changes(value_from_json(plan_b));
  } catch (const JsonError& e) {
    return {false, std::string("a plan is not JSON: ") + e.what()};
  }
  for (const auto& [address, facts] : a) {
    auto it = b.find(address);
    if (it == b.end()) return {false, address + " is planned only by the first"};
    if (it->second != facts)
      return {false, address + " is planned differently:\n--- first\n" + facts + "\n--- second\n" + it->second};
  }
  for (const auto& [address, facts] : b)
    if (!a.count(address)) return {false, address + " is planned only by the second"};
  return {true, std::to_string(a.size()) + " planned addresses agree"};
}

}  // namespace stackgen::testing
