// Registration of every subcommand with the CLI11 app. Each subcommand lives
// in its own file; when it runs it stores the process exit code in `exit_code`
// (owned by main, so there is no global state).
#pragma once

#include <CLI/CLI.hpp>

namespace ikeshift::cli {

// Exit codes shared by every subcommand.
enum ExitCode { kExitOk = 0, kExitFindings = 1, kExitFailed = 2 };

void register_migrate(CLI::App& app, int& exit_code);
void register_engine(CLI::App& app, int& exit_code);
void register_validate(CLI::App& app, int& exit_code);
void register_translate(CLI::App& app, int& exit_code);
void register_check(CLI::App& app, int& exit_code);

}  // namespace ikeshift::cli
