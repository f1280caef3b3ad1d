// What every interop test checks before it builds a lab: root, iproute2,
// /var/run/netns (test::netns_problem, shared with the unit tests), charon
// and swanctl. Missing => SKIPPED with the reason, except with CI=true, where
// a missing prerequisite is a FAILURE (IKS_REQUIRE, tests/support).
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "netns_lab.h"
#include "prerequisites.h"
#include "strongswan_peer.h"

namespace ikeshift::interop {

inline std::string environment_problem() {
  std::string problem = test::netns_problem();
  return problem.empty() ? StrongswanPeer::missing_prerequisites() : problem;
}

}  // namespace ikeshift::interop
