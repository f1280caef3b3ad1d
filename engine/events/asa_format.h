// Renders events as the ASA prints them: syslog events as
// "%ASA-<sev>-<id>: <text>" with the texts of asa-facts.md / seed 004, and
// engine diagnostics as ASA debug lines ("IKEv2-PLAT-4: SENT PKT ...",
// "IKEv2-PROTO-1: (12): ..."). IKEv1 diagnostics borrow the IKEv2 debug
// layout with an "IKEv1-" prefix rather than imitate the ASA's IKEv1 debug
// format, so one parser reads both.
//
// Strings that may come from a peer are made printable (control bytes become
// \xNN), so nobody can forge a log line by putting "\n%ASA-..." in an identity.
#pragma once

#include <string>

#include "events/event_info.h"
#include "events/events.h"

namespace ikeshift::engine::events {

// One line, without timestamp or newline.
std::string format_asa(const Event& event);
// The same line appended to `out` (the sink reuses one buffer for every line),
// given the event's info(), which the sink has already looked up to filter.
void append_asa(std::string& out, const Event& event, const EventInfo& info);

// "Address Range: 10.10.10.11-10.10.10.11 Protocol: 0 Port Range: 0-65535"
std::string format_asa_selector(const TrafficSelector& ts);

}  // namespace ikeshift::engine::events
