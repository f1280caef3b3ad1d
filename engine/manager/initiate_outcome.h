// How an IKE engine tells whoever asked it to initiate (the tunnel manager)
// what became of the attempt: up, or failed and why. Plain data with no
// dependency on either engine, so IKEv2 and IKEv1 report the same way and
// the manager decides about the fallback from the kind alone.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

namespace ikeshift::engine::manager {

// The failures the ASA's tunnel manager falls back from (seed 004, issue 4):
// no proposal chosen (IKE or IPsec), authentication failed, traffic
// selectors unacceptable, and no answer at all.
enum class FailureKind : uint8_t {
  None,
  NoProposalChosen,
  AuthenticationFailed,
  TsUnacceptable,
  Timeout,
  Other,
};

const char* to_string(FailureKind k);

struct InitiateOutcome {
  int ike_version = 2;
  uint32_t sa_id = 0;            // the engine's IKE / ISAKMP SA id
  bool established = false;      // IKE SA up and its first CHILD / IPsec SA installed
  FailureKind failure = FailureKind::None;
  std::string detail;            // in words, for logs and `show`
};

// Called exactly once per initiate(), from inside the engine's event
// handling; it may call back into the engine (e.g. terminate the SA).
using OutcomeCallback = std::function<void(const InitiateOutcome&)>;

// What both engines do to report: the outcome of SA `sa_id` reaches `slot`'s
// callback once (nothing when it has already been reported). The slot is
// emptied before the call, which may call back into the engine and end the
// SA that holds the slot: the caller must not touch that SA afterwards.
inline void report_once(OutcomeCallback& slot, int ike_version, uint32_t sa_id, FailureKind failure,
                        const std::string& detail) {
  if (!slot) return;
  OutcomeCallback cb = std::move(slot);
  slot = nullptr;
  InitiateOutcome o;
  o.ike_version = ike_version;
  o.sa_id = sa_id;
  o.established = failure == FailureKind::None;
  o.failure = failure;
  o.detail = detail;
  cb(o);
}

}  // namespace ikeshift::engine::manager
