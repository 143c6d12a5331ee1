// stackgen_bench: emit throughput and scaling of synthetic stacks, and the
// whole `stackgen emit` process of the reference stack, against budgets.
//
// The driver runs each N in fresh child processes (itself with --run), so
// the peak RSS reported for N is that of N alone. A child times model
// building, validation, rendering and writing (repeated for small N) and
// reports the median of each phase; the driver takes the median over its
// children. Budgets are printed as PASS / FAIL, never asserted.
//
//   stackgen_bench                         every size, reference emit, verdicts
//   stackgen_bench --sizes 1,1000          chosen sizes only
//   stackgen_bench --markdown FILE         also write the results as Markdown
//   stackgen_bench --no-lint               validate() with the core checks only
//   stackgen_bench --run N [--reps R]      one size, one line (child mode)
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <stackgen/core/emit.hpp>
#if __has_include(<stackgen/lint/aws.hpp>)
#include <stackgen/lint/aws.hpp>
#define STACKGEN_BENCH_HAS_LINT 1
#endif

#include "synthetic_stack.hpp"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

// Budgets of issue 6.
constexpr double kBudgetLargeMs = 2000;             // N = 10000: build + validate + emit
constexpr double kBudgetLargeRssMb = 2048;          // N = 10000: peak RSS
constexpr double kBudgetLinearity = 1.3;            // ns/resource, N = 10000 vs N = 1000
constexpr double kBudgetReferenceEmitMs = 10;       // whole `stackgen emit` of keencho
constexpr double kRepeatLimitMs = 15000;            // a size slower than this runs once

#ifndef STACKGEN_BENCH_CLI
#define STACKGEN_BENCH_CLI ""
#endif

double ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

/// CPU time of this process (user + system), in ms: on a shared machine
/// less noisy than wall time, which the budgets are about.
double cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

struct Sample {
  size_t units = 0;
  size_t resources = 0;
  int processes = 1;
  int reps = 0;
  double build_ms = 0, validate_ms = 0, render_ms = 0, write_ms = 0, total_ms = 0, teardown_ms = 0;
  double cpu_ms = 0;          // user + system time of the four phases
  double core_checks_ms = 0;  // the part of validate_ms before the lint rules
  double peak_rss_mb = 0;
  size_t bytes = 0;
  size_t errors = 0;

  double mb_per_s() const { return total_ms > 0 ? bytes / 1e6 / (total_ms / 1e3) : 0; }
  double ns_per_resource() const { return resources ? total_ms * 1e6 / static_cast<double>(resources) : 0; }
};

// Small stacks repeat in one process (a run is microseconds); large ones
// run once per fresh process, so that every sample pays for a cold heap as
// `stackgen emit` does.
struct Plan {
  int processes;
  int reps;  // per process
};

Plan default_plan(size_t units) {
  if (units <= 1) return {1, 200};
  if (units <= 10) return {1, 100};
  if (units <= 100) return {1, 20};
  if (units <= 1000) return {5, 1};
  return {3, 1};
}

// --- child: one size, in this process

// When validate() finished the core checks (see run_one).
Clock::time_point g_core_checks_done;

