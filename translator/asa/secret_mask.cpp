#include "asa/secret_mask.h"

#include <cstddef>
#include <initializer_list>
#include <vector>

#include "common/secret.h"

namespace ikeshift::asa {

namespace {

// A word of the line and where it stands, so the replacement keeps every
// other byte in place.
struct Token {
  size_t begin;
  size_t end;
  std::string_view text;
};

// A byte range [begin, end) that holds a secret.
struct Range {
  size_t begin;
  size_t end;
};

// "\r" and "\n" count as blanks so that a caller passing a line with its
// ending still gets the ending back untouched.
inline bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

inline char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// ASA keywords are case-insensitive; `word` is given in lower case.
bool ieq(std::string_view a, std::string_view word) {
  if (a.size() != word.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != word[i]) return false;
  return true;
}

bool in(std::string_view a, std::initializer_list<std::string_view> words) {
  for (std::string_view w : words)
    if (ieq(a, w)) return true;
  return false;
}

std::vector<Token> tokenize(std::string_view line) {
  std::vector<Token> t;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && is_blank(line[i])) ++i;
    if (i == line.size()) break;
    const size_t b = i;
    while (i < line.size() && !is_blank(line[i])) ++i;
    t.push_back({b, i, line.substr(b, i - b)});
  }
  return t;
}

// Finds the secret positions of one line, by the rules of each command form.
class SecretFinder {
 public:
  explicit SecretFinder(const std::vector<Token>& t) : t_(t) {}

  std::vector<Range> find() {
    if (t_.empty()) return {};
    // Free text may mention any keyword without holding a secret.
    if (is(0, "description") || is(0, "remark") || (is(0, "access-list") && has_word("remark")))
      return {};

    for (size_t p = 0; p < t_.size(); ++p) {
      // ASA: " ikev1 pre-shared-key K", " pre-shared-key K" (pre-8.4),
      // " ikev2 {local,remote}-authentication pre-shared-key [0|8] K",
      // "... pre-shared-key hex K". IOS keyring (IKEv2): " pre-shared-key [local|remote] [0|6] K".
      if (is(p, "pre-shared-key") &&
          (p == 0 || in(t_[p - 1].text, {"ikev1", "local-authentication", "remote-authentication"}))) {
        if (p == 0 && (is(1, "address") || is(1, "hostname"))) {
          // IOS keyring: " pre-shared-key address A [M] key [0|6] K".
          for (size_t q = 2; q < t_.size(); ++q)
            if (is(q, "key")) {
              rest_from(value_after(q, {"0", "6", "7"}, {}));
              break;
            }
        } else {
          size_t j = p + 1;
          if (j + 1 < t_.size() && in(t_[j].text, {"local", "remote"})) ++j;
          if (j + 1 < t_.size() && in(t_[j].text, {"0", "6", "7", "8", "hex"})) ++j;
          rest_from(j);
        }
        return std::move(found_);
      }
      // IOS IKEv2 profile: " authentication {local|remote} pre-share key [0|6] K".
      if (is(p, "pre-share") && is(p + 1, "key")) {
        rest_from(value_after(p + 1, {"0", "6", "7"}, {}));
        return std::move(found_);
      }
    }

    if (is(0, "ipsec") && is(1, "ike") && is(2, "pre-shared-key")) {
      rest_from(in_at(4, {"text", "hex"}) ? 5 : 4);  // RTX: "ipsec ike pre-shared-key GW text|hex K"
    } else if ((is(0, "login") || is(0, "administrator")) && is(1, "password")) {
      rest_from(is(2, "encrypted") ? 3 : 2);  // RTX
    } else if (is(0, "secret") && is(1, "=")) {
      rest_from(2);  // swanctl.conf: secret = "K"
    } else if (is(0, "enable") && in_at(1, {"password", "secret"})) {
      one(value_after(1, {"0", "5", "7", "8", "9"}, {"level", "encrypted", "pbkdf2"}));
    } else if (is(0, "passwd")) {
      one(1);
    } else if (is(0, "username") && in_at(2, {"password", "secret"})) {
      one(value_after(2, {"0", "5", "7", "8", "9"},
                      {"privilege", "encrypted", "pbkdf2", "nt-encrypted", "mschap"}));
    } else if (is(0, "key") || is(0, "key-string")) {
      // aaa-server host sub-command (and IOS key chains): the rest is the key.
      rest_from(value_after(0, {"0", "7"}, {}));
    } else if (is(0, "ldap-login-password")) {
      rest_from(1);
    } else if (is(0, "snmp-server")) {
      snmp();
    } else if (is(0, "crypto") && is(1, "isakmp") && is(2, "key")) {
      one(value_after(2, {"0", "6"}, {"address", "hostname"}));  // IOS
    } else if (is(0, "isakmp") && is(1, "key")) {
      one(value_after(1, {}, {}));  // PIX 6 / ASA 7 "isakmp key K address A"
    } else if (is(0, "failover") && is(1, "key")) {
      one(value_after(1, {"hex"}, {}));
    } else if ((is(0, "ntp") && is(1, "authentication-key")) ||
               (is(0, "ospf") && is(1, "message-digest-key"))) {
      one(4);  // "... N md5 K"
    } else if (is(0, "ospf") && is(1, "authentication-key")) {
      one(value_after(1, {"0", "8"}, {}));
    } else if (is(0, "aaa-server")) {
      // "aaa-server TAG [(IF)] host ADDR [KEY] [timeout N]": the key is positional.
      for (size_t q = 1; q < t_.size(); ++q)
        if (is(q, "host")) {
          if (q + 2 < t_.size() && !is(q + 2, "timeout")) one(q + 2);
          break;
        }
    }
    return std::move(found_);
  }

