#include "asa/psk_keys.h"

#include <openssl/rand.h>
#include <sys/stat.h>
#include <yaml-cpp/yaml.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "common/ipv4.h"
#include "edit/atomic_write.h"

namespace ikeshift::asa {

namespace {

std::string at(const std::string& path, const YAML::Mark& m) {
  if (m.line < 0) return path;
  return path + ":" + std::to_string(m.line + 1) + ":" + std::to_string(m.column + 1);
}

std::optional<PskPair> read_pair(const YAML::Node& node, const std::string& path,
                                 const std::string& where, std::string& error) {
  if (!node.IsMap() || !node["local"] || !node["remote"]) {
    error = at(path, node.Mark()) + ": " + where + " needs `local:` and `remote:` keys";
    return std::nullopt;
  }
  PskPair p;
  p.local = Secret(node["local"].as<std::string>());
  p.remote = Secret(node["remote"].as<std::string>());
  for (const auto* k : {&p.local, &p.remote}) {
    if (k->empty()) {
      error = at(path, node.Mark()) + ": " + where + " has an empty key";
      return std::nullopt;
    }
    for (char c : k->reveal()) {
      if (c == ' ' || c == '\t' || static_cast<unsigned char>(c) < 0x21 || c == 0x7f) {
        error = at(path, node.Mark()) + ": " + where +
                " has a key with a blank or control character, which the ASA cannot take";
        return std::nullopt;
      }
    }
  }
  return p;
}

}  // namespace

std::optional<KeyFile> load_key_file(const std::string& path, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = path + ": cannot read the key file: " + std::strerror(errno);
    return std::nullopt;
  }
  std::stringstream buf;
  buf << in.rdbuf();
  std::string text = buf.str();
  KeyFile out;
  try {
    YAML::Node root = YAML::Load(text);
    wipe_string(text);
    if (!root.IsMap()) {
      error = path + ":1:1: a key file is a YAML mapping with `devices:` and/or `peers:`";
      return std::nullopt;
    }
    for (const auto& top : root) {
      std::string section = top.first.as<std::string>();
      if (section == "devices") {
        for (const auto& dev : top.second) {
          std::string device = dev.first.as<std::string>();
          for (const auto& peer : dev.second) {
            std::string tg = peer.first.as<std::string>();
            auto pair = read_pair(peer.second, path, "devices." + device + "." + tg, error);
            if (!pair) return std::nullopt;
            out.devices[device][tg] = std::move(*pair);
          }
        }
      } else if (section == "peers") {
        for (const auto& peer : top.second) {
          std::string tg = peer.first.as<std::string>();
          auto pair = read_pair(peer.second, path, "peers." + tg, error);
          if (!pair) return std::nullopt;
          out.peers[tg] = std::move(*pair);
        }
      } else {
        error = at(path, top.first.Mark()) + ": unknown section `" + section +
                "`; a key file has `devices:` and `peers:`";
        return std::nullopt;
      }
    }
  } catch (const YAML::Exception& e) {
    wipe_string(text);
    error = at(path, e.mark) + ": not valid YAML: " + e.msg;
    return std::nullopt;
  }
  return out;
}

bool write_key_file(const std::string& path, const KeyFile& keys, std::string& error) {
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) {
    error = path + ": a key file already exists there; it is not replaced (move it away or name "
                   "another with --psk-file)";
    return false;
  }
  YAML::Emitter y;
  y << YAML::Comment("ikeshift pre-shared keys: keep secret (mode 0600)") << YAML::Newline;
  y << YAML::Comment("local: this device authenticates with it (ikev2 local-authentication)")
    << YAML::Newline;
  y << YAML::Comment("remote: the peer authenticates with it (ikev2 remote-authentication)")
    << YAML::Newline;
  y << YAML::BeginMap;
  auto emit_pairs = [&](const std::map<std::string, PskPair>& pairs) {
    y << YAML::BeginMap;
    for (const auto& [tg, p] : pairs) {
      y << YAML::Key << tg << YAML::Value << YAML::BeginMap;
      y << YAML::Key << "local" << YAML::Value << YAML::DoubleQuoted << p.local.reveal();
      y << YAML::Key << "remote" << YAML::Value << YAML::DoubleQuoted << p.remote.reveal();
      y << YAML::EndMap;
    }
    y << YAML::EndMap;
  };
  if (!keys.devices.empty()) {
    y << YAML::Key << "devices" << YAML::Value << YAML::BeginMap;
    for (const auto& [dev, pairs] : keys.devices) {
      y << YAML::Key << dev << YAML::Value;
      emit_pairs(pairs);
    }
    y << YAML::EndMap;
  }
  if (!keys.peers.empty()) {
    y << YAML::Key << "peers" << YAML::Value;
    emit_pairs(keys.peers);
  }
  y << YAML::EndMap;
  std::string text = std::string(y.c_str()) + "\n";
  bool ok = edit::write_file_atomically(path, text, 0600, error);
  wipe_string(text);
  return ok;
}

Secret random_psk(size_t length) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  constexpr unsigned kSize = sizeof(kAlphabet) - 1;  // 62
  constexpr unsigned kLimit = 256 - (256 % kSize);   // reject bytes >= 248: no modulo bias
  std::string out;
  out.reserve(length);
  unsigned char buf[64];
  while (out.size() < length) {
    if (RAND_bytes(buf, sizeof buf) != 1) throw std::runtime_error("OpenSSL RAND_bytes failed");
    for (unsigned char b : buf) {
      if (b >= kLimit) continue;
      out.push_back(kAlphabet[b % kSize]);
      if (out.size() == length) break;
    }
  }
  Secret s(out);
  wipe_string(out);
  return s;
}

std::map<std::string, PskPair> keys_for_device(const KeyFile& keys, const std::string& device) {
  std::map<std::string, PskPair> out = keys.peers;
  auto it = keys.devices.find(device);
  if (it != keys.devices.end())
    for (const auto& [tg, p] : it->second) out[tg] = p;
  return out;
}

std::string device_name(const AsaConfig& cfg, const std::string& path) {
  if (cfg.hostname) return cfg.hostname->text;
  size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

uint32_t outside_address(const AsaConfig& cfg) {
  for (const auto& b : cfg.crypto_map_bindings)
    if (const Interface* i = cfg.interface_by_nameif(b.interface.text); i != nullptr && i->address)
      return *i->address;
  for (const auto& i : cfg.interfaces)
    if (i.address) return *i.address;
  return 0;
}

std::string tunnel_group_towards(const AsaConfig& cfg, const AsaConfig& other) {
  for (const auto& tg : cfg.tunnel_groups) {
    auto ip = parse_ipv4(tg.name);
    if (!ip || !tg.is_l2l()) continue;
    for (const auto& i : other.interfaces)
      if (i.address && *i.address == *ip) return tg.name;
  }
  return {};
}

}  // namespace ikeshift::asa
