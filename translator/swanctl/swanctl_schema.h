// Which sections and keys swanctl.conf has (strongSwan 5.9's swanctl.conf(5)),
// and which of them ikeshift models. The reader files every setting by it:
// modelled (the intent derivation reads it), known but outside the model
// (ignored on purpose, e.g. `mobike`, `updown`), or unknown (a typo or a key
// this strongSwan version does not have: listed with its span and the
// section's keys).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ikeshift::swanctl {

enum class Context {
  Root,         // top level: connections, secrets, pools, authorities
  Connections,  // connections { <conn> { ... } }
  Connection,   // connections.<conn>
  Auth,         // connections.<conn>.local<suffix> / remote<suffix>
  Children,     // connections.<conn>.children
  Child,        // connections.<conn>.children.<child>
  Secrets,      // secrets
  IkeSecret,    // secrets.ike<suffix>
  Opaque,       // a known section outside the model (pools, authorities, eap secrets ...): everything in it ignored
  Unknown,      // inside a section that is not swanctl.conf's: everything in it unknown
};

const char* context_path(Context c);  // "connections.<conn>" for messages

// The context of a section named `name` opened inside `parent`.
Context section_context(Context parent, std::string_view name);

enum class KeyKind { Modelled, Ignored, Unknown };
KeyKind key_kind(Context c, std::string_view key);

// The keys of a context, for "expected one of ..." hints.
std::vector<std::string> keys_of(Context c);

}  // namespace ikeshift::swanctl
