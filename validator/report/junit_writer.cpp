#include "validator/report/junit_writer.h"

#include <cstdio>

namespace ikeshift::report {

namespace {

const char* kReplacement = "\xef\xbf\xbd";  // U+FFFD

// Length of the valid UTF-8 sequence at s[i] (0 when invalid), and its code point.
size_t utf8_sequence(const std::string& s, size_t i, uint32_t& cp) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  size_t n = 0;
  if (c < 0x80) { cp = c; return 1; }
  if ((c >> 5) == 6) { n = 2; cp = c & 0x1f; }
  else if ((c >> 4) == 14) { n = 3; cp = c & 0x0f; }
  else if ((c >> 3) == 30) { n = 4; cp = c & 0x07; }
  else return 0;
  if (i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    const unsigned char d = static_cast<unsigned char>(s[i + k]);
    if ((d & 0xc0) != 0x80) return 0;
    cp = (cp << 6) | (d & 0x3f);
  }
  // Overlong forms, surrogates and code points past U+10FFFF are not valid UTF-8.
  static const uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[n] || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return 0;
  return n;
}

bool allowed_in_xml(uint32_t cp) {
  return cp == 0x9 || cp == 0xa || cp == 0xd || (cp >= 0x20 && cp <= 0xd7ff) ||
         (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

std::string seconds(double t) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", t);
  return buf;
}

void problem(std::string& out, const char* tag, const JunitProblem& p) {
  out += std::string("      <") + tag + " message=\"" + xml_escape(p.message) + "\" type=\"" +
         xml_escape(p.type) + "\">" + xml_escape(p.text) + "</" + tag + ">\n";
}

}  // namespace

std::string xml_escape(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    uint32_t cp = 0;
    const size_t n = utf8_sequence(s, i, cp);
    if (n == 0 || !allowed_in_xml(cp)) {
      out += kReplacement;
      i += n == 0 ? 1 : n;
      continue;
    }
    switch (cp) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      case '\n': out += "&#10;"; break;  // kept in attributes, harmless in text
      case '\r': out += "&#13;"; break;
      case '\t': out += "&#9;"; break;
      default: out.append(s, i, n);
    }
    i += n;
  }
  return out;
}

std::string render_junit_xml(const JunitReport& report) {
  size_t tests = 0, failures = 0, errors = 0, skipped = 0;
  double time = 0;
  for (const JunitSuite& s : report.suites) {
    for (const JunitCase& c : s.cases) {
      ++tests;
      failures += c.failure ? 1 : 0;
      errors += c.error ? 1 : 0;
      skipped += c.skipped ? 1 : 0;
      time += c.time_seconds;
    }
  }
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<testsuites name=\"" + xml_escape(report.name) + "\" tests=\"" + std::to_string(tests) +
         "\" failures=\"" + std::to_string(failures) + "\" errors=\"" + std::to_string(errors) +
         "\" skipped=\"" + std::to_string(skipped) + "\" time=\"" + seconds(time) + "\">\n";
  for (const JunitSuite& s : report.suites) {
    size_t f = 0, e = 0, k = 0;
    double t = 0;
    for (const JunitCase& c : s.cases) {
      f += c.failure ? 1 : 0;
      e += c.error ? 1 : 0;
      k += c.skipped ? 1 : 0;
      t += c.time_seconds;
    }
    out += "  <testsuite name=\"" + xml_escape(s.name) + "\" tests=\"" + std::to_string(s.cases.size()) +
           "\" failures=\"" + std::to_string(f) + "\" errors=\"" + std::to_string(e) + "\" skipped=\"" +
           std::to_string(k) + "\" time=\"" + seconds(t) + "\"";
    if (!s.timestamp.empty()) out += " timestamp=\"" + xml_escape(s.timestamp) + "\"";
    out += ">\n";
    for (const JunitCase& c : s.cases) {
      out += "    <testcase name=\"" + xml_escape(c.name) + "\" classname=\"" + xml_escape(c.classname) +
             "\" time=\"" + seconds(c.time_seconds) + "\"";
      if (!c.failure && !c.error && !c.skipped && c.system_out.empty()) {
        out += "/>\n";
        continue;
      }
      out += ">\n";
      if (c.skipped) out += "      <skipped message=\"" + xml_escape(*c.skipped) + "\"/>\n";
      if (c.error) problem(out, "error", *c.error);
      if (c.failure) problem(out, "failure", *c.failure);
      if (!c.system_out.empty()) out += "      <system-out>" + xml_escape(c.system_out) + "</system-out>\n";
      out += "    </testcase>\n";
    }
    out += "  </testsuite>\n";
  }
  out += "</testsuites>\n";
  return out;
}

}  // namespace ikeshift::report
