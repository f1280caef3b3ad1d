// A LabPlan made real: the namespaces, veth links, bridge, addresses, routes
// and test hosts exist while the Lab object lives, and are gone after --
// also when building failed halfway or a daemon inside is still running.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "live/lab_plan.h"
#include "live/netns.h"

namespace ikeshift::live {

class Lab {
 public:
  // Throws std::runtime_error saying which step failed (after undoing the rest).
  explicit Lab(const LabPlan& plan);
  ~Lab();
  Lab(const Lab&) = delete;
  Lab& operator=(const Lab&) = delete;

  const LabPlan& plan() const { return plan_; }

  // A unique prefix for this process's next lab ("ikc-<pid>-<n>"), whose
  // namespaces `remove_stale_labs` recognises once the process is gone.
  static std::string next_prefix();
  // Deletes the namespaces of labs whose process was killed.
  static void remove_stale_labs();

 private:
  const LabPlan& plan_;
  std::vector<std::unique_ptr<Namespace>> namespaces_;  // deleted in reverse order
};

}  // namespace ikeshift::live
