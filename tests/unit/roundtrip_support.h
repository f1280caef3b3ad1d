// Round-trip checks shared by the translation tests: an intent read back
// from a writer's output must equal the original in every field the writer
// did not report as lossy (WriteResult::lossy_fields).
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "model/intent_compare.h"

namespace ikeshift::test {

// Every difference must be in a field the writer said it could not carry.
inline void expect_equal_but_lossy(const model::Intent& a, const model::Intent& b, const std::vector<std::string>& lossy,
                                   const std::string& via) {
  for (const auto& d : model::compare_intents(a, b)) {
    bool reported = false;
    for (const auto& l : lossy) reported = reported || d.field == l || d.field.rfind(l + ".", 0) == 0 || d.field.rfind(l + "[", 0) == 0;
    EXPECT_TRUE(reported) << "via " << via << ": " << model::describe(d);
  }
}

}  // namespace ikeshift::test
