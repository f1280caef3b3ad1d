#include "asa/case_folding_stream.h"

namespace ikeshift::asa {

void CaseFoldingByteStream::consume() {
  if (pos_ >= data_.size()) throw antlr4::IllegalStateException("cannot consume EOF");
  ++pos_;
}

size_t CaseFoldingByteStream::LA(ssize_t i) {
  if (i == 0) return 0;
  ssize_t at = static_cast<ssize_t>(pos_) + (i > 0 ? i - 1 : i);
  if (at < 0 || at >= static_cast<ssize_t>(data_.size())) return antlr4::IntStream::EOF;
  unsigned char c = static_cast<unsigned char>(data_[static_cast<size_t>(at)]);
  if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
  return c;
}

std::string CaseFoldingByteStream::getText(const antlr4::misc::Interval& interval) {
  if (interval.a < 0 || interval.b < interval.a) return {};
  size_t start = static_cast<size_t>(interval.a);
  if (start >= data_.size()) return {};
  size_t stop = static_cast<size_t>(interval.b);
  if (stop >= data_.size()) stop = data_.size() - 1;
  return std::string(data_.substr(start, stop - start + 1));
}

}  // namespace ikeshift::asa
