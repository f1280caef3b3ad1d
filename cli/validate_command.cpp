// `ikeshift validate`: the CLI around validator/. Loads each configuration
// once, runs the single-config rules on every file and the pair rules on each
// pair (--pair A B, or the pairs of an --inventory), renders one report (text,
// JSON, SARIF, JUnit) to standard output or -o FILE, and sets the exit code:
// 0 nothing at or above --fail-on, 1 findings at or above it, 2 could not run.
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <map>
#include <memory>

#include "cli/batch.h"
#include "cli/commands.h"
#include "edit/atomic_write.h"
#include "validator/inventory.h"
#include "validator/project_config.h"
#include "validator/report/report.h"
#include "validator/rules/rule_set.h"
#include "validator/validate.h"

namespace ikeshift::cli {

namespace {

namespace fs = std::filesystem;
using namespace ikeshift::validator;

struct ValidateArgs {
  std::vector<std::string> files;
  std::vector<std::string> pair;  // flattened: A B A B ...
  std::string inventory;
  std::string format = "text";
  std::string fail_on;
  std::string output;
  std::string project_config;
  bool no_project_config = false;
  bool list_rules = false;
  std::string color = "auto";
  std::string from = "auto";
};

void usage_error(const std::string& message) {
  std::cerr << "ikeshift validate: error: " << message << "\n"
            << "  (see `ikeshift validate --help`)\n";
}

std::string list_rules_text() {
  std::string out;
  for (const RuleInfo* r : all_rules()) {
    out += std::string(r->id) + " (" + severity_name(r->severity) + ", " + std::string(r->applies_to) + ", " +
           std::string(r->scope == Scope::Pair ? "pair" : "single config") +
           (r->enabled_by_default ? "" : ", off by default") + ")\n";
    out += "    " + std::string(r->summary) + "\n";
    out += "    why: " + std::string(r->rationale) + "\n";
    out += "    fix: " + std::string(r->fix) + "\n";
  }
  return out;
}

class ValidateRun {
 public:
  explicit ValidateRun(ValidateArgs a) : a_(std::move(a)) {}

  int run() {
    if (a_.list_rules) {
      std::cout << list_rules_text();
      return kExitOk;
    }
    if (!load_project()) return kExitFailed;
    std::vector<std::pair<std::string, std::string>> pairs;
    for (size_t i = 0; i + 1 < a_.pair.size(); i += 2) pairs.emplace_back(a_.pair[i], a_.pair[i + 1]);
    if (!a_.inventory.empty()) {
      std::string error;
      auto inv = load_inventory(a_.inventory, error);
      if (!inv) {
        std::cerr << error << "\n";
        return kExitFailed;
      }
      for (auto& p : inv->pairs()) pairs.push_back(std::move(p));
      for (const InventoryDevice& d : inv->devices)
        if (d.dialect) dialects_[d.config] = *d.dialect;
    }
    std::vector<std::string> paths;
    for (const InputFile& in : expand_inputs(a_.files)) paths.push_back(in.path);
    for (const auto& [x, y] : pairs) {
      paths.push_back(x);
      paths.push_back(y);
    }
    if (paths.empty()) {
      usage_error("nothing to validate: give configuration files, --pair A B or --inventory FILE");
      return kExitFailed;
    }
    for (const std::string& p : paths) load(p);

    Report report;
    report.tool_version = IKESHIFT_VERSION;
    report.fail_on = fail_on_;
    for (const RuleInfo* r : all_rules()) {
      if (!project_.runs(*r)) continue;
      (r->scope == Scope::Pair ? report.pair_rules : report.config_rules).push_back(r);
    }
    for (const std::string& p : order_) {
      const LoadedConfig& c = *loaded_.at(p);
      FileReport f;
      f.name = c.display;
      f.source = c.source;
      f.failure = c.failure;
      f.findings = check_config(c, project_);
      report.files.push_back(std::move(f));
    }
    for (const auto& [x, y] : pairs) {
      PairReport pr;
      pr.a = x;
      pr.b = y;
      pr.findings = check_pair(*loaded_.at(x), *loaded_.at(y), project_);
      report.pairs.push_back(std::move(pr));
    }
    return emit(report);
  }

 private:
  bool load_project() {
    if (!a_.fail_on.empty()) fail_on_ = a_.fail_on == "warning" ? Severity::Warning : Severity::Error;
    std::string path = a_.project_config;
    if (path.empty() && !a_.no_project_config) path = find_project_config(".");
    if (!path.empty()) {
      std::string error;
      auto p = load_project_config(path, error);
      if (!p) {
        std::cerr << error << "\n";
        return false;
      }
      project_ = std::move(*p);
      if (a_.fail_on.empty() && project_.fail_on) fail_on_ = *project_.fail_on;
    }
    return true;
  }

  void load(const std::string& path) {
    if (loaded_.count(path)) return;
    std::optional<ConfigDialect> from = a_.from == "auto" ? std::nullopt : parse_dialect(a_.from);
    if (auto it = dialects_.find(path); it != dialects_.end()) from = it->second;
    loaded_[path] = load_config(path, path, from);
    order_.push_back(path);
  }

