// The strongSwan swanctl.conf model: the settings tree of one file as written
// (sections, settings, values with their spans), which the intent derivation
// (swanctl_intent.*) interprets. swanctl.conf is strongswan.conf syntax, so
// the file is first a tree of `name { ... }` sections and `key = value`
// settings; what a key means depends only on where it is
// (connections.<conn>.children.<child>.esp_proposals).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/dialect_read.h"
#include "common/finding.h"
#include "common/secret.h"
#include "text/source_text.h"

namespace ikeshift::swanctl {

using text::SourceSpan;

// A value as written: `text` is unquoted (one quoted value) or the raw text
// from the first to the last value word; `span` covers it.
struct Value {
  std::string text;
  SourceSpan span;
  bool quoted = false;
};

struct Setting {
  std::string key;
  SourceSpan key_span;
  Value value;           // empty text for `secret`: the key is in `secret` below
  std::optional<Secret> secret;  // secrets.ike<suffix>.secret, as written (quoted, 0x hex or 0s base64)
  uint32_t line = 0;
};

struct Section {
  std::string name;
  SourceSpan span;                  // the name word
  uint32_t line = 0;                // the `name {` line
  std::optional<uint32_t> close_line;  // the `}` line (nullopt: never closed)
  std::vector<std::string> refs;    // `name : a, b {` (templates; recorded, not expanded)
  std::vector<Setting> settings;    // in file order; a repeated key: the last one wins
  std::vector<Section> sections;

  // The effective setting of `key` (the last one written), or nullptr.
  const Setting* setting(const std::string& key) const;
  const Section* section(const std::string& name) const;
};

struct SwanctlConfig {
  Section root;  // name "", span invalid
};

struct ParseResult {
  SwanctlConfig config;
  std::vector<LineCategory> categories;
  std::vector<UnknownLine> unknown;
  std::vector<Finding> findings;  // includes not followed, sections copied from templates, repeated keys
  ParseStats stats;
  std::optional<uint32_t> unclosed_line;  // the innermost section still open at the end of the file
};

// Items of a comma-separated value (`local_addrs = 192.0.2.1, 198.51.100.1`),
// trimmed, each with its span; commas inside quotes do not split.
struct ListItem {
  std::string text;
  SourceSpan span;
};
std::vector<ListItem> split_list(const Value& v);

}  // namespace ikeshift::swanctl
