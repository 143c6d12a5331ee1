// write_output(): atomic writes, the manifest, stale and foreign files, and
// an output directory that an attacker prepared (issue 9, part 1).
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <thread>

#include <stackgen/core/error.hpp>

#include "test_support.hpp"

using namespace stackgen;
using test::slurp;
using test::spit;
using test::TempDir;
namespace fs = std::filesystem;

namespace {

const std::string kManifest = ".stackgen-manifest";
const std::string kHeader = "# stackgen manifest v2: files written by `stackgen emit`; do not edit\n";

std::vector<RenderedFile> files_ab(std::string suffix = "") {
  return {{"a/main.tf.json", "{\"a\": 1" + suffix + "}\n"}, {"b/main.tf.json", "{\"b\": 2}\n"}};
}

/// Every file under `dir` (links included, not followed), relative, sorted.
std::vector<std::string> tree(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file() || e.is_symlink() || e.is_fifo())
      out.push_back(e.path().lexically_relative(dir).generic_string());
  std::sort(out.begin(), out.end());
  return out;
}

using Paths = std::vector<std::string>;

WriteOptions opts(const fs::path& out, std::vector<std::string> defined = {}, bool prune = false) {
  WriteOptions o;
  o.out_dir = out;
  o.defined_stacks = std::move(defined);
  o.prune = prune;
  return o;
}