  int emit(const Report& report) {
    const bool to_file = !a_.output.empty();
    const bool color = a_.format == "text" && !to_file &&
                       (a_.color == "always" ||
                        (a_.color == "auto" && stdout_is_terminal() && std::getenv("NO_COLOR") == nullptr));
    std::string text;
    if (a_.format == "json") text = render_json(report);
    else if (a_.format == "sarif") text = render_sarif(report);
    else if (a_.format == "junit") text = render_junit(report);
    else text = render_text(report, color);
    if (!to_file) {
      std::cout << text;
      std::cout.flush();
    } else {
      std::string error;
      if (!edit::write_file_atomically(a_.output, text, 0644, error)) {
        std::cerr << "ikeshift validate: error: " << error << "\n";
        return kExitFailed;
      }
      if (a_.format != "text") std::cerr << render_text_summary(report);
    }
    return exit_code(report);
  }

  // One line on stderr when the report itself went to a file.
  static std::string render_text_summary(const Report& report) {
    const Counts c = count(report);
    return "ikeshift validate: " + std::to_string(report.files.size()) + " file(s), " +
           std::to_string(report.pairs.size()) + " pair(s): " + std::to_string(c.errors) + " error(s), " +
           std::to_string(c.warnings) + " warning(s), " + std::to_string(c.infos) + " info(s)" +
           (c.failed ? "; " + std::to_string(c.failed) + " could not be validated" : std::string()) + "\n";
  }

  ValidateArgs a_;
  ProjectConfig project_;
  Severity fail_on_ = Severity::Error;
  std::map<std::string, std::unique_ptr<LoadedConfig>> loaded_;
  std::vector<std::string> order_;
  std::map<std::string, ConfigDialect> dialects_;  // the inventory's `dialect:` per config path
};

}  // namespace

void register_validate(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ValidateArgs>();
  CLI::App* v = app.add_subcommand(
      "validate",
      "Check configurations without bringing anything up: Cisco ASA, Cisco IOS, Yamaha RTX and\n"
      "strongSwan swanctl.conf (detected per file, or --from). Dangling references, incomplete\n"
      "proposals, profiles and crypto map entries, weak crypto, masked keys, limits (every file),\n"
      "and with --pair or --inventory whether two peers of any two dialects fit together: peer\n"
      "addresses, mirrored crypto ACLs, common IKE/ESP proposals, PFS, mirrored keys (never\n"
      "printed), identities, DPD, lifetimes.\n"
      "Rules are listed by --list-rules and documented in docs/rules.md; a .ikeshift.yaml in the\n"
      "current directory or above enables, disables or re-grades them.\n"
      "\n"
      "Examples:\n"
      "  ikeshift validate asa1.cfg asa2.cfg\n"
      "  ikeshift validate --pair asa1.cfg asa2.cfg\n"
      "  ikeshift validate --pair asa1.cfg router.cfg            # ASA against IOS (or RTX, swanctl.conf)\n"
      "  ikeshift validate --inventory vpn.yaml --format sarif -o ikeshift.sarif\n"
      "  ikeshift validate --format junit --fail-on warning configs/ > validate.xml\n"
      "  ikeshift validate --list-rules\n"
      "\n"
      "Exit codes: 0 no finding at or above --fail-on, 1 findings at or above it, 2 a file could\n"
      "not be validated (unreadable, empty, not the dialect named, truncated) or the command line,\n"
      ".ikeshift.yaml or the inventory is wrong.");
  v->add_option("files", args->files, "Configuration files or directories (searched recursively); e.g. asa1.cfg");
  v->add_option("--pair", args->pair,
                "Two peers' configurations: runs the pair rules on them (and the single rules on\n"
                "each); may be repeated; e.g. --pair asa1.cfg asa2.cfg")
      ->expected(2)
      ->take_all();
  v->add_option("--inventory", args->inventory,
                "YAML inventory: devices: [{name, config, peer, dialect}]; every device-peer pair is\n"
                "checked; e.g. --inventory vpn.yaml");
  v->add_option("--from", args->from,
                "Dialect of every file: asa, ios, rtx, swanctl, or auto (default: detected per file; an\n"
                "inventory's `dialect:` wins for its devices); e.g. --from swanctl")
      ->check(CLI::IsMember({"auto", "asa", "ios", "rtx", "swanctl"}));
  v->add_option("--format", args->format,
                "text (default; compiler style with the source line, coloured on a terminal), json,\n"
                "sarif (SARIF 2.1.0 for code scanning), junit (JUnit XML for CI); e.g. --format sarif")
      ->check(CLI::IsMember({"text", "json", "sarif", "junit"}));
  v->add_option("--fail-on", args->fail_on,
                "Lowest severity that makes the exit code 1: error (default) or warning;\n"
                "e.g. --fail-on warning")
      ->check(CLI::IsMember({"error", "warning"}));
  v->add_option("-o,--output", args->output, "Write the report to FILE (atomically) instead of standard output");
  v->add_option("--project-config", args->project_config,
                "The project configuration to use instead of the nearest .ikeshift.yaml");
  v->add_flag("--no-project-config", args->no_project_config, "Ignore any .ikeshift.yaml: built-in defaults");
  v->add_flag("--list-rules", args->list_rules, "Print every rule with its id, severity and rationale");
  v->add_option("--color", args->color, "Colour the text report: auto (on a terminal, unless NO_COLOR), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  v->callback([args, &exit_code] {
    if (!args->project_config.empty() && args->no_project_config) {
      usage_error("--project-config and --no-project-config exclude each other");
      exit_code = kExitFailed;
      return;
    }
    exit_code = ValidateRun(*args).run();
  });
}

}  // namespace ikeshift::cli
