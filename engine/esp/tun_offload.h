// TCP segmentation and coalescing at the TUN device (IFF_VNET_HDR with
// TUN_F_CSUM | TUN_F_TSO4), so the kernel's TCP stacks on both ends handle
// 64 KB super-packets instead of MTU-sized ones: one TUN read yields dozens
// of packets and one TUN write delivers dozens -- the per-packet system call
// and stack cost is what limits a userspace data plane, not the crypto.
//
//   read side:  the kernel hands over a virtio_net_hdr and either one packet
//               whose checksum may still have to be completed (NEEDS_CSUM)
//               or a TSO super-packet; split_tun_read() turns it into plain
//               IPv4 packets with correct checksums, one per MSS, which then
//               go through ESP one by one (the wire never sees a super-packet).
//   write side: TcpCoalescer merges consecutive in-order segments of one TCP
//               flow from a burst of decrypted packets into one GSO packet
//               (checksum left partial, as the kernel's own GRO would), and
//               passes everything else through unchanged.
//
// Every length is checked; anything that does not parse exactly is passed
// on as it is (never dropped or rewritten on a guess).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

namespace ikeshift::engine::esp {

inline constexpr size_t kVnetHeader = 10;  // struct virtio_net_hdr

// The ones' complement sum of RFC 1071, folded (not inverted).
uint32_t checksum_add(const uint8_t* p, size_t n, uint32_t sum);
uint16_t checksum_fold(uint32_t sum);

// Writes IPv4 and TCP/UDP checksums of a complete packet in place (used for
// segments and for NEEDS_CSUM packets).
void fix_ipv4_header_checksum(uint8_t* ip);

// One TUN read: virtio_net_hdr + data at buffer[at, at + length), buffer
// `capacity` bytes. Each resulting IPv4 packet goes to emit(base, capacity,
// offset, length) -- in `buffer` itself (one packet), or in slots of `slot`
// bytes in `segments` with the packet at `headroom` (a TSO super-packet) --
// ready for DataPlane::outbound. False: the header or packet did not parse,
// nothing was emitted.
using EmitPacket = std::function<void(uint8_t* base, size_t capacity, size_t offset, size_t length)>;
bool split_tun_read(uint8_t* buffer, size_t capacity, size_t at, size_t length, std::vector<uint8_t>& segments,
                    size_t headroom, size_t slot, const EmitPacket& emit);

// Coalesces delivered packets of one burst for the TUN write side. add()
// copies the packet; flush() writes everything in arrival order per flow
// through `write(vnet_header, packet, length)`.
class TcpCoalescer {
 public:
  using Write = std::function<void(const uint8_t* vnet_header, const uint8_t* packet, size_t length)>;
  explicit TcpCoalescer(size_t max_packet = 65535) : max_(max_packet) {}
  void add(const uint8_t* packet, size_t length);
  void flush(const Write& write);
  size_t pending() const { return items_.size(); }

 private:
  struct Item {
    std::vector<uint8_t> bytes;  // the (possibly merged) packet
    bool tcp = false;            // a candidate for merging
    uint32_t src = 0, dst = 0;
    uint16_t sport = 0, dport = 0;
    uint32_t next_seq = 0;  // sequence number right after its payload
    size_t header = 0;      // IP + TCP header length
    size_t segment = 0;     // payload size of the first segment (gso_size)
    size_t count = 1;       // segments merged into it
    bool closed = false;    // a segment shorter than `segment` (or PSH) ended it
  };
  size_t max_;
  std::vector<Item> items_;
  std::vector<std::vector<uint8_t>> spare_;  // buffers of flushed items, reused (no allocation per packet)
};

}  // namespace ikeshift::engine::esp
