#include "interop_support.h"

#include <csignal>
#include <iostream>
#include <regex>
#include <sstream>
#include <thread>

namespace ikeshift::interop {

namespace fs = std::filesystem;

std::string environment_problem() {
  std::string problem = test::netns_problem();
  return problem.empty() ? StrongswanPeer::missing_prerequisites() : problem;
}

size_t count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
  return n;
}

std::vector<int> manager_ids(const std::string& log) {
  static const std::regex id(R"(%ASA-\d-(752\d\d\d):)");
  std::vector<int> out;
  for (auto it = std::sregex_iterator(log.begin(), log.end(), id); it != std::sregex_iterator(); ++it)
    out.push_back(std::stoi((*it)[1]));
  return out;
}

std::string fixture_text(const std::string& rel) {
  return read_file(fs::path(IKESHIFT_SOURCE_DIR) / "fixtures" / rel);
}

std::string with_lab_addresses(std::string text, const NetnsLab& lab) {
  auto replace_all = [&](const std::string& from, const std::string& to) {
    for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
      text.replace(at, from.size(), to);
  };
  replace_all("192.168.1.1", lab.address(Side::A));
  replace_all("192.168.2.2", lab.address(Side::B));
  return text;
}

RunResult ping_hosts(const NetnsLab& lab, Side from, int count) {
  const Side to = from == Side::A ? Side::B : Side::A;
  return lab.exec(from, {"ping", "-c", std::to_string(count), "-i", "0.2", "-w", "15", "-I", lab.host(from),
                         lab.host(to)},
                  milliseconds(20000));
}

// ---- fixtures ------------------------------------------------------------------

void LabTest::SetUp() {
  IKS_REQUIRE(environment_problem());
  std::string failure;
  try {
    lab_ = std::make_unique<NetnsLab>();
  } catch (const std::exception& e) {
    failure = std::string("lab set-up failed: ") + e.what();
  }
  IKS_REQUIRE(failure);
}

void LabTest::TearDown() {
  if (HasFailure() && lab_) std::cerr << "lab dir: " << lab_->dir() << " (set IKS_KEEP_LAB_DIR=1 to keep it)\n";
}

void PrintTo(Role r, std::ostream* os) { *os << (r == Role::Responder ? "ikeshift-responder" : "ikeshift-initiator"); }

const IkeshiftUp kIkev2Up{"ikev2-sa", "READY", "INITIATOR", "RESPONDER", "%ASA-4-750003"};
// "M_ACTIVE": MM_ACTIVE or AM_ACTIVE.
const IkeshiftUp kIkev1Up{"ikev1-sa", "M_ACTIVE", "Role    : initiator", "Role    : responder", ""};

void IkeshiftLabTest::SetUp() {
  // Checked first: no lab is built for a test that cannot run anyway.
  IKS_REQUIRE_ENGINE();
  LabTest::SetUp();
}

std::unique_ptr<IkeshiftDaemon> IkeshiftLabTest::start_ikeshift(const AsaLabConfig& asa, Role role,
                                                                const std::string& name, Side side) {
  Argv extra;
  if (role == Role::Initiator) extra = {"--initiate", "all"};
  return std::make_unique<IkeshiftDaemon>(*lab_, side, name, IKESHIFT_BINARY, asa, extra);
}

