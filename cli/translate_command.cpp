// `ikeshift translate`: one configuration in one dialect (ASA, IOS, RTX) to
// another (ASA, IOS, RTX, strongSwan swanctl.conf) through the neutral intent.
// The CLI around translator/translate/translate_job.h: option checks, batch
// (directories, --out-dir, -j), atomic 0600 outputs, findings on stderr, a
// summary, exit codes 0 clean / 1 findings / 2 failed or bad command line.
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>

#include "cli/batch.h"
#include "cli/commands.h"
#include "translate/translate_job.h"

namespace ikeshift::cli {

namespace {

namespace fs = std::filesystem;
using translate::TranslateJobOptions;
using translate::TranslateJobResult;

struct TranslateArgs {
  std::vector<std::string> inputs;
  std::string from = "auto";
  std::string to;
  std::string ike = "keep";
  std::string format = "config";
  std::string output;
  std::string out_dir;
  std::string color = "auto";
  std::string ios_style = "auto";
  std::string lab_local, lab_remote;
  unsigned jobs = 1;
  bool show_secrets = false;
  bool report_unknown = false;
  bool quiet = false;
};

void usage_error(const std::string& message) {
  std::cerr << "ikeshift translate: error: " << message << "\n  (see `ikeshift translate --help`)\n";
}

class TranslateRun {
 public:
  explicit TranslateRun(TranslateArgs a) : a_(std::move(a)) {}

  int run() {
    if (!check()) return kExitFailed;
    inputs_ = expand_inputs(a_.inputs);
    if (inputs_.empty()) {
      usage_error("no input files found");
      return kExitFailed;
    }
    to_stdout_ = a_.out_dir.empty() && a_.output.empty();
    if (inputs_.size() > 1 && !a_.output.empty()) {
      usage_error("-o names one output file but there are " + std::to_string(inputs_.size()) + " inputs: use --out-dir DIR");
      return kExitFailed;
    }
    if (inputs_.size() > 1 && to_stdout_ && a_.format != "diff") {
      usage_error("several inputs need --out-dir DIR (only --format diff may go to standard output)");
      return kExitFailed;
    }
    if (!a_.out_dir.empty()) {
      std::error_code ec;
      fs::create_directories(a_.out_dir, ec);
      if (ec) {
        usage_error("cannot create --out-dir " + a_.out_dir + ": " + ec.message());
        return kExitFailed;
      }
      std::map<std::string, std::string> seen;
      for (const auto& in : inputs_) {
        auto [it, fresh] = seen.emplace(output_name(in), in.path);
        if (!fresh) {
          usage_error(in.path + " and " + it->second + " would both be written to " + output_name(in));
          return kExitFailed;
        }
      }
    }
    results_.resize(inputs_.size());
    const bool progress = inputs_.size() > 1 && stderr_is_terminal() && !a_.quiet;
    run_parallel(inputs_.size(), a_.jobs, progress, [this](size_t i) { process(i); }, [this](size_t i) { report(i); });
    if (to_stdout_) {
      for (const auto& r : results_) std::cout << r.output;
      std::cout.flush();
    }
    return summarize();
  }

 private:
  bool check() {
    if (!a_.output.empty() && !a_.out_dir.empty()) {
      usage_error("-o and --out-dir exclude each other");
      return false;
    }
    if (a_.to == "swanctl" && a_.format == "patch") {
      usage_error("--format patch is for device CLIs; swanctl.conf is loaded with `swanctl --load-all` (use --format config)");
      return false;
    }
    if ((!a_.lab_local.empty() || !a_.lab_remote.empty()) && a_.to != "swanctl") {
      usage_error("--local-address and --remote-address are lab overrides for --to swanctl only");
      return false;
    }
    if (a_.jobs == 0) a_.jobs = 1;
    return true;
  }

  std::string output_name(const InputFile& in) const {
    fs::path rel(in.relative);
    std::string stem = rel.stem().string();
    std::string ext = a_.to == "swanctl" ? ".swanctl.conf" : "." + a_.to + ".cfg";
    if (a_.format == "diff") ext += ".diff";
    return (fs::path(a_.out_dir) / rel.parent_path() / (stem + ext)).string();
  }

