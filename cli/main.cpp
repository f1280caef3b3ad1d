// ikeshift: one binary, one CLI11 subcommand per file (see cli/*_command.cpp).
#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app{
      "ikeshift - move Cisco ASA, Cisco IOS and Yamaha RTX site-to-site IPsec VPNs from IKEv1 to IKEv2\n"
      "without an outage, and between vendors.\n"
      "\n"
      "Examples:\n"
      "  ikeshift migrate l2l asa.cfg                       # the IKEv2 config, as the ASA's migrate l2l\n"
      "  ikeshift migrate l2l --format diff asa.cfg         # what would change, keys masked\n"
      "  ikeshift migrate l2l --out-dir out/ -j 4 configs/  # a whole directory\n"
      "  ikeshift validate --pair asa1.cfg asa2.cfg         # static and pair rules, CI reports\n"
      "  ikeshift translate --to swanctl asa.cfg            # the ASA's tunnels as a strongSwan swanctl.conf\n"
      "  ikeshift engine --config asa.cfg --control s.sock  # run its IKEv2 tunnels\n",
      "ikeshift"};
  app.require_subcommand(1);
  app.set_version_flag("--version", IKESHIFT_VERSION);
  app.failure_message(CLI::FailureMessage::help);

  int exit_code = ikeshift::cli::kExitOk;
  ikeshift::cli::register_migrate(app, exit_code);
  ikeshift::cli::register_validate(app, exit_code);
  ikeshift::cli::register_engine(app, exit_code);
  ikeshift::cli::register_translate(app, exit_code);
  ikeshift::cli::register_check(app, exit_code);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // Usage errors are "could not run": exit code 2, like every other failure to start.
    int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }
  return exit_code;
}
