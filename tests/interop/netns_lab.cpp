#include "netns_lab.h"

#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>

#include "live/lab_files.h"

namespace ikeshift::interop {
namespace fs = std::filesystem;

namespace {

std::atomic<unsigned> lab_counter{0};

fs::path temp_root() {
  const char* tmp = std::getenv("TMPDIR");
  return tmp && *tmp ? tmp : "/tmp";
}

// "192.0.2.1/24" -> "192.0.2.1"
std::string without_prefix(const std::string& address) { return address.substr(0, address.find('/')); }

}  // namespace

TempDir::TempDir(const std::string& prefix) {
  // The pid in the name lets NetnsLab::remove_stale() find directories of
  // killed runs.
  std::string pattern = (temp_root() / (prefix + "-" + std::to_string(::getpid()) + "-XXXXXX")).string();
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

std::string read_file(const fs::path& file) { return live::read_all(file); }

void write_file(const fs::path& file, const std::string& content) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << content;
  if (!out.flush()) throw std::runtime_error("cannot write " + file.string());
}

NetnsLab::NetnsLab(LabOptions options) : options_(std::move(options)) {
  if (!live::have_root()) throw std::runtime_error("network namespaces need root");
  remove_stale();
  // Unique per process and per lab, so parallel CTest jobs and consecutive
  // tests never collide; the pid lets remove_stale() recognise leftovers.
  std::string pid = std::to_string(::getpid());
  std::string n = std::to_string(lab_counter++);
  ns_a_ = "iks-" + pid + "-" + n + "-a";
  ns_b_ = "iks-" + pid + "-" + n + "-b";
  veth_a_ = "i" + pid + "n" + n + "a";  // at most 15 characters (IFNAMSIZ)
  veth_b_ = "i" + pid + "n" + n + "b";
  // A step that throws leaves the members built so far to their destructors:
  // the namespaces (with what runs in them) first, then the directory.
  dir_ = std::make_unique<TempDir>("iks-lab");
  // `ip netns add` creates /var/run/netns itself; a read-only /var/run shows up here.
  namespaces_.push_back(std::make_unique<live::Namespace>(ns_a_));
  namespaces_.push_back(std::make_unique<live::Namespace>(ns_b_));
  // Created directly inside the namespaces: nothing appears in the host's.
  live::ip_batch("", {"link add " + veth_a_ + " netns " + ns_a_ + " type veth peer name " + veth_b_ + " netns " +
                      ns_b_},
                 "veth pair");
  for (Side s : {Side::A, Side::B}) {
    // No dummy module in this kernel: the protected "subnet" is a host
    // address on lo, as in the pair script.
    live::ip_batch(ns(s),
                   {"addr add " + (s == Side::A ? options_.address_a : options_.address_b) + " dev " + veth(s),
                    "link set " + veth(s) + " up",
                    "addr add " + (s == Side::A ? options_.host_a : options_.host_b) + " dev lo"},
                   "addresses in " + ns(s));
  }
  // The veth carrier takes a moment; IKE would only retransmit, but a
  // failed underlay should fail here with a clear message.
  if (find_executable("ping")) {
    bool up = wait_until(
        [this] { return exec(Side::A, {"ping", "-c1", "-W1", address(Side::B)}, milliseconds(3000)).ok(); },
        milliseconds(10000), milliseconds(100));
    if (!up) throw std::runtime_error("underlay ping " + address(Side::A) + " -> " + address(Side::B) + " failed");
  }
}

NetnsLab::~NetnsLab() = default;  // namespaces (taking the veth and TUNs with them), then the directory

std::string NetnsLab::address(Side side) const {
  return without_prefix(side == Side::A ? options_.address_a : options_.address_b);
}

std::string NetnsLab::host(Side side) const {
  return without_prefix(side == Side::A ? options_.host_a : options_.host_b);
}

Argv NetnsLab::in_ns(Side side, const Argv& argv) const { return live::in_namespace(ns(side), argv); }

RunResult NetnsLab::exec(Side side, const Argv& argv, milliseconds timeout,
                         const std::vector<std::string>& env) const {
  return run(in_ns(side, argv), timeout, env);
}

std::unique_ptr<Process> NetnsLab::spawn(Side side, const std::string& name, const Argv& argv,
                                         const std::vector<std::string>& env) const {
  return std::make_unique<Process>(in_ns(side, argv), dir() / (name + ".stdout"), dir() / (name + ".stderr"), env);
}

void NetnsLab::remove_stale() {
  static const std::regex ns_name(R"(iks-(\d+)-\d+-[ab])");
  static const std::regex dir_name(R"(iks-lab-(\d+)-.{6})");
  live::remove_stale_namespaces(ns_name);
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(temp_root(), ec)) {
    std::smatch m;
    std::string name = e.path().filename().string();
    if (!std::regex_match(name, m, dir_name)) continue;
    long p = std::strtol(m[1].str().c_str(), nullptr, 10);
    if (p > 0 && p != ::getpid() && !live::pid_alive(static_cast<pid_t>(p))) fs::remove_all(e.path(), ec);
  }
}

}  // namespace ikeshift::interop#include "live/lab_files.h"

