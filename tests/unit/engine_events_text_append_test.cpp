#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "common/ipv4.h"
#include "events/text_append.h"
#include "io/endpoint.h"

namespace ikeshift::engine::events {
namespace {

TEST(TextAppend, NumbersAppendToWhatIsThere) {
  std::string s = "n=";
  append_decimal(s, 0);
  s += ',';
  append_decimal(s, 18446744073709551615ULL);
  EXPECT_EQ(s, "n=0,18446744073709551615");
}

TEST(TextAppend, HexIsZeroPaddedToTheWidthAndNeverCut) {
  std::string s;
  append_hex(s, 0, 8);
  s += ' ';
  append_hex(s, 0x979a48092aadfed6ULL, 16);
  s += ' ';
  append_hex(s, 0x1f, 1);  // wider than asked: all digits stay
  s += ' ';
  append_hex(s, 0xABC, 8);
  EXPECT_EQ(s, "00000000 979a48092aadfed6 1f 00000abc");
}

TEST(TextAppend, AddressesAndEndpoints) {
  std::string s;
  append_ipv4(s, 0xC0000201);
  s += ' ';
  append_ipv4(s, 0);
  s += ' ';
  io::append_endpoint(s, io::Endpoint{0xFFFFFFFF, 4500});
  EXPECT_EQ(s, "192.0.2.1 0.0.0.0 255.255.255.255:4500");
}

TEST(TextAppend, ControlBytesCannotStartANewLine) {
  std::string s;
  append_printable(s, "peer\n%ASA-1-000000: x\x7f\x01");
  EXPECT_EQ(s, "peer\\x0a%ASA-1-000000: x\\x7f\\x01");
  EXPECT_EQ(s.find('\n'), std::string::npos);
}

}  // namespace
}  // namespace ikeshift::engine::events
