#include "live/lab_files.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

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

}  // namespace ikeshift::live
