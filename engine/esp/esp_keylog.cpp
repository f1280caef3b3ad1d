#include "esp/esp_keylog.h"

#include <cstdio>

#include "common/ipv4.h"
#include "crypto/hex.h"

namespace ikeshift::engine::esp {

namespace {

std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

std::string spi_text(uint32_t spi) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%08x", spi);
  return buf;
}

std::string_view wireshark_name(const model::Algorithm* a) {
  if (a == nullptr) return {};
  return a->names[static_cast<size_t>(model::Dialect::WiresharkEsp)];
}

}  // namespace

std::optional<std::vector<std::string>> esp_keylog_lines(const dataplane::ChildSaInstall& sa) {
  const model::Algorithm* encr = model::find_algorithm_by_iana(model::TransformType::Encryption,
                                                               sa.transform.encryption_id, sa.transform.encryption_bits);
  const bool aead = encr != nullptr && encr->aead;
  const model::Algorithm* integ =
      aead ? nullptr : model::find_algorithm_by_iana(model::TransformType::Integrity, sa.transform.integrity_id);
  std::string_view encr_name = wireshark_name(encr);
  std::string_view integ_name = aead ? std::string_view("NULL") : wireshark_name(integ);
  if (encr_name.empty() || integ_name.empty()) return std::nullopt;
  auto line = [&](uint32_t src, uint32_t dst, uint32_t spi, crypto::ByteSpan ek, crypto::ByteSpan ak) {
    return quoted("IPv4") + "," + quoted(format_ipv4(src)) + "," + quoted(format_ipv4(dst)) + "," +
           quoted(spi_text(spi)) + "," + quoted(encr_name) + "," + quoted("0x" + crypto::to_hex(ek)) + "," +
           quoted(integ_name) + "," + quoted(ak.empty() ? "" : "0x" + crypto::to_hex(ak)) + "\n";
  };
  return std::vector<std::string>{line(sa.peer_address, sa.local_address, sa.spi_in, sa.encr_in, sa.integ_in),
                                  line(sa.local_address, sa.peer_address, sa.spi_out, sa.encr_out, sa.integ_out)};
}

void EspKeyLogSink::install(const dataplane::ChildSaInstall& sa) {
  if (auto lines = esp_keylog_lines(sa)) {
    for (const std::string& l : *lines) file_.append(l);
  } else {
    ++skipped_;
  }
  next_.install(sa);
}

}  // namespace ikeshift::engine::esp
