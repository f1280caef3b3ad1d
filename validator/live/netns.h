// Network namespaces for the live lab: create and delete them, run a command
// or a piece of this program inside one, and find leftovers of killed runs.
#pragma once

#include <functional>
#include <regex>
#include <string>
#include <vector>

#include "live/process.h"

namespace ikeshift::live {

// `ip netns add NAME`; the destructor kills what still runs inside and
// deletes it (veth ends and TUN devices go with it).
class Namespace {
 public:
  explicit Namespace(std::string name);  // throws std::runtime_error with ip's message
  ~Namespace();
  Namespace(const Namespace&) = delete;
  Namespace& operator=(const Namespace&) = delete;
  const std::string& name() const { return name_; }

 private:
  std::string name_;
};

// argv prefixed with `ip netns exec NS`.
Argv in_namespace(const std::string& ns, const Argv& argv);

// Runs `ip [-n NS] -batch -` with these lines (ns empty: this namespace);
// throws std::runtime_error naming `what` and ip's message when one fails.
void ip_batch(const std::string& ns, const std::vector<std::string>& lines, const std::string& what);

// Runs `fn` on a thread that has entered namespace `ns` (setns applies to a
// thread, so the caller's own namespace never changes). Exceptions propagate.
void run_in_namespace(const std::string& ns, const std::function<void()>& fn);

// Kills every process inside `ns` (SIGTERM, then SIGKILL).
void kill_namespace_processes(const std::string& ns);

// Deletes namespaces whose name matches `pattern` with the creating process's
// pid as its first group, when that process no longer exists.
void remove_stale_namespaces(const std::regex& pattern);

bool have_root();

}  // namespace ikeshift::live
