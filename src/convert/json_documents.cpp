// JSON documents written as text (a heredoc or a quoted string) in an
// attribute that holds JSON, as the C++ data jsonencode would encode.
#include "convert/converter.hpp"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <set>

#include <nlohmann/json.hpp>

#include "convert/cpp_text.hpp"

namespace stackgen::convert::detail {

namespace {

// (resource type, attribute) pairs whose value is a JSON document the AWS
// provider compares as JSON (equivalent documents plan no change against
// state): IAM and resource policies, ECS container definitions.
bool holds_json(std::string_view type, std::string_view attribute) {
  static const std::set<std::pair<std::string_view, std::string_view>> kJsonAttributes = {
      {"aws_iam_role", "assume_role_policy"},
      {"aws_iam_policy", "policy"},
      {"aws_iam_role_policy", "policy"},
      {"aws_iam_user_policy", "policy"},
      {"aws_iam_group_policy", "policy"},
      {"aws_s3_bucket_policy", "policy"},
      {"aws_sns_topic", "policy"},
      {"aws_sns_topic_policy", "policy"},
      {"aws_sqs_queue", "policy"},
      {"aws_sqs_queue_policy", "policy"},
      {"aws_kms_key", "policy"},
      {"aws_ecr_repository_policy", "policy"},
      {"aws_ecs_task_definition", "container_definitions"},
  };
  return kJsonAttributes.contains({type, attribute});
}

// An interpolation's place in the JSON text: U+E000 <n> U+E001 (private
// use characters; a template that contains them is not converted).
constexpr std::string_view kOpen = "\xEE\x80\x80", kClose = "\xEE\x80\x81";

}  // namespace

std::optional<std::string> Converter::json_document(const Declaration& d, const std::string& attribute,
                                                    const hcl::Expression& e, Scope& sc) {
  if (d.kind != Kind::resource || !holds_json(d.type, attribute)) return std::nullopt;
  const auto* t = e.get_if<hcl::Template>();
  if (!t || t->is_wrap()) return std::nullopt;
  // The text with a placeholder for each interpolation, which the document
  // may hold inside strings only (elsewhere it would not parse as JSON).
  std::string text;
  std::vector<const hcl::Expression*> holes;
  for (const auto& p : t->parts) {
    if (const auto* lit = std::get_if<hcl::TemplateLiteral>(&p.node)) {
      if (lit->value.find(kOpen) != std::string::npos || lit->value.find(kClose) != std::string::npos)
        return std::nullopt;
      text += lit->value;
    } else if (const auto* i = std::get_if<hcl::TemplateInterpolation>(&p.node)) {
      text += std::string(kOpen) + std::to_string(holes.size()) + std::string(kClose);
      holes.push_back(i->expr.get());
    } else {
      return std::nullopt;  // a directive: the text is not one JSON document
    }
  }
  // A document with a key twice is not converted: which one IAM keeps is
  // IAM's business, jsonencode would keep one.
  bool duplicate = false;
  std::vector<std::set<std::string>> keys;
  nlohmann::json::parser_callback_t check = [&](int, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
    using E = nlohmann::json::parse_event_t;
    if (event == E::object_start) keys.emplace_back();
    if (event == E::object_end) keys.pop_back();
    if (event == E::key && !keys.back().insert(parsed.get<std::string>()).second) duplicate = true;
    return true;
  };
  nlohmann::json doc = nlohmann::json::parse(text, check, /*allow_exceptions=*/false);
  if (doc.is_discarded() || duplicate || !(doc.is_object() || doc.is_array())) return std::nullopt;
  // Whether all of it has a C++ form, before any interpolation is translated
  // (translating counts in the summary): integers only (a fraction or an
  // exponent would be written as jsonencode writes the number, not as the
  // text did), interpolations in string values only, each placeholder whole
  // (a \uE000 escape in the text could make a stray one).
  auto occurrences = [](const std::string& s, std::string_view what) {
    std::size_t n = 0;
    for (std::size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + what.size())) ++n;
    return n;
  };
  auto placeholders_whole = [&](const std::string& s) {
    std::size_t whole = 0;
    for (std::size_t at = s.find(kOpen); at != std::string::npos; at = s.find(kOpen, at + kOpen.size())) {
      const std::size_t close = s.find(kClose, at);
      if (close == std::string::npos) return false;
      const std::string n = s.substr(at + kOpen.size(), close - at - kOpen.size());
      if (n.empty() || n.size() > 6 || n.find_first_not_of("0123456789") != std::string::npos ||
          std::stoul(n) >= holes.size())
        return false;
      ++whole;
    }
    return occurrences(s, kOpen) == whole && occurrences(s, kClose) == whole;
  };
  std::function<bool(const nlohmann::json&)> fits = [&](const nlohmann::json& j) {
    switch (j.type()) {
      case nlohmann::json::value_t::number_float: return false;
      case nlohmann::json::value_t::number_unsigned:
        return j.get<std::uint64_t>() <= static_cast<std::uint64_t>(INT64_MAX);
      case nlohmann::json::value_t::string: return placeholders_whole(j.get<std::string>());
      case nlohmann::json::value_t::array:
        return std::all_of(j.begin(), j.end(), [&](const nlohmann::json& x) { return fits(x); });
      case nlohmann::json::value_t::object:
        for (const auto& [k, x] : j.items())
          if (k.find(kOpen) != std::string::npos || k.find(kClose) != std::string::npos || !fits(x)) return false;
        return true;
      default: return true;
    }
  };
  if (!fits(doc)) return std::nullopt;

