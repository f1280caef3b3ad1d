// Where a decoder is inside a nested structure ("proposal 2 transform 3 of
// 4"), for the text of a DecodeError. It holds the parts, not the text: the
// text is built only when something is wrong, so decoding a well-formed
// message builds no strings (an SA payload has a location per transform).
#pragma once

#include <cstddef>
#include <string>

namespace ikeshift::wire {

class DecodeWhere {
 public:
  // "proposal 2"
  DecodeWhere(const char* what, size_t index) : what_(what), index_(index) {}
  // parent + " transform 3 of 4" (of = 0: without " of N")
  DecodeWhere(const DecodeWhere& parent, const char* what, size_t index, size_t of = 0)
      : parent_(&parent), what_(what), index_(index), of_(of) {}

  std::string text() const {
    std::string s = parent_ != nullptr ? parent_->text() + " " : std::string();
    s += what_;
    s += ' ';
    s += std::to_string(index_);
    if (of_ != 0) s += " of " + std::to_string(of_);
    return s;
  }

 private:
  const DecodeWhere* parent_ = nullptr;  // outlives this one: both live on the decoder's stack
  const char* what_;
  size_t index_;
  size_t of_ = 0;
};

}  // namespace ikeshift::wire
