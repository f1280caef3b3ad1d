// The userspace ESP data plane of one device (RFC 4303 tunnel mode, RFC 3948
// UDP encapsulation or raw ESP), configured from the same intent model as the
// IKE engines and fed by them through dataplane::ChildSaSink.
//
// Outbound: an IPv4 packet routed into the TUN device is matched against the
// SPD (crypto-ACL entries in ASA order); the newest SA of that entry that
// covers it encrypts it into an ESP packet for the SA's outer path. With no
// SA yet, the control plane is asked to set the tunnel up (KEY_ACQUIRE, at
// most once per entry and acquire_interval) and the packet is held in a small
// per-entry queue, released when the SA arrives, or dropped when it is full
// or too old -- every drop counted by reason.
//
// Inbound: an ESP packet is looked up by SPI, checked against the anti-replay
// window, authenticated, decrypted, its padding checked, and its inner packet
// checked against the SA's selectors before it goes to the TUN device.
//
// Everything is injected (clock, RNG, crypto context, events, control plane,
// packet output) and nothing here blocks or spawns threads, so two data
// planes run against each other in one process in a unit test. Packets are
// processed in place in the caller's buffers: no allocation and no copy on
// the fast path (only held packets are copied).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "crypto/crypto_context.h"
#include "crypto/rng.h"
#include "dataplane/child_sa.h"
#include "esp/esp_sa.h"
#include "esp/inner_packet.h"
#include "esp/spd.h"
#include "events/event_bus.h"
#include "io/clock.h"

namespace ikeshift::engine::esp {

// Room the caller leaves around an outbound packet for the ESP header, IV,
// padding, trailer and ICV, so encapsulation happens in place.
inline constexpr size_t kHeadroom = 64;
inline constexpr size_t kTailroom = 320;  // up to 255 bytes of padding + trailer + a 32-byte ICV, rounded

struct DataPlaneOptions {
  size_t replay_window = 64;           // packets (RFC 4303 and ASA default)
  double soft_lifetime_share = 0.9;    // rekey at this share of the kilobyte lifetime
  size_t hold_packets = 8;             // per crypto-ACL entry while KEY_ACQUIRE is pending
  io::Duration hold_timeout = std::chrono::seconds(5);
  io::Duration acquire_interval = std::chrono::seconds(2);
  io::Duration log_interval = std::chrono::seconds(5);  // per drop reason, the ASA's 4021xx rate limit
  // Rekey (soft) this many sequence numbers before the 32-bit space (no ESN) runs out.
  uint64_t sequence_margin = uint64_t{1} << 20;
  // RFC 3948 2.3 NAT-keepalive (one 0xFF byte on UDP 4500) after this long
  // without ESP sent to a UDP-encapsulated peer (ASA `crypto isakmp
  // nat-traversal 20`); zero: never.
  io::Duration nat_keepalive = std::chrono::seconds(20);
};

// What KEY_ACQUIRE tells the control plane: the crypto map entry, the ACL
// entry (selector index), and the packet that triggered it.
struct AcquireRequest {
  std::string map;
  uint32_t sequence = 0;
  size_t tunnel = 0;    // index in the tunnel list the data plane was built from
  size_t selector = 0;  // index into that tunnel's selectors
  PacketFields packet;
};

// The data plane's reverse channel to the IKE side (the tunnel manager, or
// until it exists the daemon's wiring to Ikev2Engine).
class ControlPlane {
 public:
  virtual ~ControlPlane() = default;
  virtual void acquire(const AcquireRequest& request) = 0;
  // The soft kilobyte lifetime (or the sequence number space) is running
  // out: rekey this CHILD SA.
  virtual void soft_lifetime_expired(int ike_version, uint32_t ike_sa, uint32_t spi_in) = 0;
  // The hard limit: the SA carries no more traffic (the data plane already
  // stopped using it); delete or replace it.
  virtual void hard_lifetime_expired(int ike_version, uint32_t ike_sa, uint32_t spi_in) = 0;
};

// Where packets leave the data plane.
class PacketOutput {
 public:
  virtual ~PacketOutput() = default;
  // An ESP packet (SPI first) for `path`, or a 1-byte NAT-keepalive (0xFF,
  // UDP only); UDP or raw per path.udp. The bytes
  // are valid only during the call. False: not sent (counted as a send error).
  virtual bool send_esp(const OuterPath& path, const uint8_t* esp, size_t length) = 0;
  // A decrypted inner packet for the TUN device.
  virtual void deliver(const uint8_t* packet, size_t length) = 0;
  // Packets produced outside the output's own bursts (held packets released
  // by an SA install, which arrives through the IKE engine) must leave now.
  virtual void flush() {}
};

struct DataPlaneDeps {
  const io::Clock& clock;
  crypto::Rng& rng;
  const crypto::CryptoContext& crypto;
  events::EventBus* events = nullptr;  // nullptr: no log
  ControlPlane* control = nullptr;     // nullptr: no KEY_ACQUIRE / rekey requests
  PacketOutput& output;
};

inline constexpr size_t kDropReasons = 14;  // events::EspDropReason values

class DataPlane final : public dataplane::ChildSaSink {
 public:
  // `tunnels` defines the SPD and the tunnel indices of AcquireRequest; the
  // tunnels must outlive the data plane only for the duration of the call.
  DataPlane(DataPlaneDeps deps, const std::vector<const model::Tunnel*>& tunnels, DataPlaneOptions options = {});
  ~DataPlane() override;
  DataPlane(const DataPlane&) = delete;
  DataPlane& operator=(const DataPlane&) = delete;

