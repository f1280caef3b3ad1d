#include "control/control_socket.h"

#include <poll.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace ikeshift::engine::control {

namespace {

std::string errno_text(int e) { return std::strerror(e); }

bool make_address(const std::string& path, sockaddr_un& addr, std::string& error) {
  std::memset(&addr, 0, sizeof addr);
  addr.sun_family = AF_UNIX;
  if (path.empty() || path.size() >= sizeof addr.sun_path) {
    error = "control socket path '" + path + "' is empty or longer than " +
            std::to_string(sizeof addr.sun_path - 1) + " bytes";
    return false;
  }
  std::memcpy(addr.sun_path, path.data(), path.size());
  return true;
}

const sockaddr* as_sockaddr(const sockaddr_un& a) {
  // The socket API takes the generic type; sockaddr_un is layout-compatible.
  return reinterpret_cast<const sockaddr*>(&a);
}

// Connects a stream socket to `path`: the fd, or -1 with errno set.
io::UniqueFd connect_to(const sockaddr_un& addr) {
  io::UniqueFd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!fd) return fd;
  if (::connect(fd.get(), as_sockaddr(addr), sizeof addr) != 0) {
    int e = errno;
    fd.reset();
    errno = e;
  }
  return fd;
}

// Restores the process umask on scope exit. bind() creates the socket file
// with the umask applied and there is no fchmod for it beforehand, so the
// umask is narrowed around bind() to keep the file private from its first
// instant (chmod afterwards would leave a window).
class UmaskGuard {
 public:
  explicit UmaskGuard(mode_t mask) : old_(::umask(mask)) {}
  ~UmaskGuard() { ::umask(old_); }
  UmaskGuard(const UmaskGuard&) = delete;
  UmaskGuard& operator=(const UmaskGuard&) = delete;

 private:
  mode_t old_;
};

}  // namespace

std::unique_ptr<ControlServer> ControlServer::open(io::EventLoop& loop, const std::string& path, Handler handler,
                                                   std::string& error) {
  sockaddr_un addr;
  if (!make_address(path, addr, error)) return nullptr;

  struct stat st;
  if (::lstat(path.c_str(), &st) == 0) {
    if (!S_ISSOCK(st.st_mode)) {
      error = path + ": exists and is not a socket; not replacing it";
      return nullptr;
    }
    io::UniqueFd probe = connect_to(addr);
    if (probe) {
      error = path + ": another ikeshift engine is running on this control socket";
      return nullptr;
    }
    if (errno != ECONNREFUSED) {
      error = path + ": cannot check the existing control socket: " + errno_text(errno);
      return nullptr;
    }
    // Nobody listens: a daemon died without removing it.
    if (::unlink(path.c_str()) != 0 && errno != ENOENT) {
      error = path + ": cannot remove the stale control socket: " + errno_text(errno);
      return nullptr;
    }
  } else if (errno != ENOENT) {
    error = path + ": " + errno_text(errno);
    return nullptr;
  }

  io::UniqueFd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (!fd) {
    error = "control socket: " + errno_text(errno);
    return nullptr;
  }
  {
    UmaskGuard guard(0177);
    if (::bind(fd.get(), as_sockaddr(addr), sizeof addr) != 0) {
      // EADDRINUSE here: another daemon bound it between the check and now.
      error = path + ": cannot bind the control socket: " + errno_text(errno);
      return nullptr;
    }
  }
  ::chmod(path.c_str(), 0600);  // belt and braces: some file systems ignore the umask for sockets
  if (::listen(fd.get(), 16) != 0) {
    error = path + ": cannot listen: " + errno_text(errno);
    ::unlink(path.c_str());
    return nullptr;
  }
  return std::make_unique<ControlServer>(Key{}, loop, path, std::move(fd), std::move(handler));
}

ControlServer::ControlServer(Key, io::EventLoop& loop, std::string path, io::UniqueFd fd, Handler handler)
    : loop_(loop), path_(std::move(path)), listen_(std::move(fd)), handler_(std::move(handler)) {
  loop_.watch_readable(listen_.get(), [this](uint32_t) { on_accept(); });
}

ControlServer::~ControlServer() {
  for (auto& [fd, c] : clients_) {
    loop_.unwatch(fd);
    loop_.timers().cancel(c.timeout);
  }
  clients_.clear();
  loop_.unwatch(listen_.get());
  listen_.reset();
  ::unlink(path_.c_str());
}

