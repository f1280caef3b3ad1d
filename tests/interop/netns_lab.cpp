#include "netns_lab.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace ikeshift::interop {
namespace fs = std::filesystem;

namespace {

// Owns a file descriptor so early returns and exceptions cannot leak it.
class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

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
    // Ctrl-C on the test runner does not race with the orderly teardown. Reset
    // signals the test runner may have changed.
    sigset_t none, all;
    sigemptyset(&none);
    sigfillset(&all);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &all);
    posix_spawnattr_setpgroup(&attr, 0);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK |
                                         POSIX_SPAWN_SETSIGDEF);
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

bool pid_alive(pid_t pid) { return ::kill(pid, 0) == 0 || errno == EPERM; }

// Kills every process inside a namespace (anything there was started by us).
void kill_namespace_pids(const std::string& ns) {
  auto list = [&ns] {
    std::vector<pid_t> pids;
    RunResult r = run({"ip", "netns", "pids", ns}, milliseconds(5000));
    std::istringstream in(r.output);
    long p = 0;
    while (in >> p)
      if (p > 1 && p != ::getpid()) pids.push_back(static_cast<pid_t>(p));
    return pids;
  };
  auto pids = list();
  if (pids.empty()) return;
  for (pid_t p : pids) ::kill(p, SIGTERM);
  wait_until([&] { return list().empty(); }, milliseconds(3000), milliseconds(100));
  for (pid_t p : list()) ::kill(p, SIGKILL);
  wait_until([&] { return list().empty(); }, milliseconds(2000), milliseconds(50));
}

std::atomic<unsigned> lab_counter{0};

}  // namespace

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

TempDir::TempDir(const std::string& prefix) {
  const char* tmp = std::getenv("TMPDIR");
  // The pid in the name lets NetnsLab::remove_stale() find directories of
  // killed runs.
  std::string pattern = (fs::path(tmp && *tmp ? tmp : "/tmp") /
                         (prefix + "-" + std::to_string(::getpid()) + "-XXXXXX"))
                            .string();
  std::vector<char> buf(pattern.begin(), pattern.end());
  buf.push_back('\0');
  if (!::mkdtemp(buf.data())) throw std::runtime_error("mkdtemp " + pattern + ": " + std::strerror(errno));
  path_ = buf.data();
  // Daemons started in the lab may drop privileges or use other umasks; the
  // directory only holds throwaway lab material.
  fs::permissions(path_, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                             fs::perms::others_read | fs::perms::others_exec);
}

TempDir::~TempDir() {
  if (std::getenv("IKS_KEEP_LAB_DIR")) return;  // for post-mortems of a failed run
  std::error_code ec;
  fs::remove_all(path_, ec);
}

RunResult run(const Argv& argv, milliseconds timeout, const std::vector<std::string>& env) {
  RunResult result;
  // Output goes to an unlinked temporary file: no pipe to drain concurrently,
  // and nothing is left behind.
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = (fs::path(tmp && *tmp ? tmp : "/tmp") / "iks-run-XXXXXX").string();
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  Fd out(::mkstemp(name.data()));
  if (out.get() < 0) {
    result.output = std::string("mkstemp: ") + std::strerror(errno);
    return result;
  }
  ::unlink(name.data());

  SpawnSetup setup;
  posix_spawn_file_actions_addopen(&setup.actions, 0, "/dev/null", O_RDONLY, 0);
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
  auto sleep_for = milliseconds(1);
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
    sleep_for = std::min(sleep_for * 2, milliseconds(20));
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
  posix_spawn_file_actions_addopen(&setup.actions, 1, stdout_file.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0644);
  posix_spawn_file_actions_addopen(&setup.actions, 2, stderr_file.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0644);
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
  return wait_until([this] { return !running(); }, timeout, milliseconds(20));
}

