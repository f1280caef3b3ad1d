#include "text/source_text.h"

#include <openssl/crypto.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <sys/stat.h>

namespace ikeshift::text {

SourceText::SourceText(std::string path, std::string bytes)
    : path_(std::move(path)), bytes_(std::move(bytes)) {
  split();
}

SourceText::~SourceText() {
  if (!bytes_.empty()) OPENSSL_cleanse(bytes_.data(), bytes_.size());
}

std::optional<SourceText> SourceText::load(const std::string& path, std::string& error) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    error = path + ": cannot read: " + std::strerror(errno);
    return std::nullopt;
  }
  if (S_ISDIR(st.st_mode)) {
    error = path + ": is a directory, not a configuration file";
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = path + ": cannot open: " + std::strerror(errno);
    return std::nullopt;
  }
  std::string bytes;
  if (st.st_size > 0) bytes.reserve(static_cast<size_t>(st.st_size));
  bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (in.bad()) {
    error = path + ": read error: " + std::strerror(errno);
    return std::nullopt;
  }
  return SourceText(path, std::move(bytes));
}

void SourceText::split() {
  lines_.clear();
  const char* data = bytes_.data();
  const size_t n = bytes_.size();
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
  const void* p = std::memchr(bytes_.data(), '\0', bytes_.size());
  if (p == nullptr) return std::nullopt;
  return static_cast<uint64_t>(static_cast<const char*>(p) - bytes_.data());
}

SourceSpan SourceText::span_of_offset(uint64_t offset) const {
  auto it = std::upper_bound(lines_.begin(), lines_.end(), offset,
                             [](uint64_t off, const Line& l) { return off < l.offset; });
  size_t idx = it == lines_.begin() ? 0 : static_cast<size_t>(it - lines_.begin()) - 1;
  uint32_t col0 = lines_.empty() ? 0 : static_cast<uint32_t>(offset - lines_[idx].offset);
  return SourceSpan::at(static_cast<uint32_t>(idx), col0, 1);
}

}  // namespace ikeshift::text
