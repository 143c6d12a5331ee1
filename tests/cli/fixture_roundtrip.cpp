// The `roundtrip` stack: outputs made of the strings in the file named by
// context `strings` (a JSON array, written by roundtrip.sh), each in three
// forms Terraform evaluates differently:
//   lit_<i>  the string as a literal in a template context;
//   tpl_<i>  head + var.mid_<i> + tail: a template whose middle comes from a
//            variable default (a literal context);
//   hcl_<i>  join("", [the string]): the string as an HCL quoted literal
//            inside `${...}`.
// roundtrip.sh applies it with real terraform and compares
// `terraform output -json` with the input, byte for byte.
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>
#include <stackgen/stackgen.hpp>

namespace {

using namespace stackgen;

void roundtrip(Stack& s) {
  std::string path = s.context("strings");
  if (path.empty()) return;
  std::ifstream in(path, std::ios::binary);
  const auto strings = nlohmann::json::parse(in).get<std::vector<std::string>>();
  for (std::size_t i = 0; i < strings.size(); ++i) {
    const std::string& text = strings[i];
    const std::string n = std::to_string(i);
    s.output("lit_" + n, Expr<std::string>(text));
    // Split in three at character boundaries; the middle goes through a
    // variable default.
    auto boundary = [&](std::size_t i) {
      while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xc0) == 0x80) ++i;
      return i;
    };
    const std::size_t a = boundary(text.size() / 3), b = boundary(2 * text.size() / 3);
    auto mid = s.variable<std::string>("mid_" + n).default_value(text.substr(a, b - a));
    s.output("tpl_" + n, Expr<std::string>(text.substr(0, a)) + mid + Expr<std::string>(text.substr(b)));
    s.output("hcl_" + n, join("", Expr<List<std::string>>{Expr<std::string>(text)}));
  }
}

const StackRegistration r_roundtrip{"roundtrip", roundtrip};

}  // namespace