void ControlServer::on_accept() {
  for (;;) {
    int raw = ::accept4(listen_.get(), nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (raw < 0) return;  // EAGAIN: all accepted; other errors: the client is gone
    Client& c = clients_[raw];
    c.fd = io::UniqueFd(raw);
    c.timeout = loop_.schedule_after(kClientTimeout, [this, raw] { drop(raw); });
    loop_.watch_readable(raw, [this, raw](uint32_t events) { on_client(raw, events); });
  }
}

void ControlServer::on_client(int fd, uint32_t events) {
  auto it = clients_.find(fd);
  if (it == clients_.end()) return;
  Client& c = it->second;
  if (c.answering) {
    if (flush(c) || (events & (EPOLLERR | EPOLLHUP))) drop(fd);
    return;
  }
  char buf[512];
  ssize_t n = ::recv(fd, buf, sizeof buf, 0);
  if (n < 0) {
    if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) return;
    drop(fd);
    return;
  }
  if (n > 0) c.in.append(buf, static_cast<size_t>(n));
  size_t newline = c.in.find('\n');
  bool too_long = (newline == std::string::npos ? c.in.size() : newline) > kMaxCommand;
  if (newline == std::string::npos && n > 0 && !too_long) return;  // more to come
  if (newline == std::string::npos && c.in.empty()) {
    drop(fd);  // closed without a word
    return;
  }
  if (too_long) {
    c.out = "ERROR: command line longer than " + std::to_string(kMaxCommand) + " bytes\n";
  } else {
    // A line, or everything before end-of-file (a client may omit the newline).
    std::string command = c.in.substr(0, newline);
    if (!command.empty() && command.back() == '\r') command.pop_back();
    try {
      c.out = handler_(command);
    } catch (const std::exception& e) {
      c.out = std::string("ERROR: ") + e.what() + "\n";
    }
  }
  answer(c, fd);
}

void ControlServer::answer(Client& c, int fd) {
  c.answering = true;
  if (flush(c)) {
    drop(fd);
    return;
  }
  // The answer is larger than the socket buffer: finish it when writable.
  loop_.unwatch(fd);
  loop_.watch(fd, EPOLLOUT, [this, fd](uint32_t events) { on_client(fd, events); });
}

bool ControlServer::flush(Client& c) {
  while (c.written < c.out.size()) {
    // MSG_NOSIGNAL: a client that went away must not SIGPIPE the daemon.
    ssize_t n = ::send(c.fd.get(), c.out.data() + c.written, c.out.size() - c.written, MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) return false;
      return true;  // the client is gone: nothing more to write
    }
    c.written += static_cast<size_t>(n);
  }
  return true;
}

void ControlServer::drop(int fd) {
  auto it = clients_.find(fd);
  if (it == clients_.end()) return;
  loop_.unwatch(fd);
  loop_.timers().cancel(it->second.timeout);
  clients_.erase(it);  // closes the fd, after it is unwatched
}

std::optional<std::string> control_request(const std::string& path, const std::string& command, std::string& error,
                                           std::chrono::milliseconds timeout) {
  sockaddr_un addr;
  if (!make_address(path, addr, error)) return std::nullopt;
  io::UniqueFd fd = connect_to(addr);
  if (!fd) {
    int e = errno;
    if (e == ENOENT) {
      error = path + ": no control socket (is `ikeshift engine --control " + path + "` running?)";
    } else if (e == ECONNREFUSED) {
      error = path + ": connection refused (the engine that created it is no longer running)";
    } else {
      error = path + ": cannot connect: " + errno_text(e);
    }
    return std::nullopt;
  }
  std::string line = command + "\n";
  size_t sent = 0;
  while (sent < line.size()) {
    ssize_t n = ::send(fd.get(), line.data() + sent, line.size() - sent, MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR) continue;
      error = path + ": cannot send the command: " + errno_text(errno);
      return std::nullopt;
    }
    sent += static_cast<size_t>(n);
  }
  ::shutdown(fd.get(), SHUT_WR);

  std::string answer;
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      error = path + ": no complete answer within " + std::to_string(timeout.count()) + " ms";
      return std::nullopt;
    }
    pollfd p{fd.get(), POLLIN, 0};
    int r = ::poll(&p, 1, static_cast<int>(left.count()));
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) {
      error = path + ": " + errno_text(errno);
      return std::nullopt;
    }
    if (r == 0) continue;  // the deadline check above ends it
    char buf[4096];
    ssize_t n = ::recv(fd.get(), buf, sizeof buf, 0);
    if (n < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      error = path + ": " + errno_text(errno);
      return std::nullopt;
    }
    if (n == 0) return answer;  // the daemon closes after the whole answer
    answer.append(buf, static_cast<size_t>(n));
  }
}

}  // namespace ikeshift::engine::control
