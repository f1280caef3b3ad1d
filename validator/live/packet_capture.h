// --pcap: a capture of one interface inside a namespace, written as a pcap
// file (LINKTYPE_ETHERNET) by this process. An AF_PACKET socket captures from
// the moment it is bound, so -- unlike starting dumpcap and guessing when it
// has begun -- not even the first IKE_SA_INIT of a lab that is up in 2 ms is
// missed.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <string>
#include <thread>

namespace ikeshift::live {

class PacketCapture {
 public:
  // Starts capturing; throws std::runtime_error (cannot enter the namespace,
  // no such interface, cannot create the file).
  PacketCapture(const std::string& ns, const std::string& interface, const std::filesystem::path& file);
  ~PacketCapture();  // stops, and closes the file complete
  PacketCapture(const PacketCapture&) = delete;
  PacketCapture& operator=(const PacketCapture&) = delete;

  uint64_t packets() const { return packets_.load(); }

 private:
  void run(int socket_fd, int file_fd);
  std::atomic<bool> stop_{false};
  std::atomic<uint64_t> packets_{0};
  std::thread thread_;
};

}  // namespace ikeshift::live
