// Small helpers the rule files share: places, names of algorithms in the file's
// own spelling, and ranges for messages.
#pragma once

#include <string>
#include <vector>

#include "model/algorithms.h"
#include "model/intent.h"
#include "validator/finding.h"
#include "validator/subject.h"

namespace ikeshift::validator {

inline Location at(const ConfigSubject& s, const text::SourceSpan& span, std::string label = {}) {
  return Location{s.file, span, std::move(label)};
}

// The first valid span of the list (rules point at the most precise place they have).
inline text::SourceSpan first_valid(std::initializer_list<text::SourceSpan> spans) {
  for (const auto& s : spans)
    if (s.valid()) return s;
  return {};
}

// An algorithm as dialect `d` writes it, falling back to the neutral id.
std::string spelled(const model::Algorithm& a, model::Dialect d);
// Comma-separated list of spellings.
std::string spelled_list(const std::vector<const model::Algorithm*>& list, model::Dialect d);

// "10.1.1.0/24", "10.1.1.1", "10.1.1.5-10.1.1.9", "any".
std::string format_range(const model::AddressRange& r);
// "10.1.0.0/24 -> 10.2.0.0/24" with protocol and ports when they narrow it.
std::string format_selector(const model::SelectorPair& s);

std::string format_seconds(uint64_t s);

}  // namespace ikeshift::validator
