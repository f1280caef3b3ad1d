// `ikeshift migrate l2l`: the CLI around translator/asa/migrate_job.h.
// Option checks, batch orchestration, key planning for --asymmetric-psk and
// --peer-config, output writing (atomic, 0600 for anything holding keys),
// messages on stderr, the summary and the exit code (0 clean, 1 findings,
// 2 some input failed or the command could not run).
#include <sys/stat.h>

#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>

#include "asa/migrate_job.h"
#include "asa/psk_keys.h"
#include "asa/secret_mask.h"
#include "cli/batch.h"
#include "cli/commands.h"
#include "edit/atomic_write.h"
#include "translate/migrate_any.h"
#include "validator/migrate_check.h"
#include "validator/project_config.h"

namespace ikeshift::cli {

namespace {

namespace fs = std::filesystem;
using asa::MigrateJobOptions;
using asa::MigrateJobResult;
using asa::OutputFormat;

struct MigrateArgs {
  std::vector<std::string> inputs;
  std::string output;
  std::string out_dir;
  std::string format = "config";
  std::string color = "auto";
  bool overwrite = false;
  bool report_unknown = false;
  bool asymmetric = false;
  std::string psk_file;
  bool generate_psk = false;
  std::string peer_config;
  unsigned jobs = 1;
  bool show_secrets = false;
  bool quiet = false;
  bool force = false;
  std::string from = "auto";
};

void usage_error(const std::string& message) {
  std::cerr << "ikeshift migrate l2l: error: " << message << "\n"
            << "  (see `ikeshift migrate l2l --help`)\n";
}

// Prints a finding with the offending source line masked, compiler style.
void print_finding(const Finding& f) { std::cerr << format_finding(f); }

struct Outcome {
  MigrateJobResult result;
  std::string written_to;  // output path, empty for stdout
  std::string write_error;
};

class MigrateRun {
 public:
  explicit MigrateRun(MigrateArgs args) : a_(std::move(args)) {}

  int run() {
    if (!check_arguments()) return kExitFailed;
    if (!load_project()) return kExitFailed;
    inputs_ = expand_inputs(a_.inputs);
    if (inputs_.empty()) {
      usage_error("no input files found in " + join(a_.inputs));
      return kExitFailed;
    }
    if (!a_.peer_config.empty()) inputs_.push_back({a_.peer_config, fs::path(a_.peer_config).filename().string()});
    if (!check_outputs()) return kExitFailed;
    if (!prepare_keys()) return kExitFailed;

    outcomes_.resize(inputs_.size());
    bool progress = inputs_.size() > 1 && stderr_is_terminal() && !a_.quiet;
    run_parallel(inputs_.size(), a_.peer_config.empty() ? a_.jobs : 1, progress,
                 [this](size_t i) { process(i); }, [this](size_t i) { report(i); });

    if (to_stdout_) {
      for (const auto& o : outcomes_) std::cout << o.result.output;
      std::cout.flush();
    }
    bool keys_ok = save_generated_keys();
    return summarize(keys_ok);
  }

 private:
  static std::string join(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : " ") + x;
    return s;
  }

  // The validator that checks every output uses the project's .ikeshift.yaml
  // (the nearest one from the current directory), like `ikeshift validate`.
  bool load_project() {
    const std::string path = validator::find_project_config(".");
    if (path.empty()) return true;
    std::string error;
    auto p = validator::load_project_config(path, error);
    if (!p) {
      std::cerr << error << "\n";
      return false;
    }
    project_ = std::move(*p);
    return true;
  }

  bool check_arguments() {
    if (a_.generate_psk && !a_.psk_file.empty() && fs::exists(a_.psk_file)) {
      usage_error("--generate-psk would replace the existing key file " + a_.psk_file +
                  "; name a new file, or drop --generate-psk to use the keys in it");
      return false;
    }
    if ((a_.generate_psk || !a_.psk_file.empty()) && !a_.asymmetric) {
      usage_error("--psk-file and --generate-psk go with --asymmetric-psk");
      return false;
    }
    if (a_.asymmetric && !a_.generate_psk && a_.psk_file.empty()) {
      usage_error("--asymmetric-psk needs the keys: --psk-file keys.yaml, or --generate-psk");
      return false;
    }
    if (!a_.output.empty() && !a_.out_dir.empty()) {
      usage_error("-o and --out-dir exclude each other");
      return false;
    }
    if (!a_.peer_config.empty()) {
      if (a_.inputs.size() != 1 || fs::is_directory(a_.inputs[0])) {
        usage_error("--peer-config pairs exactly one input file with the peer's file");
        return false;
      }
      if (a_.out_dir.empty()) {
        usage_error("--peer-config writes two configurations: give --out-dir DIR");
        return false;
      }
    }
    if (a_.jobs == 0) a_.jobs = 1;
    return true;
  }