  // dataplane::ChildSaSink
  void install(const dataplane::ChildSaInstall& sa) override;
  void remove(int ike_version, uint32_t ike_sa, uint32_t spi_in) override;

  // An IPv4 packet from the TUN device at buffer[offset, offset + length);
  // kHeadroom bytes before it and kTailroom after it (within `capacity`) are
  // scratch space the ESP packet is built in.
  void outbound(uint8_t* buffer, size_t capacity, size_t offset, size_t length);
  // A received ESP packet (starting with the SPI: UDP payload after the
  // non-ESP-marker check, or the IP payload of protocol 50); decrypted in
  // place. `arrived`: outer addresses (and ports for UDP) as received.
  void inbound(const OuterPath& arrived, uint8_t* esp, size_t length);
  // Expires held packets and flushes rate-limited drop logs; call about once
  // a second.
  void tick();

  // For `show` and tests.
  struct SaView {
    int ike_version = 2;
    uint32_t ike_sa = 0;
    std::string map;
    uint32_t sequence = 0;
    uint32_t spi_in = 0, spi_out = 0;
    OuterPath path;
    SaCounters counters;
    uint64_t lifetime_kilobytes = 0;
    uint64_t lifetime_seconds = 0;
    uint64_t remaining_kilobytes_in = 0, remaining_kilobytes_out = 0;  // 0 with lifetime 0: unlimited
    uint64_t active_seconds = 0;
    uint64_t next_sequence = 0;
    uint64_t replay_top = 0;
    size_t replay_window = 0;
    uint64_t replay_bitmap = 0;  // newest 64 positions
    size_t iv_size = 0;
    model::TrafficSelector local, remote;
  };
  std::vector<SaView> sas() const;
  std::optional<SaView> sa(uint32_t spi_in) const;
  uint64_t dropped(events::EspDropReason reason) const { return drops_[static_cast<size_t>(reason)]; }
  const std::array<uint64_t, kDropReasons>& drop_counters() const { return drops_; }
  size_t held_packets() const;
  uint64_t acquires_sent() const { return acquires_; }
  uint64_t keepalives_sent() const { return keepalives_; }
  const Spd& spd() const { return spd_; }

 private:
  struct Held {
    std::vector<uint8_t> packet;
    io::TimePoint at;
  };
  struct EntryState {
    std::vector<EspSa*> sas;  // newest last
    std::deque<Held> held;
    std::optional<io::TimePoint> last_acquire;
  };
  struct DropLog {
    std::optional<io::TimePoint> last;
    uint64_t suppressed = 0;
  };

  EspSa* outbound_sa(size_t entry, const PacketFields& f);
  void encapsulate(EspSa& sa, uint8_t* buffer, size_t capacity, size_t offset, size_t length);
  void hold_and_acquire(size_t entry, const PacketFields& f, const uint8_t* packet, size_t length);
  void release_held(const EspSa& sa);
  void count_bytes(EspSa& sa, bool outbound, size_t bytes);
  void drop(events::EspDropReason reason, events::EspPacketDropped e);
  void drop_outbound(events::EspDropReason reason, const PacketFields& f, uint32_t spi);
  void drop_inbound(events::EspDropReason reason, const OuterPath& arrived, uint32_t spi, uint32_t seq,
                    const EspSa* sa);
  void detach(EspSa& sa);
  void emit(const events::Event& e);
  void next_iv(uint8_t* out, size_t n);

  DataPlaneDeps deps_;
  DataPlaneOptions options_;
  Spd spd_;
  std::vector<EntryState> entries_;
  std::unordered_map<uint32_t, std::unique_ptr<EspSa>> by_spi_;  // the SAD, by inbound SPI
  std::array<uint64_t, kDropReasons> drops_{};
  std::array<DropLog, kDropReasons> drop_logs_{};
  uint64_t acquires_ = 0;
  uint64_t keepalives_ = 0;
  std::vector<uint8_t> iv_pool_;
  size_t iv_used_ = 0;
  std::vector<uint8_t> scratch_;  // re-encapsulating held packets
};

}  // namespace ikeshift::engine::esp
