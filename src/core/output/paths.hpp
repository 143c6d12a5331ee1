// What stackgen may write or remove under an output directory.
//
// The manifest of an output directory is input from disk, which a pull
// request can change: every path in it, and every path stackgen is about to
// write, must match this grammar before anything touches the disk. No
// std::source_location here: the fuzz target compiles this file with clang.
#pragma once

#include <string>
#include <string_view>

namespace stackgen::detail {

/// A stack name usable as a directory name on every filesystem stackgen
/// writes to: letters, digits, '_', '-' and '.', starting with a letter,
/// digit or '_', at most 100 characters. On failure `why` says what is wrong.
bool is_valid_stack_name(std::string_view name, std::string* why = nullptr);

/// The one file stackgen writes at the top of the output directory: the
/// program's stacks in apply order (`stackgen list --order`).
inline constexpr std::string_view kOrderFileName = "stackgen.order.json";

/// `<stack>/<file>`: a path stackgen writes for a stack, or the order file. `<file>` is one to
/// four components of letters, digits, '_', '-' and '.', none starting with
/// '.', ending in an extension stackgen writes (.tf.json, .tf, .json, .yaml,
/// .yml, .md, .svg). Nothing absolute, no `..`, no backslash, no control
/// character: such a path cannot leave the output directory however it is
/// joined.
bool is_emitted_path(std::string_view path, std::string* why = nullptr);

/// The stack (first component) of an emitted path; "" for the order file.
std::string_view stack_of(std::string_view emitted_path);

}  // namespace stackgen::detail