int run_one(size_t units, int reps, const fs::path& out_root, bool lint) {
  // A rule set passed first runs after the core checks and before the lint
  // rules: it marks the time the core checks were done.
  std::vector<stackgen::RuleSet> rule_sets{
      stackgen::RuleSet("bench", {}, [](stackgen::RuleContext&) { g_core_checks_done = Clock::now(); })};
#ifdef STACKGEN_BENCH_HAS_LINT
  // validate() as `stackgen emit` runs it: core checks and the lint rules.
  if (lint) rule_sets.push_back(stackgen::aws::lint_rules());
#else
  (void)lint;
#endif
  std::vector<double> build, validate, core_checks, render, write, total, teardown, cpu;
  size_t resources = 0, bytes = 0, errors = 0;
  for (int r = 0; r < reps; ++r) {
    fs::path out = out_root / ("n" + std::to_string(units));
    std::error_code ec;
    fs::remove_all(out, ec);

    double c0 = cpu_ms();
    auto t0 = Clock::now();
    auto stack = std::make_unique<stackgen::Stack>("synthetic");
    stackgen::bench::build_synthetic_stack(*stack, units);
    auto t1 = Clock::now();
    stackgen::Diagnostics d = stackgen::validate(*stack, rule_sets);
    auto t2 = Clock::now();
    std::vector<stackgen::RenderedFile> files = stackgen::render(*stack);
    auto t3 = Clock::now();
    stackgen::WriteOptions options;
    options.out_dir = out;
    stackgen::write_output(files, options);
    auto t4 = Clock::now();
    double c4 = cpu_ms();

    bytes = 0;
    for (const auto& f : files) bytes += f.content.size();
    errors = 0;
    for (const auto& item : d.items()) {
      if (item.severity != stackgen::Severity::error) continue;
      if (!errors++) std::fprintf(stderr, "stackgen_bench: %s: %s\n", item.rule.c_str(), item.message.c_str());
    }
    resources = units * stackgen::bench::kResourcesPerUnit + stackgen::bench::kSharedResources;

    auto t5 = Clock::now();
    files.clear();
    files.shrink_to_fit();
    d = {};
    stack.reset();
    auto t6 = Clock::now();

    build.push_back(ms(t1 - t0));
    validate.push_back(ms(t2 - t1));
    core_checks.push_back(ms(g_core_checks_done - t1));
    render.push_back(ms(t3 - t2));
    write.push_back(ms(t4 - t3));
    total.push_back(ms(t4 - t0));
    teardown.push_back(ms(t6 - t5));
    cpu.push_back(c4 - c0);
  }
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  std::printf("units=%zu resources=%zu reps=%d build=%.6f validate=%.6f core=%.6f render=%.6f write=%.6f total=%.6f "
              "teardown=%.6f cpu=%.6f rss_kb=%ld bytes=%zu errors=%zu\n",
              units, resources, reps, median(build), median(validate), median(core_checks), median(render), median(write),
              median(total), median(teardown), median(cpu), ru.ru_maxrss, bytes, errors);
  return errors ? 1 : 0;
}

// --- driver

std::optional<Sample> parse_sample(const std::string& line) {
  Sample s;
  long rss_kb = 0;
  int n = std::sscanf(line.c_str(),
                      "units=%zu resources=%zu reps=%d build=%lf validate=%lf core=%lf render=%lf write=%lf total=%lf "
                      "teardown=%lf cpu=%lf rss_kb=%ld bytes=%zu errors=%zu",
                      &s.units, &s.resources, &s.reps, &s.build_ms, &s.validate_ms, &s.core_checks_ms, &s.render_ms, &s.write_ms,
                      &s.total_ms, &s.teardown_ms, &s.cpu_ms, &rss_kb, &s.bytes, &s.errors);
  if (n != 14) return std::nullopt;
  s.peak_rss_mb = static_cast<double>(rss_kb) / 1024.0;
  return s;
}

std::string quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

std::optional<Sample> run_child(const std::string& self, size_t units, int reps, const fs::path& out_root,
                                bool lint) {
  std::string cmd = quote(self) + " --run " + std::to_string(units) + " --reps " + std::to_string(reps) +
                    " --out-dir " + quote(out_root.string()) + (lint ? "" : " --no-lint");
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return std::nullopt;
  std::string out;
  char buf[512];
  while (std::fgets(buf, sizeof buf, p)) out += buf;
  int status = pclose(p);
  auto s = parse_sample(out);
  if (!s || status != 0) {
    std::fprintf(stderr, "stackgen_bench: N=%zu failed (status %d): %s\n", units, status, out.c_str());
    if (s && s->errors) std::fprintf(stderr, "stackgen_bench: the synthetic stack has %zu validation errors\n", s->errors);
  }
  return s;
}

/// Wall time of `argv` from spawn to exit, or a negative value on failure.
double time_process(const std::vector<std::string>& argv) {
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  auto t0 = Clock::now();
  pid_t pid = 0;
  int rc = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return -1;
  int status = 0;
  waitpid(pid, &status, 0);
  auto t1 = Clock::now();
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return -1;
  return ms(t1 - t0);
}

struct EmitTiming {
  double median_ms = -1, min_ms = -1, max_ms = -1;
  int runs = 0;
};

