#include "manager/initiate_outcome.h"

namespace ikeshift::engine::manager {

const char* to_string(FailureKind k) {
  switch (k) {
    case FailureKind::None: return "none";
    case FailureKind::NoProposalChosen: return "no proposal chosen";
    case FailureKind::AuthenticationFailed: return "authentication failed";
    case FailureKind::TsUnacceptable: return "traffic selectors unacceptable";
    case FailureKind::Timeout: return "no response (retransmissions exhausted)";
    case FailureKind::Other: return "other error";
  }
  return "?";
}

}  // namespace ikeshift::engine::manager
