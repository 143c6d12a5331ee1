// Where the "before" side of `stackgen diff` comes from: the output
// directory (or another one), or a git revision of it.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace stackgen::cli::diff {

class Before {
 public:
  /// Files of `dir` as an earlier emit left them (read as emit reads them:
  /// no links followed, bounded size).
  static Before directory(std::filesystem::path dir);
  /// Files of `dir` at git revision `ref` (`git show ref:path`), in the
  /// repository of the working directory.
  static Before git(std::string ref, std::filesystem::path dir);

  /// The file `path` (`<stack>/main.tf.json`), or nullopt when absent.
  std::optional<std::string> read(const std::string& path) const;
  std::string describe() const;

 private:
  std::filesystem::path dir_;
  std::string ref_;  // empty: the directory itself
};

}  // namespace stackgen::cli::diff
