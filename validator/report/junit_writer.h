// A small, general JUnit XML writer: test suites of test cases, each passed,
// failed, errored or skipped. Not validator-specific: `ikeshift validate
// --format junit` adapts its report to it, and `ikeshift check --format junit`
// will do the same. Text is escaped for XML 1.0 (bytes that are not valid
// UTF-8 or not allowed in XML become U+FFFD), so any input renders to a
// document every JUnit consumer reads.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace ikeshift::report {

struct JunitProblem {   // <failure> or <error>
  std::string message;  // attribute: one line
  std::string type;     // attribute: a category (the rule id)
  std::string text;     // element body: details
};

struct JunitCase {
  std::string name;
  std::string classname;
  double time_seconds = 0;
  std::optional<JunitProblem> failure;  // an assertion failed
  std::optional<JunitProblem> error;    // the test could not run
  std::optional<std::string> skipped;   // skipped, with the reason
  std::string system_out;               // extra output (e.g. findings below the threshold)
};

struct JunitSuite {
  std::string name;
  std::vector<JunitCase> cases;
  std::string timestamp;  // ISO 8601, optional
};

struct JunitReport {
  std::string name;
  std::vector<JunitSuite> suites;
};

std::string render_junit_xml(const JunitReport& report);

// XML 1.0 text/attribute escaping as described above.
std::string xml_escape(const std::string& s);

}  // namespace ikeshift::report
