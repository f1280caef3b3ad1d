// `migrate l2l`: the IKEv2 configuration the ASA's own `migrate l2l` would
// produce (seed 004, docs/migrate-l2l.md), as an edit script over the original
// text so that every untouched line stays byte-identical.
//
// For every IKEv1 site-to-site tunnel it keeps all IKEv1 lines and adds, each
// where `show running-config` would print it:
//  - `crypto ipsec ikev2 ipsec-proposal NAME` for each transform-set NAME used;
//  - `crypto map M N set ikev2 ipsec-proposal NAME...` on each entry;
//  - `crypto ikev2 policy P` for each `crypto ikev1 policy P`;
//  - `crypto ikev2 enable IF` for each `crypto ikev1 enable IF`;
//  - IKEv2 local/remote pre-shared keys on each L2L tunnel-group.
// With `overwrite`, IKEv2 definitions that conflict with the migrated ones and
// IKEv2 proposals nothing references any more are removed first.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "asa/asa_model.h"
#include "common/finding.h"
#include "common/secret.h"
#include "edit/edit_script.h"
#include "text/source_text.h"

namespace ikeshift::asa {

struct PskPair {
  Secret local;   // this device signs with it (ikev2 local-authentication)
  Secret remote;  // the peer signs with it (ikev2 remote-authentication)
};

struct MigrateOptions {
  bool overwrite = false;
  // Asymmetric keys by tunnel-group name. A tunnel-group listed here gets
  // these keys instead of its IKEv1 key copied to both directions.
  std::map<std::string, PskPair> keys;
};

// A step of the CLI patch: commands to type in configuration mode, entered
// under `context` (a block header such as `tunnel-group X ipsec-attributes`)
// when it is not empty. Steps are rendered sorted by phase, so references are
// removed before definitions and definitions exist before they are used.
struct PatchStep {
  enum Phase { RemoveReferences, RemoveDefinitions, AddDefinitions, EnableIkev2, AddReferences, Keys };
  Phase phase = AddDefinitions;
  std::string context;
  std::vector<std::string> commands;  // top-level or, with a context, sub-commands
  bool has_secret = false;
};

struct MigrateSummary {
  size_t entries_migrated = 0;       // crypto map entries that got IKEv2 proposals
  size_t entries_already_ikev2 = 0;
  size_t proposals_added = 0;
  size_t policies_added = 0;
  size_t interfaces_enabled = 0;
  size_t tunnel_groups_keyed = 0;
  size_t lines_removed = 0;
};

struct MigrateResult {
  edit::EditScript script;
  std::vector<PatchStep> patch;
  std::vector<Finding> findings;
  MigrateSummary summary;
  // L2L tunnel-groups that received IKEv2 keys (names), in file order.
  std::vector<std::string> keyed_tunnel_groups;
};

MigrateResult migrate_l2l(const text::SourceText& src, const ParseResult& parsed,
                          const MigrateOptions& options);

// The L2L tunnel-groups `migrate_l2l` would give IKEv2 keys to (a tunnel-group
// of type ipsec-l2l with an IKEv1 key and no IKEv2 keys yet, or any with an
// IKEv1 key under `overwrite`). Used to plan asymmetric keys before migrating.
std::vector<std::string> l2l_tunnel_groups_to_key(const AsaConfig& cfg, bool overwrite);

// The paste-able CLI patch. `mask` replaces keys by `*****`.
std::string render_patch(const MigrateResult& result, const std::string& file, bool mask);

}  // namespace ikeshift::asa