IkeshiftLabTest::Pair IkeshiftLabTest::bring_up(const AsaLabConfig& asa, const CharonConfig& charon, Role role,
                                                const IkeshiftUp& up) {
  Pair p;
  p.charon = std::make_unique<StrongswanPeer>(*lab_, Side::B, "charon-b", charon);
  p.ikeshift = start_ikeshift(asa, role);
  if (role == Role::Responder) {
    RunResult init = p.charon->initiate();
    EXPECT_TRUE(init.ok()) << "swanctl --initiate: " << init.output;
  }
  CharonSas sas;
  wait_until(
      [&] {
        sas = p.charon->list_sas();
        return sas.child_installed() || !p.ikeshift->running() ||
               (!up.gave_up.empty() && contains(p.ikeshift->log(), up.gave_up));
      },
      kEstablishTimeout, milliseconds(100));
  EXPECT_TRUE(sas.ike_established()) << "charon: no ESTABLISHED IKE SA\n"
                                     << sas.raw << p.charon->diagnostics() << "--- ikeshift ---\n"
                                     << p.ikeshift->log();
  EXPECT_TRUE(sas.child_installed()) << "charon: no INSTALLED CHILD SA\n"
                                     << sas.raw
                                     << (sas.ike_established() ? p.charon->diagnostics() + "--- ikeshift ---\n" +
                                                                     p.ikeshift->log()
                                                               : std::string());
  std::string shown;
  const milliseconds show_timeout = sas.child_installed() ? kShowTimeout : milliseconds(0);
  EXPECT_TRUE(p.ikeshift->wait_show(up.word, show_timeout, &shown, up.view))
      << "ikeshift engine show " << up.view << ":\n" << shown << "--- ikeshift log ---\n" << p.ikeshift->log();
  EXPECT_TRUE(contains(shown, role == Role::Initiator ? up.initiator : up.responder)) << shown;
  return p;
}

// ---- SPIs ------------------------------------------------------------------------

std::ostream& operator<<(std::ostream& os, const SpiPair& p) {
  return os << std::hex << "0x" << p.in << "/0x" << p.out << std::dec;
}

uint32_t hex32(const std::string& text) {
  try {
    return static_cast<uint32_t>(std::stoul(text, nullptr, 16));
  } catch (const std::exception&) {
    return 0;
  }
}

std::vector<SpiPair> charon_children(const CharonSas& sas, bool installed_only) {
  std::vector<SpiPair> out;
  for (const auto& ike : sas.ike_sas)
    for (const auto& c : ike.children)
      if (!installed_only || (ike.state == "ESTABLISHED" && c.state == "INSTALLED"))
        out.push_back({hex32(c.spi_in), hex32(c.spi_out)});
  return out;
}

// ---- tshark ------------------------------------------------------------------------

IkeCapture::IkeCapture(const NetnsLab& lab, fs::path tshark)
    : lab_(lab), tshark_(std::move(tshark)), file_(lab.dir() / "ike.pcapng") {
  process_ = lab_.spawn(Side::A, "tshark",
                        {tshark_.string(), "-n", "-i", lab_.veth(Side::A), "-f", "udp port 500 or udp port 4500", "-w",
                         file_.string()});
}

::testing::AssertionResult IkeCapture::started() {
  const fs::path err = lab_.dir() / "tshark.stderr";
  if (!wait_until([&] { return contains(read_file(err), "Capturing on"); }, milliseconds(15000)))
    return ::testing::AssertionFailure() << "tshark did not start capturing:\n" << read_file(err);
  // "Capturing on" is printed slightly before dumpcap really captures (pair
  // script); one second is the margin it found sufficient.
  std::this_thread::sleep_for(milliseconds(1000));
  return ::testing::AssertionSuccess();
}

::testing::AssertionResult IkeCapture::stop() {
  std::this_thread::sleep_for(milliseconds(300));  // let the last frames reach the file
  process_->signal(SIGINT);
  if (!process_->wait_exit(milliseconds(10000)))
    return ::testing::AssertionFailure() << "tshark did not exit 10 s after SIGINT";
  return ::testing::AssertionSuccess();
}

RunResult IkeCapture::read(const Argv& options) const {
  Argv argv{tshark_.string(), "-n", "-r", file_.string()};
  argv.insert(argv.end(), options.begin(), options.end());
  return run(argv, milliseconds(60000));
}

size_t IkeCapture::lines(const std::string& text) {
  size_t n = 0;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);)
    if (!l.empty() && !contains(l, "Running as user")) ++n;
  return n;
}

Argv IkeCapture::keylog_options(const std::string& table, const std::string& keylog) {
  Argv options;
  std::istringstream in(keylog);
  for (std::string l; std::getline(in, l);)
    if (!l.empty()) options.insert(options.end(), {"-o", "uat:" + table + ":" + l});
  return options;
}

}  // namespace ikeshift::interop