EmitTiming time_reference_emit(const std::string& cli, const fs::path& out_root, int runs) {
  EmitTiming t;
  if (cli.empty() || !fs::exists(cli)) return t;
  fs::path out = out_root / "keencho-emit";
  std::error_code ec;
  fs::remove_all(out, ec);
  std::vector<std::string> argv = {cli, "emit", "--out", out.string(), "--stack", "keencho"};
  // The first run writes the file; the rest find it unchanged, as in the
  // edit loop. Warm the page cache before timing.
  for (int i = 0; i < 3; ++i)
    if (time_process(argv) < 0) return t;
  std::vector<double> v;
  for (int i = 0; i < runs; ++i) {
    double x = time_process(argv);
    if (x < 0) return t;
    v.push_back(x);
  }
  t.runs = runs;
  t.median_ms = median(v);
  t.min_ms = *std::min_element(v.begin(), v.end());
  t.max_ms = *std::max_element(v.begin(), v.end());
  return t;
}

std::string fmt(const char* f, double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, f, x);
  return buf;
}

/// Medians of the children's samples of one size; the largest peak RSS.
Sample combine(const std::vector<Sample>& v) {
  Sample s = v.front();
  s.processes = static_cast<int>(v.size());
  auto med = [&](double Sample::*field) {
    std::vector<double> x;
    for (const auto& e : v) x.push_back(e.*field);
    return median(x);
  };
  s.build_ms = med(&Sample::build_ms);
  s.validate_ms = med(&Sample::validate_ms);
  s.core_checks_ms = med(&Sample::core_checks_ms);
  s.render_ms = med(&Sample::render_ms);
  s.write_ms = med(&Sample::write_ms);
  s.total_ms = med(&Sample::total_ms);
  s.teardown_ms = med(&Sample::teardown_ms);
  s.cpu_ms = med(&Sample::cpu_ms);
  for (const auto& e : v) s.peak_rss_mb = std::max(s.peak_rss_mb, e.peak_rss_mb);
  return s;
}

std::string ms_cell(double x) { return fmt(x < 10 ? "%.3f" : x < 100 ? "%.1f" : "%.0f", x); }

std::string table(const std::vector<Sample>& samples) {
  std::ostringstream o;
  o << "| N | resources | runs | build ms | validate ms (core + lint) | render ms | write ms | **total ms** "
       "| CPU ms | peak RSS MB | output MB | MB/s | ns/resource |\n";
  o << "|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n";
  for (const auto& s : samples) {
    o << "| " << s.units << " | " << s.resources << " | " << s.processes << "x" << s.reps << " | "
      << ms_cell(s.build_ms) << " | " << ms_cell(s.validate_ms) << " (" << ms_cell(s.core_checks_ms) << " + "
      << ms_cell(s.validate_ms - s.core_checks_ms) << ") | " << ms_cell(s.render_ms) << " | "
      << ms_cell(s.write_ms) << " | **" << ms_cell(s.total_ms) << "** | " << ms_cell(s.cpu_ms) << " | "
      << fmt("%.1f", s.peak_rss_mb) << " | " << fmt("%.3f", static_cast<double>(s.bytes) / 1e6) << " | "
      << fmt("%.0f", s.mb_per_s()) << " | " << fmt("%.0f", s.ns_per_resource()) << " |\n";
  }
  return o.str();
}

struct Verdict {
  bool measured;
  bool pass;
  std::string text;
};

std::vector<Verdict> verdicts(const std::vector<Sample>& samples, const EmitTiming& emit) {
  auto find = [&](size_t units) -> const Sample* {
    for (const auto& s : samples)
      if (s.units == units) return &s;
    return nullptr;
  };
  std::vector<Verdict> v;
  const Sample* large = find(10000);
  const Sample* mid = find(1000);
  if (large) {
    v.push_back({true, large->total_ms < kBudgetLargeMs,
                 "N=10000 (" + std::to_string(large->resources) + " resources) built, validated and emitted in " +
                     fmt("%.0f", large->total_ms) + " ms (budget < " + fmt("%.0f", kBudgetLargeMs) + " ms)"});
    v.push_back({true, large->peak_rss_mb < kBudgetLargeRssMb,
                 "N=10000 peak RSS " + fmt("%.0f", large->peak_rss_mb) + " MB (budget < " +
                     fmt("%.0f", kBudgetLargeRssMb) + " MB)"});
  } else {
    v.push_back({false, false, "N=10000 time and RSS: not measured (size not run)"});
  }
  if (large && mid) {
    double ratio = large->ns_per_resource() / mid->ns_per_resource();
    v.push_back({true, ratio <= kBudgetLinearity,
                 "cost per resource N=10000 / N=1000 = " + fmt("%.0f", large->ns_per_resource()) + " / " +
                     fmt("%.0f", mid->ns_per_resource()) + " ns = " + fmt("%.2f", ratio) + "x (budget <= " +
                     fmt("%.1f", kBudgetLinearity) + "x)"});
  } else {
    v.push_back({false, false, "linearity N=10000 vs N=1000: not measured (size not run)"});
  }
  if (emit.median_ms >= 0) {
    v.push_back({true, emit.median_ms < kBudgetReferenceEmitMs,
                 "reference stack `stackgen emit --stack keencho`, whole process: median " +
                     fmt("%.2f", emit.median_ms) + " ms of " + std::to_string(emit.runs) + " runs (min " +
                     fmt("%.2f", emit.min_ms) + ", max " + fmt("%.2f", emit.max_ms) + ") (budget < " +
                     fmt("%.0f", kBudgetReferenceEmitMs) + " ms)"});
  } else {
    v.push_back({false, false, "reference emit: not measured (no stackgen binary, or it failed)"});
  }
  return v;
}

