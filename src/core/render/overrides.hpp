// add_override / delete_override: edits of a block's emitted body.
//
// The renderer turns a block with overrides into one object Value (nested
// blocks as lists of objects), applies the edits to it, and writes that
// object with the same writer as every other block: there is one
// serializer, whatever the overrides. Paths are dot-separated; a number
// selects a list element (`default_action.0.order`), or the object itself
// where a single block is written as an object. The checks validate paths
// against the schema first (check/override_paths.hpp); here, a path that
// does not fit is skipped, never a crash or an unbounded allocation.
#pragma once

#include <string_view>
#include <vector>

#include "stackgen/core/value.hpp"

namespace stackgen::detail {

/// Longest path the checks accept, and the renderer follows.
inline constexpr std::size_t kMaxOverrideSegments = 32;

/// The segments of a path ("a.0.b" -> a, 0, b).
std::vector<std::string_view> override_segments(std::string_view path);
/// A segment that selects an element: decimal digits, small enough to be an index.
bool is_index_segment(std::string_view segment, std::size_t* index = nullptr);

/// `body` with the value at `path` set (`value` non-null) or removed.
Value apply_override(const Value& body, std::string_view path, const Value* value);

}  // namespace stackgen::detail
