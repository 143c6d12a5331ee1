// Validation, rendering and writing of stacks.
//
// validate() runs the core checks and the rule sets it is given; render() turns a stack into file
// contents in memory; write_output() puts them on disk atomically and keeps
// a manifest so that files stackgen wrote earlier and no longer produces are
// removed, and files it did not write are never touched.
#pragma once

#include <filesystem>
#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "stackgen/core/diagnostic.hpp"
#include "stackgen/core/rules.hpp"
#include "stackgen/core/stack.hpp"

namespace stackgen {

/// Runs the core checks and every rule set given (lint rules, policies:
/// see rules.hpp) on the stack. Nothing is registered globally: a rule
/// set runs because it was passed. Suppressed findings are kept, marked.
Diagnostics validate(const Stack& stack, std::span<const RuleSet> rule_sets = {});

struct RenderedFile {
  std::string path;  ///< relative to the output directory: "<stack>/main.tf.json"
  std::string content;
};

/// The configuration syntax emitted: Terraform's JSON syntax (the
/// default: `<stack>/main.tf.json`) or HCL native syntax (`<stack>/main.tf`,
/// laid out as `terraform fmt` leaves it). Both say the same.
enum class Syntax { json, hcl };

struct RenderOptions {
  Syntax syntax = Syntax::json;
};

/// The files of one stack. Call validate() first: render() assumes a
/// stack without errors. Throws stackgen::Error (located at the block) for
/// what the chosen syntax cannot say, e.g. HCL for a list of objects in a
/// block without a schema.
std::vector<RenderedFile> render(const Stack& stack, const RenderOptions& options = {});

struct WriteReport {
  std::vector<std::string> written;    ///< new or changed files
  std::vector<std::string> unchanged;  ///< identical bytes already on disk
  std::vector<std::string> removed;    ///< stale files from an earlier emit
  /// Files of stacks this program does not define, left in place because
  /// `prune` was off (another program, or a stack since deleted, wrote them).
  std::vector<std::string> kept;
  /// Temporary files of an earlier killed or failed run, cleaned up.
  std::size_t stale_temporaries = 0;
};

struct WriteOptions {
  std::filesystem::path out_dir = "out";
  /// Only compare: write nothing, report what would change.
  bool check_only = false;
  /// The stacks this run emits: their stale files are removed. Empty means
  /// the stacks that `files` belong to.
  std::vector<std::string> stacks;
  /// Every stack the program defines (the stacks above included). Files of
  /// defined stacks outside this run are kept; files of stacks no one here
  /// defines are kept too, unless `prune`.
  std::vector<std::string> defined_stacks;
  /// Also remove the files of stacks this program does not define.
  bool prune = false;
  /// Fault injection for tests: called after each step of the write
  /// ("decided", "temporaries", "intent-manifest", "renamed", "removed",
  /// "manifest"); a test kills the process there to prove recovery.
  std::function<void(std::string_view step)> after_step;
};

/// Writes `files` under options.out_dir. Every path must be
/// `<stack>/<file stackgen writes>` or the order file (stackgen.order.json); the output directory, its manifest and
/// every path below it are treated as untrusted: links are never followed,
/// files not in the manifest are never overwritten, and only files the
/// manifest lists are removed. The directory is locked for the duration, and
/// the steps are ordered so that an interruption at any point leaves a state
/// the next call repairs. Throws stackgen::OutputError (with the reason, e.g.
/// "No space left on device") before changing anything when the input is
/// bad, and on I/O failure.
WriteReport write_output(const std::vector<RenderedFile>& files, const WriteOptions& options);

/// The file at OUT/`path` as an earlier emit left it (nullopt when missing),
/// read as write_output reads: `path` must be a path stackgen writes, no
/// link on the way is followed, and anything but a regular file of sane
/// size is an OutputError. What `stackgen diff` compares against.
std::optional<std::string> read_emitted(const std::filesystem::path& out_dir, std::string_view path);

class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace stackgen
