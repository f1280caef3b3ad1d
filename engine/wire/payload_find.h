// Look-ups over a decoded payload list of either IKE version (each version's
// Payload is a std::variant of its payload types), so exchange code can say
// "the KE payload" without writing the loop each time.
#pragma once

#include <variant>
#include <vector>

namespace ikeshift::wire {

// The first payload of alternative T (e.g. find_first<KePayload>), or nullptr.
template <typename T, typename... Alternatives>
const T* find_first(const std::vector<std::variant<Alternatives...>>& payloads) {
  for (const auto& p : payloads) {
    if (const auto* v = std::get_if<T>(&p)) return v;
  }
  return nullptr;
}

// Every payload of alternative T, in message order.
template <typename T, typename... Alternatives>
std::vector<const T*> find_all(const std::vector<std::variant<Alternatives...>>& payloads) {
  std::vector<const T*> out;
  for (const auto& p : payloads) {
    if (const auto* v = std::get_if<T>(&p)) out.push_back(v);
  }
  return out;
}

}  // namespace ikeshift::wire
