// The addressed interfaces of a device in the intent (what a lab rebuilds).
#include <gtest/gtest.h>

#include "asa/asa_intent.h"
#include "asa/asa_reader.h"
#include "common/ipv4.h"
#include "model/intent.h"
#include "test_support.h"

namespace ikeshift::model {
namespace {

TEST(IntentInterfaces, NamedAddressedInterfacesWithTheirLines) {
  std::string cfg = test::read_file(test::fixture("seed004/asa1.cfg"));
  cfg += "interface GigabitEthernet0/2\n shutdown\n nameif dmz\n ip address 172.16.0.1 255.255.0.0\n!\n"
         "interface Management0/0\n ip address 192.0.2.99 255.255.255.0\n!\n";
  text::SourceText src("asa1.cfg", cfg);
  Intent i = derive_intent(asa::read_asa(src).config, "asa1.cfg");
  ASSERT_EQ(i.interfaces.size(), 3u);  // Management0/0 has no nameif: not an ASA data interface
  const Interface* outside = i.interface("outside");
  ASSERT_NE(outside, nullptr);
  EXPECT_EQ(format_ipv4(outside->address), "192.168.1.1");
  EXPECT_EQ(format_ipv4(outside->mask), "255.255.255.0");
  EXPECT_EQ(outside->span.line, 10u);
  EXPECT_FALSE(outside->shutdown);
  const Interface* dmz = i.interface("dmz");
  ASSERT_NE(dmz, nullptr);
  EXPECT_TRUE(dmz->shutdown);
  EXPECT_EQ(i.interface("management"), nullptr);
}

}  // namespace
}  // namespace ikeshift::model
