#include "convert/input.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "hcl/parser.hpp"

namespace stackgen::convert {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + p.string());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

hcl::ExpressionPtr make(hcl::Expression::Node node) {
  auto e = std::make_unique<hcl::Expression>();
  e->node = std::move(node);
  return e;
}

hcl::ExpressionPtr literal_string(const std::string& text) {
  hcl::Template t;
  t.form = hcl::Template::Form::Quoted;
  if (!text.empty()) {
    hcl::TemplatePart part;
    part.node = hcl::TemplateLiteral{text, {}};
    t.parts.push_back(std::move(part));
  }
  return make(std::move(t));
}

// Converts the JSON syntax of one file into the native syntax tree.
class JsonReader {
 public:
  JsonReader(const SchemaIndex& schemas, std::string filename)
      : schemas_(schemas), filename_(std::move(filename)) {}

  hcl::Body file(const Json& doc) {
    if (!doc.is_object()) fail("", "a Terraform JSON file is an object");
    hcl::Body body;
    for (const auto& [key, value] : doc.items()) {
      if (key == "//") continue;  // comments (CDKTF's metadata)
      if (key == "resource" || key == "data" || key == "ephemeral") {
        typed_blocks(body, key, value, key);
      } else if (key == "variable" || key == "output" || key == "module") {
        for (const auto& [name, b] : object(value, key).items())
          for (const Json* one : each(b)) push_block(body, key, {name}, named_body(key, *one));
      } else if (key == "provider") {
        for (const auto& [name, configs] : object(value, key).items()) {
          const Binding* binding = schemas_.provider(name);
          for (const Json* b : each(configs))
            push_block(body, key, {name}, block_body(*b, binding ? binding->block : nullptr));
        }
      } else if (key == "locals") {
        for (const Json* b : each(value)) {
          hcl::Body locals;
          for (const auto& [name, v] : object(*b, key).items()) push_attribute(locals, name, expression(v));
          push_block(body, key, {}, std::move(locals));
        }
      } else if (key == "terraform") {
        for (const Json* b : each(value)) push_block(body, key, {}, terraform(*b));
      } else if (key == "moved" || key == "import" || key == "removed") {
        for (const Json* b : each(value)) push_block(body, key, {}, meta_block(key, *b));
      } else if (key == "check") {
        for (const auto& [name, b] : object(value, key).items())
          for (const Json* one : each(b)) push_block(body, key, {name}, check_body(name, *one));
      } else {
        fail(key, "unknown top-level key (expected resource, data, ephemeral, variable, output, locals, module, "
                  "provider, terraform, moved, import, removed, check)");
      }
    }
    return body;
  }

 private:
  [[noreturn]] void fail(const std::string& where, const std::string& what) const {
    throw std::runtime_error(filename_ + (where.empty() ? "" : ": " + where) + ": " + what);
  }

  const Json& object(const Json& v, const std::string& where) const {
    if (!v.is_object()) fail(where, "expected an object");
    return v;
  }
  // A block may be given once (an object) or several times (an array).
  static std::vector<const Json*> each(const Json& v) {
    std::vector<const Json*> out;
    if (v.is_array())
      for (const auto& e : v) out.push_back(&e);
    else
      out.push_back(&v);
    return out;
  }

  static void push_block(hcl::Body& into, std::string type, std::vector<std::string> labels, hcl::Body body) {
    hcl::Block b;
    b.type = std::move(type);
    for (auto& l : labels) b.labels.push_back({std::move(l), true, {}});
    b.body = std::move(body);
    into.items.push_back({std::move(b)});
  }
  static void push_attribute(hcl::Body& into, std::string name, hcl::ExpressionPtr e) {
    hcl::Attribute a;
    a.name = std::move(name);
    a.expr = std::move(e);
    into.items.push_back({std::move(a)});
  }

