// What every interop test checks before it builds a lab: root, iproute2,
// /var/run/netns, charon and swanctl. Missing => SKIPPED with the reason,
// except with CI=true, where a missing prerequisite is a FAILURE.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "netns_lab.h"
#include "strongswan_peer.h"

namespace ikeshift::interop {

inline bool in_ci() {
  const char* ci = std::getenv("CI");
  return ci && std::string(ci) == "true";
}

inline std::string environment_problem() {
  if (::geteuid() != 0) return "not root: network namespaces and charon need root";
  if (!find_executable("ip")) return "ip (iproute2) not installed";
  std::error_code ec;
  std::filesystem::create_directories("/var/run/netns", ec);
  if (ec || ::access("/var/run/netns", W_OK) != 0)
    return "/var/run/netns not creatable" + (ec ? ": " + ec.message() : std::string());
  return StrongswanPeer::missing_prerequisites();
}

}  // namespace ikeshift::interop

// GTEST_SKIP/FAIL return from the calling function, hence a macro.
#define IKS_REQUIRE(problem_expr)                                                                  \
  do {                                                                                             \
    const std::string iks_problem = (problem_expr);                                                \
    if (!iks_problem.empty()) {                                                                    \
      if (::ikeshift::interop::in_ci()) FAIL() << "CI=true, so this must run, but: " << iks_problem; \
      GTEST_SKIP() << iks_problem;                                                                 \
    }                                                                                              \
  } while (0)
