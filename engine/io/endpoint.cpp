#include "io/endpoint.h"

#include "common/ipv4.h"

namespace ikeshift::engine::io {

std::string to_string(const Endpoint& e) {
  return format_ipv4(e.address) + ":" + std::to_string(e.port);
}

}  // namespace ikeshift::engine::io
