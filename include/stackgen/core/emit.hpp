// Validation, rendering and writing of stacks.
//
// validate() runs every registered check; render() turns a stack into file
// contents in memory; write_output() puts them on disk atomically and keeps
// a manifest so that files stackgen wrote earlier and no longer produces are
// removed, and files it did not write are never touched.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "stackgen/core/diagnostic.hpp"
#include "stackgen/core/stack.hpp"

namespace stackgen {

/// A check over a whole stack (core checks, schema checks, lint rules).
using Check = std::function<void(const Stack&, Diagnostics&)>;
/// Adds a check run by validate(); called by the library's own rule sets.
void register_check(std::string name, Check check);

/// Runs every check on the stack. Suppressed findings are kept, marked.
Diagnostics validate(const Stack& stack);

struct RenderedFile {
  std::string path;  ///< relative to the output directory: "<stack>/main.tf.json"
  std::string content;
};

/// The files of one stack. Call validate() first: render() assumes a
/// stack without errors.
std::vector<RenderedFile> render(const Stack& stack);

struct WriteReport {
  std::vector<std::string> written;    ///< new or changed files
  std::vector<std::string> unchanged;  ///< identical bytes already on disk
  std::vector<std::string> removed;    ///< stale files from an earlier emit
};

struct WriteOptions {
  std::filesystem::path out_dir = "out";
  /// Only compare: write nothing, report what would change.
  bool check_only = false;
  /// Stacks whose directories this run owns (for stale-file removal);
  /// files of other stacks in the manifest are kept.
  std::vector<std::string> stacks;
};

/// Writes `files` under options.out_dir. Throws stackgen::OutputError when a
/// file it would write exists and was not written by stackgen, or on I/O
/// failure; on any error earlier output stays as it was.
WriteReport write_output(const std::vector<RenderedFile>& files, const WriteOptions& options);

class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace stackgen
