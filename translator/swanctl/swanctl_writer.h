// The neutral intent -> a strongSwan swanctl.conf (connections, children,
// secrets), IKEv2 or IKEv1, through the registry's strongSwan spellings.
// Also the library behind `ikeshift check --peer-impl strongswan`: the lab
// overrides move addresses and name the connection, so a configuration can be
// loaded by a charon in a network namespace unchanged otherwise.
//
// Asymmetric keys (one per direction) need an ID on both ends
// (../shared/notes/strongswan-peer.md): each secret is bound to one ID, the
// local key to the peer's ID (charon signs with the secret of the pair of
// IDs) and the remote key to the local ID.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "model/intent.h"
#include "translate/writer.h"

namespace ikeshift::swanctl {

struct LabOverrides {
  std::optional<std::string> local_address;   // local_addrs for every connection
  std::optional<std::string> remote_address;  // remote_addrs
  std::string connection_prefix = "";         // connection names: PREFIX + tunnel name
  bool start = false;                         // start_action = start on every child (the lab initiates)
};

struct SwanctlOptions {
  translate::WriterOptions writer;
  LabOverrides lab;
};

translate::WriteResult write_swanctl(const model::Intent& intent, const SwanctlOptions& options);

}  // namespace ikeshift::swanctl