  // A value: strings are templates ("${var.x}-suffix").
  hcl::ExpressionPtr expression(const Json& v) const {
    if (v.is_string()) {
      // A JSON string is a template; as an expression of the tree it is the
      // quoted form (a bare template prints without quotes).
      auto e = parsed(hcl::parse_template(v.get_ref<const std::string&>(), filename_));
      if (auto* t = e->get_if<hcl::Template>()) t->form = hcl::Template::Form::Quoted;
      return e;
    }
    return literal(v, /*templates=*/true);
  }
  // A literal value (variable defaults): strings are not templates.
  hcl::ExpressionPtr literal(const Json& v, bool templates = false) const {
    switch (v.type()) {
      case Json::value_t::null: return make(hcl::Literal{hcl::Literal::Type::Null, {}, false});
      case Json::value_t::boolean: return make(hcl::Literal{hcl::Literal::Type::Bool, {}, v.get<bool>()});
      case Json::value_t::number_integer:
      case Json::value_t::number_unsigned:
      case Json::value_t::number_float: return make(hcl::Literal{hcl::Literal::Type::Number, v.dump(), false});
      case Json::value_t::string:
        return templates ? expression(v) : literal_string(v.get_ref<const std::string&>());
      case Json::value_t::array: {
        hcl::Tuple t;
        for (const auto& e : v) t.elements.push_back(templates ? expression(e) : literal(e));
        return make(std::move(t));
      }
      case Json::value_t::object: {
        hcl::Object o;
        for (const auto& [k, e] : v.items()) {
          hcl::ObjectItem item;
          item.key = literal_string(k);
          item.value = templates ? expression(e) : literal(e);
          o.items.push_back(std::move(item));
        }
        return make(std::move(o));
      }
      default: fail("", "unsupported JSON value");
    }
  }
  hcl::ExpressionPtr parsed(hcl::ParseResult<hcl::ExpressionPtr> r) const {
    if (!r) throw std::runtime_error(r.error->str());
    return std::move(r.value);
  }
  // Keys whose JSON strings are expressions, not templates: references and
  // type constraints (Terraform's JSON syntax, "Expression Mapping").
  hcl::ExpressionPtr bare_expression(const Json& v, const std::string& where) const {
    if (!v.is_string()) fail(where, "expected a string holding an expression");
    return parsed(hcl::parse_expression(v.get_ref<const std::string&>(), filename_));
  }
  hcl::ExpressionPtr expression_list(const Json& v, const std::string& where) const {
    if (!v.is_array()) fail(where, "expected an array");
    hcl::Tuple t;
    for (const auto& e : v) t.elements.push_back(bare_expression(e, where));
    return make(std::move(t));
  }

  hcl::Body lifecycle(const Json& v) const {
    hcl::Body b;
    for (const auto& [k, e] : object(v, "lifecycle").items()) {
      if (k == "ignore_changes" && e.is_array())
        push_attribute(b, k, expression_list(e, "lifecycle.ignore_changes"));
      else if (k == "ignore_changes" || k == "replace_triggered_by")
        push_attribute(b, k, e.is_array() ? expression_list(e, k) : bare_expression(e, k));
      else if (k == "precondition" || k == "postcondition")
        for (const Json* c : each(e)) push_block(b, k, {}, plain_body(*c));
      else
        push_attribute(b, k, expression(e));
    }
    return b;
  }

  hcl::Body plain_body(const Json& v) const {
    hcl::Body b;
    for (const auto& [k, e] : object(v, "block").items())
      if (k != "//") push_attribute(b, k, expression(e));
    return b;
  }

  // A provisioner's body: `when` and `on_failure` are keywords, its own
  // `connection` a block.
  hcl::Body provisioner_body(const Json& v) const {
    hcl::Body b;
    for (const auto& [k, e] : object(v, "provisioner").items()) {
      if (k == "//") continue;
      if (k == "when" || k == "on_failure")
        push_attribute(b, k, bare_expression(e, "provisioner." + k));
      else if (k == "connection")
        for (const Json* one : each(e)) push_block(b, k, {}, plain_body(*one));
      else
        push_attribute(b, k, expression(e));
    }
    return b;
  }

  // A resource, data source or provider body, or a nested block's: the
  // schema tells nested blocks from attributes.
  hcl::Body block_body(const Json& v, const bindgen::Block* schema) const {
    hcl::Body b;
    for (const auto& [k, e] : object(v, "block").items()) {
      if (k == "//") continue;
      if (k == "depends_on") {
        push_attribute(b, k, expression_list(e, k));
      } else if (k == "provider") {
        push_attribute(b, k, bare_expression(e, k));
      } else if (k == "lifecycle") {
        push_block(b, k, {}, lifecycle(e));
      } else if (k == "dynamic") {
        for (const auto& [name, d] : object(e, "dynamic").items()) {
          const bindgen::BlockType* bt = schema ? nested_block(*schema, name) : nullptr;
          for (const Json* one : each(d)) {
            hcl::Body db;
            for (const auto& [dk, dv] : object(*one, "dynamic." + name).items()) {
              if (dk == "content")
                push_block(db, "content", {}, block_body(dv, bt ? &bt->block : nullptr));
              else if (dk == "iterator")
                push_attribute(db, dk, bare_expression(dv, dk));
              else
                push_attribute(db, dk, expression(dv));
            }
            push_block(b, "dynamic", {name}, std::move(db));
          }
        }
      } else if (k == "provisioner") {
        // [{"local-exec": {...}}, ...] (or one object): each a labelled block.
        for (const Json* one : each(e))
          for (const auto& [type, body] : object(*one, "provisioner").items())
            push_block(b, k, {type}, provisioner_body(body));
      } else if (k == "connection") {
        for (const Json* one : each(e)) push_block(b, k, {}, plain_body(*one));
      } else if (const bindgen::BlockType* bt = schema ? nested_block(*schema, k) : nullptr) {
        for (const Json* one : each(e)) push_block(b, k, {}, block_body(*one, &bt->block));
      } else {
        push_attribute(b, k, expression(e));
      }
    }
    return b;
  }

