// What `ikeshift check` found: per crypto map entry of every device, whether
// its tunnel came up, with which IKE version and why (the tunnel manager's
// 752xxx sequence), the algorithms and SPIs negotiated, the traffic that went
// through in each direction, the time to up, and for a failure the reason in
// plain words with the configuration lines that cause it. Renderers for
// people (text) and machines (YAML, JSON, JUnit XML) work on this alone.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/finding.h"
#include "live/probe.h"

namespace ikeshift::live {

enum class EntryStatus { Up, Down, NotTested };
const char* status_name(EntryStatus s);  // "up", "down", "not tested"

struct ProbeResult {
  std::string from, to;  // device names
  uint32_t source = 0, destination = 0;
  uint8_t protocol = 0;  // 0: ICMP, 6: TCP, 17: UDP
  uint16_t port = 0;
  ProbeOutcome outcome;
};

struct ChildSaResult {
  uint32_t spi_in = 0, spi_out = 0;
  std::string local, remote;     // selectors as the ASA prints them ("10.10.10.0/255.255.255.0/0/0")
  uint64_t packets_out = 0, packets_in = 0;  // encrypted and sent / received and decrypted
};

struct EntryResult {
  std::string round;         // "" for the configurations as given; "fallback" for --scenario fallback's second round
  std::string device, file;  // hostname (or file) and configuration file
  std::string implementation = "ikeshift";  // what ran the device: "ikeshift" or "strongswan"
  std::string map;
  uint32_t sequence = 0;
  text::SourceSpan span;     // the entry's first line
  std::string peer;          // `set peer` address
  std::string peer_device;   // the device with that address ("" when none)
  EntryStatus status = EntryStatus::NotTested;
  int ike_version = 0;       // the version that came up (0: none)
  std::vector<std::string> manager_log;  // 752xxx lines for this entry, in order
  std::string ike_algorithms, esp_algorithms;  // registry names, "AES-CBC-256/HMAC-SHA2-256-128/..."
  uint64_t ike_spi_local = 0, ike_spi_remote = 0;
  std::vector<ChildSaResult> children;
  std::optional<double> time_to_up_ms;  // first packet sent -> first answer through the tunnel
  std::string reason;                   // plain words, when not up
  std::vector<std::string> because;     // what the validator's pair rules say about it
  std::vector<FindingLocation> causes;  // configuration lines that explain it
  std::vector<ProbeResult> probes;      // traffic this entry's device sent
};

struct CheckReport {
  std::string scenario;  // "" or "fallback"
  std::vector<std::string> files;
  std::string topology;  // one line: "2 namespaces + router, 192.168.1.0/24 and 192.168.2.0/24"
  std::vector<EntryResult> entries;
  std::vector<Finding> findings;  // about the lab itself (entries that could not be tested, ...)
  std::optional<std::string> fatal;  // the check could not run at all, and why
  double wall_seconds = 0;
};

// 0 every tested entry up (and at least one), 1 some entry down or not tested, 2 could not run.
int exit_code(const CheckReport& r);

std::string render_check_text(const CheckReport& r, bool color);
std::string render_check_yaml(const CheckReport& r);
std::string render_check_json(const CheckReport& r);
std::string render_check_junit(const CheckReport& r);

}  // namespace ikeshift::live
