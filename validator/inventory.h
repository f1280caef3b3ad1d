// The inventory file for `ikeshift validate --inventory FILE`: devices with a
// name, their configuration and their peer(s); every device-peer pair is
// validated once.
//
//   devices:
//     - name: asa1
//       config: configs/asa1.cfg   # relative to the inventory file
//       peer: asa2                 # or a list: [asa2, asa3]
//     - name: asa2
//       config: configs/asa2.cfg
//       peer: asa1
//     - name: linux-gw
//       config: configs/swanctl.conf
//       dialect: swanctl         # optional: asa, ios, rtx, swanctl (default: detected)
//       peer: asa1
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/dialect_detect.h"

namespace ikeshift::validator {

struct InventoryDevice {
  std::string name;
  std::string config;  // path, joined to the inventory's directory
  std::vector<std::string> peers;
  std::optional<ConfigDialect> dialect;  // `dialect:`; nullopt = detected
};

struct Inventory {
  std::vector<InventoryDevice> devices;
  // Each unordered device pair once, as (config A, config B), in file order.
  std::vector<std::pair<std::string, std::string>> pairs() const;
};

// nullopt with "FILE:LINE:COL: error: ..." in `error` when the file is not a
// valid inventory (unknown peer names included).
std::optional<Inventory> load_inventory(const std::string& path, std::string& error);

}  // namespace ikeshift::validator
