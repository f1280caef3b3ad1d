#include "text/source_text.h"

#include <openssl/crypto.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ikeshift::text {

// A private read-only mapping of a whole file, populated up front: one
// system call instead of a page fault per 4 KiB of a large config, and no copy.
// The pages belong to the page cache (the file itself holds the same bytes),
// so there is no heap copy of any key to wipe.
class SourceText::Mapping {
 public:
  static std::unique_ptr<Mapping> map(int fd, size_t size) {
    void* p = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    if (p == MAP_FAILED) return nullptr;
    return std::make_unique<Mapping>(p, size);
  }
  Mapping(void* addr, size_t size) : addr_(addr), size_(size) {}
  ~Mapping() { ::munmap(addr_, size_); }
  Mapping(const Mapping&) = delete;
  Mapping& operator=(const Mapping&) = delete;
  std::string_view view() const { return {static_cast<const char*>(addr_), size_}; }

 private:
  void* addr_;
  size_t size_;
};

SourceText::SourceText(std::string path, std::string bytes)
    : path_(std::move(path)), bytes_(std::move(bytes)), view_(bytes_) {
  split();
}

SourceText::SourceText(std::string path, std::unique_ptr<Mapping> mapping)
    : path_(std::move(path)), mapping_(std::move(mapping)), view_(mapping_->view()) {
  split();
}

SourceText::SourceText(SourceText&& o) noexcept
    : path_(std::move(o.path_)),
      mapping_(std::move(o.mapping_)),
      lines_(std::move(o.lines_)),
      crlf_majority_(o.crlf_majority_) {
  // A moved std::string may keep short text in place: re-point the view.
  bytes_ = std::move(o.bytes_);
  view_ = mapping_ ? mapping_->view() : std::string_view(bytes_);
  o.view_ = {};
}

SourceText& SourceText::operator=(SourceText&& o) noexcept {
  if (this != &o) {
    if (!bytes_.empty()) OPENSSL_cleanse(bytes_.data(), bytes_.size());
    path_ = std::move(o.path_);
    mapping_ = std::move(o.mapping_);
    lines_ = std::move(o.lines_);
    crlf_majority_ = o.crlf_majority_;
    bytes_ = std::move(o.bytes_);
    view_ = mapping_ ? mapping_->view() : std::string_view(bytes_);
    o.view_ = {};
  }
  return *this;
}

SourceText::~SourceText() {
  if (!bytes_.empty()) OPENSSL_cleanse(bytes_.data(), bytes_.size());
}

std::optional<SourceText> SourceText::load(const std::string& path, std::string& error) {
  // Regular files are mapped (below); anything else is read with read(2) --
  // istreambuf_iterator costs ~20x more.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = path + ": cannot open: " + std::strerror(errno);
    return std::nullopt;
  }
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    error = path + ": cannot read: " + std::strerror(errno);
    return std::nullopt;
  }
  if (S_ISDIR(st.st_mode)) {
    error = path + ": is a directory, not a configuration file";
    return std::nullopt;
  }
  if (S_ISREG(st.st_mode) && st.st_size > 0) {
    if (auto m = Mapping::map(fd, static_cast<size_t>(st.st_size))) return SourceText(path, std::move(m));
  }
  // Pipes, devices, empty files: read into an owned buffer.
  std::string bytes;
  char chunk[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd, chunk, sizeof chunk);
    if (n < 0) {
      if (errno == EINTR) continue;
      error = path + ": read error: " + std::strerror(errno);
      return std::nullopt;
    }
    if (n == 0) break;
    bytes.append(chunk, static_cast<size_t>(n));
  }
  OPENSSL_cleanse(chunk, sizeof chunk);
  return SourceText(path, std::move(bytes));
}

void SourceText::split() {
  lines_.clear();
  const char* data = view_.data();
  const size_t n = view_.size();
  size_t pos = 0;
  size_t crlf = 0, lf = 0;
  lines_.reserve(n / 40 + 1);
  while (pos < n) {
    const void* nl = std::memchr(data + pos, '\n', n - pos);
    Line l;
    l.offset = pos;
    if (nl == nullptr) {
      l.length = static_cast<uint32_t>(n - pos);
      l.eol_length = 0;
      lines_.push_back(l);
      break;
    }
    size_t end = static_cast<size_t>(static_cast<const char*>(nl) - data);
    if (end > pos && data[end - 1] == '\r') {
      l.length = static_cast<uint32_t>(end - 1 - pos);
      l.eol_length = 2;
      ++crlf;
    } else {
      l.length = static_cast<uint32_t>(end - pos);
      l.eol_length = 1;
      ++lf;
    }
    lines_.push_back(l);
    pos = end + 1;
  }
  crlf_majority_ = crlf > lf;
}

std::optional<uint64_t> SourceText::first_nul() const {
  const void* p = std::memchr(view_.data(), '\0', view_.size());
  if (p == nullptr) return std::nullopt;
  return static_cast<uint64_t>(static_cast<const char*>(p) - view_.data());
}

SourceSpan SourceText::span_of_offset(uint64_t offset) const {
  auto it = std::upper_bound(lines_.begin(), lines_.end(), offset,
                             [](uint64_t off, const Line& l) { return off < l.offset; });
  size_t idx = it == lines_.begin() ? 0 : static_cast<size_t>(it - lines_.begin()) - 1;
  uint32_t col0 = lines_.empty() ? 0 : static_cast<uint32_t>(offset - lines_[idx].offset);
  return SourceSpan::at(static_cast<uint32_t>(idx), col0, 1);
}

}  // namespace ikeshift::text
