#include "sources.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <stdexcept>
#include <vector>

#include "stackgen/core/emit.hpp"

extern char** environ;

namespace stackgen::cli::diff {

namespace {

constexpr std::size_t kMaxBytes = std::size_t{1} << 30;

/// Runs git with `args` (no shell), returns its exit status and stdout.
int run_git(const std::vector<std::string>& args, std::string& out) {
  int pipe_fds[2];
  if (::pipe(pipe_fds) != 0) throw std::runtime_error("cannot run git: pipe failed");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], 1);
  posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  std::vector<char*> argv;
  std::vector<std::string> storage = args;
  storage.insert(storage.begin(), "git");
  for (auto& a : storage) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, "git", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(pipe_fds[1]);
  if (spawned != 0) {
    ::close(pipe_fds[0]);
    throw std::runtime_error("cannot run git (is it installed?)");
  }
  std::array<char, 65536> buf;
  ssize_t n;
  while ((n = ::read(pipe_fds[0], buf.data(), buf.size())) > 0) {
    out.append(buf.data(), static_cast<std::size_t>(n));
    if (out.size() > kMaxBytes) break;
  }
  ::close(pipe_fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (out.size() > kMaxBytes) throw std::runtime_error("git printed more than 1 GiB; not read");
  return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

}  // namespace

Before Before::directory(std::filesystem::path dir) {
  Before b;
  b.dir_ = std::move(dir);
  return b;
}

Before Before::git(std::string ref, std::filesystem::path dir) {
  // A revision is never an option (`--output=...`): refused, not passed.
  if (ref.empty() || ref[0] == '-' || ref.find(':') != std::string::npos)
    throw std::invalid_argument("'" + ref + "' is not a git revision");
  Before b;
  b.ref_ = std::move(ref);
  b.dir_ = std::move(dir);
  auto git_line = [](std::vector<std::string> args) {
    std::string text;
    if (run_git(args, text) != 0) throw std::runtime_error("--against needs a git work tree (git rev-parse failed here)");
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    return text;
  };
  // Paths in `git show REV:path` are from the repository root.
  if (b.dir_.is_absolute())
    b.dir_ = b.dir_.lexically_relative(git_line({"rev-parse", "--show-toplevel"}));
  else
    b.dir_ = (std::filesystem::path(git_line({"rev-parse", "--show-prefix"})) / b.dir_).lexically_normal();
  if (b.dir_.empty() || b.dir_.native().rfind("..", 0) == 0)
    throw std::runtime_error("the output directory is outside the git repository");
  return b;
}

std::optional<std::string> Before::read(const std::string& path) const {
  if (ref_.empty()) return read_emitted(dir_, path);
  std::string out;
  const std::string spec = ref_ + ":" + (dir_ / path).generic_string();
  if (run_git({"show", spec}, out) != 0) return std::nullopt;  // not in that revision
  return out;
}

std::string Before::describe() const {
  return ref_.empty() ? dir_.string() + "/" : ref_ + ":" + dir_.generic_string() + "/";
}

}  // namespace stackgen::cli::diff
