// The daemon's control socket: a Unix stream socket served by the daemon's
// EventLoop (so a `show` reads engine state on the engine's own thread,
// without locks). Line protocol: the client sends one command line
// ("show ikev2-sa", "show ikev2-sa detail", "show ipsec-sa", "clear ikev2-sa",
// "rekey child SPI": control_commands.h), the daemon answers with text and
// closes the connection.
//
// The socket file is created 0600 (it shows SPIs and, later, may do more),
// removed when the server is destroyed, and never taken from a live daemon:
// a path whose socket still accepts connections is refused, a stale one (the
// daemon died without cleaning up) is replaced, and anything that is not a
// socket is left alone.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "io/event_loop.h"
#include "io/unique_fd.h"

namespace ikeshift::engine::control {

class ControlServer {
 public:
  // Computes the answer to one command line (without its newline).
  using Handler = std::function<std::string(const std::string& command)>;

  // Binds and listens at `path`, watched by `loop`. nullptr with `error` set
  // (a live daemon owns the path, the path is not a socket, too long, ...).
  static std::unique_ptr<ControlServer> open(io::EventLoop& loop, const std::string& path, Handler handler,
                                             std::string& error);
  // Only open() constructs (the key is private); public for std::make_unique.
  struct Key {
   private:
    Key() = default;
    friend class ControlServer;
  };
  ControlServer(Key, io::EventLoop& loop, std::string path, io::UniqueFd fd, Handler handler);
  ControlServer(const ControlServer&) = delete;
  ControlServer& operator=(const ControlServer&) = delete;
  // Stops watching, closes every connection and removes the socket file.
  ~ControlServer();

  const std::string& path() const { return path_; }

  // A command line longer than this is refused (it cannot be a command).
  static constexpr size_t kMaxCommand = 256;
  // A client that sends no complete line within this time is dropped, so a
  // stuck client cannot hold a descriptor for ever.
  static constexpr std::chrono::seconds kClientTimeout{5};

 private:
  struct Client {
    io::UniqueFd fd;
    std::string in;
    std::string out;
    size_t written = 0;
    bool answering = false;
    io::TimerId timeout;
  };
  void on_accept();
  void on_client(int fd, uint32_t events);
  void answer(Client& c, int fd);
  bool flush(Client& c);  // true when everything is written
  void drop(int fd);

  io::EventLoop& loop_;
  std::string path_;
  io::UniqueFd listen_;
  Handler handler_;
  std::map<int, Client> clients_;
};

// The client side: sends `command` to the daemon at `path`, returns its whole
// answer, or nullopt with `error` (no socket, refused, timed out).
std::optional<std::string> control_request(const std::string& path, const std::string& command,
                                           std::string& error,
                                           std::chrono::milliseconds timeout = std::chrono::seconds(5));

}  // namespace ikeshift::engine::control
