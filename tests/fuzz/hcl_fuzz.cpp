// libFuzzer target for the HCL parser (src/hcl): every input is parsed as a
// configuration file, as a standalone expression and as a bare template.
// Whatever parses must print, the printed text must parse again to an equal
// tree, and printing that tree must give the same text (the printer is a
// fixpoint). Any violation aborts, which libFuzzer reports as a crash.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "hcl/hcl.hpp"

namespace {

namespace hcl = stackgen::hcl;

[[noreturn]] void die(const char* what, const std::string& a, const std::string& b) {
  std::fprintf(stderr, "hcl_fuzz: %s\n--- first:\n%s\n--- second:\n%s\n", what, a.c_str(), b.c_str());
  std::abort();
}

void check_file(std::string_view src) {
  auto r = hcl::parse_file(src, "fuzz.tf");
  if (!r) return;
  std::string text = hcl::to_hcl(r.value);
  auto r2 = hcl::parse_file(text, "printed.tf");
  if (!r2) die("printed file does not parse", text, r2.error->str());
  if (!hcl::equal(r.value.body, r2.value.body)) die("file round trip differs", hcl::dump(r.value.body), hcl::dump(r2.value.body));
  std::string again = hcl::to_hcl(r2.value);
  if (again != text) die("printing a file is not a fixpoint", text, again);
}

template <class Parse>
void check_expr(std::string_view src, Parse parse, const char* what) {
  auto r = parse(src);
  if (!r) return;
  std::string text = hcl::to_hcl(*r.value);
  auto r2 = parse(text);
  if (!r2) die(what, text, r2.error->str());
  if (!hcl::equal(*r.value, *r2.value)) die(what, hcl::dump(*r.value), hcl::dump(*r2.value));
  std::string again = hcl::to_hcl(*r2.value);
  if (again != text) die(what, text, again);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view src(reinterpret_cast<const char*>(data), size);
  check_file(src);
  check_expr(src, [](std::string_view s) { return hcl::parse_expression(s, "fuzz"); }, "expression round trip");
  check_expr(src, [](std::string_view s) { return hcl::parse_template(s, "fuzz"); }, "template round trip");
  return 0;
}
