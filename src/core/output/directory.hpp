// An output directory, reached only through file descriptors.
//
// Every path below the output directory is walked one component at a time
// with O_NOFOLLOW, so a symbolic link planted in OUT (or OUT itself being
// one) can never redirect a write, a read or a removal to somewhere else:
// it is an error instead. POSIX only.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace stackgen::detail {

/// An owned file descriptor.
class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) noexcept : fd_(fd) {}
  Fd(Fd&& o) noexcept : fd_(o.fd_) { o.fd_ = -1; }
  Fd& operator=(Fd&& o) noexcept;
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd();
  int get() const noexcept { return fd_; }
  explicit operator bool() const noexcept { return fd_ >= 0; }

 private:
  int fd_ = -1;
};

/// What is at a path: nothing, a regular file, or something stackgen does
/// not touch (a link, a directory, a FIFO, a device...).
struct PathState {
  enum class Kind { missing, regular, other } kind = Kind::missing;
  off_t size = 0;
  mode_t mode = 0;
  std::string description;  ///< for `other`: "a symbolic link", "a directory", ...
};

/// A file written to a temporary name beside its target, not yet renamed.
struct PendingFile {
  Fd dir;
  std::string temporary;
  std::string target;
  std::string relative;  ///< the target, relative to the output directory
};

class OutputDirectory {
 public:
  /// Opens `path`, creating it (and its parents) when `create`; nullopt
  /// when it is missing and `create` is false. Throws OutputError when it
  /// is a symbolic link or not a directory.
  static std::optional<OutputDirectory> open(const std::filesystem::path& path, bool create);

  const std::filesystem::path& path() const { return path_; }
  /// `OUT/rel` as shown in messages.
  std::string display(std::string_view relative) const;

  /// Blocks until this process holds the directory's lock (flock on the
  /// directory itself: no lock file to leave behind). Released on destruction.
  void lock(bool exclusive);

  /// What is at `relative` (never following a link). A component on the
  /// way that is a link or not a directory throws OutputError.
  PathState state(std::string_view relative) const;
  /// The content of the regular file at `relative`; nullopt when missing.
  /// Anything but a regular file of at most `max_bytes` throws OutputError.
  std::optional<std::string> read(std::string_view relative, std::size_t max_bytes) const;
  /// Writes `content` to a new temporary beside `relative` (created
  /// O_EXCL|O_NOFOLLOW, so no existing path is ever truncated), with the
  /// mode of the file it replaces, and fsyncs it.
  PendingFile write_temporary(std::string_view relative, std::string_view content) const;
  /// Renames the temporary onto its target.
  void commit(const PendingFile& file) const;
  /// Removes a pending temporary (best effort; used on failure paths).
  static void discard(const PendingFile& file) noexcept;
  /// Removes the regular file at `relative`; a failure throws.
  void remove_file(std::string_view relative) const;
  /// Removes the directories of `relative` (deepest first, never OUT itself)
  /// that are empty; one that holds anything stays.
  void remove_empty_parents(std::string_view relative) const;
  /// fsync of the directory that holds `relative` (OUT for top-level names).
  void sync_parent(std::string_view relative) const;
  /// Removes temporaries an earlier killed or failed run left in the
  /// directory `relative_dir` ("" for OUT); returns how many.
  std::size_t remove_stale_temporaries(std::string_view relative_dir) const;

 private:
  OutputDirectory(std::filesystem::path path, Fd fd) : path_(std::move(path)), fd_(std::move(fd)) {}
  /// The directory that holds `relative` and the last component's name;
  /// with `create`, missing directories on the way are made.
  Fd parent_of(std::string_view relative, std::string& leaf, bool create) const;
  /// The directory `relative_dir` itself, or an empty Fd when missing.
  Fd directory(std::string_view relative_dir) const;

  std::filesystem::path path_;
  Fd fd_;
};

/// Whether a directory entry is one of stackgen's temporary files.
bool is_temporary_name(std::string_view name);

}  // namespace stackgen::detail
