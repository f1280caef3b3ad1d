#include "ikev2/keylog.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace ikeshift::engine::ikev2 {

namespace {

std::string hex(crypto::ByteSpan b) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(b.size() * 2);
  for (uint8_t c : b) {
    out += kDigits[c >> 4];
    out += kDigits[c & 0xf];
  }
  return out;
}

std::string hex64(uint64_t v) {
  std::string out(16, '0');
  static constexpr char kDigits[] = "0123456789abcdef";
  for (int i = 15; i >= 0; --i, v >>= 4) out[static_cast<size_t>(i)] = kDigits[v & 0xf];
  return out;
}

}  // namespace

std::optional<std::string> ikev2_keylog_line(const IkeSaKeys& k) {
  if (k.encryption == nullptr) return std::nullopt;
  std::string_view enc = model::algorithm_name(*k.encryption, model::Dialect::WiresharkIke);
  std::string_view integ = "NONE [RFC4306]";
  if (k.integrity != nullptr) integ = model::algorithm_name(*k.integrity, model::Dialect::WiresharkIke);
  if (enc.empty() || integ.empty()) return std::nullopt;
  std::string line = hex64(k.spi_i) + "," + hex64(k.spi_r) + "," + hex(k.sk_ei) + "," + hex(k.sk_er) + ",\"" +
                     std::string(enc) + "\"," + hex(k.sk_ai) + "," + hex(k.sk_ar) + ",\"" + std::string(integ) +
                     "\"\n";
  return line;
}

std::optional<KeyLogFile> KeyLogFile::open(const std::string& path, std::string& error) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) {
    error = path + ": cannot open the key log: " + std::strerror(errno);
    return std::nullopt;
  }
  // An existing file keeps its owner but must not stay readable by others.
  (void)::fchmod(fd, 0600);
  return KeyLogFile(fd);
}

KeyLogFile::KeyLogFile(KeyLogFile&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }

KeyLogFile& KeyLogFile::operator=(KeyLogFile&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.fd_;
    other.fd_ = -1;
  }
  return *this;
}

KeyLogFile::~KeyLogFile() {
  if (fd_ >= 0) ::close(fd_);
}

bool KeyLogFile::append(const std::string& line) {
  // One write(2) per line with O_APPEND: lines from several SAs never interleave.
  size_t done = 0;
  while (done < line.size()) {
    ssize_t n = ::write(fd_, line.data() + done, line.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    done += static_cast<size_t>(n);
  }
  return true;
}

}  // namespace ikeshift::engine::ikev2