  hcl::Body named_body(const std::string& kind, const Json& v) const {
    hcl::Body b;
    for (const auto& [k, e] : object(v, kind).items()) {
      if (k == "//") continue;
      if (kind == "variable" && k == "type")
        push_attribute(b, k, bare_expression(e, "type"));
      else if (kind == "variable" && k == "default")
        push_attribute(b, k, literal(e));
      else if (kind == "variable" && k == "validation")
        for (const Json* c : each(e)) push_block(b, k, {}, plain_body(*c));
      else if (k == "depends_on")
        push_attribute(b, k, expression_list(e, k));
      else if (kind == "output" && k == "precondition")
        for (const Json* c : each(e)) push_block(b, k, {}, plain_body(*c));
      else if (kind == "module" && k == "providers" && e.is_object()) {
        hcl::Object o;
        for (const auto& [pk, pv] : e.items()) {
          hcl::ObjectItem item;
          item.key = literal_string(pk);
          item.value = bare_expression(pv, "providers");
          o.items.push_back(std::move(item));
        }
        push_attribute(b, k, make(std::move(o)));
      } else
        push_attribute(b, k, expression(e));
    }
    return b;
  }

  hcl::Body terraform(const Json& v) const {
    hcl::Body b;
    for (const auto& [k, e] : object(v, "terraform").items()) {
      if (k == "backend") {
        for (const auto& [type, settings] : object(e, "backend").items())
          push_block(b, k, {type}, plain_body(settings));
      } else if (k == "cloud") {
        // cloud's one nested block, workspaces, is an object in JSON.
        for (const Json* one : each(e)) {
          hcl::Body cloud;
          for (const auto& [ck, cv] : object(*one, "cloud").items()) {
            if (ck == "//") continue;
            if (ck == "workspaces")
              for (const Json* w : each(cv)) push_block(cloud, ck, {}, plain_body(*w));
            else
              push_attribute(cloud, ck, expression(cv));
          }
          push_block(b, k, {}, std::move(cloud));
        }
      } else if (k == "required_providers") {
        for (const Json* one : each(e)) {
          hcl::Body rp;
          for (const auto& [name, req] : object(*one, k).items()) push_attribute(rp, name, literal(req));
          push_block(b, k, {}, std::move(rp));
        }
      } else {
        push_attribute(b, k, literal(e));
      }
    }
    return b;
  }

  /// `{"<type>": {"<name>": body or [body, ...]}}` of `resource`, `data` or `ephemeral`
  /// (`where` names it in errors): blocks read with their type's schema.
  void typed_blocks(hcl::Body& into, const std::string& key, const Json& value, const std::string& where) const {
    for (const auto& [type, named] : object(value, where).items())
      for (const auto& [name, bodies] : object(named, where + "." + type).items())
        for (const Json* b : each(bodies)) {
          const Binding* binding = key == "resource" ? schemas_.resource(type)
                                   : key == "data"   ? schemas_.data_source(type)
                                                     : schemas_.ephemeral_resource(type);
          push_block(into, key, {type, name}, block_body(*b, binding ? binding->block : nullptr));
        }
  }

  /// `"check": {"<name>": {"assert": [...], "data": {"<type>": {"<name>": {...}}}}}`
  hcl::Body check_body(const std::string& name, const Json& v) const {
    const std::string where = "check." + name;
    hcl::Body b;
    for (const auto& [k, e] : object(v, where).items()) {
      if (k == "//") continue;
      if (k == "assert") {
        for (const Json* c : each(e)) push_block(b, k, {}, plain_body(*c));
      } else if (k == "data") {
        typed_blocks(b, k, e, where + ".data");
      } else {
        push_attribute(b, k, expression(e));
      }
    }
    return b;
  }

  hcl::Body meta_block(const std::string& kind, const Json& v) const {
    hcl::Body b;
    for (const auto& [k, e] : object(v, kind).items()) {
      if (k == "//") continue;
      if (k == "from" || k == "to")
        push_attribute(b, k, bare_expression(e, k));
      else if (k == "lifecycle")
        push_block(b, k, {}, plain_body(e));
      else
        push_attribute(b, k, expression(e));
    }
    return b;
  }

