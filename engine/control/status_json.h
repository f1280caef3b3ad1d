// `show status`: everything the daemon knows about its tunnels as one JSON
// document, for programs (`ikeshift check` reads it) rather than people:
//   {"entries": [{"map", "sequence", "in_progress", "up_version", "last_result",
//                 "attempts": [{"ike_version", "established", "failure", "detail"}]}],
//    "ike_sas": [{"ike_version", "id", "map", "sequence", "status", "initiator",
//                 "local", "remote", "algorithms", "local_spi", "remote_spi",
//                 "failure", "children": [{"spi_in", "spi_out", "local", "remote",
//                 "algorithms", "packets_out", "packets_in", ...}]}]}
// IKEv1 ISAKMP SAs appear under "ike_sas" through their IPsec SAs (which
// carry the crypto map entry), as `show crypto ipsec sa` lists them.
#pragma once

#include <string>
#include <vector>

#include "control/show_format.h"
#include "manager/tunnel_manager.h"

namespace ikeshift::engine::control {

std::string format_status_json(const std::vector<manager::TunnelManager::EntryStatus>& entries,
                               const std::vector<ShowIkeSa>& ikev2, const std::vector<ShowIkeSa>& ikev1_ipsec);

}  // namespace ikeshift::engine::control
