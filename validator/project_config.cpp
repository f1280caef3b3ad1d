#include "validator/project_config.h"

#include <yaml-cpp/yaml.h>

#include <filesystem>

#include "validator/rules/rule_set.h"

namespace ikeshift::validator {

namespace {

struct ConfigError {
  YAML::Mark mark;
  std::string what;
};

std::string where(const std::string& path, const YAML::Mark& m) {
  // yaml-cpp marks are 0-based; people count from 1.
  return path + ":" + std::to_string(m.line + 1) + ":" + std::to_string(m.column + 1);
}

void require_rule(const YAML::Node& n) {
  const std::string id = n.as<std::string>();
  if (find_rule(id) == nullptr) {
    throw ConfigError{n.Mark(), "unknown rule '" + id + "' (`ikeshift validate --list-rules` lists them)"};
  }
}

void read_list(const YAML::Node& n, std::set<std::string>& out) {
  if (!n.IsSequence()) throw ConfigError{n.Mark(), "expected a list of rule ids, e.g. [weak-crypto]"};
  for (const YAML::Node& item : n) {
    if (!item.IsScalar()) throw ConfigError{item.Mark(), "expected a rule id"};
    require_rule(item);
    out.insert(item.as<std::string>());
  }
}

Severity read_severity(const YAML::Node& n) {
  if (!n.IsScalar()) throw ConfigError{n.Mark(), "expected error, warning or info"};
  auto s = parse_severity(n.as<std::string>());
  if (!s) throw ConfigError{n.Mark(), "'" + n.as<std::string>() + "' is not error, warning or info"};
  return *s;
}

void read_rules(const YAML::Node& rules, ProjectConfig& out) {
  if (!rules.IsMap()) throw ConfigError{rules.Mark(), "`rules` must be a map with enable, disable, severity"};
  for (const auto& kv : rules) {
    const std::string key = kv.first.as<std::string>();
    if (key == "enable") {
      read_list(kv.second, out.enabled);
    } else if (key == "disable") {
      read_list(kv.second, out.disabled);
    } else if (key == "severity") {
      if (!kv.second.IsMap()) throw ConfigError{kv.second.Mark(), "`severity` maps rule ids to error, warning or info"};
      for (const auto& r : kv.second) {
        require_rule(r.first);
        out.severity[r.first.as<std::string>()] = read_severity(r.second);
      }
    } else {
      throw ConfigError{kv.first.Mark(), "unknown key '" + key + "' under `rules` (enable, disable, severity)"};
    }
  }
  for (const std::string& id : out.enabled) {
    if (out.disabled.count(id)) throw ConfigError{rules.Mark(), "rule '" + id + "' is both enabled and disabled"};
  }
}

}  // namespace

std::optional<Severity> parse_severity(const std::string& word) {
  if (word == "error") return Severity::Error;
  if (word == "warning") return Severity::Warning;
  if (word == "info") return Severity::Info;
  return std::nullopt;
}

bool ProjectConfig::runs(const RuleInfo& r) const {
  const std::string id(r.id);
  if (disabled.count(id)) return false;
  return r.enabled_by_default || enabled.count(id) != 0;
}

Severity ProjectConfig::severity_of(const RuleInfo& r) const {
  auto it = severity.find(std::string(r.id));
  return it == severity.end() ? r.severity : it->second;
}

std::optional<ProjectConfig> load_project_config(const std::string& path, std::string& error) {
  ProjectConfig out;
  out.path = path;
  try {
    const YAML::Node root = YAML::LoadFile(path);
    if (root.IsNull()) return out;  // an empty file: the defaults
    if (!root.IsMap()) throw ConfigError{root.Mark(), "expected a map with `rules` and `fail-on`"};
    for (const auto& kv : root) {
      const std::string key = kv.first.as<std::string>();
      if (key == "rules") {
        read_rules(kv.second, out);
      } else if (key == "fail-on") {
        const Severity s = read_severity(kv.second);
        if (s == Severity::Info) throw ConfigError{kv.second.Mark(), "fail-on is error or warning"};
        out.fail_on = s;
      } else {
        throw ConfigError{kv.first.Mark(), "unknown key '" + key + "' (rules, fail-on)"};
      }
    }
  } catch (const ConfigError& e) {
    error = where(path, e.mark) + ": error: " + e.what;
    return std::nullopt;
  } catch (const YAML::BadFile&) {
    error = path + ": error: cannot open the project configuration";
    return std::nullopt;
  } catch (const YAML::Exception& e) {
    error = where(path, e.mark) + ": error: not valid YAML: " + e.msg;
    return std::nullopt;
  }
  return out;
}

std::string find_project_config(const std::string& start) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path dir = fs::absolute(start, ec);
  while (!ec && !dir.empty()) {
    const fs::path candidate = dir / ".ikeshift.yaml";
    if (fs::is_regular_file(candidate, ec)) return candidate.string();
    if (dir == dir.root_path()) break;
    dir = dir.parent_path();
  }
  return {};
}

}  // namespace ikeshift::validator
