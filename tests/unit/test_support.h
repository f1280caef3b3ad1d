// Small helpers shared by the fixture, corpus and CLI tests: paths, whole-file
// I/O, a self-removing temporary directory and running the real binary; what a
// test needs from the machine: prerequisites.h (tests/support, shared with the
// interop tests).
#pragma once

#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "prerequisites.h"  // test::in_ci(), IKS_REQUIRE

extern char** environ;

namespace ikeshift::test {

namespace fs = std::filesystem;

inline fs::path source_dir() { return fs::path(IKESHIFT_SOURCE_DIR); }
inline fs::path fixture(const std::string& rel) { return source_dir() / "fixtures" / rel; }
// The shared corpus of public configurations: IKESHIFT_CORPUS when set, else
// beside the checkout (CI), or two levels up for a git worktree under wt/.
inline fs::path corpus_dir() {
  if (const char* dir = std::getenv("IKESHIFT_CORPUS"); dir && *dir) return dir;
  const fs::path beside = source_dir() / ".." / "shared" / "corpus";
  if (fs::is_directory(beside)) return beside;
  return source_dir() / ".." / ".." / "shared" / "corpus";
}

inline std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + p.string());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void write_file(const fs::path& p, const std::string& bytes) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  if (!out) throw std::runtime_error("cannot write " + p.string());
  out << bytes;
}

inline bool contains(const std::string& hay, const std::string& needle) {
  return hay.find(needle) != std::string::npos;
}

// Each of `needles` occurs in `hay`: for a text checked against a list of the
// lines it must hold (a show output, a log). A failure names every needle
// that is missing, then the text.
inline ::testing::AssertionResult contains_all(const std::string& hay, const std::vector<std::string>& needles) {
  std::string missing;
  for (const std::string& n : needles)
    if (!contains(hay, n)) missing += "  missing: \"" + n + "\"\n";
  if (missing.empty()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "\n" << missing << "in:\n" << hay;
}

// The lines of a text, without their endings ("\n" or "\r\n").
inline std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    size_t end = nl == std::string::npos ? text.size() : nl;
    std::string line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    out.push_back(std::move(line));
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  return out;
}

// A configuration text with 1 to 8 random edits -- cuts, any byte, flips,
// split and broken lines, numbers out of range, truncation -- for the
// robustness tests of the readers. Seeded by the caller: a failure is
// reproducible.
inline std::string mutate_config(std::string text, std::mt19937& rng) {
  std::uniform_int_distribution<int> op(0, 6);
  std::uniform_int_distribution<int> byte(0, 255);
  const int edits = 1 + static_cast<int>(rng() % 8);
  for (int k = 0; k < edits && !text.empty(); ++k) {
    const size_t at = rng() % text.size();
    switch (op(rng)) {
      case 0: text.erase(at, 1 + rng() % 12); break;                    // cut
      case 1: text.insert(at, 1, static_cast<char>(byte(rng))); break;  // any byte
      case 2: text[at] = static_cast<char>(byte(rng)); break;           // flip
      case 3: text.insert(at, " "); break;                              // indent / split
      case 4: text.insert(at, "\n"); break;                             // break a line
      case 5: text.insert(at, "99999999999999999999 "); break;          // numbers out of range
      default: text.resize(at); break;                                  // truncate
    }
  }
  return text;
}

inline unsigned file_mode(const fs::path& p) {
  struct stat st {};
  if (::stat(p.c_str(), &st) != 0) return 0;
  return static_cast<unsigned>(st.st_mode & 07777);
}

// A fresh directory under the system temp dir, removed with its contents.
class TempDir {
 public:
  TempDir() {
    std::string templ = (fs::temp_directory_path() / "ikeshift-test-XXXXXX").string();
    std::vector<char> buf(templ.begin(), templ.end());
    buf.push_back('\0');
    if (::mkdtemp(buf.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = fs::path(buf.data());
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }
  fs::path operator/(const std::string& rel) const { return path_ / rel; }

 private:
  fs::path path_;
};

struct RunResult {
  int exit_code = -1;  // -1: did not exit normally
  std::string out;
  std::string err;
};

// Runs `argv` (argv[0] is the program path) in `cwd` with stdout and stderr
// captured through files in `scratch`; no shell is involved.
inline RunResult run_program(const std::vector<std::string>& argv, const fs::path& cwd,
                             const fs::path& scratch) {
  static int counter = 0;
  const std::string tag = std::to_string(::getpid()) + "-" + std::to_string(counter++);
  const fs::path out_path = scratch / (".run-out-" + tag);
  const fs::path err_path = scratch / (".run-err-" + tag);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out_path.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_path.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 29))
  posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
  const bool chdir_done = true;
#else
  const bool chdir_done = false;
#endif
  std::vector<std::string> args = argv;
  std::vector<char*> cargs;
  for (auto& a : args) cargs.push_back(a.data());
  cargs.push_back(nullptr);

  fs::path old_cwd;
  if (!chdir_done) {
    old_cwd = fs::current_path();
    fs::current_path(cwd);
  }
  pid_t pid = 0;
  int rc = posix_spawn(&pid, cargs[0], &actions, nullptr, cargs.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (!chdir_done) fs::current_path(old_cwd);
  if (rc != 0) throw std::runtime_error(std::string("posix_spawn failed: ") + std::strerror(rc));

  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) throw std::runtime_error("waitpid failed");
  }
  RunResult r;
  if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  r.out = read_file(out_path);
  r.err = read_file(err_path);
  std::error_code ec;
  fs::remove(out_path, ec);
  fs::remove(err_path, ec);
  return r;
}

// JUnit XML read back by a real JUnit consumer, Python's junitparser (Debian's
// python3-junitparser, installed by .ci/setup): one line per test case,
// "SUITE | CASE | RESULT KINDS | MESSAGES", then "TOTAL tests failures errors".
// `skip_reason` is set (and the result empty) when python3 or junitparser is missing.
inline std::string read_back_junit(const std::string& xml, std::string& skip_reason) {
  const std::string python = "/usr/bin/python3";
  TempDir dir;
  if (::access(python.c_str(), X_OK) != 0 ||
      run_program({python, "-c", "import junitparser"}, dir.path(), dir.path()).exit_code != 0) {
    skip_reason = "python3 with junitparser is not installed (Debian: python3-junitparser; .ci/setup installs it)";
    return {};
  }
  write_file(dir / "report.xml", xml);
  write_file(dir / "read.py",
             "import sys\n"
             "from junitparser import JUnitXml\n"
             "xml = JUnitXml.fromfile(sys.argv[1])\n"
             "for suite in xml:\n"
             "    for case in suite:\n"
             "        kinds = [type(r).__name__ for r in case.result]\n"
             "        msgs = [r.message for r in case.result]\n"
             "        print(suite.name, '|', case.name, '|', ','.join(kinds), '|', ';'.join(m or '' for m in msgs))\n"
             "print('TOTAL', xml.tests, xml.failures, xml.errors)\n");
  RunResult r = run_program({python, (dir / "read.py").string(), (dir / "report.xml").string()}, dir.path(),
                            dir.path());
  if (r.exit_code != 0) return "junitparser failed: " + r.err;
  return r.out;
}

}  // namespace ikeshift::test
