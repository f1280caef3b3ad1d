// ASCII case helpers. Configuration keywords are case-insensitive in every
// dialect (the seed writes `IKEv1`, `show run` prints `ikev1`), while names and
// keys are not, so only ASCII letters fold and other bytes pass unchanged.
#pragma once

#include <string>
#include <string_view>

namespace ikeshift {

inline char lower_ascii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

inline std::string lower_ascii(std::string s) {
  for (char& c : s) c = lower_ascii(c);
  return s;
}

inline bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (lower_ascii(a[i]) != lower_ascii(b[i])) return false;
  return true;
}

}  // namespace ikeshift
