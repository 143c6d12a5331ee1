#include "directory.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>
#include <vector>

#include "stackgen/core/emit.hpp"

namespace stackgen::detail {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kTemporaryMarker = ".stackgen-tmp.";
constexpr std::size_t kTemporarySuffix = 8;

std::string why(int err) { return std::strerror(err); }

[[noreturn]] void fail(const std::string& what, int err) {
  throw OutputError(what + ": " + why(err));
}

const char* describe(mode_t mode) {
  if (S_ISLNK(mode)) return "a symbolic link";
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
  return "not a regular file";
}

std::vector<std::string_view> components(std::string_view relative) {
  std::vector<std::string_view> out;
  while (true) {
    auto slash = relative.find('/');
    out.push_back(relative.substr(0, slash));
    if (slash == std::string_view::npos) break;
    relative = relative.substr(slash + 1);
  }
  return out;
}

std::string random_suffix() {
  static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  thread_local std::mt19937_64 rng{std::random_device{}() ^ static_cast<std::uint64_t>(::getpid())};
  std::string s(kTemporarySuffix, 'x');
  for (auto& c : s) c = kAlphabet[rng() % (sizeof kAlphabet - 1)];
  return s;
}

void write_all(int fd, std::string_view content, const std::string& what) {
  while (!content.empty()) {
    ssize_t n = ::write(fd, content.data(), content.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      fail("cannot write " + what, errno);
    }
    content.remove_prefix(static_cast<std::size_t>(n));
  }
}

}  // namespace

Fd& Fd::operator=(Fd&& o) noexcept {
  if (this != &o) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = o.fd_;
    o.fd_ = -1;
  }
  return *this;
}

Fd::~Fd() {
  if (fd_ >= 0) ::close(fd_);
}

bool is_temporary_name(std::string_view name) {
  if (name.size() < 2 || name[0] != '.') return false;
  auto at = name.rfind(kTemporaryMarker);
  return at != std::string_view::npos && at > 1 &&
         name.size() - at - kTemporaryMarker.size() == kTemporarySuffix;
}

std::optional<OutputDirectory> OutputDirectory::open(const fs::path& path, bool create) {
  if (path.empty()) throw OutputError("the output directory is an empty path");
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) {
    if (errno != ENOENT) fail("cannot use output directory " + path.string(), errno);
    if (!create) return std::nullopt;
    std::error_code ec;
    fs::create_directories(path, ec);
    if (ec) throw OutputError("cannot create output directory " + path.string() + ": " + ec.message());
  } else if (S_ISLNK(st.st_mode)) {
    throw OutputError("output directory " + path.string() +
                      " is a symbolic link; stackgen does not write through links (pass the directory it points to)");
  } else if (!S_ISDIR(st.st_mode)) {
    throw OutputError("output directory " + path.string() + " exists and is " + describe(st.st_mode));
  }
  int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) fail("cannot open output directory " + path.string(), errno);
  return OutputDirectory(path, Fd(fd));
}

std::string OutputDirectory::display(std::string_view relative) const {
  return (path_ / std::string(relative)).string();
}

void OutputDirectory::lock(bool exclusive) {
  while (::flock(fd_.get(), exclusive ? LOCK_EX : LOCK_SH) != 0) {
    if (errno == EINTR) continue;
    fail("cannot lock output directory " + path_.string(), errno);
  }
}

