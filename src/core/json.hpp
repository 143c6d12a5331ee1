// A minimal JSON document and a deterministic writer for emitted files.
//
// Our own rather than nlohmann: the emitter is the hot path of `emit`, the
// output format must be byte-stable whatever the library version, and
// object keys are always written sorted.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace stackgen::detail {

struct Json {
  enum class Kind { null, boolean, integer, real, string, array, object, deferred };
  /// Writes a deferred value: the JSON text of `context` at `depth`.
  using DeferredWriter = void (*)(std::string& out, const void* context, int depth);

  Kind kind = Kind::null;
  bool boolean = false;
  std::int64_t integer = 0;
  double real = 0;
  std::string text;
  std::vector<Json> array;
  std::vector<std::pair<std::string, Json>> object;
  // Kind::deferred: a value produced only when the document is written, so
  // that a large document never exists as one tree (render_main defers each
  // block's body: one body at a time is built, written and freed).
  DeferredWriter deferred_writer = nullptr;
  const void* deferred_context = nullptr;

  static Json make_string(std::string s) {
    Json j;
    j.kind = Kind::string;
    j.text = std::move(s);
    return j;
  }
  static Json make_bool(bool b) {
    Json j;
    j.kind = Kind::boolean;
    j.boolean = b;
    return j;
  }
  static Json make_int(std::int64_t i) {
    Json j;
    j.kind = Kind::integer;
    j.integer = i;
    return j;
  }
  static Json make_array() {
    Json j;
    j.kind = Kind::array;
    return j;
  }
  static Json make_object() {
    Json j;
    j.kind = Kind::object;
    return j;
  }
  static Json make_deferred(DeferredWriter writer, const void* context) {
    Json j;
    j.kind = Kind::deferred;
    j.deferred_writer = writer;
    j.deferred_context = context;
    return j;
  }
  /// The member `key` of an object, created (as null) when missing.
  Json& operator[](std::string_view key);
  /// The member `key`, or nullptr.
  Json* find(std::string_view key);
  bool erase(std::string_view key);
  bool empty_object() const { return kind == Kind::object && object.empty(); }
};

/// Two-space indent, keys sorted bytewise, trailing newline. `size_hint`
/// is reserved up front (pages never written cost nothing), which saves
/// the copies of a growing string for large documents.
std::string write_json(const Json& j, std::size_t size_hint = 0);
/// Appends `j` as written at nesting `depth` (no trailing newline): what a
/// deferred value's writer calls.
void write_json_value(std::string& out, const Json& j, int depth);
/// The indentation of nesting `depth`, for writers that stream members.
void append_indent(std::string& out, int depth);
void append_json_string(std::string& out, std::string_view s);
/// The inside of a JSON string: `s` escaped, without the quotes.
void append_json_escaped(std::string& out, std::string_view s);

}  // namespace stackgen::detail
