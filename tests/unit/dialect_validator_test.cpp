// The validator's intent rules and pair rules run unchanged on intents the IOS
// and RTX readers derive (the lead wires `ikeshift validate` to them): seed
// 004's ASA-1 against seed 003's RTX end and against an IOS router pair, with
// no error where the two ends agree and the disagreement named where they do not.
#include <gtest/gtest.h>

#include "asa/asa_intent.h"
#include "asa/asa_reader.h"
#include "ios/ios_intent.h"
#include "ios/ios_reader.h"
#include "rtx/rtx_intent.h"
#include "rtx/rtx_reader.h"
#include "test_support.h"
#include "validator/emitter.h"
#include "validator/rules/rule_set.h"

namespace ikeshift {
namespace {

struct Loaded {
  std::string bytes;
  text::SourceText src;
  model::Intent intent;
  validator::ConfigSubject subject;
  Loaded(const std::string& name, std::string text, model::Intent (*derive)(const text::SourceText&, const std::string&),
         validator::DialectSpelling spelling)
      : bytes(std::move(text)), src(name, bytes), intent(derive(src, name)) {
    subject.file = name;
    subject.source = &src;
    subject.intent = &intent;
    subject.spelling = spelling;
  }
};

model::Intent asa_intent(const text::SourceText& s, const std::string& n) {
  auto p = asa::read_asa(s);
  return model::derive_intent(p.config, n);
}
model::Intent ios_intent(const text::SourceText& s, const std::string& n) {
  auto p = ios::read_ios(s);
  return model::derive_intent(p.config, n);
}
model::Intent rtx_intent(const text::SourceText& s, const std::string& n) {
  auto p = rtx::read_rtx(s);
  return model::derive_intent(p.config, n);
}

const validator::DialectSpelling kIos{model::Dialect::IosIsakmp, model::Dialect::IosIkev2, model::Dialect::IosTransform,
                                      model::Dialect::IosTransform, model::Dialect::IosTransform};
const validator::DialectSpelling kRtx{model::Dialect::Rtx, model::Dialect::Rtx, model::Dialect::Rtx, model::Dialect::Rtx,
                                      model::Dialect::Rtx};

std::vector<validator::RuleFinding> run_pair(const Loaded& a, const Loaded& b) {
  std::vector<validator::RuleFinding> out;
  const validator::PairSubject pair = validator::pair_tunnels(a.subject, b.subject);
  EXPECT_EQ(pair.pairs.size(), 1u) << "the two ends are paired";
  for (const auto& r : validator::pair_rules()) {
    validator::Emitter emit(r.info, r.info.severity, false, out);
    r.check(pair, emit);
  }
  return out;
}

std::vector<validator::RuleFinding> run_intent(const Loaded& c) {
  std::vector<validator::RuleFinding> out;
  for (const auto& r : validator::intent_rules()) {
    validator::Emitter emit(r.info, r.info.severity, false, out);
    r.check(c.subject, emit);
  }
  return out;
}

std::string text_of(const std::vector<validator::RuleFinding>& v) {
  std::string s;
  for (const auto& f : v) s += validator::format_location(f.where) + ": " + f.rule + ": " + f.message + "\n";
  return s;
}

size_t errors(const std::vector<validator::RuleFinding>& v) {
  return static_cast<size_t>(std::count_if(v.begin(), v.end(), [](const auto& f) { return f.severity == Severity::Error; }));
}

TEST(DialectValidator, AsaAgainstSeed003sRtxEndPairsWithoutErrors) {
  Loaded asa("asa1.cfg", test::read_file(test::fixture("seed004/asa1.expected.cfg")), asa_intent, {});
  Loaded rtx("rtx.cfg", test::read_file(test::fixture("seed003/rtx-ikev2.cfg")), rtx_intent, kRtx);
  const auto intent_findings = run_intent(rtx);
  EXPECT_EQ(errors(intent_findings), 0u) << text_of(intent_findings);
  const auto pair = run_pair(asa, rtx);
  EXPECT_EQ(errors(pair), 0u) << text_of(pair);
  for (const auto& f : pair) EXPECT_TRUE(f.where.file == "asa1.cfg" || f.where.file == "rtx.cfg") << f.where.file;
}

TEST(DialectValidator, AKeyMismatchBetweenAsaAndRtxIsAnErrorAtTheRtxLine) {
  std::string rtx_text = test::read_file(test::fixture("seed003/rtx-ikev2.cfg"));
  rtx_text.replace(rtx_text.find("text cisco1234"), 14, "text other-key");
  Loaded asa("asa1.cfg", test::read_file(test::fixture("seed004/asa1.expected.cfg")), asa_intent, {});
  Loaded rtx("rtx.cfg", rtx_text, rtx_intent, kRtx);
  const auto pair = run_pair(asa, rtx);
  ASSERT_GE(errors(pair), 1u) << text_of(pair);
  bool at_rtx_key = false;
  for (const auto& f : pair) {
    at_rtx_key = at_rtx_key || (f.where.file == "rtx.cfg" && f.where.span.line == 26) ||
                 std::any_of(f.related.begin(), f.related.end(), [](const auto& l) { return l.file == "rtx.cfg" && l.span.line == 26; });
    EXPECT_EQ(f.message.find("other-key"), std::string::npos) << "keys never in findings";
  }
  EXPECT_TRUE(at_rtx_key) << text_of(pair);
}

TEST(DialectValidator, IosRoutersTranslatedFromTheSeed004PairPairWithEachOther) {
  // ASA-1 and ASA-2 written as IOS (the expected translations), read back as IOS.
  const std::string a_text = test::read_file(test::fixture("translate/asa1-to-ios.cfg"));
  Loaded a("r1.cfg", a_text, ios_intent, kIos);
  Loaded asa2("asa2.cfg", test::read_file(test::fixture("seed004/asa2.expected.cfg")), asa_intent, {});
  EXPECT_EQ(errors(run_intent(a)), 0u) << text_of(run_intent(a));
  const auto pair = run_pair(a, asa2);
  EXPECT_EQ(errors(pair), 0u) << text_of(pair);
}

}  // namespace
}  // namespace ikeshift