 private:
  bool is(size_t i, std::string_view word) const { return i < t_.size() && ieq(t_[i].text, word); }
  bool in_at(size_t i, std::initializer_list<std::string_view> words) const {
    return i < t_.size() && in(t_[i].text, words);
  }
  bool has_word(std::string_view word) const {
    for (const Token& tok : t_)
      if (ieq(tok.text, word)) return true;
    return false;
  }

  // The index of the value after keyword `k`, skipping an encryption-type
  // word ("0", "8", "hex") when it is followed by something that is neither
  // absent nor one of `trailing` (so a key that happens to be "8" is still
  // found). Returns t_.size() when there is no value.
  size_t value_after(size_t k, std::initializer_list<std::string_view> types,
                     std::initializer_list<std::string_view> trailing) const {
    size_t j = k + 1;
    if (j + 1 < t_.size() && in(t_[j].text, types) && !in(t_[j + 1].text, trailing)) ++j;
    return j;
  }

  void one(size_t i) {
    if (i < t_.size()) found_.push_back({t_[i].begin, t_[i].end});
  }
  // The value runs to the end of the line: a key with blanks is masked whole.
  void rest_from(size_t i) {
    if (i < t_.size()) found_.push_back({t_[i].begin, t_.back().end});
  }

  void snmp() {
    if (is(1, "community")) {
      one(value_after(1, {"0", "8"}, {"ro", "rw", "view"}));
      return;
    }
    if (is(1, "host")) {
      for (size_t q = 2; q < t_.size(); ++q)
        if (is(q, "community")) {
          one(value_after(q, {"0", "8"}, {"version", "udp-port"}));
          return;
        }
      return;
    }
    if (is(1, "user")) {
      // SNMPv3: "... auth ALG PASS priv ALG [BITS] PASS".
      for (size_t q = 2; q < t_.size(); ++q) {
        if (is(q, "auth")) {
          one(q + 2);
        } else if (is(q, "priv")) {
          one(is(q + 1, "aes") ? q + 3 : q + 2);
        }
      }
    }
  }

  const std::vector<Token>& t_;
  std::vector<Range> found_;
};

}  // namespace

std::string mask_asa_secrets(std::string_view line) {
  const std::vector<Token> tokens = tokenize(line);
  const std::vector<Range> ranges = SecretFinder(tokens).find();
  if (ranges.empty()) return std::string(line);
  std::string out;
  out.reserve(line.size() + ranges.size() * Secret::kMask.size());
  size_t pos = 0;
  for (const Range& r : ranges) {
    if (r.begin < pos) continue;  // overlapping rules: the first one wins
    out.append(line.substr(pos, r.begin - pos));
    out.append(Secret::kMask);
    pos = r.end;
  }
  out.append(line.substr(pos));
  return out;
}

bool line_has_asa_secret(std::string_view line) {
  const std::vector<Token> tokens = tokenize(line);
  for (const Range& r : SecretFinder(tokens).find())
    if (line.substr(r.begin, r.end - r.begin) != Secret::kMask) return true;
  return false;
}

}  // namespace ikeshift::asa