  // A string of the document: literal text, or a concatenation with the
  // interpolations (which jsonencode escapes; the text put them in as they
  // were, the same for values without quotes, backslashes or control
  // characters: ARNs, names, ids). As an Expr<std::string> argument; as a
  // Value, literal text is Value("...").
  auto string_text = [&](const std::string& s) -> std::string {
    if (s.find(kOpen) == std::string::npos) return cpp_string(s);
    std::string out;
    std::size_t at = 0;
    auto piece = [&](std::string p) { out += (out.empty() ? "" : " + ") + std::move(p); };
    while (at < s.size()) {
      const std::size_t open = s.find(kOpen, at);
      if (open == std::string::npos) {
        piece(out.empty() ? "Expr<std::string>(" + cpp_string(s.substr(at)) + ")" : cpp_string(s.substr(at)));
        break;
      }
      if (open > at)
        piece(out.empty() ? "Expr<std::string>(" + cpp_string(s.substr(at, open - at)) + ")"
                          : cpp_string(s.substr(at, open - at)));
      const std::size_t close = s.find(kClose, open);  // there is one: placeholders_whole
      const std::size_t n = std::stoul(s.substr(open + kOpen.size(), close - open - kOpen.size()));
      Code c = expr(*holes.at(n), "std::string", sc);
      piece(c.literal.empty() ? c.text : "Expr<std::string>(" + c.text + ")");
      at = close + kClose.size();
    }
    return out;
  };
  using As = DocNode::As;
  std::function<DocNode(const nlohmann::json&)> node = [&](const nlohmann::json& j) {
    DocNode n;
    switch (j.type()) {
      case nlohmann::json::value_t::object:
        n.kind = DocNode::Kind::object;
        for (const auto& [k, x] : j.items()) n.fields.emplace_back(k, node(x));
        break;
      case nlohmann::json::value_t::array:
        n.kind = DocNode::Kind::list;
        for (const auto& x : j) n.items.push_back(node(x));
        break;
      case nlohmann::json::value_t::string: {
        const std::string s = j.get<std::string>();
        if (s.find(kOpen) == std::string::npos) n.literal = s;
        n.text = [s, &string_text](As as) -> std::optional<std::string> {
          if (as == As::value) return s.find(kOpen) == std::string::npos ? "Value(" + cpp_string(s) + ")" : string_text(s);
          if (as == As::string) return string_text(s);
          return std::nullopt;
        };
        break;
      }
      case nlohmann::json::value_t::number_integer:
      case nlohmann::json::value_t::number_unsigned: {  // at most INT64_MAX (fits)
        const std::string t = j.is_number_unsigned() ? std::to_string(j.get<std::uint64_t>())
                                                     : std::to_string(j.get<std::int64_t>());
        n.number = t;
        n.text = [t](As as) -> std::optional<std::string> {
          if (as == As::value) return "Value(" + t + ")";
          if (as == As::number) return t;
          return std::nullopt;
        };
        break;
      }
      case nlohmann::json::value_t::boolean: {
        const std::string t = j.get<bool>() ? "true" : "false";
        n.text = [t](As as) -> std::optional<std::string> {
          if (as == As::value) return "Value(" + t + ")";
          if (as == As::boolean) return t;
          return std::nullopt;
        };
        break;
      }
      default:  // null (fits() refused the rest)
        n.text = [](As as) -> std::optional<std::string> {
          if (as == As::value) return std::string("nullptr");
          return std::nullopt;
        };
    }
    return n;
  };
  // The owner's other arguments are not translated here: what a document's
  // form depends on (a task definition's network_mode) is read as a literal.
  return document_code(node(doc), &d, attribute);
}

}  // namespace stackgen::convert::detail
