// The typed events the engine emits: one struct per thing an operator cares
// about, carrying exactly the fields needed to render it (as ASA syslog, as
// JSON, or for a test's assertions). Sinks decide the text; the engine never
// formats log lines itself.
//
// Secrets never enter an event, by construction: no event has a field that
// can hold key material (no Secret, no raw key or nonce bytes, no AUTH data,
// no DH values). Everything here is either configuration the operator already
// sees in `show run` with keys masked (map tags, tunnel-group names) or public
// on the wire (addresses, SPIs, message IDs, proposals, identities, traffic
// selectors). Keep it that way when adding events: a key-log is a separate,
// explicitly requested output (--keylog), not an event.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "io/endpoint.h"
#include "model/intent.h"

namespace ikeshift::engine::events {

using model::TrafficSelector;

// Who a 750xxx message is about: "Local:IP:PORT Remote:IP:PORT Username:TG".
struct Peer {
  io::Endpoint local;
  io::Endpoint remote;
  // The tunnel-group name once the peer is mapped to one; empty until then,
  // rendered as the ASA does: "Username:Unknown".
  std::string username;
};

// A crypto map entry, as the 752xxx tunnel manager messages name it.
struct CryptoMapEntry {
  std::string tag;
  uint32_t sequence = 0;
};

// ---------------------------------------------------------------------------
// ASA syslog events (texts: shared/notes/asa-facts.md, seed 004)

struct TunnelRequested {  // 750001: KEY_ACQUIRE reached the IKE code
  Peer peer;
  TrafficSelector local_selector;
  TrafficSelector remote_selector;
};
struct InitRequestReceived {  // 750002: an IKE_SA_INIT request arrived
  Peer peer;
};
struct NegotiationAborted {  // 750003
  Peer peer;
  std::string error;
};
struct CookieChallengeSent {  // 750004
  Peer peer;
};
struct SaUp {  // 750006, e.g. reason "New Connection Established"
  Peer peer;
  std::string reason;
};
struct SaDown {  // 750007, e.g. reason "operator request"
  Peer peer;
  std::string reason;
};
struct TunnelManagerEntryRemoved {  // 752002
  CryptoMapEntry map;
};
// 752003 (IKEv2) / 752004 (IKEv1); after_failed_attempt: 752013 / 752014.
struct KeyAcquireDispatched {
  CryptoMapEntry map;
  int ike_version = 2;
  bool after_failed_attempt = false;
};
struct NoIkev2Proposal {  // 752010; the ASA text names no map entry, JSON does
  CryptoMapEntry map;
};
struct TunnelSetupFailed {  // 752012
  CryptoMapEntry map;
  int ike_version = 2;
};
struct AllIkeVersionsFailed {  // 752015
  CryptoMapEntry map;
};
struct TunnelSetupSucceeded {  // 752016
  CryptoMapEntry map;
  int ike_version = 2;
};

// ---------------------------------------------------------------------------
// ASA IKEv1 syslog events (713xxx). Texts from real ASA logs, see
// asa_format.cpp; they start "Group = G, IP = P, " once the tunnel-group is
// known and "IP = P, " before.

struct Ikev1Peer {
  std::string group;     // tunnel-group; empty while unknown
  uint32_t address = 0;  // the peer's IPv4 address, host order
};

struct Ikev1NewPhase1 {  // 713041: an initiator starts Main/Aggressive Mode for a KEY_ACQUIRE
  Ikev1Peer peer;
  std::string interface;  // nameif
  TrafficSelector local_proxy, remote_proxy;
  std::string map;
};
struct Ikev1Phase1Completed {  // 713119
  Ikev1Peer peer;
};
struct Ikev1Phase2Completed {  // 713120
  Ikev1Peer peer;
  uint32_t message_id = 0;
};
struct Ikev1SecurityNegotiationComplete {  // 713049: one IPsec SA pair installed
  Ikev1Peer peer;
  bool initiator = false;
  uint32_t spi_in = 0, spi_out = 0;
};
struct Ikev1ProxyRejected {  // 713061: no crypto ACL entry for the Quick Mode IDs
  Ikev1Peer peer;
  TrafficSelector remote_proxy, local_proxy;
  std::string interface;
};
struct Ikev1DuplicatePacket {  // 713201: a retransmission of a message already answered
  Ikev1Peer peer;
  int phase = 1;
  bool retransmitted = true;  // false: nothing to resend
};
struct Ikev1ConnectionTerminated {  // 713050: an IPsec SA pair is gone
  Ikev1Peer peer;
  std::string reason;  // "Peer Terminate", "User Requested", "Lost Service", "IPSec SA Idle Timeout" ...
  TrafficSelector remote_proxy, local_proxy;
};

// ---------------------------------------------------------------------------
// Engine diagnostics (no ASA syslog id; rendered as ASA-style debug lines,
// modelled on the RTX IKEv2 SYSLOG list of seed 003)

// The IKE SA an event concerns. sa_id is the engine's small per-SA number,
// the "(12)" of the ASA's "IKEv2-PROTO-3: (12): ..." debug lines. The SPIs
// are the IKE header's (IKEv1: the initiator and responder cookies); 0 when
// not yet known.
struct SaRef {
  int ike_version = 2;
  uint32_t sa_id = 0;
  uint64_t spi_i = 0;
  uint64_t spi_r = 0;
  io::Endpoint local;
  io::Endpoint remote;
};

enum class SaKind { Ike, Child };

// A message on the wire. The exchange type is the header's number (IKEv2:
// 34 IKE_SA_INIT .. 37 INFORMATIONAL; IKEv1: 2 Main Mode, 4 Aggressive,
// 5 Informational, 32 Quick Mode) so events do not depend on the codec.
struct MessageSent {
  SaRef sa;  // sent from sa.local to sa.remote
  uint8_t exchange = 0;
  uint32_t message_id = 0;
  bool response = false;
  size_t length = 0;
};
struct MessageReceived {
  SaRef sa;  // received from sa.remote on sa.local
  uint8_t exchange = 0;
  uint32_t message_id = 0;
  bool response = false;
  size_t length = 0;
};
struct RequestRetransmitted {  // our request timed out and was sent again
  SaRef sa;
  uint8_t exchange = 0;
  uint32_t message_id = 0;
  uint32_t attempt = 0;  // 1 = first retransmission
};
struct RetransmissionsExhausted {  // gave up waiting for a response
  SaRef sa;
  uint8_t exchange = 0;
  uint32_t message_id = 0;
  uint32_t attempts = 0;
};
struct ResponseRetransmitted {  // a duplicate request answered from the cache
  SaRef sa;
  uint8_t exchange = 0;
  uint32_t message_id = 0;
};
// Proposals are rendered by the engine with the algorithm registry's names,
// e.g. "AES-CBC-256/SHA256/SHA256/DH14".
struct ProposalChosen {
  SaRef sa;
  SaKind kind = SaKind::Ike;
  std::string proposal;
};
struct ProposalMismatch {
  SaRef sa;
  SaKind kind = SaKind::Ike;
  std::vector<std::string> received;
  std::vector<std::string> configured;
};
struct AuthenticationFailed {
  SaRef sa;
  std::string peer_identity;  // the IDi/IDr the peer sent, e.g. "192.168.2.2"
  std::string reason;
};
struct TrafficSelectorsUnacceptable {
  SaRef sa;
  std::vector<TrafficSelector> received_initiator;  // TSi
  std::vector<TrafficSelector> received_responder;  // TSr
  // What the crypto ACL allows, local and remote as seen from this side.
  std::vector<std::pair<TrafficSelector, TrafficSelector>> configured;
};
struct NatDetected {
  SaRef sa;
  bool local_behind_nat = false;
  bool remote_behind_nat = false;
};
struct DpdSent {
  SaRef sa;
  uint32_t message_id = 0;
};
struct DpdNoReply {  // peer declared dead
  SaRef sa;
  uint32_t attempts = 0;
};
// spi: the IKE SA's initiator SPI, or the CHILD SA's inbound SPI (32 bits).
struct RekeyStarted {
  SaRef sa;
  SaKind kind = SaKind::Child;
  uint64_t old_spi = 0;
};
struct RekeyCompleted {
  SaRef sa;
  SaKind kind = SaKind::Child;
  uint64_t old_spi = 0;
  uint64_t new_spi = 0;
};
struct DeleteSent {  // spis empty for the IKE SA itself
  SaRef sa;
  SaKind kind = SaKind::Child;
  std::vector<uint64_t> spis;
};
struct DeleteReceived {
  SaRef sa;
  SaKind kind = SaKind::Child;
  std::vector<uint64_t> spis;
};
// An ISAKMP SA is gone (deleted by either side, replaced, dead peer). IKEv2
// reports this as 750007 (SaDown); the ASA has no IKEv1 counterpart.
struct IsakmpSaRemoved {
  SaRef sa;
  std::string reason;
};
// Dropped before any SA state changed. ike_version 0: not even the header
// could be read. reason in the RTX list's spirit: "payload size unmatched
// 40/36", "IKE header size is not enough 20/28".
struct MalformedMessageDropped {
  int ike_version = 0;
  io::Endpoint from;
  io::Endpoint to;
  size_t length = 0;
  std::string reason;
};

// ---------------------------------------------------------------------------
// ESP data plane (engine/esp). Texts after the ASA's 402xxx / 602xxx messages.

enum class EspDirection { Inbound, Outbound };

// 602303 / 602304: an SA of one direction was created / deleted.
struct EspSaCreated {
  EspDirection direction = EspDirection::Inbound;
  uint32_t spi = 0;
  uint32_t local = 0, remote = 0;  // outer addresses
  std::string username;            // tunnel-group (the peer's address when unknown)
};
struct EspSaDeleted {
  EspDirection direction = EspDirection::Inbound;
  uint32_t spi = 0;
  uint32_t local = 0, remote = 0;
  std::string username;
};

// Why the data plane dropped a packet. The inbound reasons map onto the
// ASA's 402114 (unknown SPI), 402116 (selector mismatch), 402119 (replay),
// 402120 (authentication) and 402121 (anything else, with the reason).
enum class EspDropReason {
  // inbound
  UnknownSpi,
  Malformed,         // truncated ESP, bad length, bad UDP encapsulation
  Replay,            // anti-replay window (seen, too old, or sequence number 0)
  Authentication,    // ICV did not verify
  Padding,           // padding bytes, pad length or next header wrong
  SelectorMismatch,  // the decrypted packet is not covered by the SA's selectors
  InnerMalformed,    // the decrypted packet is no valid IPv4 packet
  LifetimeExpired,   // the SA reached its hard kilobyte limit
  // outbound
  NoPolicy,           // routed into the tunnel but no crypto-ACL entry covers it
  NoSa,               // KEY_ACQUIRE pending and the hold queue full (or holding off)
  HoldExpired,        // held for an SA that did not come up in time
  SequenceExhausted,  // sequence numbers used up: the SA must be rekeyed
  TooBig,             // no room for the ESP encapsulation in the buffer
  SendFailed,         // the socket refused the ESP packet
};

struct EspPacketDropped {
  EspDropReason reason = EspDropReason::UnknownSpi;
  uint32_t spi = 0;  // 0 outbound without an SA
  uint64_t sequence = 0;
  uint32_t outer_local = 0, outer_remote = 0;  // inbound: the outer addresses
  std::string username;
  // The (inner) packet: outbound always, inbound after decryption.
  uint32_t src = 0, dst = 0;
  uint8_t protocol = 0;
  // SelectorMismatch: the SA's selectors (local = this side).
  TrafficSelector sa_local, sa_remote;
  // Drops of this reason not logged since the last report (rate limit).
  uint64_t suppressed = 0;
};

// An SA the IKE engine negotiated could not be installed (a transform the
// data plane does not implement, wrong key lengths, transport mode).
struct EspSaInstallFailed {
  int ike_version = 2;
  uint32_t ike_sa = 0;
  uint32_t spi_in = 0;
  std::string reason;
};

// A kilobyte lifetime ran out: soft (the control plane rekeys) or hard
// (the SA stops carrying traffic).
struct EspLifetimeExpired {
  int ike_version = 2;
  uint32_t ike_sa = 0;
  uint32_t spi_in = 0;
  bool hard = false;
  uint64_t kilobytes = 0;  // the configured lifetime
};

using Event = std::variant<
    // ASA syslog
    TunnelRequested, InitRequestReceived, NegotiationAborted, CookieChallengeSent, SaUp, SaDown,
    TunnelManagerEntryRemoved, KeyAcquireDispatched, NoIkev2Proposal, TunnelSetupFailed,
    AllIkeVersionsFailed, TunnelSetupSucceeded,
    // ASA IKEv1 syslog
    Ikev1NewPhase1, Ikev1Phase1Completed, Ikev1Phase2Completed, Ikev1SecurityNegotiationComplete,
    Ikev1ProxyRejected, Ikev1DuplicatePacket, Ikev1ConnectionTerminated,
    // diagnostics
    MessageSent, MessageReceived, RequestRetransmitted, RetransmissionsExhausted,
    ResponseRetransmitted, ProposalChosen, ProposalMismatch, AuthenticationFailed,
    TrafficSelectorsUnacceptable, NatDetected, DpdSent, DpdNoReply, RekeyStarted,
    RekeyCompleted, DeleteSent, DeleteReceived, IsakmpSaRemoved, MalformedMessageDropped,
    // ESP data plane
    EspSaCreated, EspSaDeleted, EspPacketDropped, EspSaInstallFailed, EspLifetimeExpired>;

std::string_view to_string(EspDropReason r);  // "unknown SPI", "replay", ...

}  // namespace ikeshift::engine::events
