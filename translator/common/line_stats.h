// Counting the categories every reader gives its lines (blank, comment, free
// text, modelled, ignored, unknown) into ParseStats: one place for all four
// readers, so the counts mean the same in every dialect.
#pragma once

#include <vector>

#include "common/dialect_read.h"

namespace ikeshift {

// Sets stats.lines and adds each category's count (ll_fallbacks is left alone).
void count_line_categories(const std::vector<LineCategory>& categories, ParseStats& stats);

}  // namespace ikeshift
