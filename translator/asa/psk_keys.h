// Asymmetric pre-shared keys for `migrate l2l --asymmetric-psk`: the YAML key
// file (read and written), random keys, and mirroring between two peers.
//
// Key file format (docs/migrate-l2l.md):
//   devices:
//     ASA-1:                  # hostname of the device (or its file name)
//       192.168.2.2:          # tunnel-group (peer address) on that device
//         local: KEY1         # ikev2 local-authentication: this device signs with it
//         remote: KEY2        # ikev2 remote-authentication: the peer signs with it
//   peers:                    # optional: keys for any device, by tunnel-group
//     203.0.113.9: {local: ..., remote: ...}
// Mirrored by construction: A's local key is B's remote key and vice versa.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "asa/migrate_l2l.h"

namespace ikeshift::asa {

struct KeyFile {
  std::map<std::string, std::map<std::string, PskPair>> devices;
  std::map<std::string, PskPair> peers;  // for any device
};

// Reads a key file; on error returns nullopt and sets `error` to
// "file:line:col: what; what to do".
std::optional<KeyFile> load_key_file(const std::string& path, std::string& error);

// Writes the key file atomically with mode 0600. Refuses to replace an
// existing file (keys are precious): returns false with `error`.
bool write_key_file(const std::string& path, const KeyFile& keys, std::string& error);

// A random key from OpenSSL's RNG: `length` characters from [A-Za-z0-9]
// (no character the ASA CLI would interpret), drawn without modulo bias.
Secret random_psk(size_t length = 32);

// The keys a device gets, by tunnel-group: its `devices:` section, else `peers:`.
std::map<std::string, PskPair> keys_for_device(const KeyFile& keys, const std::string& device);

// The name a device goes by in the key file: its hostname, else the file name.
std::string device_name(const AsaConfig& cfg, const std::string& path);

// The tunnel-group on `cfg` whose peer is one of `other`'s interface addresses
// (how two peers of one tunnel find each other). Empty when there is none.
std::string tunnel_group_towards(const AsaConfig& cfg, const AsaConfig& other);

// Address of the interface a crypto map is applied to (the address the peer
// uses for this device), else the first interface address; 0 if none.
uint32_t outside_address(const AsaConfig& cfg);

}  // namespace ikeshift::asa
