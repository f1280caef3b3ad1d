// An ANTLR CharStream over raw bytes that shows the lexer lower-cased ASCII.
//
// Why: ASA keywords are case-insensitive and ANTLR 4.7.2 has no
// caseInsensitive option. Folding in LA() lets the lexer literals be lower
// case while getText() -- and so every token's text -- keeps the original
// bytes, because names and keys are case-sensitive.
// Why bytes and not UTF-8: configurations carry descriptions in any encoding.
// Each byte is one symbol (0x00-0xFF), so decoding never fails and a token's
// start index is its byte column.
#pragma once

#include <antlr4-runtime.h>

#include <string>
#include <string_view>

namespace ikeshift::asa {

class CaseFoldingByteStream : public antlr4::CharStream {
 public:
  void reset(std::string_view bytes) {
    data_ = bytes;
    pos_ = 0;
  }

  void consume() override;
  size_t LA(ssize_t i) override;
  ssize_t mark() override { return -1; }
  void release(ssize_t) override {}
  size_t index() override { return pos_; }
  void seek(size_t index) override { pos_ = index > data_.size() ? data_.size() : index; }
  size_t size() override { return data_.size(); }
  std::string getSourceName() const override { return "<line>"; }
  std::string getText(const antlr4::misc::Interval& interval) override;
  std::string toString() const override { return std::string(data_); }

 private:
  std::string_view data_;
  size_t pos_ = 0;
};

}  // namespace ikeshift::asa