Fd OutputDirectory::parent_of(std::string_view relative, std::string& leaf, bool create) const {
  auto parts = components(relative);
  leaf = std::string(parts.back());
  Fd current;
  int at = fd_.get();
  std::string walked;
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    std::string name(parts[i]);
    if (!walked.empty()) walked += '/';
    walked += name;
    int fd = ::openat(at, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT && create) {
      if (::mkdirat(at, name.c_str(), 0777) != 0 && errno != EEXIST) fail("cannot create " + display(walked), errno);
      fd = ::openat(at, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    }
    if (fd < 0) {
      if (errno == ENOENT) return Fd();
      if (errno == ELOOP || errno == ENOTDIR) {
        struct stat st {};
        const char* what = ::fstatat(at, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 ? describe(st.st_mode)
                                                                                       : "not a directory";
        throw OutputError(display(walked) + " is " + what + ", not a directory stackgen made; stackgen does not go through it");
      }
      fail("cannot open " + display(walked), errno);
    }
    current = Fd(fd);
    at = current.get();
  }
  if (parts.size() == 1) {
    int fd = ::dup(fd_.get());
    if (fd < 0) fail("cannot use " + path_.string(), errno);
    return Fd(fd);
  }
  return current;
}

Fd OutputDirectory::directory(std::string_view relative_dir) const {
  if (relative_dir.empty()) {
    int fd = ::dup(fd_.get());
    if (fd < 0) fail("cannot use " + path_.string(), errno);
    return Fd(fd);
  }
  std::string leaf;
  Fd parent = parent_of(std::string(relative_dir) + "/x", leaf, false);
  return parent;
}

PathState OutputDirectory::state(std::string_view relative) const {
  std::string leaf;
  Fd dir = parent_of(relative, leaf, false);
  PathState s;
  if (!dir) return s;
  struct stat st {};
  if (::fstatat(dir.get(), leaf.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
    if (errno == ENOENT) return s;
    fail("cannot inspect " + display(relative), errno);
  }
  s.mode = st.st_mode;
  s.size = st.st_size;
  if (S_ISREG(st.st_mode)) {
    s.kind = PathState::Kind::regular;
  } else {
    s.kind = PathState::Kind::other;
    s.description = describe(st.st_mode);
  }
  return s;
}

std::optional<std::string> OutputDirectory::read(std::string_view relative, std::size_t max_bytes) const {
  std::string leaf;
  Fd dir = parent_of(relative, leaf, false);
  if (!dir) return std::nullopt;
  // O_NONBLOCK: opening a FIFO must not wait for a writer; O_NOFOLLOW: a
  // link is refused, not read.
  int fd = ::openat(dir.get(), leaf.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) {
    if (errno == ENOENT) return std::nullopt;
    if (errno == ELOOP) throw OutputError(display(relative) + " is a symbolic link; stackgen does not read through links");
    fail("cannot read " + display(relative), errno);
  }
  Fd file(fd);
  struct stat st {};
  if (::fstat(fd, &st) != 0) fail("cannot read " + display(relative), errno);
  if (!S_ISREG(st.st_mode)) throw OutputError(display(relative) + " is " + describe(st.st_mode) + ", not a file stackgen wrote");
  if (static_cast<std::size_t>(st.st_size) > max_bytes)
    throw OutputError(display(relative) + " is larger than " + std::to_string(max_bytes >> 20) +
                      " MiB; stackgen does not read it");
  std::string content(static_cast<std::size_t>(st.st_size), '\0');
  std::size_t got = 0;
  while (got < content.size()) {
    ssize_t n = ::read(fd, content.data() + got, content.size() - got);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail("cannot read " + display(relative), errno);
    }
    if (n == 0) break;  // shrank while reading
    got += static_cast<std::size_t>(n);
  }
  content.resize(got);
  return content;
}

PendingFile OutputDirectory::write_temporary(std::string_view relative, std::string_view content) const {
  PendingFile p;
  p.relative = relative;
  p.dir = parent_of(relative, p.target, true);
  if (!p.dir) throw OutputError("cannot create the directory of " + display(relative));
  // The mode of the file being replaced survives (a `chmod 600` stays);
  // a new file gets 0666 minus the umask, as any editor would create it.
  std::optional<mode_t> keep_mode;
  struct stat st {};
  if (::fstatat(p.dir.get(), p.target.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode))
    keep_mode = st.st_mode & 07777;
  int fd = -1;
  for (int attempt = 0; attempt < 100 && fd < 0; ++attempt) {
    // Appended, not `"." + ...`: that trips a GCC 12 -Wrestrict false positive.
    p.temporary.assign(1, '.');
    p.temporary += p.target;
    p.temporary += kTemporaryMarker;
    p.temporary += random_suffix();
    fd = ::openat(p.dir.get(), p.temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (fd < 0 && errno != EEXIST) fail("cannot create a temporary file for " + display(relative), errno);
  }
  if (fd < 0) throw OutputError("cannot create a temporary file for " + display(relative) + ": too many collisions");
  Fd file(fd);
  try {
    if (keep_mode && ::fchmod(fd, *keep_mode) != 0) fail("cannot set the mode of " + display(relative), errno);
    write_all(fd, content, display(relative));
    if (::fsync(fd) != 0) fail("cannot write " + display(relative), errno);
  } catch (...) {
    discard(p);
    throw;
  }
  return p;
}

void OutputDirectory::commit(const PendingFile& file) const {
  if (::renameat(file.dir.get(), file.temporary.c_str(), file.dir.get(), file.target.c_str()) != 0)
    fail("cannot replace " + display(file.relative), errno);
}

void OutputDirectory::discard(const PendingFile& file) noexcept {
  if (file.dir && !file.temporary.empty()) ::unlinkat(file.dir.get(), file.temporary.c_str(), 0);
}

void OutputDirectory::remove_file(std::string_view relative) const {
  std::string leaf;
  Fd dir = parent_of(relative, leaf, false);
  if (!dir) return;
  struct stat st {};
  if (::fstatat(dir.get(), leaf.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
    if (errno == ENOENT) return;
    fail("cannot remove " + display(relative), errno);
  }
  if (!S_ISREG(st.st_mode))
    throw OutputError("cannot remove " + display(relative) + ": it is " + describe(st.st_mode) +
                      ", not the file stackgen wrote; stackgen leaves it alone");
  if (::unlinkat(dir.get(), leaf.c_str(), 0) != 0) fail("cannot remove " + display(relative), errno);
}

void OutputDirectory::remove_empty_parents(std::string_view relative) const {
  auto parts = components(relative);
  // Deepest directory first; parts.back() is the file.
  for (std::size_t depth = parts.size() - 1; depth > 0; --depth) {
    std::string dir_path;
    for (std::size_t i = 0; i < depth; ++i) {
      if (i) dir_path += '/';
      dir_path += parts[i];
    }
    std::string leaf;
    Fd parent = parent_of(dir_path, leaf, false);
    if (!parent) continue;
    struct stat st {};
    if (::fstatat(parent.get(), leaf.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISDIR(st.st_mode)) return;
    if (::unlinkat(parent.get(), leaf.c_str(), AT_REMOVEDIR) != 0) {
      if (errno == ENOTEMPTY || errno == EEXIST || errno == ENOENT) return;  // holds other files: keep it
      fail("cannot remove directory " + display(dir_path), errno);
    }
    ::fsync(parent.get());
  }
}

void OutputDirectory::sync_parent(std::string_view relative) const {
  std::string leaf;
  Fd dir = parent_of(relative, leaf, false);
  if (dir && ::fsync(dir.get()) != 0 && errno != EINVAL) fail("cannot sync " + display(relative), errno);
}

std::size_t OutputDirectory::remove_stale_temporaries(std::string_view relative_dir) const {
  Fd dir = directory(relative_dir);
  if (!dir) return 0;
  int scan_fd = ::dup(dir.get());
  if (scan_fd < 0) return 0;
  DIR* d = ::fdopendir(scan_fd);
  if (!d) {
    ::close(scan_fd);
    return 0;
  }
  std::vector<std::string> names;
  while (dirent* e = ::readdir(d))
    if (is_temporary_name(e->d_name)) names.emplace_back(e->d_name);
  ::closedir(d);
  std::size_t removed = 0;
  for (const auto& n : names) {
    struct stat st {};
    if (::fstatat(dir.get(), n.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
    if (!S_ISREG(st.st_mode) && !S_ISLNK(st.st_mode)) continue;
    if (::unlinkat(dir.get(), n.c_str(), 0) == 0) ++removed;
  }
  return removed;
}

}  // namespace stackgen::detail
