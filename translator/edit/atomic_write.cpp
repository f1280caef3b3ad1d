#include "edit/atomic_write.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace ikeshift::edit {

namespace {

// Owns one file descriptor; closes it on destruction unless close() already
// did (close() is separate because its error matters for written data).
class UniqueFd {
 public:
  explicit UniqueFd(int fd) : fd_(fd) {}
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  ~UniqueFd() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }
  // Returns 0 or -1 with errno set, like close(2). The descriptor is released
  // either way: retrying close after an error is unsafe on Linux.
  int close() {
    const int fd = fd_;
    fd_ = -1;
    return fd >= 0 ? ::close(fd) : 0;
  }

 private:
  int fd_;
};

// Unlinks the temporary file unless the rename succeeded.
class TempFileGuard {
 public:
  explicit TempFileGuard(std::string path) : path_(std::move(path)) {}
  TempFileGuard(const TempFileGuard&) = delete;
  TempFileGuard& operator=(const TempFileGuard&) = delete;
  ~TempFileGuard() {
    if (!committed_) ::unlink(path_.c_str());
  }
  void commit() { committed_ = true; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  bool committed_ = false;
};

bool fail(std::string& error, const std::string& path, const char* what, int err) {
  error = path + ": " + what + ": " + std::strerror(err);
  return false;
}

std::string parent_dir(const std::string& path) {
  const auto slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

}  // namespace

bool write_file_atomically(const std::string& path, std::string_view data, unsigned mode,
                           std::string& error) {
  return write_file_atomically(
      path, [data](const PieceSink& sink) { sink(data); }, mode, error);
}

bool write_file_atomically(const std::string& path, const std::function<void(const PieceSink&)>& produce,
                           unsigned mode, std::string& error) {
  // mkstemp needs a writable, NUL-terminated template.
  const std::string tmpl = path + ".ikeshift-XXXXXX";
  std::vector<char> name(tmpl.begin(), tmpl.end());
  name.push_back('\0');

  UniqueFd fd(::mkstemp(name.data()));
  if (!fd.valid()) return fail(error, path, "cannot create temporary file", errno);
  TempFileGuard temp(name.data());
  // Not inherited by children the caller may spawn while we write.
  (void)::fcntl(fd.get(), F_SETFD, FD_CLOEXEC);

  // Before any byte: a file that will hold keys must never be readable by
  // others, not even for a moment. fchmod is not subject to the umask.
  if (::fchmod(fd.get(), static_cast<mode_t>(mode & 07777)) != 0)
    return fail(error, path, "cannot set permissions", errno);

  int write_errno = 0;
  auto write_all = [&](const char* p, size_t left) {
    while (left > 0 && write_errno == 0) {
      const ssize_t w = ::write(fd.get(), p, left);
      if (w < 0) {
        if (errno != EINTR) write_errno = errno;
        continue;
      }
      p += w;
      left -= static_cast<size_t>(w);
    }
  };
  constexpr size_t kBuffer = 1 << 16;
  std::string buffer;
  buffer.reserve(kBuffer);
  auto flush = [&] {
    write_all(buffer.data(), buffer.size());
    buffer.clear();
  };
  produce([&](std::string_view piece) {
    if (buffer.size() + piece.size() > kBuffer) flush();
    if (piece.size() >= kBuffer) {
      write_all(piece.data(), piece.size());
    } else {
      buffer.append(piece);
    }
  });
  flush();
  // The buffer may have held keys.
  buffer.assign(buffer.capacity(), '\0');
  if (write_errno != 0) return fail(error, path, "cannot write", write_errno);
  // The data must be on disk before the rename makes it the target, or a crash
  // could leave an empty file under the target's name.
  if (::fsync(fd.get()) != 0) return fail(error, path, "cannot sync", errno);
  if (fd.close() != 0) return fail(error, path, "cannot close", errno);
  if (::rename(temp.path().c_str(), path.c_str()) != 0)
    return fail(error, path, "cannot replace", errno);
  temp.commit();

  // Make the rename itself durable. Best effort: the file is already complete
  // and in place, so a failure here is not reported as a failed write.
  UniqueFd dir(::open(parent_dir(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.valid()) (void)::fsync(dir.get());
  return true;
}

}  // namespace ikeshift::edit
