// Machine-readable JSON: every finding with its rule, severity, places (1-based
// line/column, byte columns), hint; the files and pairs; counts; the exit code.
#include "events/json_writer.h"
#include "validator/report/report.h"

namespace ikeshift::validator {

namespace {

using engine::events::JsonWriter;

void location(JsonWriter& w, const Location& l) {
  w.begin_object().key("file").value(l.file);
  if (l.span.valid()) {
    w.key("line").value(l.span.line).key("column").value(l.span.col);
    w.key("end_line").value(l.span.end_line).key("end_column").value(l.span.end_col);
  }
  if (!l.label.empty()) w.key("label").value(l.label);
  w.end_object();
}

void finding(JsonWriter& w, const RuleFinding& f, const PairReport* pair) {
  w.begin_object();
  w.key("rule").value(f.rule).key("severity").value(severity_name(f.severity));
  w.key("message").value(f.message).key("hint").value(f.hint);
  w.key("location");
  location(w, f.where);
  w.key("related").begin_array();
  for (const Location& l : f.related) location(w, l);
  w.end_array();
  if (pair != nullptr) w.key("pair").begin_array().value(pair->a).value(pair->b).end_array();
  w.end_object();
}

}  // namespace

std::string render_json(const Report& r) {
  std::string out;
  JsonWriter w(out);
  const Counts c = count(r);
  w.begin_object();
  w.key("tool").value("ikeshift validate").key("version").value(r.tool_version);
  w.key("fail_on").value(severity_name(r.fail_on)).key("exit_code").value(exit_code(r));
  w.key("summary").begin_object();
  w.key("files").value(static_cast<uint64_t>(r.files.size()));
  w.key("pairs").value(static_cast<uint64_t>(r.pairs.size()));
  w.key("errors").value(static_cast<uint64_t>(c.errors)).key("warnings").value(static_cast<uint64_t>(c.warnings));
  w.key("infos").value(static_cast<uint64_t>(c.infos)).key("failed").value(static_cast<uint64_t>(c.failed));
  w.end_object();
  w.key("files").begin_array();
  for (const FileReport& f : r.files) {
    w.begin_object().key("file").value(f.name).key("status").value(f.failure ? "failed" : "validated");
    if (f.failure) {
      w.key("error");
      finding(w, *f.failure, nullptr);
    }
    w.end_object();
  }
  w.end_array();
  w.key("pairs").begin_array();
  for (const PairReport& p : r.pairs) w.begin_array().value(p.a).value(p.b).end_array();
  w.end_array();
  w.key("findings").begin_array();
  for (const FileReport& f : r.files)
    for (const RuleFinding& x : f.findings) finding(w, x, nullptr);
  for (const PairReport& p : r.pairs)
    for (const RuleFinding& x : p.findings) finding(w, x, &p);
  w.end_array();
  w.end_object();
  out += '\n';
  return out;
}

}  // namespace ikeshift::validator
