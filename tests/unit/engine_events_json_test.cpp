// JSON escaping (control characters, non-ASCII, invalid UTF-8) and the exact
// lines JsonSink writes.
#include "events/json_escape.h"

#include <gtest/gtest.h>

#include <chrono>
#include <sstream>
#include <string>

#include "common/ipv4.h"
#include "events/event_bus.h"
#include "events/json_sink.h"
#include "events/json_writer.h"
#include "events/timestamp.h"
#include "io/clock.h"

namespace ikeshift::engine::events {
namespace {

using namespace std::string_literals;

TEST(JsonEscape, PlainAndStructuralCharacters) {
  EXPECT_EQ(json_quote(""), R"("")");
  EXPECT_EQ(json_quote("vpn 12"), R"("vpn 12")");
  EXPECT_EQ(json_quote(R"(a"b\c/d)"), R"("a\"b\\c/d")");
}

TEST(JsonEscape, ControlCharacters) {
  EXPECT_EQ(json_quote("\b\f\n\r\t"), R"("\b\f\n\r\t")");
  EXPECT_EQ(json_quote("\x01\x1f"), R"("\u0001\u001f")");
  EXPECT_EQ(json_quote("nul:"s + '\0' + "!"), R"("nul:\u0000!")");
  EXPECT_EQ(json_quote("del:\x7f"), R"("del:\u007f")");
  EXPECT_EQ(json_quote("\x1b[31m"), R"("\u001b[31m")");
}

TEST(JsonEscape, NonAsciiPassesThroughAsUtf8) {
  EXPECT_EQ(json_quote("caf\xc3\xa9"), "\"caf\xc3\xa9\"");                 // é
  EXPECT_EQ(json_quote("\xe6\x97\xa5\xe6\x9c\xac"), "\"\xe6\x97\xa5\xe6\x9c\xac\"");  // 日本
  EXPECT_EQ(json_quote("\xf0\x9f\x98\x80"), "\"\xf0\x9f\x98\x80\"");       // U+1F600
}

TEST(JsonEscape, AsciiOnlyUsesUEscapesAndSurrogatePairs) {
  EXPECT_EQ(json_quote("caf\xc3\xa9", true), R"("caf\u00e9")");
  EXPECT_EQ(json_quote("\xe6\x97\xa5\xe6\x9c\xac", true), R"("\u65e5\u672c")");
  EXPECT_EQ(json_quote("\xf0\x9f\x98\x80", true), R"("\ud83d\ude00")");
}

TEST(JsonEscape, LineAndParagraphSeparatorsAreEscaped) {
  EXPECT_EQ(json_quote("a\xe2\x80\xa8" "b\xe2\x80\xa9"), R"("a\u2028b\u2029")");
}

TEST(JsonEscape, InvalidUtf8BecomesReplacementCharacter) {
  const std::string fffd = "\xef\xbf\xbd";
  EXPECT_EQ(json_quote("\xff"), "\"" + fffd + "\"");                    // never valid
  EXPECT_EQ(json_quote("a\xc3"), "\"a" + fffd + "\"");                  // truncated
  EXPECT_EQ(json_quote("\xc0\xaf"), "\"" + fffd + fffd + "\"");         // overlong '/'
  EXPECT_EQ(json_quote("\xed\xa0\x80"), "\"" + fffd + fffd + fffd + "\"");  // surrogate
  EXPECT_EQ(json_quote("\xf4\x90\x80\x80"), "\"" + fffd + fffd + fffd + fffd + "\"");  // > U+10FFFF
  EXPECT_EQ(json_quote("\xe6\x97x"), "\"" + fffd + fffd + "x\"");       // bad continuation
  EXPECT_EQ(json_quote("\xff", true), R"("\ufffd")");
}

TEST(JsonWriter, CommasAndNesting) {
  std::string out;
  JsonWriter w(out);
  w.begin_object();
  w.key("a").value(1);
  w.key("b").begin_array().value("x").null().value(true).begin_object().end_object().end_array();
  w.key("c").begin_object().key("d").value(uint64_t{18446744073709551615u}).end_object();
  w.end_object();
  EXPECT_EQ(out, R"({"a":1,"b":["x",null,true,{}],"c":{"d":18446744073709551615}})");
}

struct Fixture {
  io::ManualWallClock wall{io::WallTime{} + std::chrono::milliseconds(1363964632250)};
  EventBus bus{wall};
  std::ostringstream out;
};

io::Endpoint ep(const char* text, uint16_t port) {
  return io::Endpoint{parse_ipv4(text).value(), port};
}

TEST(JsonSink, AsaEventLine) {
  Fixture f;
  JsonSink sink(f.out);
  f.bus.subscribe(sink);
  f.bus.emit(SaUp{Peer{ep("192.168.1.1", 500), ep("192.168.2.2", 500), "192.168.2.2"},
                  "New Connection Established"});
  f.bus.emit(KeyAcquireDispatched{CryptoMapEntry{"vpn", 12}, 2, false});
  EXPECT_EQ(
      f.out.str(),
      R"({"timestamp":"2013-03-22T15:03:52.250Z","sequence":1,"id":"sa_up","asa_id":750006,)"
      R"("severity":"notice","text":"%ASA-5-750006: Local:192.168.1.1:500 Remote:192.168.2.2:500 )"
      R"(Username:192.168.2.2 SA UP. Reason: New Connection Established","fields":{"local":)"
      R"("192.168.1.1:500","remote":"192.168.2.2:500","username":"192.168.2.2","reason":)"
      R"("New Connection Established"}})"
      "\n"
      R"({"timestamp":"2013-03-22T15:03:52.250Z","sequence":2,"id":"key_acquire_dispatched",)"
      R"("asa_id":752003,"severity":"notice","text":"%ASA-5-752003: Tunnel Manager dispatching )"
      R"(a KEY_ACQUIRE message to IKEv2. Map Tag = vpn. Map Sequence Number = 12.","fields":)"
      R"({"map_tag":"vpn","map_sequence":12,"ike_version":2,"after_failed_attempt":false}})"
      "\n");
}

TEST(JsonSink, UnknownUsernameIsNullAndSelectorsAreObjects) {
  Fixture f;
  TunnelRequested e;
  e.peer = Peer{ep("192.168.1.1", 500), ep("192.168.2.2", 500), ""};
  e.local_selector.addresses = {parse_ipv4("10.10.10.0").value(), parse_ipv4("10.10.10.255").value()};
  e.remote_selector.addresses = {parse_ipv4("10.20.20.21").value(), parse_ipv4("10.20.20.21").value()};
  e.remote_selector.protocol = 17;
  e.remote_selector.port_first = e.remote_selector.port_last = 53;
  const Event ev = e;
  JsonSinkOptions options;
  options.include_text = false;
  EXPECT_EQ(format_json(EmittedEvent{ev, f.wall.now(), 9}, options),
            R"({"timestamp":"2013-03-22T15:03:52.250Z","sequence":9,"id":"tunnel_requested",)"
            R"("asa_id":750001,"severity":"notice","fields":{"local":"192.168.1.1:500",)"
            R"("remote":"192.168.2.2:500","username":null,"local_selector":{"first":"10.10.10.0",)"
            R"("last":"10.10.10.255","protocol":0,"port_first":0,"port_last":65535},)"
            R"("remote_selector":{"first":"10.20.20.21","last":"10.20.20.21","protocol":17,)"
            R"("port_first":53,"port_last":53}}})");
}

TEST(JsonSink, DiagnosticHasNullAsaIdAndHexSpis) {
  Fixture f;
  SaRef sa;
  sa.sa_id = 12;
  sa.spi_i = 0x297ef9ca996102a6ULL;
  sa.local = ep("192.168.1.1", 500);
  sa.remote = ep("192.168.2.2", 4500);
  const Event ev = DeleteSent{sa, SaKind::Child, {0xc1a2b3d4}};
  JsonSinkOptions options;
  options.include_text = false;
  EXPECT_EQ(format_json(EmittedEvent{ev, f.wall.now(), 3}, options),
            R"({"timestamp":"2013-03-22T15:03:52.250Z","sequence":3,"id":"delete_sent",)"
            R"("asa_id":null,"severity":"informational","fields":{"ike_version":2,"sa_id":12,)"
            R"("spi_i":"0x297ef9ca996102a6","spi_r":"0x0000000000000000","local":)"
            R"("192.168.1.1:500","remote":"192.168.2.2:4500","sa_kind":"CHILD","spis":)"
            R"(["0xc1a2b3d4"]}})");
}

TEST(JsonSink, HostileStringsStayInsideTheirField) {
  Fixture f;
  SaRef sa;
  const Event ev = AuthenticationFailed{sa, "x\"}\n{\"id\":\"sa_up\xff", "caf\xc3\xa9"};
  JsonSinkOptions options;
  options.include_text = false;
  options.ascii_only = true;
  const std::string line = format_json(EmittedEvent{ev, f.wall.now(), 1}, options);
  EXPECT_EQ(line.find('\n'), std::string::npos);
  EXPECT_NE(line.find(R"("peer_identity":"x\"}\n{\"id\":\"sa_up\ufffd")"), std::string::npos)
      << line;
  EXPECT_NE(line.find(R"("reason":"caf\u00e9")"), std::string::npos) << line;
  for (unsigned char c : line) EXPECT_LT(c, 0x80);
}

TEST(JsonSink, TimestampsBeforeTheEpochRoundDown) {
  EXPECT_EQ(rfc3339_utc(io::WallTime{} - std::chrono::milliseconds(1)),
            "1969-12-31T23:59:59.999Z");
  EXPECT_EQ(rfc3339_utc(io::WallTime{}), "1970-01-01T00:00:00.000Z");
}

}  // namespace
}  // namespace ikeshift::engine::events
