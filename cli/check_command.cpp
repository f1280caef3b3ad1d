// `ikeshift check A.cfg B.cfg [C.cfg ...]`: brings the configurations up
// against each other in a lab built on the spot (validator/live/), sends
// traffic through every tunnel and reports what came up. Exit codes: 0 every
// crypto map entry up, 1 some down or not tested, 2 could not run.
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <memory>

#include "cli/batch.h"
#include "cli/commands.h"
#include "edit/atomic_write.h"
#include "io/stop_signals.h"
#include "live/check_runner.h"

namespace ikeshift::cli {

namespace {

struct CheckArgs {
  live::CheckOptions options;
  std::string format = "text";
  std::string output;
  std::string color = "auto";
  double timeout_seconds = 15;
  bool quiet = false;
};

int run_check_command(CheckArgs& a) {
  std::unique_ptr<engine::io::StopSignals> signals;
  try {
    signals = std::make_unique<engine::io::StopSignals>();
  } catch (const std::exception& e) {
    std::cerr << "ikeshift check: warning: Ctrl-C cannot be caught (" << e.what() << ")\n";
  }
  live::CheckOptions o = a.options;
  o.timeout = std::chrono::milliseconds(static_cast<long>(a.timeout_seconds * 1000));
  if (signals) o.interrupted = [&signals] { return signals->requested(); };
  if (!a.quiet) o.progress = [](const std::string& s) { std::cerr << "ikeshift check: " << s << "\n"; };
  live::CheckReport report = live::run_check(o);

  std::string text;
  if (a.format == "yaml") {
    text = live::render_check_yaml(report);
  } else if (a.format == "json") {
    text = live::render_check_json(report);
  } else if (a.format == "junit") {
    text = live::render_check_junit(report);
  } else {
    const bool color = a.output.empty() && (a.color == "always" || (a.color == "auto" && stdout_is_terminal() &&
                                                                    std::getenv("NO_COLOR") == nullptr));
    text = live::render_check_text(report, color);
  }
  if (a.output.empty()) {
    std::cout << text << std::flush;
  } else {
    std::string why;
    if (!edit::write_file_atomically(a.output, text, 0644, why)) {
      std::cerr << "ikeshift check: error: " << why << "\n";
      return kExitFailed;
    }
  }
  if (report.fatal && a.format != "text") std::cerr << "ikeshift check: error: " << *report.fatal << "\n";
  return live::exit_code(report);
}

}  // namespace

void register_check(CLI::App& app, int& exit_code) {
  auto a = std::make_shared<CheckArgs>();
  CLI::App* c = app.add_subcommand(
      "check",
      "Bring the configurations up against each other in a lab built on the spot: one network namespace per\n"
      "device with its outside interface address (a router between them when they are not on one subnet),\n"
      "test hosts for the protected networks of every crypto map entry, one `ikeshift engine` per device,\n"
      "traffic from each side's test host to the other's for every entry, both directions. Reports, per\n"
      "entry: up or not, the IKE version and why (the 752xxx sequence), algorithms, SPIs, packets, time\n"
      "to up, and for a failure the reason with the configuration lines that cause it. Needs root.\n"
      "Everything it creates is removed afterwards, also on Ctrl-C.\n"
      "\n"
      "Exit codes: 0 every crypto map entry up, 1 some down or not tested, 2 could not run.\n"
      "\n"
      "Examples:\n"
      "  ikeshift check asa1.cfg asa2.cfg\n"
      "  ikeshift check asa1.cfg branch-rtx.cfg        (the far end in another dialect)\n"
      "  ikeshift check --format junit -o check.xml asa1-ikev2.cfg asa2-ikev2.cfg\n"
      "  ikeshift check --scenario fallback asa1-ikev2.cfg asa2-ikev2.cfg\n"
      "  ikeshift check --peer-impl strongswan asa1-ikev2.cfg asa2-ikev2.cfg\n"
      "  ikeshift check --pcap lab.pcap --keylog lab.keys --logs logs/ asa1.cfg asa2.cfg\n");
  c->add_option("configs", a->options.files,
                "The devices' configurations (two or more; all tunnels between them are checked), in\n"
                "any dialect ikeshift reads (ASA, IOS, RTX, swanctl.conf; detected), e.g. asa1.cfg\n"
                "branch-ios.cfg")
      ->required();
  c->add_option("--format", a->format,
                "text: a readable report (default); yaml; json; junit: JUnit XML, one test case per\n"
                "crypto map entry; e.g. --format junit")
      ->check(CLI::IsMember({"text", "yaml", "json", "junit"}));
  c->add_option("-o,--output", a->output, "Write the report to FILE instead of standard output, e.g. -o check.xml");
  c->add_option("--scenario", a->options.scenario,
                "fallback: after the normal run, remove the IKEv2 ipsec-proposal of the first\n"
                "configuration's crypto map entries (as seed 004 does) and check that IKEv1 takes over\n"
                "(752010); e.g. --scenario fallback")
      ->check(CLI::IsMember({"fallback"}));
  c->add_option("--peer-impl", a->options.peer_impl,
                "ikeshift (default): every device runs in ikeshift's engine; strongswan: the second\n"
                "configuration runs in strongSwan's charon instead, from the swanctl.conf ikeshift writes\n"
                "from its model (an independent implementation on the far end); e.g. --peer-impl strongswan")
      ->check(CLI::IsMember({"ikeshift", "strongswan"}));
  c->add_option("--pcap", a->options.pcap,
                "Capture the first device's outside link to FILE (pcap; needs dumpcap from tshark),\n"
                "e.g. --pcap lab.pcap");
  c->add_option("--keylog", a->options.keylog,
                "Write the IKE keys of the run to FILE in Wireshark's ikev2_decryption_table format\n"
                "(IKEv1: FILE.ikev1, ikev1_decryption_table), e.g. --keylog lab.keys");
  c->add_option("--logs", a->options.logs_dir,
                "Write each engine's ASA-style log (and its stderr) to DIR, e.g. --logs logs/");
  c->add_option("--timeout", a->timeout_seconds,
                "Seconds to wait for each entry's traffic to pass, per direction (default 15), e.g. --timeout 30")
      ->check(CLI::Range(1.0, 600.0));
  c->add_option("--color", a->color, "Colour the text report: auto (on a terminal, unless NO_COLOR), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  c->add_flag("-q,--quiet", a->quiet, "No progress lines on stderr, e.g. -q");
  c->callback([a, &exit_code] { exit_code = run_check_command(*a); });
}

}  // namespace ikeshift::cli