const char* verdict_word(const Verdict& v) { return !v.measured ? "SKIP" : v.pass ? "PASS" : "FAIL"; }

std::vector<size_t> parse_sizes(const std::string& s) {
  std::vector<size_t> out;
  std::stringstream ss(s);
  std::string item;
  while (std::getline(ss, item, ','))
    if (!item.empty()) out.push_back(std::stoul(item));
  return out;
}

int usage() {
  std::fprintf(stderr,
               "usage: stackgen_bench [--sizes 1,10,100,1000,10000] [--stackgen PATH] [--emit-runs R]\n"
               "                      [--out-dir DIR] [--markdown FILE] [--no-lint]\n"
               "       stackgen_bench --run N [--reps R] [--out-dir DIR] [--no-lint]\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<size_t> sizes = {1, 10, 100, 1000, 10000};
  std::string cli = STACKGEN_BENCH_CLI;
  fs::path out_root = fs::temp_directory_path() / ("stackgen-bench-" + std::to_string(getpid()));
  bool out_given = false;
  std::optional<size_t> run;
  int reps = 0;
  int emit_runs = 51;
  bool lint = true;
  std::string markdown;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::exit(usage());
      }
      return argv[++i];
    };
    if (a == "--sizes") sizes = parse_sizes(next());
    else if (a == "--stackgen") cli = next();
    else if (a == "--emit-runs") emit_runs = std::stoi(next());
    else if (a == "--out-dir") out_root = next(), out_given = true;
    else if (a == "--markdown") markdown = next();
    else if (a == "--run") run = std::stoul(next());
    else if (a == "--reps") reps = std::stoi(next());
    else if (a == "--no-lint") lint = false;
    else return usage();
  }

  if (run) return run_one(*run, reps > 0 ? reps : default_plan(*run).reps, out_root, lint);

  std::string self = fs::read_symlink("/proc/self/exe").string();
  std::vector<Sample> samples;
  bool failed = false;
  for (size_t n : sizes) {
    Plan plan = default_plan(n);
    if (reps > 0) plan.reps = reps;
    std::fprintf(stderr, "stackgen_bench: N=%zu (%d process(es) x %d run(s))...\n", n, plan.processes, plan.reps);
    std::vector<Sample> runs;
    for (int p = 0; p < plan.processes; ++p) {
      auto s = run_child(self, n, plan.reps, out_root, lint);
      if (!s || s->errors) {
        failed = true;
        break;
      }
      runs.push_back(*s);
      // Keep the whole run within minutes if something is slow.
      if (s->total_ms > kRepeatLimitMs) break;
    }
    if (!runs.empty() && !failed) samples.push_back(combine(runs));
  }
  std::fprintf(stderr, "stackgen_bench: reference emit (%d runs)...\n", emit_runs);
  EmitTiming emit = time_reference_emit(cli, out_root, emit_runs);
  if (!out_given) {
    std::error_code ec;
    fs::remove_all(out_root, ec);
  }

  std::string t = table(samples);
  auto vs = verdicts(samples, emit);
  std::printf("%s\n", t.c_str());
  for (const auto& v : vs) std::printf("%s  %s\n", verdict_word(v), v.text.c_str());

  if (!markdown.empty()) {
    std::ofstream md(markdown);
    md << t << "\n";
    md << "Budgets:\n\n";
    for (const auto& v : vs) md << "- **" << verdict_word(v) << "** " << v.text << "\n";
  }
  return failed ? 1 : 0;
}
