#include "esp/tun_offload.h"

#include <cstring>

namespace ikeshift::engine::esp {

namespace {

// struct virtio_net_hdr of <linux/virtio_net.h> (that header is not valid
// C++), in host byte order as TUN uses it without TUNSETVNETBE.
struct virtio_net_hdr {
  uint8_t flags;
  uint8_t gso_type;
  uint16_t hdr_len;
  uint16_t gso_size;
  uint16_t csum_start;
  uint16_t csum_offset;
};
static_assert(sizeof(virtio_net_hdr) == kVnetHeader, "virtio_net_hdr layout");
constexpr uint8_t VIRTIO_NET_HDR_F_NEEDS_CSUM = 1;
constexpr uint8_t VIRTIO_NET_HDR_GSO_NONE = 0;
constexpr uint8_t VIRTIO_NET_HDR_GSO_TCPV4 = 1;
constexpr uint8_t VIRTIO_NET_HDR_GSO_ECN = 0x80;

constexpr uint8_t kTcp = 6, kUdp = 17;
constexpr uint8_t kFin = 0x01, kSyn = 0x02, kRst = 0x04, kPsh = 0x08, kAck = 0x10, kUrg = 0x20, kCwr = 0x80;

uint16_t be16(const uint8_t* p) { return static_cast<uint16_t>((p[0] << 8) | p[1]); }
uint32_t be32(const uint8_t* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
}
void put16(uint8_t* p, uint16_t v) {
  p[0] = static_cast<uint8_t>(v >> 8);
  p[1] = static_cast<uint8_t>(v);
}
void put32(uint8_t* p, uint32_t v) {
  put16(p, static_cast<uint16_t>(v >> 16));
  put16(p + 2, static_cast<uint16_t>(v));
}

// Pseudo header sum of RFC 793 / 768 for `l4_length` bytes of protocol `proto`.
uint32_t pseudo_header(const uint8_t* ip, uint8_t proto, size_t l4_length) {
  uint32_t sum = checksum_add(ip + 12, 8, 0);
  return sum + proto + static_cast<uint32_t>(l4_length);
}

// The full TCP/UDP checksum of a complete IPv4 packet, written in place.
void fix_l4_checksum(uint8_t* ip, size_t total) {
  const size_t ihl = static_cast<size_t>(ip[0] & 0x0f) * 4;
  const uint8_t proto = ip[9];
  uint8_t* l4 = ip + ihl;
  const size_t l4_len = total - ihl;
  const size_t field = proto == kTcp ? 16 : 6;
  if ((proto != kTcp && proto != kUdp) || l4_len < field + 2) return;
  put16(l4 + field, 0);
  uint16_t c = static_cast<uint16_t>(~checksum_fold(checksum_add(l4, l4_len, pseudo_header(ip, proto, l4_len))));
  if (proto == kUdp && c == 0) c = 0xffff;  // RFC 768: 0 means "no checksum"
  put16(l4 + field, c);
}

}  // namespace

uint32_t checksum_add(const uint8_t* p, size_t n, uint32_t sum) {
  uint64_t s = sum;
  size_t i = 0;
  for (; i + 1 < n; i += 2) s += static_cast<uint32_t>((p[i] << 8) | p[i + 1]);
  if (i < n) s += static_cast<uint32_t>(p[i] << 8);
  while (s >> 32) s = (s & 0xffffffffu) + (s >> 32);
  return static_cast<uint32_t>(s);
}

uint16_t checksum_fold(uint32_t sum) {
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return static_cast<uint16_t>(sum);
}

void fix_ipv4_header_checksum(uint8_t* ip) {
  const size_t ihl = static_cast<size_t>(ip[0] & 0x0f) * 4;
  put16(ip + 10, 0);
  put16(ip + 10, static_cast<uint16_t>(~checksum_fold(checksum_add(ip, ihl, 0))));
}

bool split_tun_read(uint8_t* buffer, size_t capacity, size_t at, size_t length, std::vector<uint8_t>& out,
                    size_t headroom, size_t slot, const EmitPacket& emit) {
  if (length < kVnetHeader + 20 || at > capacity || length > capacity - at) return false;
  uint8_t* read = buffer + at;
  virtio_net_hdr h{};
  std::memcpy(&h, read, sizeof h);
  uint8_t* ip = read + kVnetHeader;
  const size_t n = length - kVnetHeader;
  if ((ip[0] >> 4) != 4) return false;
  const size_t ihl = static_cast<size_t>(ip[0] & 0x0f) * 4;
  if (ihl < 20 || ihl > n) return false;
  const unsigned gso = h.gso_type & ~unsigned{VIRTIO_NET_HDR_GSO_ECN};
  if (gso == VIRTIO_NET_HDR_GSO_NONE) {
    if ((h.flags & VIRTIO_NET_HDR_F_NEEDS_CSUM) != 0) {
      // The field at csum_start + csum_offset holds the pseudo-header sum;
      // complete it over the data from csum_start on.
      const size_t start = h.csum_start, field = start + h.csum_offset;
      if (start > n || field + 2 > n) return false;
      const uint32_t sum = checksum_add(ip + start, n - start, 0);
      put16(ip + field, static_cast<uint16_t>(~checksum_fold(sum)));
    }
    emit(buffer, capacity, at + kVnetHeader, n);
    return true;
  }
  if (gso != VIRTIO_NET_HDR_GSO_TCPV4 || ip[9] != kTcp || n < ihl + 20) return false;
  uint8_t* tcp = ip + ihl;
  const size_t thl = static_cast<size_t>(tcp[12] >> 4) * 4;
  const size_t header = ihl + thl;
  const size_t mss = h.gso_size;
  if (thl < 20 || header > n || mss == 0) return false;
  const size_t payload = n - header;
  const size_t segments = (payload + mss - 1) / mss;
  if (out.size() < segments * slot) out.resize(segments * slot);
  if (headroom + header + mss > slot) return false;
  const uint16_t id = be16(ip + 4);
  const uint32_t seq = be32(tcp + 4);
  const uint8_t flags = tcp[13];
  for (size_t i = 0; i < segments; ++i) {
    const size_t chunk = i + 1 < segments ? mss : payload - i * mss;
    uint8_t* seg = out.data() + i * slot + headroom;
    std::memcpy(seg, ip, header);
    std::memcpy(seg + header, ip + header + i * mss, chunk);
    put16(seg + 2, static_cast<uint16_t>(header + chunk));
    put16(seg + 4, static_cast<uint16_t>(id + i));
    fix_ipv4_header_checksum(seg);
    uint8_t* t = seg + ihl;
    put32(t + 4, seq + static_cast<uint32_t>(i * mss));
    uint8_t f = flags;
    if (i + 1 < segments) f = static_cast<uint8_t>(f & ~(kFin | kPsh));  // only the last one ends the push
    if (i > 0) f = static_cast<uint8_t>(f & ~kCwr);                     // only the first one reacts to ECN
    t[13] = f;
    fix_l4_checksum(seg, header + chunk);
  }
  for (size_t i = 0; i < segments; ++i) {
    const size_t chunk = i + 1 < segments ? mss : payload - i * mss;
    emit(out.data() + i * slot, slot, headroom, header + chunk);
  }
  return true;
}

void TcpCoalescer::add(const uint8_t* p, size_t n) {
  Item it;
  if (!spare_.empty()) {
    it.bytes = std::move(spare_.back());
    spare_.pop_back();
  }
  it.bytes.assign(p, p + n);
  // Mergeable: IPv4 without options or fragments, TCP with only ACK (and
  // PSH), a payload, a correct header layout.
  if (n >= 40 && (p[0] >> 4) == 4 && (p[0] & 0x0f) == 5 && p[9] == kTcp && (be16(p + 6) & 0x3fff) == 0 &&
      be16(p + 2) == n) {
    const uint8_t* tcp = p + 20;
    const size_t thl = static_cast<size_t>(tcp[12] >> 4) * 4;
    const uint8_t flags = tcp[13];
    if (thl >= 20 && 20 + thl < n && (flags & (kFin | kSyn | kRst | kUrg | kCwr)) == 0 && (flags & kAck) != 0 &&
        (p[1] & 0x03) == 0 /* no ECN mark */) {
      it.tcp = true;
      it.src = be32(p + 12);
      it.dst = be32(p + 16);
      it.sport = be16(tcp);
      it.dport = be16(tcp + 2);
      it.header = 20 + thl;
      it.segment = n - it.header;
      it.next_seq = be32(tcp + 4) + static_cast<uint32_t>(it.segment);
      it.closed = (flags & kPsh) != 0;
      // Append to the open item of the same flow if it continues it exactly.
      for (auto r = items_.rbegin(); r != items_.rend(); ++r) {
        Item& o = *r;
        if (!o.tcp || o.src != it.src || o.dst != it.dst || o.sport != it.sport || o.dport != it.dport) continue;
        const uint8_t* oh = o.bytes.data();
        const bool same_header = o.header == it.header &&
                                 std::memcmp(oh + 20 + 8, tcp + 8, 4) == 0 &&  // ACK number
                                 std::memcmp(oh + 20 + 14, tcp + 14, 2) == 0 &&  // window
                                 std::memcmp(oh + 40, tcp + 20, thl - 20) == 0 &&  // options (timestamps)
                                 oh[1] == p[1] && oh[8] == p[8];                 // TOS, TTL
        if (!o.closed && same_header && be32(tcp + 4) == o.next_seq && it.segment <= o.segment &&
            o.bytes.size() + it.segment <= max_) {
          o.bytes.insert(o.bytes.end(), p + it.header, p + n);
          o.next_seq += static_cast<uint32_t>(it.segment);
          o.count++;
          if (it.segment < o.segment || it.closed) o.closed = true;
          if (it.closed) o.bytes[20 + 13] |= kPsh;
          return;
        }
        break;  // only the newest item of a flow may be continued (keeps the order)
      }
    }
  }
  items_.push_back(std::move(it));
}

void TcpCoalescer::flush(const Write& write) {
  for (Item& it : items_) {
    virtio_net_hdr h{};
    uint8_t* p = it.bytes.data();
    if (it.tcp && it.count > 1) {
      const size_t n = it.bytes.size();
      put16(p + 2, static_cast<uint16_t>(n));
      fix_ipv4_header_checksum(p);
      // As the kernel's GRO hands it up: checksum partial (the pseudo header
      // sum in the field), the stack trusts it -- each segment was
      // authenticated by ESP, and its own checksum was correct on arrival.
      h.flags = VIRTIO_NET_HDR_F_NEEDS_CSUM;
      h.gso_type = VIRTIO_NET_HDR_GSO_TCPV4;
      h.hdr_len = static_cast<uint16_t>(it.header);
      h.gso_size = static_cast<uint16_t>(it.segment);
      h.csum_start = 20;
      h.csum_offset = 16;
      put16(p + 20 + 16, checksum_fold(pseudo_header(p, kTcp, n - 20)));
    }
    uint8_t hdr[kVnetHeader];
    std::memcpy(hdr, &h, sizeof hdr);
    write(hdr, p, it.bytes.size());
  }
  for (Item& it : items_) {
    if (it.bytes.capacity() < max_) it.bytes.reserve(max_);  // grown once, then merged into without reallocation
    spare_.push_back(std::move(it.bytes));
  }
  items_.clear();
}

}  // namespace ikeshift::engine::esp
