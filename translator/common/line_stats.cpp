#include "common/line_stats.h"

namespace ikeshift {

void count_line_categories(const std::vector<LineCategory>& categories, ParseStats& s) {
  s.lines = categories.size();
  for (LineCategory c : categories) {
    switch (c) {
      case LineCategory::Blank: ++s.blank; break;
      case LineCategory::Comment: ++s.comments; break;
      case LineCategory::FreeText: ++s.free_text; break;
      case LineCategory::Modelled: ++s.modelled; break;
      case LineCategory::Ignored: ++s.ignored; break;
      case LineCategory::Unknown: ++s.unknown; break;
    }
  }
}

}  // namespace ikeshift
