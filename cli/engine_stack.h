// The parts of `ikeshift engine` that run both IKE versions and the tunnel
// manager (engine/manager/tunnel_stack.h), kept out of engine_command.cpp:
// the start-up summary of what runs, --initiate, and the IKEv1 key log.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "ikev1/keylog.h"
#include "ikev2/keylog.h"
#include "manager/tunnel_stack.h"
#include "model/intent.h"

namespace ikeshift::cli {

// One line per crypto map entry (addresses, the IKE versions it runs, keys
// masked unless show_secrets) and one per version that cannot run, with why.
void describe_plan(const engine::manager::StackPlan& plan, const model::Intent& intent, bool show_secrets,
                   std::ostream& out);

// --initiate 'all' | MAP:SEQ ... -> manager entry indices; false with `error`.
bool initiate_list(const std::vector<engine::manager::ManagedEntry>& entries, const std::vector<std::string>& specs,
                   std::vector<size_t>& out, std::string& error);

// Appends every ISAKMP SA's key to --keylog-ikev1 FILE (ikev1_decryption_table).
class Ikev1KeyLogSink final : public engine::ikev1::IsakmpKeySink {
 public:
  Ikev1KeyLogSink(engine::ikev2::KeyLogFile& file, std::string path) : file_(file), path_(std::move(path)) {}
  void isakmp_keys(const engine::ikev1::IsakmpSaKeys& keys) override;

 private:
  engine::ikev2::KeyLogFile& file_;
  std::string path_;
};

}  // namespace ikeshift::cli
