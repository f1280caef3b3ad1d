#include "live/netns.h"

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <exception>
#include <filesystem>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "io/unique_fd.h"

namespace ikeshift::live {

namespace fs = std::filesystem;

namespace {

void check(const RunResult& r, const std::string& what) {
  if (r.ok()) return;
  std::string out = r.output;
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  throw std::runtime_error(what + " failed" + (r.timed_out ? " (timed out)" : "") + ": " +
                           (out.empty() ? "exit code " + std::to_string(r.exit_code) : out));
}

std::vector<pid_t> pids_in(const std::string& ns) {
  std::vector<pid_t> pids;
  RunResult r = run({"ip", "netns", "pids", ns}, milliseconds(5000));
  std::istringstream in(r.output);
  long p = 0;
  while (in >> p)
    if (p > 1 && p != ::getpid()) pids.push_back(static_cast<pid_t>(p));
  return pids;
}

}  // namespace

bool have_root() { return ::geteuid() == 0; }

Namespace::Namespace(std::string name) : name_(std::move(name)) {
  check(run({"ip", "netns", "add", name_}, milliseconds(10000)), "ip netns add " + name_);
  try {
    ip_batch(name_, {"link set lo up"}, "bringing up lo in " + name_);
  } catch (...) {
    run({"ip", "netns", "del", name_}, milliseconds(10000));
    throw;
  }
}

Namespace::~Namespace() {
  try {
    kill_namespace_processes(name_);
    run({"ip", "netns", "del", name_}, milliseconds(10000));
  } catch (...) {
    // A destructor must not throw; the next run's remove_stale_namespaces gets the rest.
  }
}

Argv in_namespace(const std::string& ns, const Argv& argv) {
  Argv full{"ip", "netns", "exec", ns};
  full.insert(full.end(), argv.begin(), argv.end());
  return full;
}

void ip_batch(const std::string& ns, const std::vector<std::string>& lines, const std::string& what) {
  if (lines.empty()) return;
  std::string input;
  for (const std::string& l : lines) input += l + "\n";
  Argv argv{"ip"};
  if (!ns.empty()) argv.insert(argv.end(), {"-n", ns});
  argv.insert(argv.end(), {"-batch", "-"});
  check(run(argv, milliseconds(10000), {}, input), what);
}

void run_in_namespace(const std::string& ns, const std::function<void()>& fn) {
  std::exception_ptr failure;
  std::thread worker([&] {
    try {
      engine::io::UniqueFd fd(::open(("/var/run/netns/" + ns).c_str(), O_RDONLY | O_CLOEXEC));
      if (!fd) throw std::runtime_error("cannot open namespace " + ns + ": " + std::strerror(errno));
      if (::setns(fd.get(), CLONE_NEWNET) != 0) {
        throw std::runtime_error("cannot enter namespace " + ns + ": " + std::strerror(errno));
      }
      fn();
    } catch (...) {
      failure = std::current_exception();
    }
  });
  worker.join();
  if (failure) std::rethrow_exception(failure);
}

void kill_namespace_processes(const std::string& ns) {
  auto pids = pids_in(ns);
  if (pids.empty()) return;
  for (pid_t p : pids) ::kill(p, SIGTERM);
  wait_until([&] { return pids_in(ns).empty(); }, milliseconds(3000), milliseconds(20));
  for (pid_t p : pids_in(ns)) ::kill(p, SIGKILL);
  wait_until([&] { return pids_in(ns).empty(); }, milliseconds(2000), milliseconds(20));
}

void remove_stale_namespaces(const std::regex& pattern) {
  std::error_code ec;
  for (const auto& e : fs::directory_iterator("/var/run/netns", ec)) {
    std::smatch m;
    std::string name = e.path().filename().string();
    if (!std::regex_match(name, m, pattern) || m.size() < 2) continue;
    long pid = std::strtol(m[1].str().c_str(), nullptr, 10);
    if (pid <= 0 || pid == ::getpid() || pid_alive(static_cast<pid_t>(pid))) continue;
    kill_namespace_processes(name);
    run({"ip", "netns", "del", name}, milliseconds(10000));
  }
}

}  // namespace ikeshift::live
