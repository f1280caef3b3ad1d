#include "rtx/rtx_migrate.h"

#include <charconv>

#include "asa/secret_mask.h"
#include "common/text_case.h"

namespace ikeshift::rtx {

namespace {

std::string indent_of(std::string_view line) {
  return std::string(line.substr(0, line.find_first_not_of(" \t") == std::string_view::npos ? 0 : line.find_first_not_of(" \t")));
}

class Migration {
 public:
  Migration(const text::SourceText& src, const ParseResult& parsed) : src_(src), cfg_(parsed.config) {}

  asa::MigrateResult run() {
    for (const TunnelIf& t : cfg_.tunnels) tunnel(t);
    return std::move(out_);
  }

 private:
  void finding(Severity s, const char* code, std::string msg, std::string hint, const text::SourceSpan& span) {
    Finding f;
    f.severity = s;
    f.code = code;
    f.message = std::move(msg);
    f.hint = std::move(hint);
    f.where = {src_.path(), span};
    out_.findings.push_back(std::move(f));
  }

  void replace(uint32_t line, const std::string& text, const std::string& context) {
    out_.script.remove(line);
    out_.script.insert_after(line, {indent_of(src_.line(line)) + text});
    out_.patch.push_back({asa::PatchStep::AddReferences, context, {text}, false});
  }
  void add_after(uint32_t line, const std::string& text, const std::string& context) {
    // The indentation of the commands that follow (show config indents the
    // gateway's commands one level below `ipsec tunnel`).
    std::string_view like = src_.line(line);
    if (line + 1 < src_.line_count() && src_.line(line + 1).find_first_not_of(" \t") != std::string_view::npos &&
        indent_of(src_.line(line + 1)).size() > indent_of(like).size())
      like = src_.line(line + 1);
    out_.script.insert_after(line, {indent_of(like) + text});
    out_.patch.push_back({asa::PatchStep::AddReferences, context, {text}, false});
  }

  void tunnel(const TunnelIf& t) {
    if (!t.ipsec_policy) return;
    uint32_t pid = 0;
    const std::string& ptext = t.ipsec_policy->text;
    std::from_chars(ptext.data(), ptext.data() + ptext.size(), pid);
    const SaPolicy* sp = cfg_.sa_policy(pid);
    const Gateway* g = sp != nullptr ? cfg_.gateway(sp->gateway) : nullptr;
    if (g == nullptr || !g->remote_address) return;
    const std::string gw = std::to_string(g->id);
    const std::string context = "tunnel select " + std::to_string(t.id);
    if (g->version && g->version->words[0].text == "2") {
      ++out_.summary.entries_already_ikev2;
      finding(Severity::Info, "MIGRATE-ALREADY-IKEV2", context + " (gateway " + gw + ") already uses IKEv2; left as it is", "",
              g->version->span);
      return;
    }
    if (lower_ascii(g->remote_address->words[0].text) == "any") {
      finding(Severity::Info, "MIGRATE-DYNAMIC-MAP", context + ": gateway " + gw + " accepts any peer; left unchanged",
              "remote-access and dynamic peers need their IKEv2 settings by hand", g->remote_address->span);
      return;
    }
    const uint32_t policy_line = t.ipsec_policy->span.line - 1;
    if (g->version) {
      replace(g->version->line, "ipsec ike version " + gw + " 2", context);
    } else {
      add_after(policy_line, "ipsec ike version " + gw + " 2", context);
    }
    if (g->child_duration && g->child_duration->words.size() >= 1) {
      std::string d = "ipsec ike duration child-sa " + gw;
      for (const Word& w : g->child_duration->words) d += " " + w.text;
      if (src_.line(g->child_duration->line).find("child-sa") == std::string_view::npos) add_after(g->child_duration->line, d, context);
    }
    if (g->ike_duration && src_.line(g->ike_duration->line).find("ike-sa") == std::string_view::npos) {
      add_after(g->ike_duration->line, "ipsec ike duration ike-sa " + gw + " " + g->ike_duration->words[0].text, context);
    }
    if (g->keepalive && g->keepalive->words.size() >= 2 && lower_ascii(g->keepalive->words[0].text) != "off") {
      const std::string method = lower_ascii(g->keepalive->words[1].text);
      if (method == "dpd" || method == "heartbeat") {
        std::string k = "ipsec ike keepalive use " + gw + " " + g->keepalive->words[0].text + " rfc4306";
        for (size_t i = 2; i < g->keepalive->words.size() && i < 4; ++i) k += " " + g->keepalive->words[i].text;
        replace(g->keepalive->line, k, context);
      }
    }
    if (!g->proposal_limitation) {
      add_after(g->version ? g->version->line : policy_line, "ipsec ike proposal-limitation " + gw + " on", context);
    }
    ++out_.summary.entries_migrated;
    finding(Severity::Warning, "MIGRATE-RTX-SWITCHES-VERSION",
            context + ": an RTX gateway runs one IKE version, so gateway " + gw +
                " speaks only IKEv2 after this change (the ASA's migrate l2l runs both side by side)",
            "migrate the peer in the same window, or migrate it first when it can run IKEv1 and IKEv2 together (an ASA can)",
            t.span);
  }

  const text::SourceText& src_;
  const RtxConfig& cfg_;
  asa::MigrateResult out_;
};

}  // namespace

asa::MigrateResult migrate_l2l(const text::SourceText& src, const ParseResult& parsed) {
  return Migration(src, parsed).run();
}

std::string render_rtx_patch(const asa::MigrateResult& result, const std::string& file, bool mask) {
  std::string out = "# ikeshift migrate l2l: IKEv2 for " + file + "\n# type at the console in administrator mode\n";
  std::string context;
  for (const asa::PatchStep& s : result.patch) {
    if (s.context != context) {
      if (!context.empty()) out += "tunnel select none\n";
      context = s.context;
      if (!context.empty()) out += context + "\n";
    }
    for (const auto& c : s.commands) out += (mask ? asa::mask_asa_secrets(c) : c) + "\n";
  }
  if (!context.empty()) out += "tunnel select none\n";
  if (result.patch.empty()) out += "# nothing to change: the configuration is already migrated\n";
  out += "save\n";
  return out;
}

}  // namespace ikeshift::rtx
