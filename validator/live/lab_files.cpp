#include "live/lab_files.h"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "live/process.h"

namespace ikeshift::live {

namespace fs = std::filesystem;

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_private(const fs::path& p, const std::string& text) {
  // Created empty with owner-only permissions first, so the text never sits
  // in a file others could read.
  {
    std::ofstream create(p, std::ios::binary | std::ios::trunc);
    if (!create) throw std::runtime_error("cannot write " + p.string());
  }
  fs::permissions(p, fs::perms::owner_read | fs::perms::owner_write);
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out.flush()) throw std::runtime_error("cannot write " + p.string());
}

ScratchDir::ScratchDir() {
  remove_stale();
  std::string pattern =
      (fs::temp_directory_path() / ("ikeshift-check-" + std::to_string(::getpid()) + "-XXXXXX")).string();
  std::vector<char> buf(pattern.begin(), pattern.end());
  buf.push_back('\0');
  if (::mkdtemp(buf.data()) == nullptr) throw std::runtime_error("cannot create a scratch directory in " + pattern);
  path_ = buf.data();
}

ScratchDir::~ScratchDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

void ScratchDir::remove_stale() {
  static const std::regex name(R"(ikeshift-check-(\d+)-.{6})");
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(fs::temp_directory_path(), ec)) {
    std::smatch m;
    std::string n = e.path().filename().string();
    if (!std::regex_match(n, m, name)) continue;
    const long pid = std::strtol(m[1].str().c_str(), nullptr, 10);
    if (pid > 0 && pid != ::getpid() && !pid_alive(static_cast<pid_t>(pid))) fs::remove_all(e.path(), ec);
  }
}

}  // namespace ikeshift::live