  const SchemaIndex& schemas_;
  std::string filename_;
};

bool is_config_file(const fs::path& p) {
  const std::string name = p.filename().string();
  return name.ends_with(".tf") || name.ends_with(".tf.json");
}

std::string stem_of(const fs::path& p) {
  std::string name = p.filename().string();
  for (std::string_view ext : {".tf.json", ".tf"})
    if (name.ends_with(ext)) return name.substr(0, name.size() - ext.size());
  return name;
}

std::vector<fs::path> config_files(const std::vector<fs::path>& paths) {
  std::vector<fs::path> files;
  for (const auto& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<fs::path> in_dir;
      for (const auto& entry : fs::directory_iterator(p))
        if (entry.is_regular_file() && is_config_file(entry.path())) in_dir.push_back(entry.path());
      std::sort(in_dir.begin(), in_dir.end());
      if (in_dir.empty()) throw std::runtime_error(p.string() + ": no .tf or .tf.json files in this directory");
      files.insert(files.end(), in_dir.begin(), in_dir.end());
    } else if (fs::is_regular_file(p, ec)) {
      if (!is_config_file(p)) throw std::runtime_error(p.string() + ": not a .tf or .tf.json file");
      files.push_back(p);
    } else {
      throw std::runtime_error(p.string() + ": no such file or directory");
    }
  }
  return files;
}

}  // namespace

TypesUsed types_used(const std::vector<fs::path>& paths) {
  TypesUsed used;
  std::vector<fs::path> files;
  try {
    files = config_files(paths);
  } catch (const std::exception&) {
    return used;
  }
  for (const auto& f : files) {
    std::string text;
    try {
      text = read_text(f);
    } catch (const std::exception&) {
      continue;
    }
    if (f.filename().string().ends_with(".json")) {
      Json doc = Json::parse(text, nullptr, /*allow_exceptions=*/false);
      if (!doc.is_object()) continue;
      for (const char* kind : {"resource", "data", "ephemeral"})
        if (auto it = doc.find(kind); it != doc.end() && it->is_object())
          for (const auto& [type, _] : it->items())
            (kind[0] == 'r'   ? used.resources
             : kind[0] == 'd' ? used.data_sources
                              : used.ephemeral_resources)
                .insert(type);
      // Data sources scoped to check blocks: check.<name>.data.<type>.
      if (auto checks = doc.find("check"); checks != doc.end() && checks->is_object())
        for (const auto& [_, check] : checks->items())
          if (auto data = check.find("data"); check.is_object() && data != check.end() && data->is_object())
            for (const auto& [type, __] : data->items()) used.data_sources.insert(type);
    } else {
      auto r = hcl::parse_file(text, f.string());
      if (!r) continue;
      for (const auto& item : r.value.body.items)
        if (const auto* b = item.block(); b && !b->labels.empty()) {
          if (b->type == "resource") used.resources.insert(b->labels[0].value);
          if (b->type == "data") used.data_sources.insert(b->labels[0].value);
          if (b->type == "ephemeral") used.ephemeral_resources.insert(b->labels[0].value);
          if (b->type == "check")
            for (const auto* d : b->body.blocks("data"))
              if (!d->labels.empty()) used.data_sources.insert(d->labels[0].value);
        }
    }
  }
  return used;
}

std::vector<InputFile> read_inputs(const std::vector<fs::path>& paths, const SchemaIndex& schemas) {
  const std::vector<fs::path> files = config_files(paths);
  std::vector<InputFile> out;
  for (const auto& f : files) {
    const std::string name = f.filename().string();
    if (name.ends_with("_override.tf") || name.ends_with("_override.tf.json") || name == "override.tf" ||
        name == "override.tf.json")
      throw std::runtime_error(f.string() +
                               ": override files merge into other blocks; merge them first (not converted)");
    InputFile in;
    in.path = f.string();
    in.stem = stem_of(f);
    in.json = name.ends_with(".json");
    const std::string text = read_text(f);
    if (in.json) {
      Json doc;
      try {
        doc = Json::parse(text);
      } catch (const Json::parse_error& e) {
        throw std::runtime_error(f.string() + ": " + e.what());
      }
      in.file.filename = std::make_shared<const std::string>(f.string());
      in.file.body = JsonReader(schemas, f.string()).file(doc);
    } else {
      auto r = hcl::parse_file(text, f.string());
      if (!r) throw std::runtime_error(r.error->str());
      in.file = std::move(r.value);
    }
    out.push_back(std::move(in));
  }
  return out;
}

}  // namespace stackgen::convert
