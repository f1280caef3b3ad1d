// One way for every test, unit or interop, to say what it needs from the
// machine (root and network namespaces, a tool, a package): a *problem* --
// what is missing, empty when nothing is -- becomes a SKIP with the reason,
// except with CI=true, where CI must really run the test and a missing
// prerequisite is a FAILURE (.ci/setup installs everything the tests need).
//
//   IKS_REQUIRE(test::netns_problem());
//   IKS_REQUIRE(tshark ? std::string() : "tshark not installed");
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>

#include "live/netns.h"
#include "live/process.h"

namespace ikeshift::test {

inline bool in_ci() {
  const char* ci = std::getenv("CI");
  return ci != nullptr && std::string(ci) == "true";
}

// What network namespaces need: root, iproute2 and a writable
// /var/run/netns (created when missing, as `ip netns add` would). Empty when
// all are there.
inline std::string netns_problem() {
  if (!live::have_root()) return "not root: network namespaces need root";
  if (!live::find_executable("ip")) return "ip (iproute2) not installed";
  std::error_code ec;
  std::filesystem::create_directories("/var/run/netns", ec);
  if (ec || ::access("/var/run/netns", W_OK) != 0)
    return "/var/run/netns not creatable" + (ec ? ": " + ec.message() : std::string());
  return {};
}

}  // namespace ikeshift::test

// GTEST_SKIP/FAIL return from the calling function (a test body or SetUp),
// hence a macro.
#define IKS_REQUIRE(problem_expr)                                                              \
  do {                                                                                         \
    const std::string iks_problem = (problem_expr);                                            \
    if (!iks_problem.empty()) {                                                                \
      if (::ikeshift::test::in_ci()) FAIL() << "CI=true, so this must run, but: " << iks_problem; \
      GTEST_SKIP() << iks_problem;                                                             \
    }                                                                                          \
  } while (0)