  OutputFormat format() const {
    if (a_.format == "patch") return OutputFormat::Patch;
    if (a_.format == "diff") return OutputFormat::Diff;
    return OutputFormat::Config;
  }

  bool check_outputs() {
    to_stdout_ = a_.out_dir.empty() && a_.output.empty();
    if (inputs_.size() > 1 && !a_.output.empty()) {
      usage_error("-o names one output file but there are " + std::to_string(inputs_.size()) +
                  " inputs: use --out-dir DIR");
      return false;
    }
    if (inputs_.size() > 1 && to_stdout_ && format() != OutputFormat::Diff) {
      usage_error("several inputs need --out-dir DIR (only --format diff may go to standard output)");
      return false;
    }
    std::map<std::string, std::string> seen;
    for (const auto& in : inputs_) {
      if (!a_.out_dir.empty()) {
        auto [it, fresh] = seen.emplace(in.relative, in.path);
        if (!fresh) {
          usage_error(in.path + " and " + it->second + " would both be written to " +
                      (fs::path(a_.out_dir) / in.relative).string());
          return false;
        }
        std::error_code ec;
        if (fs::equivalent(in.path, fs::path(a_.out_dir) / in.relative, ec)) {
          usage_error("--out-dir would overwrite the input " + in.path);
          return false;
        }
      }
    }
    if (!a_.out_dir.empty()) {
      std::error_code ec;
      fs::create_directories(a_.out_dir, ec);
      if (ec) {
        usage_error("cannot create --out-dir " + a_.out_dir + ": " + ec.message());
        return false;
      }
    }
    return true;
  }

  // ------------------------------------------------------------ keys
  bool prepare_keys() {
    if (!a_.asymmetric) return a_.peer_config.empty() || check_symmetric_pair();
    if (a_.generate_psk) {
      if (a_.psk_file.empty()) {
        fs::path dir = !a_.out_dir.empty() ? fs::path(a_.out_dir)
                       : !a_.output.empty() ? fs::path(a_.output).parent_path()
                                            : fs::path(".");
        key_file_path_ = (dir / "ikeshift-psk.yaml").string();
      } else {
        key_file_path_ = a_.psk_file;
      }
      if (fs::exists(key_file_path_)) {
        usage_error("the key file " + key_file_path_ +
                    " already exists; --generate-psk never replaces keys (move it away, or use "
                    "--psk-file " + key_file_path_ + " without --generate-psk)");
        return false;
      }
      if (!a_.peer_config.empty()) return pair_keys(nullptr);
      return true;
    }
    std::string error;
    auto loaded = asa::load_key_file(a_.psk_file, error);
    if (!loaded) {
      std::cerr << error << "\n";
      return false;
    }
    key_file_ = std::move(*loaded);
    if (!a_.peer_config.empty()) return pair_keys(&key_file_);
    return true;
  }

  // --peer-config with symmetric keys: both ends copy their IKEv1 key into
  // IKEv2, so the two IKEv1 keys must be equal (compared, never printed).
  bool check_symmetric_pair() {
    std::string error;
    auto a_src = text::SourceText::load(inputs_[0].path, error);
    auto b_src = a_src ? text::SourceText::load(inputs_[1].path, error) : std::nullopt;
    if (!a_src || !b_src) return true;  // the jobs report unreadable files
    asa::ParseResult a = asa::read_asa(*a_src);
    asa::ParseResult b = asa::read_asa(*b_src);
    std::string a_tg = asa::tunnel_group_towards(a.config, b.config);
    std::string b_tg = asa::tunnel_group_towards(b.config, a.config);
    if (a_tg.empty() || b_tg.empty()) {
      pair_notes_.push_back("ikeshift migrate l2l: warning: no tunnel between " + inputs_[0].path + " and " +
                            inputs_[1].path + " (each needs an ipsec-l2l tunnel-group named after an interface "
                            "address of the other); both are migrated on their own");
      return true;
    }
    const auto* ka = a.config.tunnel_group(a_tg);
    const auto* kb = b.config.tunnel_group(b_tg);
    if (ka->ikev1_psk && kb->ikev1_psk && ka->ikev1_psk->form == asa::PresharedKey::Form::Plain &&
        kb->ikev1_psk->form == asa::PresharedKey::Form::Plain && !ka->ikev1_psk->key.equals(kb->ikev1_psk->key)) {
      pair_notes_.push_back(inputs_[0].path + ":" + std::to_string(ka->ikev1_psk->span.line) + ":" +
                            std::to_string(ka->ikev1_psk->span.col) + ": warning: the IKEv1 key of tunnel-group " +
                            a_tg + " differs from the one " + inputs_[1].path + " holds for " + b_tg +
                            " (line " + std::to_string(kb->ikev1_psk->span.line) +
                            "): the tunnel cannot come up with either IKE version [MIGRATE-PSK-MISMATCH]\n"
                            "  hint: agree on one key, or use --asymmetric-psk --generate-psk");
    }
    return true;
  }

