#include "live/process.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "io/unique_fd.h"

extern char** environ;

namespace ikeshift::live {

namespace fs = std::filesystem;
using engine::io::UniqueFd;

namespace {

// posix_spawn wants mutable char* arrays; the strings stay owned here.
class CStrings {
 public:
  explicit CStrings(const std::vector<std::string>& strings) : storage_(strings) {
    for (auto& s : storage_) pointers_.push_back(s.data());
    pointers_.push_back(nullptr);
  }
  char* const* get() { return pointers_.data(); }

 private:
  std::vector<std::string> storage_;
  std::vector<char*> pointers_;
};

// This process's environment with `extra` ("NAME=value") added or replaced.
std::vector<std::string> environment_with(const std::vector<std::string>& extra) {
  std::vector<std::string> env;
  for (char** e = environ; e && *e; ++e) {
    std::string entry(*e);
    std::string name = entry.substr(0, entry.find('='));
    bool overridden = false;
    for (const auto& x : extra) overridden = overridden || x.compare(0, name.size() + 1, name + "=") == 0;
    if (!overridden) env.push_back(entry);
  }
  env.insert(env.end(), extra.begin(), extra.end());
  return env;
}

// RAII for the posix_spawn attribute objects.
struct SpawnSetup {
  posix_spawn_file_actions_t actions{};
  posix_spawnattr_t attr{};
  SpawnSetup() {
    posix_spawn_file_actions_init(&actions);
    posix_spawnattr_init(&attr);
    // Own process group: a stop can signal everything the child forked, and a
    // Ctrl-C on the terminal does not race with the orderly teardown. Signals
    // the parent blocked or ignored are reset.
    sigset_t none, all;
    sigemptyset(&none);
    sigfillset(&all);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &all);
    posix_spawnattr_setpgroup(&attr, 0);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  }
  ~SpawnSetup() {
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
  }
  SpawnSetup(const SpawnSetup&) = delete;
  SpawnSetup& operator=(const SpawnSetup&) = delete;
};

pid_t spawn(const Argv& argv, SpawnSetup& setup, const std::vector<std::string>& env) {
  if (argv.empty()) throw std::invalid_argument("spawn: empty argv");
  CStrings args(argv);
  CStrings envp(environment_with(env));
  pid_t pid = -1;
  int rc = posix_spawnp(&pid, argv[0].c_str(), &setup.actions, &setup.attr, args.get(), envp.get());
  if (rc != 0) throw std::runtime_error("cannot start " + argv[0] + ": " + std::strerror(rc));
  return pid;
}

int decode_status(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

// An unlinked temporary file: no pipe to drain concurrently, nothing left behind.
UniqueFd anonymous_file() {
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = (fs::path(tmp && *tmp ? tmp : "/tmp") / "ikeshift-run-XXXXXX").string();
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  UniqueFd fd(::mkstemp(name.data()));
  if (fd) ::unlink(name.data());
  return fd;
}

}  // namespace

bool pid_alive(pid_t pid) { return ::kill(pid, 0) == 0 || errno == EPERM; }

std::optional<fs::path> find_executable(const std::string& name) {
  if (name.find('/') != std::string::npos) {
    if (::access(name.c_str(), X_OK) == 0) return fs::path(name);
    return std::nullopt;
  }
  std::string path = std::getenv("PATH") ? std::getenv("PATH") : "";
  path += ":/usr/local/sbin:/usr/sbin:/sbin:/usr/lib/ipsec";
  std::istringstream dirs(path);
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    if (dir.empty()) continue;
    fs::path candidate = fs::path(dir) / name;
    if (::access(candidate.c_str(), X_OK) == 0 && fs::is_regular_file(candidate)) return candidate;
  }
  return std::nullopt;
}

RunResult run(const Argv& argv, milliseconds timeout, const std::vector<std::string>& env,
              const std::string& input) {
  RunResult result;
  UniqueFd out = anonymous_file();
  UniqueFd in;
  if (!out || (!input.empty() && !(in = anonymous_file()))) {
    result.output = std::string("cannot create a temporary file: ") + std::strerror(errno);
    return result;
  }
  if (in) {
    for (size_t done = 0; done < input.size();) {
      ssize_t n = ::write(in.get(), input.data() + done, input.size() - done);
      if (n <= 0) {
        result.output = std::string("cannot write the input: ") + std::strerror(errno);
        return result;
      }
      done += static_cast<size_t>(n);
    }
    ::lseek(in.get(), 0, SEEK_SET);
  }

  SpawnSetup setup;
  if (in) {
    posix_spawn_file_actions_adddup2(&setup.actions, in.get(), 0);
  } else {
    posix_spawn_file_actions_addopen(&setup.actions, 0, "/dev/null", O_RDONLY, 0);
  }
  posix_spawn_file_actions_adddup2(&setup.actions, out.get(), 1);
  posix_spawn_file_actions_adddup2(&setup.actions, out.get(), 2);
  pid_t pid = -1;
  try {
    pid = spawn(argv, setup, env);
  } catch (const std::exception& e) {
    result.output = e.what();
    return result;
  }

  auto deadline = std::chrono::steady_clock::now() + timeout;
  int status = 0;
  auto sleep_for = std::chrono::microseconds(200);
  for (;;) {
    pid_t w = ::waitpid(pid, &status, WNOHANG);
    if (w == pid) break;
    if (w < 0 && errno != EINTR) break;
    if (std::chrono::steady_clock::now() >= deadline) {
      result.timed_out = true;
      ::kill(-pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      break;
    }
    std::this_thread::sleep_for(sleep_for);
    sleep_for = std::min<std::chrono::microseconds>(sleep_for * 2, milliseconds(20));
  }
  result.exit_code = decode_status(status);

  ::lseek(out.get(), 0, SEEK_SET);
  char buf[4096];
  ssize_t n = 0;
  while ((n = ::read(out.get(), buf, sizeof buf)) > 0) result.output.append(buf, static_cast<size_t>(n));
  return result;
}

Process::Process(const Argv& argv, const fs::path& stdout_file, const fs::path& stderr_file,
                 const std::vector<std::string>& env) {
  SpawnSetup setup;
  posix_spawn_file_actions_addopen(&setup.actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&setup.actions, 1, stdout_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND,
                                   0600);
  posix_spawn_file_actions_addopen(&setup.actions, 2, stderr_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND,
                                   0600);
  pid_ = spawn(argv, setup, env);
}

Process::~Process() { stop(); }

bool Process::running() {
  if (exit_code_) return false;
  int status = 0;
  pid_t w = ::waitpid(pid_, &status, WNOHANG);
  if (w == pid_) {
    exit_code_ = decode_status(status);
    return false;
  }
  return w == 0;
}

void Process::signal(int sig) const {
  if (!exit_code_ && pid_ > 0) ::kill(pid_, sig);
}

bool Process::wait_exit(milliseconds timeout) {
  return wait_until([this] { return !running(); }, timeout, milliseconds(5));
}

int Process::stop(milliseconds grace) {
  if (pid_ <= 0) return -1;
  if (running()) {
    // The whole group: daemons that fork helpers (charon's updown, tshark's
    // dumpcap) must not outlive the lab.
    ::kill(-pid_, SIGTERM);
    if (!wait_exit(grace)) {
      ::kill(-pid_, SIGKILL);
      wait_exit(milliseconds(5000));
    }
  }
  return exit_code_.value_or(-1);
}

bool wait_until(const std::function<bool()>& condition, milliseconds timeout, milliseconds interval) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (condition()) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(interval);
  }
}

}  // namespace ikeshift::live