int Process::stop(milliseconds grace) {
  if (pid_ <= 0) return -1;
  if (running()) {
    // The whole group: daemons that fork helpers (charon's updown, tshark's
    // dumpcap) must not outlive the test.
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

std::string read_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_file(const fs::path& file, const std::string& content) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << content;
  if (!out.flush()) throw std::runtime_error("cannot write " + file.string());
}

NetnsLab::NetnsLab(LabOptions options) : options_(std::move(options)) {
  if (::geteuid() != 0) throw std::runtime_error("network namespaces need root");
  remove_stale();
  // Unique per process and per lab, so parallel CTest jobs and consecutive
  // tests never collide; the pid lets remove_stale() recognise leftovers.
  std::string pid = std::to_string(::getpid());
  std::string n = std::to_string(lab_counter++);
  ns_a_ = "iks-" + pid + "-" + n + "-a";
  ns_b_ = "iks-" + pid + "-" + n + "-b";
  veth_a_ = "i" + pid + "n" + n + "a";  // at most 15 characters (IFNAMSIZ)
  veth_b_ = "i" + pid + "n" + n + "b";
  try {
    dir_ = std::make_unique<TempDir>("iks-lab");
    // `ip netns add` creates /var/run/netns itself; a read-only /var/run shows up here.
    check(run({"ip", "netns", "add", ns_a_}), "ip netns add " + ns_a_);
    created_.push_back(ns_a_);
    check(run({"ip", "netns", "add", ns_b_}), "ip netns add " + ns_b_);
    created_.push_back(ns_b_);
    // Created directly inside the namespaces: nothing appears in the host's.
    check(run({"ip", "link", "add", veth_a_, "netns", ns_a_, "type", "veth", "peer", "name", veth_b_,
               "netns", ns_b_}),
          "veth pair");
    for (Side s : {Side::A, Side::B}) {
      check(exec(s, {"ip", "link", "set", "lo", "up"}), "lo up");
      check(exec(s, {"ip", "addr", "add", s == Side::A ? options_.address_a : options_.address_b, "dev",
                     veth(s)}),
            "veth address");
      check(exec(s, {"ip", "link", "set", veth(s), "up"}), "veth up");
      // No dummy module in this kernel: the protected "subnet" is a host
      // address on lo, as in the pair script.
      check(exec(s, {"ip", "addr", "add", s == Side::A ? options_.host_a : options_.host_b, "dev", "lo"}),
            "host address on lo");
    }
    // The veth carrier takes a moment; IKE would only retransmit, but a
    // failed underlay should fail here with a clear message.
    if (find_executable("ping")) {
      bool up = wait_until([this] { return exec(Side::A, {"ping", "-c1", "-W1", address(Side::B)},
                                                milliseconds(3000))
                                         .ok(); },
                           milliseconds(10000), milliseconds(100));
      if (!up) throw std::runtime_error("underlay ping " + address(Side::A) + " -> " + address(Side::B) + " failed");
    }
  } catch (...) {
    teardown();
    throw;
  }
}

NetnsLab::~NetnsLab() { teardown(); }

void NetnsLab::teardown() noexcept {
  try {
    for (const auto& ns : created_) {
      kill_namespace_pids(ns);
      run({"ip", "netns", "del", ns}, milliseconds(10000));  // takes the veth and TUNs with it
    }
    created_.clear();
    dir_.reset();
  } catch (...) {
    // A destructor must not throw; remove_stale() of the next run gets the rest.
  }
}

void NetnsLab::check(const RunResult& r, const std::string& what) const {
  if (!r.ok())
    throw std::runtime_error(what + " failed (exit " + std::to_string(r.exit_code) + "): " + r.output);
}

std::string NetnsLab::address(Side side) const {
  const std::string& a = side == Side::A ? options_.address_a : options_.address_b;
  return a.substr(0, a.find('/'));
}

std::string NetnsLab::host(Side side) const {
  const std::string& a = side == Side::A ? options_.host_a : options_.host_b;
  return a.substr(0, a.find('/'));
}

Argv NetnsLab::in_ns(Side side, const Argv& argv) const {
  Argv full{"ip", "netns", "exec", ns(side)};
  full.insert(full.end(), argv.begin(), argv.end());
  return full;
}

RunResult NetnsLab::exec(Side side, const Argv& argv, milliseconds timeout,
                         const std::vector<std::string>& env) const {
  return run(in_ns(side, argv), timeout, env);
}

std::unique_ptr<Process> NetnsLab::spawn(Side side, const std::string& name, const Argv& argv,
                                         const std::vector<std::string>& env) const {
  return std::make_unique<Process>(in_ns(side, argv), dir() / (name + ".stdout"),
                                   dir() / (name + ".stderr"), env);
}

void NetnsLab::remove_stale() {
  static const std::regex ns_name(R"(iks-(\d+)-\d+-[ab])");
  static const std::regex dir_name(R"(iks-lab-(\d+)-.{6})");
  auto dead = [](const std::string& pid) {
    long p = std::strtol(pid.c_str(), nullptr, 10);
    return p > 0 && p != ::getpid() && !pid_alive(static_cast<pid_t>(p));
  };
  std::error_code ec;
  for (const auto& e : fs::directory_iterator("/var/run/netns", ec)) {
    std::smatch m;
    std::string name = e.path().filename().string();
    if (std::regex_match(name, m, ns_name) && dead(m[1].str())) {
      kill_namespace_pids(name);
      run({"ip", "netns", "del", name}, milliseconds(10000));
    }
  }
  const char* tmp = std::getenv("TMPDIR");
  for (const auto& e : fs::directory_iterator(tmp && *tmp ? tmp : "/tmp", ec)) {
    std::smatch m;
    std::string name = e.path().filename().string();
    if (std::regex_match(name, m, dir_name) && dead(m[1].str())) fs::remove_all(e.path(), ec);
  }
}

}  // namespace ikeshift::interop
