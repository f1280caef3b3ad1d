#include "validator/inventory.h"

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <map>
#include <set>

namespace ikeshift::validator {

namespace {

struct InventoryError {
  YAML::Mark mark;
  std::string what;
};

std::string scalar(const YAML::Node& n, const char* what) {
  if (!n || !n.IsScalar()) throw InventoryError{n ? n.Mark() : YAML::Mark(), std::string("expected ") + what};
  return n.as<std::string>();
}

}  // namespace

std::vector<std::pair<std::string, std::string>> Inventory::pairs() const {
  std::map<std::string, const InventoryDevice*> by_name;
  for (const InventoryDevice& d : devices) by_name[d.name] = &d;
  std::set<std::pair<std::string, std::string>> seen;
  std::vector<std::pair<std::string, std::string>> out;
  for (const InventoryDevice& d : devices) {
    for (const std::string& p : d.peers) {
      const InventoryDevice* peer = by_name.at(p);
      auto key = d.name < p ? std::make_pair(d.name, p) : std::make_pair(p, d.name);
      if (!seen.insert(key).second) continue;
      out.emplace_back(d.config, peer->config);
    }
  }
  return out;
}

std::optional<Inventory> load_inventory(const std::string& path, std::string& error) {
  namespace fs = std::filesystem;
  Inventory inv;
  std::map<std::string, YAML::Mark> peer_marks;
  try {
    const YAML::Node root = YAML::LoadFile(path);
    if (!root.IsMap() || !root["devices"]) {
      throw InventoryError{root.Mark(), "expected `devices:` with a list of {name, config, peer}"};
    }
    const YAML::Node devices = root["devices"];
    if (!devices.IsSequence()) throw InventoryError{devices.Mark(), "`devices` must be a list"};
    const fs::path base = fs::path(path).parent_path();
    std::set<std::string> names;
    for (const YAML::Node& d : devices) {
      if (!d.IsMap()) throw InventoryError{d.Mark(), "each device is a map with name, config, peer"};
      for (const auto& kv : d) {
        const std::string key = kv.first.as<std::string>();
        if (key != "name" && key != "config" && key != "peer" && key != "dialect") {
          throw InventoryError{kv.first.Mark(), "unknown key '" + key + "' (name, config, peer, dialect)"};
        }
      }
      InventoryDevice dev;
      dev.name = scalar(d["name"], "a device name (name: asa1)");
      if (!names.insert(dev.name).second) throw InventoryError{d["name"].Mark(), "device '" + dev.name + "' is listed twice"};
      const std::string config = scalar(d["config"], "the configuration path (config: asa1.cfg)");
      dev.config = fs::path(config).is_absolute() || base.empty() ? config : (base / config).string();
      if (const YAML::Node dialect = d["dialect"]) {
        dev.dialect = parse_dialect(scalar(dialect, "a dialect (asa, ios, rtx, swanctl)"));
        if (!dev.dialect) throw InventoryError{dialect.Mark(), "unknown dialect '" + dialect.as<std::string>() + "' (asa, ios, rtx, swanctl)"};
      }
      const YAML::Node peer = d["peer"];
      if (peer && peer.IsSequence()) {
        for (const YAML::Node& p : peer) {
          dev.peers.push_back(scalar(p, "a peer device name"));
          peer_marks[dev.peers.back()] = p.Mark();
        }
      } else if (peer) {
        dev.peers.push_back(scalar(peer, "a peer device name, or a list of them"));
        peer_marks[dev.peers.back()] = peer.Mark();
      }
      inv.devices.push_back(std::move(dev));
    }
    for (const InventoryDevice& d : inv.devices) {
      for (const std::string& p : d.peers) {
        if (!names.count(p)) throw InventoryError{peer_marks[p], "peer '" + p + "' is not a device of this inventory"};
        if (p == d.name) throw InventoryError{peer_marks[p], "device '" + p + "' is its own peer"};
      }
    }
  } catch (const InventoryError& e) {
    error = path + ":" + std::to_string(e.mark.line + 1) + ":" + std::to_string(e.mark.column + 1) + ": error: " + e.what;
    return std::nullopt;
  } catch (const YAML::BadFile&) {
    error = path + ": error: cannot open the inventory";
    return std::nullopt;
  } catch (const YAML::Exception& e) {
    error = path + ":" + std::to_string(e.mark.line + 1) + ":" + std::to_string(e.mark.column + 1) +
            ": error: not valid YAML: " + e.msg;
    return std::nullopt;
  }
  return inv;
}

}  // namespace ikeshift::validator
