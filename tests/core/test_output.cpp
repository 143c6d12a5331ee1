// write_output(): atomic writes, the manifest, stale and foreign files.
#include <algorithm>

#include "test_support.hpp"

using namespace stackgen;
using test::slurp;
using test::spit;
using test::TempDir;
namespace fs = std::filesystem;

namespace {

const std::string kManifest = ".stackgen-manifest";
const std::string kHeader = "# stackgen manifest v1: files written by `stackgen emit`\n";

std::vector<RenderedFile> files_ab(std::string suffix = "") {
  return {{"a/main.tf.json", "{\"a\": 1" + suffix + "}\n"}, {"b/main.tf.json", "{\"b\": 2}\n"}};
}

/// Every regular file under `dir`, relative, sorted.
std::vector<std::string> tree(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) out.push_back(e.path().lexically_relative(dir).generic_string());
  std::sort(out.begin(), out.end());
  return out;
}

using Paths = std::vector<std::string>;

}  // namespace

TEST_CASE("writes files and a manifest, leaves no temporary files", "[output]") {
  TempDir tmp;
  const fs::path out = tmp.path() / "out";
  auto r = write_output(files_ab(), {out, false, {}});
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
  write_output(files_ab(), {out, false, {}});
  auto before = fs::last_write_time(out / "a/main.tf.json");
  auto r = write_output(files_ab(), {out, false, {}});
  CHECK(r.written.empty());
  CHECK(r.unchanged == Paths{"a/main.tf.json", "b/main.tf.json"});
  CHECK(fs::last_write_time(out / "a/main.tf.json") == before);

  auto changed = write_output(files_ab(", \"c\": 3"), {out, false, {}});
  CHECK(changed.written == Paths{"a/main.tf.json"});
  CHECK(changed.unchanged == Paths{"b/main.tf.json"});
  CHECK(slurp(out / "a/main.tf.json") == "{\"a\": 1, \"c\": 3}\n");
  CHECK(tree(out) == Paths{".stackgen-manifest", "a/main.tf.json", "b/main.tf.json"});
}

TEST_CASE("files of a removed stack are deleted with their empty directory", "[output]") {
  TempDir tmp;
  const fs::path out = tmp.path();
  write_output(files_ab(), {out, false, {}});
  auto r = write_output({files_ab()[0]}, {out, false, {}});
  CHECK(r.removed == Paths{"b/main.tf.json"});
  CHECK_FALSE(fs::exists(out / "b"));
  CHECK(tree(out) == Paths{".stackgen-manifest", "a/main.tf.json"});
  CHECK(slurp(out / kManifest) == kHeader + "a/main.tf.json\n");
}

TEST_CASE("stale removal keeps foreign files and their directory", "[output]") {
  TempDir tmp;
  const fs::path out = tmp.path();
  write_output(files_ab(), {out, false, {}});
  spit(out / "b/notes.md", "mine\n");
  auto r = write_output({files_ab()[0]}, {out, false, {}});
  CHECK(r.removed == Paths{"b/main.tf.json"});
  CHECK(tree(out) == Paths{".stackgen-manifest", "a/main.tf.json", "b/notes.md"});
  CHECK(slurp(out / "b/notes.md") == "mine\n");
}