std::string error_of(const std::vector<RenderedFile>& files, const WriteOptions& o) {
  try {
    write_output(files, o);
  } catch (const OutputError& e) {
    return e.what();
  }
  return "(no error)";
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("writes files and a manifest, leaves no temporary files", "[output]") {
  TempDir tmp;
  const fs::path out = tmp.path() / "out";
  auto r = write_output(files_ab(), opts(out));
  CHECK(r.written == Paths{"a/main.tf.json", "b/main.tf.json"});
  CHECK(r.unchanged.empty());
  CHECK(r.removed.empty());
  CHECK(tree(out) == Paths{".stackgen-manifest", "a/main.tf.json", "b/main.tf.json"});
  CHECK(slurp(out / "a/main.tf.json") == "{\"a\": 1}\n");
  CHECK(slurp(out / kManifest) == kHeader + "a/main.tf.json\nb/main.tf.json\n");
}

TEST_CASE("rewriting identical content changes nothing on disk", "[output]") {
  TempDir tmp;
  const fs::path out = tmp.path();
  write_output(files_ab(), opts(out));
  auto before = fs::last_write_time(out / "a/main.tf.json");
  auto r = write_output(files_ab(), opts(out));
  CHECK(r.written.empty());
  CHECK(r.unchanged == Paths{"a/main.tf.json", "b/main.tf.json"});
  CHECK(fs::last_write_time(out / "a/main.tf.json") == before);

  auto changed = write_output(files_ab(", \"c\": 3"), opts(out));
  CHECK(changed.written == Paths{"a/main.tf.json"});
  CHECK(changed.unchanged == Paths{"b/main.tf.json"});
  CHECK(slurp(out / "a/main.tf.json") == "{\"a\": 1, \"c\": 3}\n");
  CHECK(tree(out) == Paths{".stackgen-manifest", "a/main.tf.json", "b/main.tf.json"});
}

TEST_CASE("files of a stack the program still defines, but no longer produces, are removed", "[output]") {
  TempDir tmp;
  const fs::path out = tmp.path();
  write_output({{"a/main.tf.json", "{}\n"}, {"a/deploy/appspec.yaml", "x\n"}}, opts(out));
  auto r = write_output({{"a/main.tf.json", "{}\n"}}, opts(out));
  CHECK(r.removed == Paths{"a/deploy/appspec.yaml"});
  CHECK_FALSE(fs::exists(out / "a/deploy"));
  CHECK(slurp(out / kManifest) == kHeader + "a/main.tf.json\n");
}

TEST_CASE("a stack this program does not define is kept unless pruned", "[output]") {
  TempDir tmp;
  const fs::path out = tmp.path();
  write_output(files_ab(), opts(out));
  // A program that defines only `a` (another program, or `b` was deleted).
  auto kept = write_output({files_ab()[0]}, opts(out, {"a"}));
  CHECK(kept.removed.empty());
  CHECK(kept.kept == Paths{"b/main.tf.json"});
  CHECK(slurp(out / "b/main.tf.json") == "{\"b\": 2}\n");
  CHECK(slurp(out / kManifest) == kHeader + "a/main.tf.json\nb/main.tf.json\n");
  // A program that defines `b` but does not emit it in this run keeps it too.
  WriteOptions scoped = opts(out, {"a", "b"});
  scoped.stacks = {"a"};
  auto in_scope = write_output({files_ab()[0]}, scoped);
  CHECK(in_scope.removed.empty());
  CHECK(in_scope.kept.empty());
  // --prune removes it, with its directory.
  auto pruned = write_output({files_ab()[0]}, opts(out, {"a"}, true));
  CHECK(pruned.removed == Paths{"b/main.tf.json"});
  CHECK_FALSE(fs::exists(out / "b"));
  CHECK(tree(out) == Paths{".stackgen-manifest", "a/main.tf.json"});
}

TEST_CASE("stale removal keeps foreign files and their directory", "[output]") {
  TempDir tmp;
  const fs::path out = tmp.path();
  write_output(files_ab(), opts(out));
  spit(out / "b/notes.md", "mine\n");
  auto r = write_output({files_ab()[0]}, opts(out, {}, true));
  CHECK(r.removed == Paths{"b/main.tf.json"});
  CHECK(tree(out) == Paths{".stackgen-manifest", "a/main.tf.json", "b/notes.md"});
  CHECK(slurp(out / "b/notes.md") == "mine\n");
}

TEST_CASE("a file not in the manifest is never overwritten", "[output]") {
  TempDir tmp;
  const fs::path out = tmp.path();
  SECTION("no manifest at all") {
    spit(out / "b/main.tf.json", "hand written\n");
    CHECK_THROWS_AS(write_output(files_ab(), opts(out)), OutputError);
    // Nothing changed: not even the other stack's file or a manifest.
    CHECK(tree(out) == Paths{"b/main.tf.json"});
    CHECK(slurp(out / "b/main.tf.json") == "hand written\n");
  }
  SECTION("a manifest that does not list the file") {
    write_output({files_ab()[0]}, opts(out));
    spit(out / "b/main.tf.json", "hand written\n");
    CHECK(contains(error_of(files_ab(", \"new\": true"), opts(out)),
                   "b/main.tf.json exists and was not written by stackgen"));
    CHECK(slurp(out / "b/main.tf.json") == "hand written\n");
    CHECK(slurp(out / "a/main.tf.json") == "{\"a\": 1}\n");
    CHECK(slurp(out / kManifest) == kHeader + "a/main.tf.json\n");
  }
  SECTION("check_only refuses too") {
    spit(out / "a/main.tf.json", "hand written\n");
    WriteOptions o = opts(out);
    o.check_only = true;
    CHECK_THROWS_AS(write_output(files_ab(), o), OutputError);
  }
}

TEST_CASE("paths that are not files stackgen writes are refused", "[output]") {
  TempDir tmp;
  for (const std::string& bad : std::vector<std::string>{"../escape/main.tf.json", "/abs/main.tf.json", "a/../../x.json", "a/./main.tf.json",
                          "main.tf.json", "a/.bashrc", "a/id_rsa", "a\n/main.tf.json", "a/b\\c.json", "a//x.json",
                          "a/x.tf.json/", ""}) {
    INFO(bad);
    CHECK_THROWS_AS(write_output({{bad, "{}\n"}}, opts(tmp.path())), OutputError);
  }
  CHECK(tree(tmp.path()).empty());
  CHECK_FALSE(fs::exists(tmp.path().parent_path() / "escape"));
  CHECK_THROWS_AS(write_output(files_ab(), opts("")), OutputError);
}

TEST_CASE("a stack name with dots is a name, not a traversal", "[output]") {
  TempDir tmp;
  auto r = write_output({{"my..stack/main.tf.json", "{}\n"}}, opts(tmp.path()));
  CHECK(r.written == Paths{"my..stack/main.tf.json"});
  CHECK(write_output({{"my..stack/main.tf.json", "{}\n"}}, opts(tmp.path())).unchanged.size() == 1);
}

TEST_CASE("manifest entries are untrusted input", "[output][security]") {
  TempDir tmp;
  const fs::path victim_dir = tmp.path() / "victim";
  spit(victim_dir / "keep.json", "precious\n");
  const fs::path out = tmp.path() / "nested/out";
  write_output(files_ab(), opts(out));
  for (const std::string& entry : std::vector<std::string>{"../../victim/keep.json", tmp.path().string() + "/victim/keep.json",
                            "a/../../../victim/keep.json", "a/../../victim/keep.json", "a/.ssh/config.json",
                            "victim", "a/main.tf.json\nb/../../victim/keep.json"}) {
    INFO(entry);
    spit(out / kManifest, kHeader + "a/main.tf.json\n" + entry + "\n");
    auto before = tree(out);
    std::string error = error_of({files_ab()[0]}, opts(out, {}, true));
    CHECK(contains(error, ".stackgen-manifest is corrupt"));
    CHECK(slurp(victim_dir / "keep.json") == "precious\n");
    CHECK(tree(out) == before);
  }
  SECTION("not a manifest at all") {
    spit(out / kManifest, "a/main.tf.json\n");
    CHECK(contains(error_of(files_ab(), opts(out)), "not a stackgen manifest"));
    spit(out / kManifest, "# stackgen manifest v9: future\n");
    CHECK(contains(error_of(files_ab(), opts(out)), "unsupported manifest version"));
  }
}

TEST_CASE("CRLF line ends in the manifest (git autocrlf) are accepted", "[output]") {
  TempDir tmp;
  write_output(files_ab(), opts(tmp.path()));
  std::string crlf;
  for (char c : slurp(tmp.path() / kManifest)) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  spit(tmp.path() / kManifest, crlf);
  auto r = write_output(files_ab(), opts(tmp.path()));
  CHECK(r.unchanged.size() == 2);
  CHECK(slurp(tmp.path() / kManifest) == kHeader + "a/main.tf.json\nb/main.tf.json\n");
}

TEST_CASE("links planted in the output directory are never followed", "[output][security]") {
  TempDir tmp;
  const fs::path victim = tmp.path() / "victim.json";
  spit(victim, "precious\n");
  const fs::path out = tmp.path() / "out";
  write_output(files_ab(), opts(out));

  SECTION("the target file is a link") {
    fs::remove(out / "a/main.tf.json");
    fs::create_symlink(victim, out / "a/main.tf.json");
    CHECK(contains(error_of(files_ab(", \"x\": 1"), opts(out)), "a/main.tf.json is a symbolic link"));
    CHECK_THROWS_AS(read_emitted(out, "a/main.tf.json"), OutputError);
  }
  SECTION("a stack directory is a link") {
    fs::remove_all(out / "a");
    fs::create_symlink(tmp.path(), out / "a");
    CHECK(contains(error_of(files_ab(), opts(out)), "is a symbolic link, not a directory stackgen made"));
    CHECK_FALSE(fs::exists(tmp.path() / "main.tf.json"));
  }
  SECTION("a stale file's directory is a link") {
    fs::remove_all(out / "b");
    fs::create_directories(tmp.path() / "elsewhere");
    spit(tmp.path() / "elsewhere/main.tf.json", "theirs\n");
    fs::create_symlink(tmp.path() / "elsewhere", out / "b");
    CHECK_THROWS_AS(write_output({files_ab()[0]}, opts(out, {}, true)), OutputError);
    CHECK(slurp(tmp.path() / "elsewhere/main.tf.json") == "theirs\n");
  }
  SECTION("the output directory itself is a link") {
    fs::create_symlink(out, tmp.path() / "out-link");
    CHECK(contains(error_of(files_ab(), opts(tmp.path() / "out-link")), "is a symbolic link"));
  }
  SECTION("a link at an old-style predictable temporary name") {
    // Earlier versions wrote `.main.tf.json.tmp.<pid>` with O_TRUNC.
    fs::create_symlink(victim, out / "a" / (".main.tf.json.tmp." + std::to_string(::getpid())));
    write_output(files_ab(", \"x\": 1"), opts(out));
  }
  SECTION("the manifest is a link, a FIFO, a directory or huge") {
    fs::remove(out / kManifest);
    fs::create_symlink("/dev/zero", out / kManifest);
    CHECK(contains(error_of(files_ab(), opts(out)), ".stackgen-manifest is a symbolic link"));
    fs::remove(out / kManifest);
    REQUIRE(::mkfifo((out / kManifest).c_str(), 0600) == 0);
    CHECK(contains(error_of(files_ab(), opts(out)), ".stackgen-manifest is a FIFO"));
    fs::remove(out / kManifest);
    fs::create_directory(out / kManifest);
    CHECK(contains(error_of(files_ab(), opts(out)), ".stackgen-manifest is a directory"));
    fs::remove(out / kManifest);
    spit(out / kManifest, kHeader);
    fs::resize_file(out / kManifest, 64u << 20);  // sparse: nothing is allocated
    CHECK(contains(error_of(files_ab(), opts(out)), "is larger than"));
  }
  SECTION("a target that is a FIFO does not hang") {
    fs::remove(out / "a/main.tf.json");
    REQUIRE(::mkfifo((out / "a/main.tf.json").c_str(), 0600) == 0);
    CHECK(contains(error_of(files_ab(), opts(out)), "a/main.tf.json is a FIFO"));
    CHECK_THROWS_AS(read_emitted(out, "a/main.tf.json"), OutputError);
  }
  CHECK(slurp(victim) == "precious\n");
}

TEST_CASE("a stale path that is no longer a regular file is an error, not a removal", "[output]") {
  TempDir tmp;
  write_output(files_ab(), opts(tmp.path()));
  fs::remove(tmp.path() / "b/main.tf.json");
  fs::create_directory(tmp.path() / "b/main.tf.json");
  CHECK(contains(error_of({files_ab()[0]}, opts(tmp.path(), {}, true)), "b/main.tf.json is a directory"));
  CHECK(fs::is_directory(tmp.path() / "b/main.tf.json"));
}

TEST_CASE("re-emitting keeps the mode of the file it replaces", "[output]") {
  TempDir tmp;
  write_output(files_ab(), opts(tmp.path()));
  fs::permissions(tmp.path() / "a/main.tf.json", fs::perms::owner_read | fs::perms::owner_write);
  write_output(files_ab(", \"changed\": 1"), opts(tmp.path()));
  CHECK(fs::status(tmp.path() / "a/main.tf.json").permissions() == (fs::perms::owner_read | fs::perms::owner_write));
}

TEST_CASE("temporaries an interrupted run left behind are cleaned up", "[output]") {
  TempDir tmp;
  write_output(files_ab(), opts(tmp.path()));
  spit(tmp.path() / "a/.main.tf.json.stackgen-tmp.abcd1234", std::string(1000, 'x'));
  spit(tmp.path() / ".stackgen-manifest.stackgen-tmp.zzzz9999", "x");
  spit(tmp.path() / "a/.notes.stackgen-tmp.short", "someone else's");
  auto r = write_output(files_ab(), opts(tmp.path()));
  CHECK(r.stale_temporaries == 2);
  CHECK(tree(tmp.path()) ==
        Paths{".stackgen-manifest", "a/.notes.stackgen-tmp.short", "a/main.tf.json", "b/main.tf.json"});
}

TEST_CASE("a failing write says why and leaves no temporary", "[output]") {
  TempDir tmp;
  write_output(files_ab(), opts(tmp.path()));
  // RLIMIT_FSIZE makes write() fail as ENOSPC would (here EFBIG).
  auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
  rlimit old_limit{};
  ::getrlimit(RLIMIT_FSIZE, &old_limit);
  rlimit small = old_limit;
  small.rlim_cur = 8;
  ::setrlimit(RLIMIT_FSIZE, &small);
  std::string error = error_of(files_ab(std::string(64, ' ')), opts(tmp.path()));
  ::setrlimit(RLIMIT_FSIZE, &old_limit);
  std::signal(SIGXFSZ, old_handler);
  CHECK(contains(error, "cannot write"));
  CHECK(contains(error, "File too large"));
  CHECK(tree(tmp.path()) == Paths{".stackgen-manifest", "a/main.tf.json", "b/main.tf.json"});
  CHECK(slurp(tmp.path() / "a/main.tf.json") == "{\"a\": 1}\n");
}

TEST_CASE("an emit killed at any step is repaired by the next one", "[output]") {
  for (std::string step : {"decided", "temporaries", "intent-manifest", "renamed", "removed"}) {
    DYNAMIC_SECTION("killed after " << step) {
      TempDir tmp;
      write_output(files_ab(), opts(tmp.path()));
      // The next emit changes `a`, adds `c` and drops `b`.
      std::vector<RenderedFile> next = {{"a/main.tf.json", "{\"a\": 2}\n"}, {"c/main.tf.json", "{}\n"}};
      pid_t child = ::fork();
      REQUIRE(child >= 0);
      if (child == 0) {
        WriteOptions o = opts(tmp.path(), {}, true);
        o.after_step = [&](std::string_view s) {
          if (s == step) ::_exit(9);
        };
        write_output(next, o);
        ::_exit(0);
      }
      int status = 0;
      ::waitpid(child, &status, 0);
      REQUIRE(WIFEXITED(status));
      CHECK(WEXITSTATUS(status) == 9);
      auto r = write_output(next, opts(tmp.path(), {}, true));
      CHECK(tree(tmp.path()) == Paths{".stackgen-manifest", "a/main.tf.json", "c/main.tf.json"});
      CHECK(slurp(tmp.path() / kManifest) == kHeader + "a/main.tf.json\nc/main.tf.json\n");
      CHECK(slurp(tmp.path() / "a/main.tf.json") == "{\"a\": 2}\n");
    }
  }
}

TEST_CASE("concurrent emits into one directory do not lose each other's entries", "[output]") {
  TempDir tmp;
  // Each child emits its own stack and lingers between deciding and
  // writing: without the lock both read the same old manifest.
  auto emit_stack = [&](const std::string& stack) {
    pid_t child = ::fork();
    if (child == 0) {
      WriteOptions o = opts(tmp.path(), {"a", "b"});
      o.after_step = [](std::string_view s) {
        if (s == "decided") std::this_thread::sleep_for(std::chrono::milliseconds(200));
      };
      write_output({{stack + "/main.tf.json", "{}\n"}}, o);
      ::_exit(0);
    }
    return child;
  };
  pid_t a = emit_stack("a");
  pid_t b = emit_stack("b");
  int status = 0;
  ::waitpid(a, &status, 0);
  CHECK(WEXITSTATUS(status) == 0);
  ::waitpid(b, &status, 0);
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(slurp(tmp.path() / kManifest) == kHeader + "a/main.tf.json\nb/main.tf.json\n");
}

TEST_CASE("check_only writes nothing and reports the differences", "[output]") {
  TempDir tmp;
  const fs::path out = tmp.path() / "out";
  WriteOptions check = opts(out);
  check.check_only = true;
  auto fresh = write_output(files_ab(), check);
  CHECK(fresh.written == Paths{"a/main.tf.json", "b/main.tf.json"});
  CHECK_FALSE(fs::exists(out));

  write_output(files_ab(), opts(out));
  auto clean = write_output(files_ab(), check);
  CHECK(clean.written.empty());
  CHECK(clean.removed.empty());
  CHECK(clean.unchanged.size() == 2);

  spit(out / "a/main.tf.json", "edited by hand\n");
  WriteOptions prune_check = opts(out, {}, true);
  prune_check.check_only = true;
  auto drift = write_output({files_ab()[0]}, prune_check);
  CHECK(drift.written == Paths{"a/main.tf.json"});
  CHECK(drift.removed == Paths{"b/main.tf.json"});
  // Still nothing written or removed.
  CHECK(slurp(out / "a/main.tf.json") == "edited by hand\n");
  CHECK(fs::exists(out / "b/main.tf.json"));
  CHECK(slurp(out / kManifest) == kHeader + "a/main.tf.json\nb/main.tf.json\n");
}

TEST_CASE("a stack-scoped write keeps other stacks' files", "[output]") {
  TempDir tmp;
  const fs::path out = tmp.path();
  write_output(files_ab(), opts(out));
  WriteOptions scoped = opts(out, {"a", "b"});
  scoped.stacks = {"a"};
  auto r = write_output({{"a/main.tf.json", "{\"a\": 9}\n"}}, scoped);
  CHECK(r.written == Paths{"a/main.tf.json"});
  CHECK(r.removed.empty());
  CHECK(slurp(out / "b/main.tf.json") == "{\"b\": 2}\n");
  CHECK(slurp(out / kManifest) == kHeader + "a/main.tf.json\nb/main.tf.json\n");
  // A stack name that prefixes another ("a" vs "ab") does not widen the scope.
  write_output({{"a/main.tf.json", "{}\n"}, {"ab/main.tf.json", "{}\n"}}, opts(out));
  auto again = write_output({{"a/main.tf.json", "{}\n"}}, scoped);
  CHECK(again.removed.empty());
  CHECK(fs::exists(out / "ab/main.tf.json"));
}

TEST_CASE("stack names are validated by the library as by the CLI", "[output]") {
  for (const std::string& bad : std::vector<std::string>{"", "bad\nname", "a/b", "..", ".hidden", "-x", "sp ace", std::string(101, 'x'), "tab\t"}) {
    INFO(bad);
    CHECK_THROWS_AS(Stack(bad), Error);
    App app;
    CHECK_THROWS_AS(app.stack(bad), Error);
  }
  CHECK_NOTHROW(Stack("my..stack"));
  try {
    App app;
    app.stack("bad\nname");
  } catch (const Error& e) {
    CHECK(e.rule() == "core.invalid-stack-name");
    CHECK(contains(e.what(), "bad\\nname"));
    CHECK(contains(e.where().file, "test_output.cpp"));
  }
}

TEST_CASE("render() output round-trips through write_output", "[output]") {
  TempDir tmp;
  Stack s("hello");
  s.add<builtin::TerraformData>("d").input(Value("x"));
  auto files = render(s);
  auto r = write_output(files, opts(tmp.path()));
  CHECK(r.written == Paths{"hello/main.tf.json"});
  CHECK(slurp(tmp.path() / "hello/main.tf.json") == files[0].content);
  CHECK(read_emitted(tmp.path(), "hello/main.tf.json") == files[0].content);
  CHECK(read_emitted(tmp.path(), "other/main.tf.json") == std::nullopt);
}
