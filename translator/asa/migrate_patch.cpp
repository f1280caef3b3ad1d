// The CLI patch: what to paste in configuration mode to turn the input into
// the migrated config, in an order the ASA accepts (references removed before
// the definitions they point at, definitions added before they are used).
#include <algorithm>

#include "asa/migrate_l2l.h"
#include "asa/secret_mask.h"

namespace ikeshift::asa {

std::string render_patch(const MigrateResult& result, const std::string& file, bool mask) {
  std::vector<const PatchStep*> steps;
  for (const auto& s : result.patch) steps.push_back(&s);
  std::stable_sort(steps.begin(), steps.end(),
                   [](const PatchStep* a, const PatchStep* b) { return a->phase < b->phase; });
  std::string out;
  out += "! ikeshift migrate l2l: IKEv2 for " + file + "\n";
  out += "! paste in configuration mode (configure terminal); IKEv1 stays as it is\n";
  if (steps.empty()) {
    out += "! nothing to change: the configuration is already migrated\n";
    return out;
  }
  bool any_masked = false;
  for (const PatchStep* s : steps) {
    if (!s->context.empty()) out += s->context + "\n";
    for (const auto& c : s->commands) {
      std::string line = (mask && s->has_secret) ? mask_asa_secrets(c) : c;
      if (line.find(Secret::kMask) != std::string::npos) any_masked = true;
      out += line + "\n";
    }
  }
  if (any_masked) {
    out += "! keys shown as ***** must be typed in by hand before this is pasted\n";
  }
  out += "end\n";
  return out;
}

}  // namespace ikeshift::asa