  // --peer-config: read both ends, find the tunnel between them, and give the
  // two tunnel-groups mirrored keys (A local = B remote, A remote = B local).
  bool pair_keys(const asa::KeyFile* given) {
    std::string error;
    auto a_src = text::SourceText::load(inputs_[0].path, error);
    auto b_src = a_src ? text::SourceText::load(inputs_[1].path, error) : std::nullopt;
    if (!a_src || !b_src) {
      std::cerr << error << "\n";
      return false;
    }
    asa::ParseResult a = asa::read_asa(*a_src);
    asa::ParseResult b = asa::read_asa(*b_src);
    std::string a_dev = asa::device_name(a.config, inputs_[0].path);
    std::string b_dev = asa::device_name(b.config, inputs_[1].path);
    if (a_dev == b_dev) b_dev += " (peer)";
    std::string a_tg = asa::tunnel_group_towards(a.config, b.config);
    std::string b_tg = asa::tunnel_group_towards(b.config, a.config);
    if (a_tg.empty() || b_tg.empty()) {
      usage_error("cannot find the tunnel between " + inputs_[0].path + " and " + inputs_[1].path +
                  ": each needs an ipsec-l2l tunnel-group named after an interface address of the other");
      return false;
    }
    asa::PskPair a_keys;
    if (given != nullptr) {
      auto a_map = asa::keys_for_device(*given, a_dev);
      auto b_map = asa::keys_for_device(*given, b_dev);
      auto ai = a_map.find(a_tg);
      auto bi = b_map.find(b_tg);
      if (ai == a_map.end() && bi == b_map.end()) {
        usage_error(a_.psk_file + " has no keys for tunnel-group " + a_tg + " of " + a_dev +
                    " (nor for " + b_tg + " of " + b_dev + ")");
        return false;
      }
      if (ai != a_map.end() && bi != b_map.end() &&
          !(ai->second.local.equals(bi->second.remote) && ai->second.remote.equals(bi->second.local))) {
        usage_error(a_.psk_file + ": the keys of " + a_dev + "/" + a_tg + " and " + b_dev + "/" + b_tg +
                    " are not mirror images (A's local must be B's remote and the other way round)");
        return false;
      }
      if (ai != a_map.end()) {
        a_keys = ai->second;
      } else {
        a_keys.local = bi->second.remote;
        a_keys.remote = bi->second.local;
      }
    } else {
      a_keys.local = asa::random_psk();
      a_keys.remote = asa::random_psk();
    }
    asa::PskPair b_keys{a_keys.remote, a_keys.local};
    pair_[inputs_[0].path] = {a_dev, {{a_tg, a_keys}}};
    pair_[inputs_[1].path] = {b_dev, {{b_tg, b_keys}}};
    return true;
  }

  // Per device: which keys its tunnel-groups get (called from the job, after reading).
  void plan_keys(const asa::AsaConfig& cfg, const std::string& path, asa::MigrateOptions& opts) {
    if (!a_.asymmetric) return;
    std::string device = asa::device_name(cfg, path);
    auto paired = pair_.find(path);
    if (paired != pair_.end()) {
      device = paired->second.first;
      opts.keys = paired->second.second;
    } else if (!a_.generate_psk) {
      opts.keys = asa::keys_for_device(key_file_, device);
    }
    if (a_.generate_psk) {
      for (const auto& tg : asa::l2l_tunnel_groups_to_key(cfg, a_.overwrite)) {
        if (!opts.keys.count(tg)) opts.keys[tg] = asa::PskPair{asa::random_psk(), asa::random_psk()};
      }
      std::lock_guard<std::mutex> g(keys_lock_);
      std::string unique = device;
      for (int n = 2; generated_.devices.count(unique); ++n) unique = device + "#" + std::to_string(n);
      generated_.devices[unique] = opts.keys;
    } else {
      for (const auto& tg : asa::l2l_tunnel_groups_to_key(cfg, a_.overwrite)) {
        if (!opts.keys.count(tg)) {
          std::lock_guard<std::mutex> g(keys_lock_);
          missing_keys_.push_back(path + ": " + a_.psk_file + " has no keys for tunnel-group " + tg +
                                  " of device " + device + "; it gets its IKEv1 key in both directions");
        }
      }
    }
  }

