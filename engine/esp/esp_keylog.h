// `--keylog-esp FILE`: the keys of every CHILD / IPsec SA in Wireshark's
// `esp_sa` table format, so a capture of the ESP traffic decrypts in
// tshark (`-o esp.enable_encryption_decode:TRUE -o uat:esp_sa:LINE`):
//
//   "IPv4","SRC","DST","0xSPI","<encryption>","0xKEY","<authentication>","0xKEY"
//
// one line per direction (inbound: the peer's address to ours with our SPI).
// Algorithm names as Wireshark spells them (the registry's WiresharkEsp
// column); AES-GCM keys include their 4-byte salt, its authentication is NULL.
// Like the IKE key logs, the file is written 0600 and only when asked for.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "dataplane/child_sa.h"
#include "ikev2/keylog.h"

namespace ikeshift::engine::esp {

// The two lines (each with its "\n"), or nullopt when an algorithm has no
// Wireshark name.
std::optional<std::vector<std::string>> esp_keylog_lines(const dataplane::ChildSaInstall& sa);

// Writes each installed SA's lines to the key log, then hands it on.
class EspKeyLogSink final : public dataplane::ChildSaSink {
 public:
  EspKeyLogSink(dataplane::ChildSaSink& next, ikev2::KeyLogFile& file) : next_(next), file_(file) {}
  void install(const dataplane::ChildSaInstall& sa) override;
  void remove(int ike_version, uint32_t ike_sa, uint32_t spi_in) override { next_.remove(ike_version, ike_sa, spi_in); }
  // SAs whose algorithms Wireshark cannot name (not written).
  size_t skipped() const { return skipped_; }

 private:
  dataplane::ChildSaSink& next_;
  ikev2::KeyLogFile& file_;
  size_t skipped_ = 0;
};

}  // namespace ikeshift::engine::esp
