// The shared test helpers themselves (test_support.h, tests/support): a check
// that cannot fail proves nothing, so each is shown to fail when it should.
#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <optional>
#include <string>

#include "test_support.h"

namespace ikeshift {
namespace {

// Sets an environment variable for one test and puts the old value back.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    ::setenv(name, value, 1);
  }
  ~ScopedEnv() {
    if (old_) {
      ::setenv(name_, old_->c_str(), 1);
    } else {
      ::unsetenv(name_);
    }
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

void require(const std::string& problem) { IKS_REQUIRE(problem); }

TEST(TestSupport, ContainsAllNamesEveryMissingNeedleAndTheText) {
  EXPECT_TRUE(test::contains_all("alpha\nbeta\n", {"alpha", "beta\n"}));
  const ::testing::AssertionResult r = test::contains_all("alpha\n", {"alpha", "beta", "gamma"});
  EXPECT_FALSE(r);
  const std::string message = r.message();
  EXPECT_TRUE(test::contains(message, "missing: \"beta\"")) << message;
  EXPECT_TRUE(test::contains(message, "missing: \"gamma\"")) << message;
  EXPECT_FALSE(test::contains(message, "missing: \"alpha\"")) << message;
  EXPECT_TRUE(test::contains(message, "in:\nalpha\n")) << message;
}

TEST(TestSupport, RequireIsAFailureWithTheReasonInCi) {
  ScopedEnv ci("CI", "true");
  EXPECT_TRUE(test::in_ci());
  EXPECT_FATAL_FAILURE(require("tshark not installed"), "CI=true, so this must run, but: tshark not installed");
  require("");  // nothing missing: nothing happens
}

TEST(TestSupport, OnlyCiEqualsTrueIsCi) {
  ScopedEnv ci("CI", "1");
  EXPECT_FALSE(test::in_ci());
}

}  // namespace
}  // namespace ikeshift