TEST_CASE("a file not in the manifest is never overwritten", "[output]") {
  TempDir tmp;
  const fs::path out = tmp.path();
  SECTION("no manifest at all") {
    spit(out / "b/main.tf.json", "hand written\n");
    CHECK_THROWS_AS(write_output(files_ab(), {out, false, {}}), OutputError);
    // Nothing changed: not even the other stack's file or a manifest.
    CHECK(tree(out) == Paths{"b/main.tf.json"});
    CHECK(slurp(out / "b/main.tf.json") == "hand written\n");
  }
  SECTION("a manifest that does not list the file") {
    write_output({files_ab()[0]}, {out, false, {}});
    spit(out / "b/main.tf.json", "hand written\n");
    try {
      write_output(files_ab(", \"new\": true"), {out, false, {}});
      FAIL("expected OutputError");
    } catch (const OutputError& e) {
      std::string what = e.what();
      CHECK(what.find("b/main.tf.json exists and was not written by stackgen") !=
            std::string::npos);
    }
    CHECK(slurp(out / "b/main.tf.json") == "hand written\n");
    CHECK(slurp(out / "a/main.tf.json") == "{\"a\": 1}\n");
    CHECK(slurp(out / kManifest) == kHeader + "a/main.tf.json\n");
    CHECK(tree(out) == Paths{".stackgen-manifest", "a/main.tf.json", "b/main.tf.json"});
  }
  SECTION("check_only refuses too") {
    spit(out / "a/main.tf.json", "hand written\n");
    CHECK_THROWS_AS(write_output(files_ab(), {out, true, {}}), OutputError);
  }
}

TEST_CASE("paths outside the output directory are refused", "[output]") {
  TempDir tmp;
  CHECK_THROWS_AS(write_output({{"../escape/main.tf.json", "{}\n"}}, {tmp.path(), false, {}}),
                  OutputError);
  CHECK_THROWS_AS(write_output({{"/abs/main.tf.json", "{}\n"}}, {tmp.path(), false, {}}),
                  OutputError);
  CHECK(tree(tmp.path()).empty());
  CHECK_FALSE(fs::exists(tmp.path().parent_path() / "escape"));
}

TEST_CASE("check_only writes nothing and reports the differences", "[output]") {
  TempDir tmp;
  const fs::path out = tmp.path() / "out";
  auto fresh = write_output(files_ab(), {out, true, {}});
  CHECK(fresh.written == Paths{"a/main.tf.json", "b/main.tf.json"});
  CHECK_FALSE(fs::exists(out));

  write_output(files_ab(), {out, false, {}});
  auto clean = write_output(files_ab(), {out, true, {}});
  CHECK(clean.written.empty());
  CHECK(clean.removed.empty());
  CHECK(clean.unchanged.size() == 2);

  spit(out / "a/main.tf.json", "edited by hand\n");
  auto drift = write_output({files_ab()[0]}, {out, true, {}});
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
  write_output(files_ab(), {out, false, {}});
  auto r = write_output({{"a/main.tf.json", "{\"a\": 9}\n"}}, {out, false, {"a"}});
  CHECK(r.written == Paths{"a/main.tf.json"});
  CHECK(r.removed.empty());
  CHECK(slurp(out / "b/main.tf.json") == "{\"b\": 2}\n");
  CHECK(slurp(out / kManifest) == kHeader + "a/main.tf.json\nb/main.tf.json\n");
  // A stack name that prefixes another ("a" vs "ab") does not widen the scope.
  write_output({{"a/main.tf.json", "{}\n"}, {"ab/main.tf.json", "{}\n"}}, {out, false, {}});
  auto scoped = write_output({{"a/main.tf.json", "{}\n"}}, {out, false, {"a"}});
  CHECK(scoped.removed.empty());
  CHECK(fs::exists(out / "ab/main.tf.json"));
  // Unscoped, the missing stack's file is stale.
  auto all = write_output({{"a/main.tf.json", "{}\n"}}, {out, false, {}});
  CHECK(all.removed == Paths{"ab/main.tf.json"});
  CHECK(tree(out) == Paths{".stackgen-manifest", "a/main.tf.json"});
}

TEST_CASE("render() output round-trips through write_output", "[output]") {
  TempDir tmp;
  Stack s("hello");
  s.add<builtin::TerraformData>("d").input(Value("x"));
  auto files = render(s);
  auto r = write_output(files, {tmp.path(), false, {s.name()}});
  CHECK(r.written == Paths{"hello/main.tf.json"});
  CHECK(slurp(tmp.path() / "hello/main.tf.json") == files[0].content);
}