  bool save_generated_keys() {
    if (!a_.generate_psk || generated_.devices.empty()) return true;
    std::string error;
    if (!asa::write_key_file(key_file_path_, generated_, error)) {
      std::cerr << "ikeshift migrate l2l: error: " << error << "\n";
      return false;
    }
    return true;
  }

  // ------------------------------------------------------------ jobs
  void process(size_t i) {
    const InputFile& in = inputs_[i];
    MigrateJobOptions o;
    o.migrate.overwrite = a_.overwrite;
    o.format = format();
    o.show_secrets = a_.show_secrets;
    o.color = format() == OutputFormat::Diff &&
              (a_.color == "always" || (a_.color == "auto" && to_stdout_ && stdout_is_terminal() &&
                                        std::getenv("NO_COLOR") == nullptr));
    o.display_name = in.path;
    o.force = a_.force;
    const bool color_findings = stderr_is_terminal() && std::getenv("NO_COLOR") == nullptr && a_.color != "never";
    o.check_output = [this, color_findings](const text::SourceText& migrated, const std::string& name, ConfigDialect d) {
      return validator::check_migrated(migrated, name, d, project_, color_findings);
    };
    o.plan_keys = [this](const asa::AsaConfig& cfg, const std::string& path, asa::MigrateOptions& m) {
      plan_keys(cfg, path, m);
    };
    Outcome& out = outcomes_[i];
    if (!to_stdout_) {
      out.written_to = a_.out_dir.empty() ? a_.output : (fs::path(a_.out_dir) / in.relative).string();
      std::error_code ec;
      fs::create_directories(fs::path(out.written_to).parent_path(), ec);
      o.output_path = out.written_to;
      // Anything that may hold keys is private to its owner.
      bool private_file = format() != OutputFormat::Diff || a_.show_secrets;
      o.output_mode = private_file ? 0600 : 0644;
    }
    o.output_name = out.written_to.empty() ? in.path + " (migrated)" : out.written_to;
    translate::MigrateAnyOptions any;
    if (a_.from != "auto") any.from = parse_dialect(a_.from);
    any.asymmetric_requested = a_.asymmetric;
    out.result = translate::run_migrate_job_any(in.path, o, any);
    out.write_error = out.result.write_error;
  }

  void report(size_t i) {
    const Outcome& o = outcomes_[i];
    for (const auto& f : o.result.findings) {
      if (a_.quiet && f.severity == Severity::Info) continue;
      print_finding(f);
    }
    if (const auto& check = o.result.output_check; check && check->errors > 0) {
      std::cerr << check->report;
      std::cerr << "ikeshift migrate l2l: error: the migrated configuration of " << inputs_[i].path << " has "
                << check->errors << " validator error(s): "
                << (o.result.refused ? "not written (fix them, or --force writes it anyway)"
                                     : a_.force ? "written anyway (--force)" : "shown in the diff")
                << "\n";
    }
    if (!o.write_error.empty()) std::cerr << "ikeshift migrate l2l: error: " << o.write_error << "\n";
    if (a_.report_unknown) {
      for (size_t k = 0; k < o.result.unknown.size(); ++k) {
        const auto& u = o.result.unknown[k];
        std::cerr << inputs_[i].path << ":" << u.span.line << ":" << u.span.col
                  << ": info: line not understood, kept verbatim: " << u.reason << " [PARSE-UNKNOWN]\n"
                  << "  " << o.result.unknown_text[k] << "\n";
      }
    }
  }

