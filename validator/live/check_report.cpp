#include "live/check_report.h"

#include <yaml-cpp/yaml.h>

#include <cinttypes>
#include <cstdio>
#include <sstream>

#include "common/ipv4.h"
#include "events/json_writer.h"
#include "report/junit_writer.h"

namespace ikeshift::live {

namespace {

std::string hex(uint64_t v, int digits) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%0*" PRIx64, digits, v);
  return buf;
}

std::string protocol_name(const ProbeResult& p) {
  if (p.protocol == 6) return "tcp/" + std::to_string(p.port);
  if (p.protocol == 17) return "udp/" + std::to_string(p.port);
  return "icmp";
}

std::string where(const FindingLocation& l) {
  return l.span.valid() ? l.file + ":" + std::to_string(l.span.line) : l.file;
}

std::string label(const EntryResult& e) {
  return (e.round.empty() ? "" : "[" + e.round + "] ") + e.device +
         (e.implementation == "ikeshift" ? "" : " (" + e.implementation + ")") + " crypto map " + e.map + " " +
         std::to_string(e.sequence);
}

std::string ms(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

}  // namespace

const char* status_name(EntryStatus s) {
  switch (s) {
    case EntryStatus::Up: return "up";
    case EntryStatus::Down: return "down";
    case EntryStatus::NotTested: return "not tested";
  }
  return "?";
}

int exit_code(const CheckReport& r) {
  if (r.fatal) return 2;
  if (r.entries.empty()) return 1;
  for (const EntryResult& e : r.entries)
    if (e.status != EntryStatus::Up) return 1;
  return 0;
}

std::string render_check_text(const CheckReport& r, bool color) {
  auto paint = [color](const char* code, const std::string& s) {
    return color ? std::string("\x1b[") + code + "m" + s + "\x1b[0m" : s;
  };
  std::ostringstream o;
  if (r.fatal) {
    o << paint("1;31", "check could not run: ") << *r.fatal << "\n";
    return o.str();
  }
  o << "ikeshift check" << (r.scenario.empty() ? "" : " (scenario " + r.scenario + ")") << ": ";
  for (size_t i = 0; i < r.files.size(); ++i) o << (i ? " " : "") << r.files[i];
  o << "\n  lab: " << r.topology << "\n";
  for (const Finding& f : r.findings) o << "  " << format_finding(f);
  for (const EntryResult& e : r.entries) {
    o << "\n" << label(e) << " -> " << (e.peer_device.empty() ? e.peer : e.peer_device + " (" + e.peer + ")") << ": ";
    if (e.status == EntryStatus::Up) {
      o << paint("1;32", "UP") << " with IKEv" << e.ike_version;
      if (e.time_to_up_ms) o << " in " << ms(*e.time_to_up_ms) << " ms (first packet to first answer)";
      if (e.manager_log.empty()) o << " (set up by the peer)";
      o << "\n";
    } else {
      o << paint("1;31", e.status == EntryStatus::Down ? "DOWN" : "NOT TESTED") << "\n";
    }
    for (const std::string& line : e.manager_log) o << "    " << line << "\n";
    if (!e.ike_algorithms.empty()) {
      o << "    IKE SA  " << e.ike_algorithms << "  SPIs " << hex(e.ike_spi_local, 16) << "/"
        << hex(e.ike_spi_remote, 16) << "\n";
    }
    if (!e.esp_algorithms.empty()) o << "    IPsec   " << e.esp_algorithms << "\n";
    for (const ChildSaResult& c : e.children) {
      o << "    SPI in/out 0x" << hex(c.spi_in, 8) << "/0x" << hex(c.spi_out, 8) << "  " << c.local << " <-> " << c.remote
        << "  packets out " << c.packets_out << ", in " << c.packets_in << "\n";
    }
    for (const ProbeResult& p : e.probes) {
      o << "    traffic " << format_ipv4(p.source) << " -> " << format_ipv4(p.destination) << " " << protocol_name(p)
        << ": " << (p.outcome.passed ? "passed" : "FAILED") << " (" << p.outcome.answered << "/" << p.outcome.sent
        << " answered" << (p.outcome.passed || p.outcome.detail.empty() ? "" : "; " + p.outcome.detail) << ")\n";
    }
    if (!e.reason.empty()) o << "    reason: " << e.reason << "\n";
    for (const std::string& b : e.because) o << "    because: " << b << "\n";
    for (const FindingLocation& c : e.causes) o << "      at " << where(c) << "\n";
  }
  size_t up = 0;
  for (const EntryResult& e : r.entries) up += e.status == EntryStatus::Up;
  o << "\ncheck: " << up << " of " << r.entries.size() << " crypto map entries up";
  char wall[32];
  std::snprintf(wall, sizeof wall, "%.2f", r.wall_seconds);
  o << " (" << wall << " s)\n";
  return o.str();
}

namespace {

void emit_causes(YAML::Emitter& y, const EntryResult& e) {
  y << YAML::Key << "causes" << YAML::Value << YAML::BeginSeq;
  for (const FindingLocation& c : e.causes) {
    y << YAML::BeginMap << YAML::Key << "file" << YAML::Value << c.file;
    if (c.span.valid()) y << YAML::Key << "line" << YAML::Value << c.span.line;
    y << YAML::EndMap;
  }
  y << YAML::EndSeq;
}

}  // namespace

std::string render_check_yaml(const CheckReport& r) {
  YAML::Emitter y;
  y << YAML::BeginMap;
  y << YAML::Key << "exit_code" << YAML::Value << exit_code(r);
  if (r.fatal) y << YAML::Key << "fatal" << YAML::Value << *r.fatal;
  y << YAML::Key << "scenario" << YAML::Value << (r.scenario.empty() ? "normal" : r.scenario);
  y << YAML::Key << "files" << YAML::Value << r.files;
  y << YAML::Key << "lab" << YAML::Value << r.topology;
  y << YAML::Key << "wall_seconds" << YAML::Value << r.wall_seconds;
  y << YAML::Key << "findings" << YAML::Value << YAML::BeginSeq;
  for (const Finding& f : r.findings) y << format_finding(f);
  y << YAML::EndSeq;
  y << YAML::Key << "entries" << YAML::Value << YAML::BeginSeq;
  for (const EntryResult& e : r.entries) {
    y << YAML::BeginMap;
    y << YAML::Key << "round" << YAML::Value << (e.round.empty() ? "normal" : e.round);
    y << YAML::Key << "device" << YAML::Value << e.device << YAML::Key << "file" << YAML::Value << e.file;
    y << YAML::Key << "implementation" << YAML::Value << e.implementation;
    y << YAML::Key << "map" << YAML::Value << e.map << YAML::Key << "sequence" << YAML::Value << e.sequence;
    y << YAML::Key << "line" << YAML::Value << e.span.line;
    y << YAML::Key << "peer" << YAML::Value << e.peer << YAML::Key << "peer_device" << YAML::Value << e.peer_device;
    y << YAML::Key << "status" << YAML::Value << status_name(e.status);
    y << YAML::Key << "ike_version" << YAML::Value << e.ike_version;
    y << YAML::Key << "tunnel_manager" << YAML::Value << e.manager_log;
    y << YAML::Key << "ike_algorithms" << YAML::Value << e.ike_algorithms;
    y << YAML::Key << "esp_algorithms" << YAML::Value << e.esp_algorithms;
    y << YAML::Key << "ike_spis" << YAML::Value << YAML::Flow << YAML::BeginSeq << hex(e.ike_spi_local, 16)
      << hex(e.ike_spi_remote, 16) << YAML::EndSeq;
    y << YAML::Key << "child_sas" << YAML::Value << YAML::BeginSeq;
    for (const ChildSaResult& c : e.children) {
      y << YAML::BeginMap << YAML::Key << "spi_in" << YAML::Value << "0x" + hex(c.spi_in, 8) << YAML::Key << "spi_out"
        << YAML::Value << "0x" + hex(c.spi_out, 8) << YAML::Key << "local" << YAML::Value << c.local << YAML::Key
        << "remote" << YAML::Value << c.remote << YAML::Key << "packets_out" << YAML::Value << c.packets_out
        << YAML::Key << "packets_in" << YAML::Value << c.packets_in << YAML::EndMap;
    }
    y << YAML::EndSeq;
    if (e.time_to_up_ms) y << YAML::Key << "time_to_up_ms" << YAML::Value << *e.time_to_up_ms;
    y << YAML::Key << "traffic" << YAML::Value << YAML::BeginSeq;
    for (const ProbeResult& p : e.probes) {
      y << YAML::BeginMap << YAML::Key << "from" << YAML::Value << format_ipv4(p.source) << YAML::Key << "to"
        << YAML::Value << format_ipv4(p.destination) << YAML::Key << "protocol" << YAML::Value << protocol_name(p)
        << YAML::Key << "passed" << YAML::Value << p.outcome.passed << YAML::Key << "sent" << YAML::Value
        << p.outcome.sent << YAML::Key << "answered" << YAML::Value << p.outcome.answered;
      if (!p.outcome.passed) y << YAML::Key << "detail" << YAML::Value << p.outcome.detail;
      y << YAML::EndMap;
    }
    y << YAML::EndSeq;
    if (!e.reason.empty()) y << YAML::Key << "reason" << YAML::Value << e.reason;
    y << YAML::Key << "because" << YAML::Value << e.because;
    emit_causes(y, e);
    y << YAML::EndMap;
  }
  y << YAML::EndSeq << YAML::EndMap;
  return std::string(y.c_str()) + "\n";
}

std::string render_check_json(const CheckReport& r) {
  std::string out;
  engine::events::JsonWriter w(out);
  w.begin_object();
  w.key("exit_code").value(exit_code(r));
  w.key("fatal");
  if (r.fatal) {
    w.value(*r.fatal);
  } else {
    w.null();
  }
  w.key("scenario").value(r.scenario.empty() ? "normal" : r.scenario);
  w.key("files").begin_array();
  for (const std::string& f : r.files) w.value(f);
  w.end_array();
  w.key("lab").value(r.topology);
  w.key("wall_ms").value(static_cast<uint64_t>(r.wall_seconds * 1000));
  w.key("findings").begin_array();
  for (const Finding& f : r.findings) {
    w.begin_object().key("severity").value(severity_name(f.severity)).key("code").value(f.code);
    w.key("message").value(f.message).key("file").value(f.where.file).key("line").value(f.where.span.line);
    w.end_object();
  }
  w.end_array();
  w.key("entries").begin_array();
  for (const EntryResult& e : r.entries) {
    w.begin_object();
    w.key("round").value(e.round.empty() ? "normal" : e.round);
    w.key("device").value(e.device).key("file").value(e.file).key("map").value(e.map);
    w.key("implementation").value(e.implementation);
    w.key("sequence").value(e.sequence).key("line").value(e.span.line);
    w.key("peer").value(e.peer).key("peer_device").value(e.peer_device);
    w.key("status").value(status_name(e.status)).key("ike_version").value(e.ike_version);
    w.key("tunnel_manager").begin_array();
    for (const std::string& l : e.manager_log) w.value(l);
    w.end_array();
    w.key("ike_algorithms").value(e.ike_algorithms).key("esp_algorithms").value(e.esp_algorithms);
    w.key("ike_spi_local").value(hex(e.ike_spi_local, 16)).key("ike_spi_remote").value(hex(e.ike_spi_remote, 16));
    w.key("child_sas").begin_array();
    for (const ChildSaResult& c : e.children) {
      w.begin_object().key("spi_in").value("0x" + hex(c.spi_in, 8)).key("spi_out").value("0x" + hex(c.spi_out, 8));
      w.key("local").value(c.local).key("remote").value(c.remote);
      w.key("packets_out").value(c.packets_out).key("packets_in").value(c.packets_in).end_object();
    }
    w.end_array();
    w.key("time_to_up_us");
    if (e.time_to_up_ms) {
      w.value(static_cast<uint64_t>(*e.time_to_up_ms * 1000));
    } else {
      w.null();
    }
    w.key("traffic").begin_array();
    for (const ProbeResult& p : e.probes) {
      w.begin_object().key("from").value(format_ipv4(p.source)).key("to").value(format_ipv4(p.destination));
      w.key("protocol").value(protocol_name(p)).key("passed").value(p.outcome.passed);
      w.key("sent").value(p.outcome.sent).key("answered").value(p.outcome.answered);
      w.key("detail").value(p.outcome.detail).end_object();
    }
    w.end_array();
    w.key("reason").value(e.reason);
    w.key("because").begin_array();
    for (const std::string& b : e.because) w.value(b);
    w.end_array();
    w.key("causes").begin_array();
    for (const FindingLocation& c : e.causes) w.begin_object().key("file").value(c.file).key("line").value(c.span.line).end_object();
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.end_object();
  return out + "\n";
}

std::string render_check_junit(const CheckReport& r) {
  report::JunitReport j;
  j.name = "ikeshift check";
  report::JunitSuite suite;
  suite.name = r.scenario.empty() ? "ikeshift check" : "ikeshift check (" + r.scenario + ")";
  if (r.fatal) {
    report::JunitCase c;
    c.name = "lab";
    c.classname = "ikeshift.check";
    c.error = report::JunitProblem{*r.fatal, "could-not-run", *r.fatal};
    suite.cases.push_back(c);
  }
  for (const EntryResult& e : r.entries) {
    report::JunitCase c;
    c.name = label(e);
    c.classname = "ikeshift.check." + e.device;
    if (e.time_to_up_ms) c.time_seconds = *e.time_to_up_ms / 1000;
    std::ostringstream out;
    for (const std::string& l : e.manager_log) out << l << "\n";
    if (!e.ike_algorithms.empty()) out << "IKE SA " << e.ike_algorithms << "\n";
    if (!e.esp_algorithms.empty()) out << "IPsec " << e.esp_algorithms << "\n";
    c.system_out = out.str();
    if (e.status == EntryStatus::NotTested) {
      c.skipped = e.reason;
    } else if (e.status == EntryStatus::Down) {
      std::ostringstream body;
      body << e.reason << "\n";
      for (const std::string& b : e.because) body << "because: " << b << "\n";
      for (const FindingLocation& l : e.causes) body << "at " << where(l) << "\n";
      for (const ProbeResult& p : e.probes)
        if (!p.outcome.passed) body << "traffic " << format_ipv4(p.source) << " -> " << format_ipv4(p.destination) << ": " << p.outcome.detail << "\n";
      c.failure = report::JunitProblem{e.reason, "tunnel-down", body.str()};
    }
    suite.cases.push_back(c);
  }
  j.suites.push_back(suite);
  return render_junit_xml(j);
}

}  // namespace ikeshift::live