  void process(size_t i) {
    const InputFile& in = inputs_[i];
    TranslateJobOptions o;
    if (a_.from != "auto") o.from = parse_dialect(a_.from);
    o.to = *translate::parse_target(a_.to);
    o.ike = a_.ike == "v2" ? translate::IkeChoice::V2 : a_.ike == "v1" ? translate::IkeChoice::V1 : translate::IkeChoice::Keep;
    o.format = a_.format == "patch" ? translate::Format::Patch : a_.format == "diff" ? translate::Format::Diff : translate::Format::Config;
    o.writer.ios_style = a_.ios_style == "crypto-map" ? translate::WriterOptions::IosStyle::CryptoMap
                         : a_.ios_style == "tunnel-protection" ? translate::WriterOptions::IosStyle::TunnelProtection
                                                               : translate::WriterOptions::IosStyle::Auto;
    if (!a_.lab_local.empty()) o.lab.local_address = a_.lab_local;
    if (!a_.lab_remote.empty()) o.lab.remote_address = a_.lab_remote;
    o.show_secrets = a_.show_secrets;
    o.color = a_.format == "diff" && (a_.color == "always" || (a_.color == "auto" && to_stdout_ && stdout_is_terminal() &&
                                                               std::getenv("NO_COLOR") == nullptr));
    o.display_name = in.path;
    if (!to_stdout_) {
      o.output_path = a_.out_dir.empty() ? a_.output : output_name(in);
      std::error_code ec;
      fs::create_directories(fs::path(o.output_path).parent_path(), ec);
      o.output_mode = a_.format != "diff" || a_.show_secrets ? 0600 : 0644;
    }
    results_[i] = translate::run_translate_job(in.path, o);
  }

  void report(size_t i) {
    const TranslateJobResult& r = results_[i];
    for (const auto& f : r.findings) {
      if (a_.quiet && f.severity == Severity::Info) continue;
      std::cerr << format_finding(f);
    }
    if (!r.write_error.empty()) std::cerr << "ikeshift translate: error: " << r.write_error << "\n";
    if (a_.report_unknown) {
      for (size_t k = 0; k < r.unknown.size(); ++k) {
        const auto& u = r.unknown[k];
        std::cerr << inputs_[i].path << ":" << u.span.line << ":" << u.span.col
                  << ": info: line not understood, not translated: " << u.reason << " [PARSE-UNKNOWN]\n  "
                  << r.unknown_text[k] << "\n";
      }
    }
  }

  int summarize() {
    size_t clean = 0, findings = 0, failed = 0, tunnels = 0, unknown = 0;
    for (const auto& r : results_) {
      switch (r.status) {
        case TranslateJobResult::Status::Clean: ++clean; break;
        case TranslateJobResult::Status::Findings: ++findings; break;
        case TranslateJobResult::Status::Failed: ++failed; break;
      }
      if (r.status != TranslateJobResult::Status::Failed) {
        tunnels += r.tunnels;
        unknown += r.stats.unknown;
      }
    }
    if (!a_.quiet) {
      std::cerr << "translate: " << results_.size() << (results_.size() == 1 ? " file" : " files") << " to " << a_.to
                << ": " << clean << " clean, " << findings << " with findings, " << failed << " failed; " << tunnels
                << " tunnel(s) written\n";
      if (unknown > 0 && !a_.report_unknown)
        std::cerr << "  " << unknown << " line(s) not understood were not translated; list them with --report-unknown\n";
    }
    if (failed > 0) return kExitFailed;
    return findings > 0 ? kExitFindings : kExitOk;
  }