  int summarize(bool keys_ok) {
    size_t clean = 0, with_findings = 0, failed = 0, unknown_lines = 0, changed = 0, refused = 0;
    size_t check_warnings = 0;
    asa::MigrateSummary total;
    for (const auto& o : outcomes_) {
      switch (o.result.status) {
        case MigrateJobResult::Status::Clean: ++clean; break;
        case MigrateJobResult::Status::Findings: ++with_findings; break;
        case MigrateJobResult::Status::Failed: ++failed; break;
      }
      refused += o.result.refused ? 1 : 0;
      if (o.result.output_check) check_warnings += o.result.output_check->warnings;
      if (o.result.status != MigrateJobResult::Status::Failed) {
        unknown_lines += o.result.stats.unknown;
        changed += o.result.changed ? 1 : 0;
        total.entries_migrated += o.result.summary.entries_migrated;
        total.entries_already_ikev2 += o.result.summary.entries_already_ikev2;
        total.tunnel_groups_keyed += o.result.summary.tunnel_groups_keyed;
        total.proposals_added += o.result.summary.proposals_added;
        total.policies_added += o.result.summary.policies_added;
      }
    }
    for (const auto& m : missing_keys_) std::cerr << m << "\n";
    for (const auto& m : pair_notes_) std::cerr << m << "\n";
    if (!a_.quiet) {
      std::cerr << "migrate l2l: " << outcomes_.size() << (outcomes_.size() == 1 ? " file" : " files")
                << ": " << clean << " clean, " << with_findings << " with findings, " << failed
                << " failed; " << changed << " changed"
                << (refused > 0 ? "; " + std::to_string(refused) + " refused (validator errors in the output)" : "")
                << "\n"
                << "  crypto map entries: " << total.entries_migrated << " migrated to IKEv2, "
                << total.entries_already_ikev2 << " already IKEv2; ipsec-proposals added: "
                << total.proposals_added << "; ikev2 policies added: " << total.policies_added
                << "; tunnel-groups keyed: " << total.tunnel_groups_keyed << "\n";
      if (check_warnings > 0) {
        std::cerr << "  the validator also found " << check_warnings
                  << " warning(s) in the migrated configuration(s); see `ikeshift validate`\n";
      }
      if (unknown_lines > 0 && !a_.report_unknown) {
        std::cerr << "  " << unknown_lines
                  << " line(s) not understood were kept verbatim; list them with --report-unknown\n";
      }
      if (a_.generate_psk && keys_ok && !generated_.devices.empty()) {
        std::cerr << "  generated keys written to " << key_file_path_ << " (mode 0600); "
                  << (a_.peer_config.empty()
                          ? "the far end of each tunnel must get the mirrored keys (its local = this remote)\n"
                          : "both ends got mirrored keys\n");
      }
    }
    if (failed > 0 || !keys_ok) return kExitFailed;
    if (with_findings > 0 || !missing_keys_.empty() || !pair_notes_.empty()) return kExitFindings;
    return kExitOk;
  }

  MigrateArgs a_;
  std::vector<InputFile> inputs_;
  std::vector<Outcome> outcomes_;
  bool to_stdout_ = false;
  asa::KeyFile key_file_;
  asa::KeyFile generated_;
  std::string key_file_path_;
  std::mutex keys_lock_;
  std::vector<std::string> missing_keys_;
  std::vector<std::string> pair_notes_;  // findings about the pair as a whole
  std::map<std::string, std::pair<std::string, std::map<std::string, asa::PskPair>>> pair_;
  validator::ProjectConfig project_;
};

}  // namespace

