// What every dialect reader returns next to its model: one category per input
// line (nothing is ever dropped), the lines it did not understand with a span
// and a reason, and counts. The ASA reader has its own copy of these types in
// asa/asa_model.h (asa::LineCategory, asa::UnknownLine, asa::ParseStats); the
// IOS and RTX readers use the same ones through these aliases, so tests and
// the CLI treat every dialect alike.
#pragma once

#include "asa/asa_model.h"

namespace ikeshift {

using LineCategory = asa::LineCategory;
using UnknownLine = asa::UnknownLine;
using ParseStats = asa::ParseStats;
using Word = asa::Word;

}  // namespace ikeshift