  TranslateArgs a_;
  std::vector<InputFile> inputs_;
  std::vector<TranslateJobResult> results_;
  bool to_stdout_ = false;
};

}  // namespace

void register_translate(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<TranslateArgs>();
  CLI::App* t = app.add_subcommand(
      "translate",
      "Translate the site-to-site IPsec configuration of one dialect into another through ikeshift's\n"
      "vendor-neutral intent: Cisco ASA, Cisco IOS, Yamaha RTX and strongSwan swanctl.conf in and out.\n"
      "Whatever the target cannot express is reported with the line it comes from.\n"
      "\n"
      "Examples:\n"
      "  ikeshift translate --to ios asa.cfg -o router.cfg          # the ASA's tunnels as IOS (dialect detected)\n"
      "  ikeshift translate --from ios --to asa --ike v2 r1.cfg      # an IKEv1 IOS router as an IKEv2 ASA\n"
      "  ikeshift translate --to rtx asa1.cfg                        # the Yamaha end of the ASA's tunnel\n"
      "  ikeshift translate --to swanctl asa2.cfg -o swanctl.conf    # a strongSwan peer for it\n"
      "  ikeshift translate --from swanctl --to asa swanctl.conf     # a Linux gateway's tunnels as an ASA\n"
      "  ikeshift translate --to asa --out-dir out/ -j 4 configs/    # a directory\n"
      "\n"
      "Exit codes: 0 every file translated cleanly, 1 some had findings (warnings or errors), 2 some\n"
      "file could not be read (unreadable, empty, binary, not the expected dialect) or the command line\n"
      "was wrong.");
  t->add_option("inputs", args->inputs, "Configuration files or directories (searched recursively); e.g. asa.cfg")->required();
  t->add_option("--from", args->from,
                "Input dialect: asa, ios, rtx, swanctl, or auto (default: detected per file, and a file in\n"
                "another dialect than --from is refused with the reason); e.g. --from ios")
      ->check(CLI::IsMember({"auto", "asa", "ios", "rtx", "swanctl"}));
  t->add_option("--to", args->to, "Output dialect: asa, ios, rtx or swanctl (strongSwan swanctl.conf); e.g. --to swanctl")
      ->required()
      ->check(CLI::IsMember({"asa", "ios", "rtx", "swanctl"}));
  t->add_option("--ike", args->ike,
                "IKE versions written: keep (as the input, default), v2 (IKEv1 tunnels become IKEv2, like\n"
                "migrate l2l), v1 (IKEv2 tunnels become IKEv1 where IKEv1 can express them); e.g. --ike v2")
      ->check(CLI::IsMember({"keep", "v2", "v1"}));
  t->add_option("--format", args->format,
                "config: the target configuration (default); patch: the same commands framed for pasting\n"
                "(configure terminal ... end; RTX: administrator ... save; not for swanctl); diff: a unified\n"
                "diff from the input to the output, keys masked (most useful with the same --from and --to);\n"
                "e.g. --format patch")
      ->check(CLI::IsMember({"config", "patch", "diff"}));
  t->add_option("-o,--output", args->output, "Write the result to FILE, mode 0600 (default: standard output); e.g. -o r1.cfg");
  t->add_option("--out-dir", args->out_dir,
                "Write each result to DIR as NAME.<to>.cfg (NAME.swanctl.conf for swanctl); e.g. --out-dir out/");
  t->add_option("-j,--jobs", args->jobs, "Files to translate in parallel (default 1); e.g. -j 4")->check(CLI::Range(1u, 256u));
  t->add_option("--ios-style", args->ios_style,
                "IOS output: auto (tunnel interfaces for route-based tunnels with any/any or GRE selectors,\n"
                "crypto maps otherwise), crypto-map, or tunnel-protection; e.g. --ios-style crypto-map")
      ->check(CLI::IsMember({"auto", "crypto-map", "tunnel-protection"}));
  t->add_option("--local-address", args->lab_local,
                "swanctl only: local_addrs for every connection instead of the configuration's (a lab);\n"
                "e.g. --local-address 192.0.2.1");
  t->add_option("--remote-address", args->lab_remote,
                "swanctl only: remote_addrs for every connection; e.g. --remote-address 192.0.2.2");
  t->add_flag("--show-secrets", args->show_secrets, "Show keys in the diff instead of *****; e.g. --format diff --show-secrets");
  t->add_option("--color", args->color, "Colour the diff: auto, always, never; e.g. --color never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  t->add_flag("--report-unknown", args->report_unknown,
              "List every input line that was not understood with file:line:col; e.g. --report-unknown");
  t->add_flag("-q,--quiet", args->quiet, "Only warnings, errors and the output; e.g. -q");
  t->callback([args, &exit_code] { exit_code = TranslateRun(*args).run(); });
}

}  // namespace ikeshift::cli
