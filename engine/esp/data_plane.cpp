#include "esp/data_plane.h"

#include <algorithm>
#include <cstring>

namespace ikeshift::engine::esp {

namespace {

using events::EspDropReason;

constexpr size_t kEspHeader = 8;      // SPI + sequence number
constexpr uint8_t kNextHeaderNone = 59;  // RFC 4303 2.6: dummy packet (TFC)
constexpr size_t kIvPool = 4096;

uint32_t be32(const uint8_t* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
}
void put32(uint8_t* p, uint32_t v) {
  p[0] = static_cast<uint8_t>(v >> 24);
  p[1] = static_cast<uint8_t>(v >> 16);
  p[2] = static_cast<uint8_t>(v >> 8);
  p[3] = static_cast<uint8_t>(v);
}

size_t reason_index(EspDropReason r) { return static_cast<size_t>(r); }

uint64_t kilobytes_left(uint64_t lifetime_kb, uint64_t bytes) {
  const uint64_t used_kb = bytes / 1024;
  return lifetime_kb > used_kb ? lifetime_kb - used_kb : 0;
}

}  // namespace

DataPlane::DataPlane(DataPlaneDeps deps, const std::vector<const model::Tunnel*>& tunnels, DataPlaneOptions options)
    : deps_(deps), options_(options), spd_(tunnels), entries_(spd_.entries().size()) {
  static_assert(static_cast<size_t>(EspDropReason::SendFailed) + 1 == kDropReasons, "kDropReasons out of date");
}

DataPlane::~DataPlane() = default;

void DataPlane::emit(const events::Event& e) {
  if (deps_.events != nullptr) deps_.events->emit(e);
}

void DataPlane::next_iv(uint8_t* out, size_t n) {
  // Random IVs for CBC (RFC 3602 2.3) drawn in bulk from the injected RNG:
  // one RNG call per 4 KiB instead of one per packet.
  if (iv_pool_.size() != kIvPool) iv_pool_.assign(kIvPool, 0);
  if (iv_used_ + n > iv_pool_.size() || iv_used_ == 0) {
    deps_.rng.fill(iv_pool_.data(), iv_pool_.size());
    iv_used_ = 0;
  }
  std::memcpy(out, iv_pool_.data() + iv_used_, n);
  // Never hand out the same bytes twice.
  std::memset(iv_pool_.data() + iv_used_, 0, n);
  iv_used_ += n;
  if (iv_used_ == iv_pool_.size()) iv_used_ = 0;
}

// ------------------------------------------------------------ SA management

void DataPlane::install(const dataplane::ChildSaInstall& in) {
  auto fail = [&](const std::string& why) {
    emit(events::EspSaInstallFailed{in.ike_version, in.ike_sa, in.spi_in, why});
  };
  if (!in.tunnel_mode) {
    fail("transport mode is not implemented (site-to-site crypto maps use tunnel mode)");
    return;
  }
  std::optional<size_t> entry = spd_.entry_for(in.map, in.sequence, in.local, in.remote);
  if (!entry) {
    fail("crypto map " + in.map + " " + std::to_string(in.sequence) + " has no crypto-ACL entry in this data plane");
    return;
  }
  auto sa = std::make_unique<EspSa>();
  std::string why;
  sa->in = SaCipher::create(deps_.crypto, in.transform, in.encr_in, in.integ_in, false, why);
  if (sa->in) sa->out = SaCipher::create(deps_.crypto, in.transform, in.encr_out, in.integ_out, true, why);
  if (!sa->in || !sa->out) {
    fail(why);
    return;
  }
  sa->ike_version = in.ike_version;
  sa->ike_sa = in.ike_sa;
  sa->map = in.map;
  sa->sequence = in.sequence;
  sa->tunnel_group = in.tunnel_group;
  sa->spi_in = in.spi_in;
  sa->spi_out = in.spi_out;
  sa->transform = in.transform;
  sa->local = in.local;
  sa->remote = in.remote;
  sa->path = OuterPath{in.udp_encapsulation, in.local_address, in.peer_address, in.local_port, in.peer_port};
  sa->lifetime_seconds = in.lifetime_seconds;
  sa->lifetime_kilobytes = in.lifetime_kilobytes;
  sa->installed_at = deps_.clock.now();
  sa->last_sent = sa->installed_at;
  sa->replay = ReplayWindow(options_.replay_window, in.transform.esn);
  sa->spd_entry = *entry;
  sa->tunnel = spd_.entries()[*entry].tunnel;

  // The same inbound SPI again (an engine re-installing): the new one wins.
  auto old = by_spi_.find(in.spi_in);
  if (old != by_spi_.end()) {
    detach(*old->second);
    by_spi_.erase(old);
  }
  EspSa* raw = sa.get();
  by_spi_.emplace(in.spi_in, std::move(sa));
  entries_[*entry].sas.push_back(raw);
  emit(events::EspSaCreated{events::EspDirection::Inbound, raw->spi_in, raw->path.local, raw->path.peer,
                            raw->tunnel_group});
  emit(events::EspSaCreated{events::EspDirection::Outbound, raw->spi_out, raw->path.local, raw->path.peer,
                            raw->tunnel_group});
  release_held(*raw);
  deps_.output.flush();
}

void DataPlane::detach(EspSa& sa) {
  auto& list = entries_[sa.spd_entry].sas;
  list.erase(std::remove(list.begin(), list.end(), &sa), list.end());
}

void DataPlane::remove(int ike_version, uint32_t ike_sa, uint32_t spi_in) {
  auto it = by_spi_.find(spi_in);
  if (it == by_spi_.end() || it->second->ike_version != ike_version) return;
  EspSa& sa = *it->second;
  // An IKE SA rekey moves its CHILD SAs to the new IKE SA id; the inbound
  // SPI is unique on this device, so it alone identifies the SA.
  (void)ike_sa;
  emit(events::EspSaDeleted{events::EspDirection::Inbound, sa.spi_in, sa.path.local, sa.path.peer, sa.tunnel_group});
  emit(events::EspSaDeleted{events::EspDirection::Outbound, sa.spi_out, sa.path.local, sa.path.peer,
                            sa.tunnel_group});
  detach(sa);
  by_spi_.erase(it);
}

// ------------------------------------------------------------ outbound

EspSa* DataPlane::outbound_sa(size_t entry, const PacketFields& f) {
  const auto& list = entries_[entry].sas;
  for (auto it = list.rbegin(); it != list.rend(); ++it) {
    EspSa* sa = *it;
    if (!sa->outbound_dead && outbound_matches(sa->local, sa->remote, f)) return sa;
  }
  // An SA the peer negotiated wider than this ACL line hangs on another
  // line of the same crypto map entry.
  const size_t tunnel = spd_.entries()[entry].tunnel;
  for (size_t e = 0; e < entries_.size(); ++e) {
    if (e == entry || spd_.entries()[e].tunnel != tunnel) continue;
    for (auto it = entries_[e].sas.rbegin(); it != entries_[e].sas.rend(); ++it) {
      EspSa* sa = *it;
      if (!sa->outbound_dead && outbound_matches(sa->local, sa->remote, f)) return sa;
    }
  }
  return nullptr;
}

void DataPlane::outbound(uint8_t* buffer, size_t capacity, size_t offset, size_t length) {
  PacketFields f;
  if (offset > capacity || length > capacity - offset ||
      parse_inner_packet(buffer + offset, length, f) != PacketError::None) {
    // Not IPv4 (an IPv6 packet routed into the device): no crypto ACL covers it.
    drop_outbound(EspDropReason::NoPolicy, f, 0);
    return;
  }
  std::optional<size_t> entry = spd_.lookup(f);
  if (!entry) {
    drop_outbound(EspDropReason::NoPolicy, f, 0);
    return;
  }
  EspSa* sa = outbound_sa(*entry, f);
  if (sa == nullptr) {
    hold_and_acquire(*entry, f, buffer + offset, f.total_length);
    return;
  }
  encapsulate(*sa, buffer, capacity, offset, f.total_length);
}

void DataPlane::encapsulate(EspSa& sa, uint8_t* buffer, size_t capacity, size_t offset, size_t length) {
  SaCipher& c = *sa.out;
  PacketFields f;
  parse_inner_packet(buffer + offset, length, f);
  // Sequence numbers never wrap (RFC 4303 3.3.3): the SA dies first.
  const uint64_t limit = sa.transform.esn ? UINT64_MAX : UINT32_MAX;
  if (sa.next_sequence > limit || sa.next_sequence == 0) {
    sa.outbound_dead = true;
    drop_outbound(EspDropReason::SequenceExhausted, f, sa.spi_out);
    if (!sa.hard_reported && deps_.control) {
      sa.hard_reported = true;
      deps_.control->hard_lifetime_expired(sa.ike_version, sa.ike_sa, sa.spi_in);
    }
    return;
  }
  const size_t header = kEspHeader + c.iv_size();
  const size_t unpadded = length + 2;  // + pad length + next header
  const size_t padded = (unpadded + c.alignment() - 1) / c.alignment() * c.alignment();
  const size_t pad = padded - unpadded;
  if (offset < header || capacity - offset < padded + c.icv_size()) {
    drop_outbound(EspDropReason::TooBig, f, sa.spi_out);
    return;
  }
  uint8_t* esp = buffer + offset - header;
  uint8_t* trailer = buffer + offset + length;
  // Monotonic padding 1, 2, 3, ... (RFC 4303 2.4), then Pad Length and Next Header.
  for (size_t i = 0; i < pad; ++i) trailer[i] = static_cast<uint8_t>(i + 1);
  trailer[pad] = static_cast<uint8_t>(pad);
  trailer[pad + 1] = kIpInIp;

  const uint64_t seq = sa.next_sequence++;
  put32(esp, sa.spi_out);
  put32(esp + 4, static_cast<uint32_t>(seq));
  if (c.aead()) {
    // RFC 4106 3.1: the IV must never repeat under a key; the 64-bit
    // sequence number never does.
    put32(esp + 8, static_cast<uint32_t>(seq >> 32));
    put32(esp + 12, static_cast<uint32_t>(seq));
  } else if (c.iv_size() != 0) {
    next_iv(esp + kEspHeader, c.iv_size());
  }
  if (!c.seal(esp, padded, static_cast<uint32_t>(seq >> 32), sa.transform.esn)) {
    drop_outbound(EspDropReason::SendFailed, f, sa.spi_out);
    return;
  }
  sa.counters.encaps++;
  sa.last_sent = deps_.clock.now();
  if (sa.transform.encryption_id != kEncrNull) sa.counters.encrypt++;
  sa.counters.digest++;
  if (!deps_.output.send_esp(sa.path, esp, header + padded + c.icv_size())) {
    sa.counters.send_errors++;
    drop_outbound(EspDropReason::SendFailed, f, sa.spi_out);
  }
  count_bytes(sa, true, length);
  // Rekey well before the sequence number space runs out.
  if (!sa.transform.esn && !sa.soft_reported && seq + options_.sequence_margin >= UINT32_MAX && deps_.control) {
    sa.soft_reported = true;
    deps_.control->soft_lifetime_expired(sa.ike_version, sa.ike_sa, sa.spi_in);
  }
}

void DataPlane::count_bytes(EspSa& sa, bool outbound, size_t bytes) {
  (outbound ? sa.counters.bytes_out : sa.counters.bytes_in) += bytes;
  if (sa.lifetime_kilobytes == 0) return;
  const uint64_t used = std::max(sa.counters.bytes_out, sa.counters.bytes_in);
  const uint64_t limit = sa.lifetime_kilobytes * 1024;
  if (!sa.soft_reported && static_cast<double>(used) >= options_.soft_lifetime_share * static_cast<double>(limit)) {
    sa.soft_reported = true;
    emit(events::EspLifetimeExpired{sa.ike_version, sa.ike_sa, sa.spi_in, false, sa.lifetime_kilobytes});
    if (deps_.control) deps_.control->soft_lifetime_expired(sa.ike_version, sa.ike_sa, sa.spi_in);
  }
  if (used >= limit) {
    if (sa.counters.bytes_out >= limit) sa.outbound_dead = true;
    if (sa.counters.bytes_in >= limit) sa.inbound_dead = true;
    if (!sa.hard_reported) {
      sa.hard_reported = true;
      emit(events::EspLifetimeExpired{sa.ike_version, sa.ike_sa, sa.spi_in, true, sa.lifetime_kilobytes});
      if (deps_.control) deps_.control->hard_lifetime_expired(sa.ike_version, sa.ike_sa, sa.spi_in);
    }
  }
}

void DataPlane::hold_and_acquire(size_t entry, const PacketFields& f, const uint8_t* packet, size_t length) {
  EntryState& st = entries_[entry];
  const io::TimePoint now = deps_.clock.now();
  if (!st.last_acquire || now - *st.last_acquire >= options_.acquire_interval) {
    st.last_acquire = now;
    ++acquires_;
    const SpdEntry& e = spd_.entries()[entry];
    if (deps_.control) deps_.control->acquire(AcquireRequest{e.map, e.sequence, e.tunnel, e.selector, f});
    // acquire() may have installed an SA synchronously (an in-process peer).
    if (EspSa* sa = outbound_sa(entry, f)) {
      scratch_.assign(kHeadroom + length + kTailroom, 0);
      std::memcpy(scratch_.data() + kHeadroom, packet, length);
      encapsulate(*sa, scratch_.data(), scratch_.size(), kHeadroom, length);
      return;
    }
  }
  if (st.held.size() >= options_.hold_packets) {
    drop_outbound(EspDropReason::NoSa, f, 0);
    return;
  }
  st.held.push_back(Held{std::vector<uint8_t>(packet, packet + length), now});
}

void DataPlane::release_held(const EspSa& installed) {
  for (size_t e = 0; e < entries_.size(); ++e) {
    if (spd_.entries()[e].tunnel != installed.tunnel) continue;
    std::deque<Held> waiting;
    waiting.swap(entries_[e].held);
    for (Held& h : waiting) {
      PacketFields f;
      parse_inner_packet(h.packet.data(), h.packet.size(), f);
      EspSa* sa = outbound_sa(e, f);
      if (sa == nullptr) {
        entries_[e].held.push_back(std::move(h));  // still no SA for this one
        continue;
      }
      scratch_.assign(kHeadroom + h.packet.size() + kTailroom, 0);
      std::memcpy(scratch_.data() + kHeadroom, h.packet.data(), h.packet.size());
      encapsulate(*sa, scratch_.data(), scratch_.size(), kHeadroom, h.packet.size());
    }
  }
}

// ------------------------------------------------------------ inbound

void DataPlane::inbound(const OuterPath& arrived, uint8_t* esp, size_t length) {
  if (length < kEspHeader) {
    drop_inbound(EspDropReason::Malformed, arrived, length >= 4 ? be32(esp) : 0, 0, nullptr);
    return;
  }
  const uint32_t spi = be32(esp);
  const uint32_t seq_low = be32(esp + 4);
  auto it = by_spi_.find(spi);
  if (it == by_spi_.end()) {
    drop_inbound(EspDropReason::UnknownSpi, arrived, spi, seq_low, nullptr);
    return;
  }
  EspSa& sa = *it->second;
  SaCipher& c = *sa.in;
  const size_t overhead = kEspHeader + c.iv_size() + c.icv_size();
  if (length < overhead + c.alignment() || (length - overhead) % c.alignment() != 0) {
    drop_inbound(EspDropReason::Malformed, arrived, spi, seq_low, &sa);
    return;
  }
  if (sa.inbound_dead) {
    drop_inbound(EspDropReason::LifetimeExpired, arrived, spi, seq_low, &sa);
    return;
  }
  uint64_t seq = 0;
  if (sa.replay.check(seq_low, seq) != ReplayWindow::Verdict::Ok) {
    sa.counters.replay_failures++;
    drop_inbound(EspDropReason::Replay, arrived, spi, seq_low, &sa);
    return;
  }
  const size_t ciphertext = length - overhead;
  if (!c.open(esp, ciphertext, static_cast<uint32_t>(seq >> 32), sa.transform.esn)) {
    sa.counters.integrity_failures++;
    drop_inbound(EspDropReason::Authentication, arrived, spi, seq_low, &sa);
    return;
  }
  // Authentic: only now may the window move (RFC 4303 3.4.3).
  sa.replay.accept(seq);
  uint8_t* payload = esp + kEspHeader + c.iv_size();
  const uint8_t next_header = payload[ciphertext - 1];
  const size_t pad = payload[ciphertext - 2];
  bool padding_ok = pad + 2 <= ciphertext;
  for (size_t i = 0; padding_ok && i < pad; ++i)
    padding_ok = payload[ciphertext - 2 - pad + i] == static_cast<uint8_t>(i + 1);
  if (!padding_ok) {
    sa.counters.padding_failures++;
    drop_inbound(EspDropReason::Padding, arrived, spi, seq_low, &sa);
    return;
  }
  if (next_header == kNextHeaderNone) {  // a dummy packet: authentic, carries nothing
    sa.counters.tfc_received++;
    return;
  }
  const size_t inner_length = ciphertext - pad - 2;
  PacketFields f;
  if (next_header != kIpInIp || parse_inner_packet(payload, inner_length, f) != PacketError::None) {
    drop_inbound(EspDropReason::InnerMalformed, arrived, spi, seq_low, &sa);
    return;
  }
  if (!inbound_matches(sa.local, sa.remote, f)) {
    sa.counters.selector_failures++;
    events::EspPacketDropped e;
    e.spi = spi;
    e.sequence = seq_low;
    e.outer_local = arrived.local;
    e.outer_remote = arrived.peer;
    e.username = sa.tunnel_group;
    e.src = f.src;
    e.dst = f.dst;
    e.protocol = f.protocol;
    e.sa_local = sa.local;
    e.sa_remote = sa.remote;
    drop(EspDropReason::SelectorMismatch, e);
    return;
  }
  sa.counters.decaps++;
  if (sa.transform.encryption_id != kEncrNull) sa.counters.decrypt++;
  sa.counters.verify++;
  // TFC padding after the inner packet (RFC 4303 2.7) is cut off here.
  deps_.output.deliver(payload, f.total_length);
  count_bytes(sa, false, f.total_length);
}

// ------------------------------------------------------------ drops

void DataPlane::drop(EspDropReason reason, events::EspPacketDropped e) {
  const size_t i = reason_index(reason);
  drops_[i]++;
  DropLog& log = drop_logs_[i];
  const io::TimePoint now = deps_.clock.now();
  // One message per reason and log_interval; the ones in between are
  // counted and reported with the next message (a flood cannot flood the log).
  if (log.last && now - *log.last < options_.log_interval) {
    log.suppressed++;
    return;
  }
  log.last = now;
  e.reason = reason;
  e.suppressed = log.suppressed;
  log.suppressed = 0;
  emit(e);
}

void DataPlane::drop_outbound(EspDropReason reason, const PacketFields& f, uint32_t spi) {
  events::EspPacketDropped e;
  e.spi = spi;
  e.src = f.src;
  e.dst = f.dst;
  e.protocol = f.protocol;
  drop(reason, e);
}

void DataPlane::drop_inbound(EspDropReason reason, const OuterPath& arrived, uint32_t spi, uint32_t seq,
                             const EspSa* sa) {
  events::EspPacketDropped e;
  e.spi = spi;
  e.sequence = seq;
  e.outer_local = arrived.local;
  e.outer_remote = arrived.peer;
  if (sa != nullptr) e.username = sa->tunnel_group;
  drop(reason, e);
}

void DataPlane::tick() {
  const io::TimePoint now = deps_.clock.now();
  // The IKE engine rekeys on seconds well before the hard limit; an SA that
  // outlives its lifetime anyway (the rekey failed) stops carrying traffic.
  for (auto& [spi, sa] : by_spi_) {
    if (sa->lifetime_seconds == 0 || sa->hard_reported) continue;
    if (now - sa->installed_at < std::chrono::seconds(static_cast<int64_t>(sa->lifetime_seconds))) continue;
    sa->outbound_dead = sa->inbound_dead = true;
    sa->hard_reported = true;
    if (deps_.control) deps_.control->hard_lifetime_expired(sa->ike_version, sa->ike_sa, sa->spi_in);
  }
  // NAT-keepalives keep a NAT's UDP mapping alive while no ESP flows; one
  // per peer path, however many SAs share it.
  if (options_.nat_keepalive > io::Duration::zero()) {
    std::vector<const OuterPath*> kept;
    for (auto& [spi, sa] : by_spi_) {
      if (!sa->path.udp || sa->outbound_dead || now - sa->last_sent < options_.nat_keepalive) continue;
      sa->last_sent = now;
      const bool done = std::any_of(kept.begin(), kept.end(), [&](const OuterPath* p) {
        return p->local == sa->path.local && p->peer == sa->path.peer && p->peer_port == sa->path.peer_port;
      });
      if (done) continue;
      kept.push_back(&sa->path);
      const uint8_t keepalive = 0xff;
      if (deps_.output.send_esp(sa->path, &keepalive, 1)) ++keepalives_;
    }
    if (!kept.empty()) deps_.output.flush();
  }
  for (EntryState& st : entries_) {
    while (!st.held.empty() && now - st.held.front().at >= options_.hold_timeout) {
      PacketFields f;
      parse_inner_packet(st.held.front().packet.data(), st.held.front().packet.size(), f);
      st.held.pop_front();
      drop_outbound(EspDropReason::HoldExpired, f, 0);
    }
  }
}

size_t DataPlane::held_packets() const {
  size_t n = 0;
  for (const EntryState& st : entries_) n += st.held.size();
  return n;
}

// ------------------------------------------------------------ show

std::optional<DataPlane::SaView> DataPlane::sa(uint32_t spi_in) const {
  auto it = by_spi_.find(spi_in);
  if (it == by_spi_.end()) return std::nullopt;
  const EspSa& s = *it->second;
  SaView v;
  v.ike_version = s.ike_version;
  v.ike_sa = s.ike_sa;
  v.map = s.map;
  v.sequence = s.sequence;
  v.spi_in = s.spi_in;
  v.spi_out = s.spi_out;
  v.path = s.path;
  v.counters = s.counters;
  v.lifetime_kilobytes = s.lifetime_kilobytes;
  v.lifetime_seconds = s.lifetime_seconds;
  v.remaining_kilobytes_in = kilobytes_left(s.lifetime_kilobytes, s.counters.bytes_in);
  v.remaining_kilobytes_out = kilobytes_left(s.lifetime_kilobytes, s.counters.bytes_out);
  v.active_seconds = static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::seconds>(deps_.clock.now() - s.installed_at).count());
  v.next_sequence = s.next_sequence;
  v.replay_top = s.replay.top();
  v.replay_window = s.replay.size();
  v.replay_bitmap = s.replay.newest_bits();
  v.iv_size = s.in->iv_size();
  v.local = s.local;
  v.remote = s.remote;
  return v;
}

std::vector<DataPlane::SaView> DataPlane::sas() const {
  std::vector<SaView> out;
  for (const auto& [spi, sa] : by_spi_) out.push_back(*this->sa(spi));
  std::sort(out.begin(), out.end(), [](const SaView& a, const SaView& b) { return a.spi_in < b.spi_in; });
  return out;
}

}  // namespace ikeshift::engine::esp