void register_migrate(CLI::App& app, int& exit_code) {
  CLI::App* migrate = app.add_subcommand("migrate", "Migrate VPN configuration (like the ASA's `migrate` command)");
  migrate->require_subcommand(1);
  auto args = std::make_shared<MigrateArgs>();
  CLI::App* l2l = migrate->add_subcommand(
      "l2l",
      "Add IKEv2 to every IKEv1 site-to-site tunnel, as the ASA's `migrate l2l` does: IKEv1 lines stay\n"
      "byte-identical; IKEv2 ipsec-proposals, crypto map references, IKEv2 policies, `crypto ikev2\n"
      "enable` and IKEv2 keys on the L2L tunnel-groups are added where `show run` prints them.\n"
      "Cisco IOS input gets IKEv2 proposals/policy/keyring/profiles and `set ikev2-profile` next to\n"
      "IKEv1; Yamaha RTX input moves each gateway to `ipsec ike version N 2` (the dialect is detected).\n"
      "\n"
      "Examples:\n"
      "  ikeshift migrate l2l asa.cfg -o asa-ikev2.cfg\n"
      "  ikeshift migrate l2l --format diff asa.cfg\n"
      "  ikeshift migrate l2l --format patch asa.cfg > paste-me.txt\n"
      "  ikeshift migrate l2l --out-dir out/ -j 4 configs/\n"
      "  ikeshift migrate l2l --format diff router.cfg        # a Cisco IOS router (detected)\n"
      "  ikeshift migrate l2l --from rtx --format patch rtx.cfg # a Yamaha RTX, as console commands\n"
      "  ikeshift migrate l2l --asymmetric-psk --generate-psk --peer-config asa2.cfg --out-dir out/ asa1.cfg\n"
      "\n"
      "The validator (`ikeshift validate`, with the project's .ikeshift.yaml) checks every migrated\n"
      "ASA configuration: one with errors is not written (config, patch) unless --force.\n"
      "\n"
      "Exit codes: 0 all migrated cleanly, 1 some had findings (warnings or errors, or validator\n"
      "errors in the output), 2 some failed (unreadable, empty, binary, not the expected dialect,\n"
      "truncated) or the command could not run.");
  l2l->add_option("inputs", args->inputs,
                  "ASA, IOS or RTX configuration files or directories (searched recursively);\n"
                  "e.g. asa.cfg, or configs/")
      ->required();
  l2l->add_option("--from", args->from,
                  "Input dialect: asa, ios, rtx, or auto (default: detected per file; a file in another\n"
                  "dialect than --from is refused with the reason); e.g. --from ios")
      ->check(CLI::IsMember({"auto", "asa", "ios", "rtx"}));
  l2l->add_option("-o,--output", args->output,
                  "Write the result to FILE (default: standard output); e.g. -o asa-ikev2.cfg");
  l2l->add_option("--out-dir", args->out_dir,
                  "Write each result to DIR under its input's file name; e.g. --out-dir migrated/");
  l2l->add_option("--format", args->format,
                  "config: the whole configuration (default); patch: the commands to paste in\n"
                  "configuration mode; diff: a unified diff (keys masked); e.g. --format diff")
      ->check(CLI::IsMember({"config", "patch", "diff"}));
  l2l->add_flag("--overwrite", args->overwrite,
                "Like `migrate overwrite`: first remove IKEv2 settings that conflict with the migrated\n"
                "ones or that nothing uses, then derive them again from IKEv1; e.g. --overwrite");
  l2l->add_flag("--report-unknown", args->report_unknown,
                "List every line that was not understood (kept verbatim) with file:line:col;\n"
                "e.g. --report-unknown asa.cfg -o /dev/null");
  l2l->add_flag("--asymmetric-psk", args->asymmetric,
                "Give each L2L tunnel-group different local and remote IKEv2 keys (with --psk-file or\n"
                "--generate-psk) instead of copying the IKEv1 key to both;\n"
                "e.g. --asymmetric-psk --psk-file keys.yaml");
  l2l->add_option("--psk-file", args->psk_file,
                  "YAML key file: devices: {HOSTNAME: {PEER: {local: K1, remote: K2}}}; with\n"
                  "--generate-psk, where to write the new keys; e.g. --psk-file keys.yaml");
  l2l->add_flag("--generate-psk", args->generate_psk,
                "Generate random keys (OpenSSL RNG) and write them to a new key file, mode 0600\n"
                "(--psk-file, else ikeshift-psk.yaml beside the output);\n"
                "e.g. --asymmetric-psk --generate-psk --out-dir out/");
  l2l->add_option("--peer-config", args->peer_config,
                  "The other end's configuration: migrate both and mirror the keys (A's local = B's\n"
                  "remote); needs --out-dir; e.g. --peer-config asa2.cfg");
  l2l->add_option("-j,--jobs", args->jobs, "Files to migrate in parallel (default 1); e.g. -j 4")
      ->check(CLI::Range(1u, 256u));
  l2l->add_flag("--show-secrets", args->show_secrets,
                "Show keys in the diff instead of *****; e.g. --format diff --show-secrets");
  l2l->add_option("--color", args->color, "Colour the diff: auto (on a terminal, unless NO_COLOR is set), always, never;\n"
                  "e.g. --color always | less -R")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  l2l->add_flag("--force", args->force,
                "Write the output even when the validator finds errors in it (by default a config or\n"
                "patch with errors is not written; see docs/rules.md); e.g. --force");
  l2l->add_flag("-q,--quiet", args->quiet,
                "Only warnings, errors and the output; no summary, no progress bar; e.g. -q");
  l2l->callback([args, &exit_code] { exit_code = MigrateRun(*args).run(); });
}

}  // namespace ikeshift::cli
