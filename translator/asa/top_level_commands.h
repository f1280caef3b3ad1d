// First-word classification of top-level ASA lines.
//
// Why this exists: a real running-config is mostly ACLs, objects, NAT and
// interfaces. Only the VPN subset needs the full grammar, so each top-level
// line is first filed by its leading keywords (a few byte compares):
//   - VPN commands go to the grammar at once;
//   - access-lists and network objects/groups are deferred: the grammar sees
//     only those a crypto map actually references;
//   - every other command the ASA has is *deliberately ignored* -- it is listed
//     here by name, kept verbatim, and counted -- so that a line which is in
//     no list at all is reported as unknown instead of silently accepted.
#pragma once

#include <string_view>

#include "common/text_case.h"

namespace ikeshift::asa {

enum class TopKind {
  Comment,          // `!`, `:` lines, Cryptochecksum
  Vpn,              // parsed by the grammar now
  DeferredAcl,      // access-list: parsed only when a crypto map references it
  DeferredObject,   // object network NAME: parsed only when referenced
  DeferredGroup,    // object-group network NAME: parsed only when referenced
  Ignored,          // known ASA command outside the VPN model; children ignored too
  CertificateData,  // crypto ca certificate chain: children are certificate hex (free text)
  FreeText,         // banner lines
  Unknown,          // no ASA command starts like this
};

struct TopClass {
  TopKind kind = TopKind::Unknown;
  std::string_view name;  // ACL / object / group name for the deferred kinds
};

TopClass classify_top_line(std::string_view line);

// Splits off the next blank-separated word starting at `pos` (advanced past it).
std::string_view next_word(std::string_view line, size_t& pos);

using ikeshift::iequals;

}  // namespace ikeshift::asa
