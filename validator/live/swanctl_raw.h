// `swanctl ... --raw` output as a tree: `name {key=value key=[a b] sub {...}}`,
// nested, one event per line. Read by `check --peer-impl strongswan` (charon's
// SAs in the `show status` schema) and by the interop tests.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace ikeshift::live {

struct SwanctlRaw {
  std::string name;                                         // "" for the root
  std::vector<std::pair<std::string, std::string>> values;  // in order; a list keeps its text between [ ]
  std::vector<SwanctlRaw> sections;

  std::string get(const std::string& key) const;  // "" when absent
  const SwanctlRaw* section(const std::string& name) const;
};

// Never throws: what cannot be read (a stray character, a missing brace at the
// end) is skipped or closed, so a truncated listing still yields what it holds.
SwanctlRaw parse_swanctl_raw(const std::string& text);

}  // namespace ikeshift::live
