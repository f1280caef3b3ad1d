// gen_asa_config: writes a synthetic but realistic Cisco ASA 9.x `show running-config`
// with many IKEv1 site-to-site (L2L) peers, used as the input of bench/run_migrate_bench.sh.
//
//   gen_asa_config [--seed N] [--lines N] [--peers N] [-o FILE]
//
// The file is laid out in `show run` order. Everything that is not an access-list of the
// interface ACLs (header, interfaces, objects, crypto, tunnel-groups, ...) is built first;
// the interface ACLs then absorb the remaining line budget, so the output has exactly
// --lines lines whenever that budget is large enough (otherwise we fail loudly rather
// than silently producing a file of the wrong size).
//
// Only the standard library is used on purpose: the generator must keep building while
// the project library is being reworked, and it must not share code with what it measures.

#include <CLI/CLI.hpp>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_set>
#include <utility>
#include <vector>

namespace {

// splitmix64. Chosen over <random> because the standard distributions are not specified
// bit-for-bit, so the same seed could give different files with different standard
// libraries; with this the bytes depend only on the seed and this source file.
// Rule for callers: at most one draw per full expression (conditions of ?:, && and || are
// sequenced and fine). Function arguments are evaluated in an unspecified order, and GCC
// and Clang really do differ, so two draws in one call would make the output compiler-specific.
class Rng {
public:
    explicit Rng(std::uint64_t seed) : state_(seed) {}

    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    // Uniform-enough integer in [0, n): multiply-shift; the bias (< 2^-32) is irrelevant here.
    std::uint32_t below(std::uint32_t n) { return static_cast<std::uint32_t>(((next() >> 32) * n) >> 32); }
    std::uint32_t between(std::uint32_t lo, std::uint32_t hi) { return lo + below(hi - lo + 1); }
    bool percent(std::uint32_t p) { return below(100) < p; }
    template <typename C>
    const auto& pick(const C& c) {
        return c[below(static_cast<std::uint32_t>(std::size(c)))];
    }

private:
    std::uint64_t state_;
};

// Strong types so that Text::line() can print addresses and hex without temporaries.
struct Ip {
    std::uint32_t v;
};
struct Hex {
    std::uint64_t v;
    int digits;
};

std::uint32_t prefix_mask(int prefix) {
    return prefix == 0 ? 0U : ~0U << (32 - prefix);
}

// Output buffer that counts lines as it goes. Text is appended to a std::string and
// written with one fwrite per buffer: formatting through iostreams would dominate run time.
class Text {
public:
    template <typename... Parts>
    void add(const Parts&... parts) {
        (put(parts), ...);
    }
    template <typename... Parts>
    void line(const Parts&... parts) {
        (put(parts), ...);
        nl();
    }
    void nl() {
        buf_.push_back('\n');
        ++lines_;
    }
    void reserve(std::size_t bytes) { buf_.reserve(bytes); }
    std::size_t size() const { return buf_.size(); }
    std::string_view tail_from(std::size_t pos) const { return std::string_view(buf_).substr(pos); }
    void truncate(std::size_t pos) { buf_.resize(pos); }
    std::size_t lines() const { return lines_; }
    const std::string& str() const { return buf_; }

private:
    void put(std::string_view s) { buf_.append(s.data(), s.size()); }
    void put(char c) { buf_.push_back(c); }
    template <typename T, std::enable_if_t<std::is_integral_v<T>, int> = 0>
    void put(T n) {
        char tmp[24];
        auto res = std::to_chars(tmp, tmp + sizeof tmp, n);
        buf_.append(tmp, res.ptr);
    }
    void put(Ip ip) {
        put(ip.v >> 24);
        buf_.push_back('.');
        put((ip.v >> 16) & 0xFFU);
        buf_.push_back('.');
        put((ip.v >> 8) & 0xFFU);
        buf_.push_back('.');
        put(ip.v & 0xFFU);
    }
    void put(Hex h) {
        static constexpr char digits[] = "0123456789abcdef";
        for (int shift = (h.digits - 1) * 4; shift >= 0; shift -= 4) {
            buf_.push_back(digits[(h.v >> shift) & 0xFU]);
        }
    }

    std::string buf_;
    std::size_t lines_ = 0;
};

// Writes the member lines of one group, skipping repeats: the ASA refuses a duplicate
// member, so a real `show run` never lists one twice.
class Members {
public:
    explicit Members(Text& t) : t_(t) {}
    template <typename... Parts>
    void add(const Parts&... parts) {
        const std::size_t start = t_.size();
        t_.add(parts...);
        const std::string_view added = t_.tail_from(start);
        if (std::find(seen_.begin(), seen_.end(), added) != seen_.end()) {
            t_.truncate(start);
            return;
        }
        seen_.emplace_back(added);
        t_.nl();
    }

private:
    Text& t_;
    std::vector<std::string> seen_;
};

struct Options {
    std::uint64_t seed = 1;
    std::size_t lines = 200000;
    std::size_t peers = 300;
    std::string out;  // empty: stdout
};

struct Interface {
    std::string hw;
    std::string nameif;  // empty: `no nameif`
    int security = 0;
    Ip ip{0};
    int prefix = 0;
    int vlan = 0;  // 0: physical interface
    bool shutdown = false;
};

struct Net {
    std::uint32_t addr;
    int prefix;
};

struct Acl {
    std::string name;
    std::string iface;  // empty: not bound by access-group
    std::uint32_t weight;
};

struct Peer {
    std::uint32_t seq = 0;
    Ip primary{0};
    Ip backup{0};  // v == 0: single peer
    std::string site;
    std::string acl;
    std::string remote_group;
    std::vector<Net> remote;
    std::vector<std::string> transform_sets;
    int pfs = 0;                 // 0: no `set pfs`
    std::uint32_t lifetime = 0;  // 0: default lifetime, not shown by `show run`
    bool lifetime_kb = false;
    bool reverse_route = false;
};

constexpr std::array<std::string_view, 40> kSites = {
    "AMS", "ATL", "BCN", "BER", "BOG", "BOM", "BOS", "BRU", "CDG", "CHI", "CPH", "DEN", "DFW", "DUB",
    "DXB", "FRA", "GVA", "HAM", "HEL", "HKG", "IST", "JNB", "LAX", "LIS", "LON", "MAD", "MEX", "MIA",
    "MIL", "MUC", "NYC", "OSL", "PRG", "SEA", "SFO", "SIN", "STO", "SYD", "TYO", "WAW"};

constexpr std::array<std::string_view, 24> kRoles = {
    "WEB", "APP", "DB",  "DC",     "DNS", "NTP", "MAIL", "SMTP", "PROXY", "LB",   "ESX", "NAS",
    "BKP", "MON", "LOG", "CITRIX", "SAP", "CRM", "ERP",  "PRN",  "VOIP",  "JUMP", "FTP", "SQL"};

constexpr std::array<std::string_view, 26> kTcpPorts = {
    "www",  "https", "ssh",    "telnet",      "ftp",        "ftp-data", "smtp",     "pop3",       "imap4",
    "ldap", "ldaps", "sqlnet", "netbios-ssn", "citrix-ica", "h323",     "kerberos", "lotusnotes", "pptp",
    "rsh",  "whois", "3389",   "8080",        "8443",       "1433",     "3306",     "445"};

constexpr std::array<std::string_view, 14> kUdpPorts = {
    "domain",     "ntp",    "snmp",        "snmptrap", "syslog", "tftp", "bootps",
    "netbios-ns", "radius", "radius-acct", "isakmp",   "sip",    "5060", "1812"};

// Port names the ASA accepts for both protocols, for `tcp-udp` service groups.
constexpr std::array<std::string_view, 12> kTcpUdpPorts = {
    "domain", "www", "sip", "cifs", "sunrpc", "tacacs", "echo", "discard", "88", "389", "445", "5060"};

constexpr std::array<std::string_view, 4> kIcmpTypes = {"echo", "echo-reply", "unreachable", "time-exceeded"};

struct TransformSet {
    std::string_view name;
    std::string_view body;
};
constexpr std::array<TransformSet, 9> kTransformSets = {{
    {"ESP-AES-128-SHA", "esp-aes esp-sha-hmac"},
    {"ESP-AES-128-MD5", "esp-aes esp-md5-hmac"},
    {"ESP-AES-192-SHA", "esp-aes-192 esp-sha-hmac"},
    {"ESP-AES-256-SHA", "esp-aes-256 esp-sha-hmac"},
    {"ESP-AES-256-MD5", "esp-aes-256 esp-md5-hmac"},
    {"ESP-3DES-SHA", "esp-3des esp-sha-hmac"},
    {"ESP-3DES-MD5", "esp-3des esp-md5-hmac"},
    {"ESP-DES-SHA", "esp-des esp-sha-hmac"},
    {"ESP-DES-MD5", "esp-des esp-md5-hmac"},
}};

constexpr std::array<std::string_view, 6> kRemarkVerbs = {"Allow",     "Permit", "Block",
                                                          "Temporary", "Vendor", "Legacy"};

// Addresses we never hand out as VPN peers: private, shared, loopback, link-local,
// documentation/benchmark space (used by this file for our own outside side) and multicast+.
bool reserved_peer(std::uint32_t a) {
    const std::uint32_t o1 = a >> 24;
    const std::uint32_t o2 = (a >> 16) & 0xFFU;
    const std::uint32_t o3 = (a >> 8) & 0xFFU;
    const std::uint32_t o4 = a & 0xFFU;
    if (o1 == 0 || o1 == 10 || o1 == 127 || o1 >= 224) return true;
    if (o1 == 100 && (o2 & 0xC0U) == 64) return true;
    if (o1 == 169 && o2 == 254) return true;
    if (o1 == 172 && (o2 & 0xF0U) == 16) return true;
    if (o1 == 192 && (o2 == 168 || (o2 == 0 && (o3 == 0 || o3 == 2)))) return true;
    if (o1 == 198 && (o2 == 18 || o2 == 19 || (o2 == 51 && o3 == 100))) return true;
    if (o1 == 203 && o2 == 0 && o3 == 113) return true;
    return o4 == 0 || o4 == 255;
}

class Generator {
public:
    explicit Generator(const Options& opts) : opts_(opts), rng_(opts.seed ^ 0x6173615F67656EULL) {}

    // Fills the three parts of the file (head, interface ACLs, tail) in output order.
    // Kept as separate buffers and written back to back: joining them would only add an
    // 18 MB copy. Returns false (message on stderr) when --lines cannot hold the fixed parts.
    bool build(std::array<Text, 3>& parts) {
        plan();
        Text& head = parts[0];
        Text& bulk = parts[1];
        Text& tail = parts[2];
        head.reserve(opts_.lines * 6);
        tail.reserve(opts_.peers * 1200 + 64 * 1024);
        build_head(head);
        build_tail(tail);
        const std::size_t fixed = head.lines() + tail.lines();
        const std::size_t min_bulk = 2 * acls_.size();
        if (opts_.lines < fixed + min_bulk) {
            std::fprintf(stderr,
                         "gen_asa_config: --lines %zu is too small for --peers %zu; need at least %zu\n",
                         opts_.lines, opts_.peers, fixed + min_bulk);
            return false;
        }
        bulk.reserve((opts_.lines - fixed) * 96);
        build_bulk(bulk, opts_.lines - fixed);
        return true;
    }

private:
    // ---- planning: decide names and sizes before writing, so that every reference
    //      (ACL -> object, crypto map -> ACL, nat -> object-group) points at something defined.
    void plan() {
        const std::size_t scale = opts_.lines;
        n_hosts_ = std::max<std::size_t>(20, scale / 100);
        n_subnets_ = std::max<std::size_t>(10, scale / 400);
        n_ranges_ = std::max<std::size_t>(4, scale / 2000);
        n_svc_objs_ = std::max<std::size_t>(4, scale / 2000);
        n_net_groups_ = std::max<std::size_t>(8, scale / 400);
        n_port_groups_ = std::max<std::size_t>(6, scale / 1000);
        n_svc_groups_ = std::max<std::size_t>(4, scale / 2000);
        n_routes_ = std::max<std::size_t>(10, scale / 200);

        plan_interfaces();
        plan_peers();
    }

    void plan_interfaces() {
        auto add = [this](std::string hw, std::string nameif, int sec, std::uint32_t ip, int prefix, int vlan,
                          bool shut) {
            Interface i;
            i.hw = std::move(hw);
            i.nameif = std::move(nameif);
            i.security = sec;
            i.ip = Ip{ip};
            i.prefix = prefix;
            i.vlan = vlan;
            i.shutdown = shut;
            ifaces_.push_back(std::move(i));
        };
        add("GigabitEthernet0/0", "outside", 0, 0xCB007102U /*203.0.113.2*/, 24, 0, false);
        add("GigabitEthernet0/1", "inside", 100, 0x0A000001U /*10.0.0.1*/, 24, 0, false);
        add("GigabitEthernet0/2", "", 0, 0, 0, 0, false);  // trunk parent of the DMZ VLANs
        static constexpr std::array<std::string_view, 12> zones = {
            "dmz", "web", "app", "db", "partner", "guest", "voice", "mgmt", "backup", "lab", "iot", "wifi"};
        for (int k = 0; k < 24; ++k) {
            const int vlan = 101 + k;
            std::string name = std::string(zones[static_cast<std::size_t>(k) % zones.size()]);
            name += std::to_string(vlan);
            // A couple of VLANs are configured but administratively down, as on real boxes.
            add("GigabitEthernet0/2." + std::to_string(vlan), name, 10 + (k * 7) % 81,
                0x0A010001U | (static_cast<std::uint32_t>(vlan) << 8), 24, vlan, k % 11 == 10);
        }
        for (int port = 3; port <= 7; ++port) {
            add("GigabitEthernet0/" + std::to_string(port), "", 0, 0, 0, 0, true);
        }
        add("Management0/0", "management", 100, 0xC0A80101U /*192.168.1.1*/, 24, 0, false);

        // Interface ACLs: outside and inside carry most rules, the DMZs share the rest.
        for (const auto& i : ifaces_) {
            if (i.nameif.empty() || i.nameif == "management") continue;
            std::uint32_t weight = 0;
            if (i.nameif == "outside")
                weight = 300;
            else if (i.nameif == "inside")
                weight = 220;
            else
                weight = rng_.between(5, 40);
            acls_.push_back({i.nameif + "_access_in", i.nameif, weight});
        }
        // Unbound leftovers (old rule sets, capture filters) that every large box accumulates.
        static constexpr std::array<std::string_view, 6> extra = {
            "outside_access_in_old", "CAPTURE_FILTER",       "inside_access_in_2016",
            "VPN_FILTER_PARTNERS",   "dmz_access_in_backup", "WCCP_REDIRECT"};
        for (auto name : extra) acls_.push_back({std::string(name), "", rng_.between(2, 10)});
    }

    // Unique, valid public addresses for VPN peers.
    Ip new_peer_ip() {
        for (;;) {
            const auto a = static_cast<std::uint32_t>(rng_.next() >> 32);
            if (reserved_peer(a)) continue;
            if (used_peer_ips_.insert(a).second) return Ip{a};
        }
    }

    // Remote protected networks: slot k is a distinct /24 (172.16/12, then 192.168/16, then
    // 10.128/9), so crypto ACLs of different peers never overlap, as on a working box.
    Net remote_net(std::uint32_t slot) {
        std::uint32_t base = 0;
        if (slot < 4096)
            base = 0xAC100000U + (slot << 8);
        else if (slot < 4096 + 256)
            base = 0xC0A80000U + ((slot - 4096) << 8);
        else
            base = 0x0A800000U + (((slot - 4352) % 32768U) << 8);
        static constexpr std::array<int, 8> prefixes = {24, 24, 24, 24, 24, 25, 26, 27};
        return Net{base, rng_.pick(prefixes)};
    }

    void plan_peers() {
        const std::uint32_t step = opts_.peers * 10 < 65000 ? 10 : 1;
        std::uint32_t slot = 0;
        peers_.resize(opts_.peers);
        for (std::size_t n = 0; n < opts_.peers; ++n) {
            Peer& p = peers_[n];
            const auto idx = static_cast<std::uint32_t>(n + 1);
            p.seq = idx * step;
            p.primary = new_peer_ip();
            // A few entries list a backup peer (`set peer A B`): IKEv1 allows it, IKEv2 on the
            // ASA does not, which is exactly what a migration has to cope with.
            if (rng_.percent(3) || n == 7 || n == 42) p.backup = new_peer_ip();
            p.site = std::string(rng_.pick(kSites));
            switch (rng_.below(3)) {
                case 0:
                    p.acl = n == 0 ? "outside_cryptomap" : "outside_cryptomap_" + std::to_string(n);
                    break;
                case 1:
                    p.acl = "L2L_PEER" + std::to_string(idx);
                    break;
                default:
                    p.acl = "VPN-" + p.site + "-" + std::to_string(idx);
                    break;
            }
            p.remote_group = "REMOTE_" + std::to_string(idx);
            const std::uint32_t nets = rng_.between(1, 4);
            for (std::uint32_t k = 0; k < nets; ++k) p.remote.push_back(remote_net(slot++));

            if (rng_.percent(10)) {
                // ASDM's wizard offers every transform-set; lots of boxes kept that list.
                for (const auto& ts : kTransformSets) p.transform_sets.emplace_back(ts.name);
            } else {
                // Weighted by repetition: mostly AES-SHA, a tail of legacy 3DES/DES/MD5 peers.
                static constexpr std::array<std::string_view, 16> combos = {"ESP-AES-256-SHA",
                                                                            "ESP-AES-256-SHA",
                                                                            "ESP-AES-256-SHA",
                                                                            "ESP-AES-256-SHA",
                                                                            "ESP-AES-256-SHA ESP-AES-128-SHA",
                                                                            "ESP-AES-256-SHA ESP-AES-128-SHA",
                                                                            "ESP-AES-128-SHA",
                                                                            "ESP-AES-128-SHA",
                                                                            "ESP-AES-192-SHA",
                                                                            "ESP-AES-256-SHA ESP-3DES-SHA",
                                                                            "ESP-3DES-SHA",
                                                                            "ESP-3DES-SHA",
                                                                            "ESP-3DES-MD5",
                                                                            "ESP-AES-256-MD5",
                                                                            "ESP-AES-128-MD5 ESP-3DES-MD5",
                                                                            "ESP-DES-SHA ESP-DES-MD5"};
                const std::string_view combo = rng_.pick(combos);
                std::size_t start = 0;
                while (start < combo.size()) {
                    const std::size_t end = std::min(combo.find(' ', start), combo.size());
                    p.transform_sets.emplace_back(combo.substr(start, end - start));
                    start = end + 1;
                }
            }
            if (rng_.percent(40)) {
                const std::uint32_t r = rng_.below(10);
                p.pfs = r < 2 ? 2 : (r < 8 ? 5 : 14);
            }
            if (rng_.percent(35)) {
                static constexpr std::array<std::uint32_t, 4> lifetimes = {28800, 28800, 3600, 86400};
                p.lifetime = rng_.pick(lifetimes);
                p.lifetime_kb = rng_.percent(15);
            }
            p.reverse_route = rng_.percent(10);
        }
    }

    // ---- address helpers ----

    // Host k of the inside address plan (10.0.0.0/12): a permutation, so host objects never
    // collide, with the last octet kept in 1..253.
    static Ip inside_host(std::uint32_t k) {
        const std::uint32_t net = ((k / 200U) * 2473U + 11U) & 0xFFFU;
        const std::uint32_t host = 1 + ((k % 200U) * 37U) % 253U;
        return Ip{0x0A000000U | (net << 8) | host};
    }
    Ip random_inside_host() { return inside_host(rng_.below(800000)); }
    Ip random_public_host() {
        for (;;) {
            const auto a = static_cast<std::uint32_t>(rng_.next() >> 32);
            if (!reserved_peer(a)) return Ip{a};
        }
    }
    Net random_inside_net() {
        static constexpr std::array<int, 8> prefixes = {24, 24, 24, 24, 16, 23, 25, 28};
        const int prefix = rng_.pick(prefixes);
        const std::uint32_t a = 0x0A000000U | rng_.below(1U << 20);  // inside plan: 10.0.0.0/12
        return Net{a & prefix_mask(prefix), prefix};
    }

    // ---- head: banner .. object-groups ----
    void build_head(Text& t) {
        t.line(": Saved");
        t.line(":");
        std::string serial = "FCH" + std::to_string(1900 + rng_.below(100));
        for (int k = 0; k < 4; ++k) serial += "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"[rng_.below(34)];
        t.line(": Serial Number: ", serial);
        t.line(": Hardware:   ASA5545, 12288 MB RAM, CPU Lynnfield 2793 MHz, 1 CPU (8 cores)");
        t.line(":");
        t.line("ASA Version 9.8(4)");
        t.line("!");
        const std::string_view site = rng_.pick(kSites);
        hostname_ = "fw-" + std::string(site) + "-edge0" + std::to_string(rng_.between(1, 4));
        for (auto& c : hostname_) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        t.line("hostname ", hostname_);
        t.line("domain-name corp.example.com");
        t.line("enable password ***** pbkdf2");
        t.line("names");
        for (std::uint32_t k = 0; k < 6; ++k) {
            // 10.16/16 lies outside the inside plan, so `show run` would never substitute these
            // names into the ACLs below.
            t.line("name ", Ip{0x0A100000U + 10 + k}, ' ', rng_.pick(kRoles), "-legacy", k,
                   " description pre-8.3 name kept for reference");
        }
        t.line("no mac-address auto");
        t.line("!");
        for (const auto& i : ifaces_) interface_block(t, i);
        t.line("ftp mode passive");
        t.line("clock timezone CET 1");
        t.line("clock summer-time CEST recurring last Sun Mar 2:00 last Sun Oct 3:00");
        t.line("dns domain-lookup inside");
        t.line("dns server-group DefaultDNS");
        t.line(" name-server 10.0.0.53");
        t.line(" name-server 10.0.0.54");
        t.line(" domain-name corp.example.com");
        t.line("same-security-traffic permit inter-interface");
        t.line("same-security-traffic permit intra-interface");
        network_objects(t);
        service_objects(t);
        network_groups(t);
        service_groups(t);
    }

    void interface_block(Text& t, const Interface& i) {
        t.line("interface ", i.hw);
        if (i.shutdown) t.line(" shutdown");
        if (i.vlan != 0) t.line(" vlan ", i.vlan);
        if (i.nameif == "management") t.line(" management-only");
        if (i.nameif.empty()) {
            t.line(" no nameif");
            t.line(" no security-level");
            t.line(" no ip address");
        } else {
            t.line(" nameif ", i.nameif);
            t.line(" security-level ", i.security);
            t.line(" ip address ", i.ip, ' ', Ip{prefix_mask(i.prefix)});
        }
        t.line("!");
    }

    void network_objects(Text& t) {
        // Fixed objects the VPN and NAT sections refer to.
        t.line("object network LOCAL_LAN");
        t.line(" subnet 10.0.0.0 255.240.0.0");
        t.line("object network LOCAL_DMZ");
        t.line(" subnet 10.1.0.0 255.255.0.0");
        t.line("object network obj_any");
        t.line(" subnet 0.0.0.0 0.0.0.0");
        for (std::size_t k = 0; k < n_hosts_; ++k) {
            const Ip ip = inside_host(static_cast<std::uint32_t>(k));
            std::string name;
            if (rng_.percent(30)) {
                // ASDM names auto-created objects after their address.
                Text tmp;
                tmp.add("obj-", ip);
                name = tmp.str();
            } else {
                name = "H_" + std::string(rng_.pick(kRoles)) + "_" + std::to_string(k);
            }
            t.line("object network ", name);
            t.line(" host ", ip);
            if (rng_.percent(8)) {
                const std::string_view role = rng_.pick(kRoles);
                t.line(" description ", role, " server, owner ", rng_.pick(kSites), " IT");
            }
            host_objs_.push_back(name);
            net_objs_.push_back(std::move(name));
        }
        for (std::size_t k = 0; k < n_subnets_; ++k) {
            const Net n = random_inside_net();
            std::string name = "N_" + std::string(rng_.pick(kRoles)) + "_NET_" + std::to_string(k);
            t.line("object network ", name);
            t.line(" subnet ", Ip{n.addr}, ' ', Ip{prefix_mask(n.prefix)});
            subnet_objs_.push_back(name);
            net_objs_.push_back(std::move(name));
        }
        for (std::size_t k = 0; k < n_ranges_; ++k) {
            const std::uint32_t base = random_inside_host().v & 0xFFFFFF00U;
            const std::uint32_t lo = rng_.between(10, 100);
            std::string name = "R_" + std::string(rng_.pick(kRoles)) + "_POOL_" + std::to_string(k);
            t.line("object network ", name);
            t.line(" range ", Ip{base | lo}, ' ', Ip{base | (lo + rng_.between(5, 150))});
            net_objs_.push_back(std::move(name));
        }
    }

    void service_objects(Text& t) {
        std::unordered_set<std::uint32_t> used;
        for (std::size_t k = 0; k < n_svc_objs_; ++k) {
            const bool tcp = rng_.percent(75);
            std::uint32_t port = 0;
            do {
                port = rng_.between(1024, 65000);
            } while (!used.insert(port * 2 + (tcp ? 1 : 0)).second);
            std::string name = std::string(tcp ? "SVC_TCP_" : "SVC_UDP_") + std::to_string(port);
            t.line("object service ", name);
            t.line(" service ", tcp ? "tcp" : "udp", " destination eq ", port);
            svc_objs_.push_back(std::move(name));
        }
    }

    void network_groups(Text& t) {
        t.line("object-group network LOCAL_NETS");
        t.line(" network-object object LOCAL_LAN");
        t.line(" network-object object LOCAL_DMZ");
        t.line(" network-object 192.168.1.0 255.255.255.0");
        for (std::size_t k = 0; k < n_net_groups_; ++k) {
            // ASDM names the groups it creates inline DM_INLINE_NETWORK_<n>; people use roles.
            std::string name = rng_.percent(20)
                                   ? "DM_INLINE_NETWORK_" + std::to_string(k + 1)
                                   : "G_" + std::string(rng_.pick(kRoles)) + "_" + std::to_string(k + 1);
            t.line("object-group network ", name);
            if (rng_.percent(15)) {
                const std::string_view role = rng_.pick(kRoles);
                t.line(" description ", role, " hosts in ", rng_.pick(kSites));
            }
            Members members(t);
            const std::uint32_t count = rng_.between(2, 12);
            for (std::uint32_t m = 0; m < count; ++m) {
                const std::uint32_t r = rng_.below(100);
                if (r < 35) {
                    members.add(" network-object host ", random_inside_host());
                } else if (r < 55) {
                    const Net n = random_inside_net();
                    members.add(" network-object ", Ip{n.addr}, ' ', Ip{prefix_mask(n.prefix)});
                } else if (r < 92 || net_groups_.empty()) {
                    members.add(" network-object object ", rng_.pick(net_objs_));
                } else {
                    // Only earlier groups may be nested: the ASA rejects forward references.
                    members.add(" group-object ", rng_.pick(net_groups_));
                }
            }
            net_groups_.push_back(std::move(name));
        }
        for (const Peer& p : peers_) {
            t.line("object-group network ", p.remote_group);
            t.line(" description L2L ", p.site, " peer ", p.primary);
            for (const Net& n : p.remote)
                t.line(" network-object ", Ip{n.addr}, ' ', Ip{prefix_mask(n.prefix)});
        }
    }

    void service_groups(Text& t) {
        for (std::size_t k = 0; k < n_port_groups_; ++k) {
            const std::uint32_t kind = rng_.below(10);  // 0-5 tcp, 6-7 udp, 8-9 tcp-udp
            const bool udp_only = kind >= 6 && kind < 8;
            const std::string_view proto = kind < 6 ? "tcp" : (udp_only ? "udp" : "tcp-udp");
            std::string name = std::string(rng_.pick(kRoles)) + "_PORTS_" + std::to_string(k + 1);
            t.line("object-group service ", name, ' ', proto);
            Members members(t);
            const std::uint32_t count = rng_.between(2, 8);
            for (std::uint32_t m = 0; m < count; ++m) {
                if (rng_.percent(15)) {
                    const std::uint32_t lo = rng_.between(1024, 60000);
                    members.add(" port-object range ", lo, ' ', lo + rng_.between(1, 500));
                } else if (kind < 6) {
                    members.add(" port-object eq ", rng_.pick(kTcpPorts));
                } else {
                    members.add(" port-object eq ",
                                udp_only ? rng_.pick(kUdpPorts) : rng_.pick(kTcpUdpPorts));
                }
            }
            if (kind < 6)
                tcp_groups_.push_back(std::move(name));
            else if (udp_only)
                udp_groups_.push_back(std::move(name));
            else
                tcpudp_groups_.push_back(std::move(name));
        }
        for (std::size_t k = 0; k < n_svc_groups_; ++k) {
            std::string name = "DM_INLINE_SERVICE_" + std::to_string(k + 1);
            t.line("object-group service ", name);
            Members members(t);
            const std::uint32_t count = rng_.between(2, 6);
            for (std::uint32_t m = 0; m < count; ++m) {
                const std::uint32_t r = rng_.below(10);
                if (r < 5)
                    members.add(" service-object tcp destination eq ", rng_.pick(kTcpPorts));
                else if (r < 8)
                    members.add(" service-object udp destination eq ", rng_.pick(kUdpPorts));
                else if (r < 9)
                    members.add(" service-object icmp ", rng_.pick(kIcmpTypes));
                else
                    members.add(" service-object object ", rng_.pick(svc_objs_));
            }
            svc_groups_.push_back(std::move(name));
        }
    }

    // ---- bulk: interface ACLs ----
    void build_bulk(Text& t, std::size_t budget) {
        // Split the budget by weight; every ACL gets at least two lines so that access-group
        // never points at an ACL that does not exist. The rounding rest goes to the first ACL.
        std::uint64_t total_weight = 0;
        for (const auto& a : acls_) total_weight += a.weight;
        std::vector<std::size_t> counts(acls_.size(), 2);
        std::size_t spare = budget - 2 * acls_.size();
        std::size_t given = 0;
        for (std::size_t k = 0; k < acls_.size(); ++k) {
            const auto share = static_cast<std::size_t>(spare * acls_[k].weight / total_weight);
            counts[k] += share;
            given += share;
        }
        counts[0] += spare - given;
        for (std::size_t k = 0; k < acls_.size(); ++k) acl_body(t, acls_[k], counts[k]);
    }

    void acl_body(Text& t, const Acl& acl, std::size_t count);

    void operand(Text& t, bool outside_facing) {
        const std::uint32_t r = rng_.below(100);
        if (r < 12) {
            t.add(" any4");
        } else if (r < 22) {
            t.add(" any");
        } else if (r < 45) {
            t.add(" host ", outside_facing && rng_.percent(60) ? random_public_host() : random_inside_host());
        } else if (r < 58) {
            const Net n = random_inside_net();
            t.add(' ', Ip{n.addr}, ' ', Ip{prefix_mask(n.prefix)});
        } else if (r < 80) {
            t.add(" object ", rng_.pick(net_objs_));
        } else {
            t.add(" object-group ", rng_.pick(net_groups_));
        }
    }

    void port(Text& t, bool tcp) {
        const std::uint32_t r = rng_.below(100);
        if (r < 60) {
            t.add(" eq ", tcp ? rng_.pick(kTcpPorts) : rng_.pick(kUdpPorts));
        } else if (r < 68) {
            const std::uint32_t lo = rng_.between(1024, 60000);
            t.add(" range ", lo, ' ', lo + rng_.between(1, 1000));
        } else if (r < 70) {
            t.add(" gt 1023");
        } else if (r < 85) {
            const auto& own = tcp ? tcp_groups_ : udp_groups_;
            if (!own.empty() && (tcpudp_groups_.empty() || rng_.percent(70)))
                t.add(" object-group ", rng_.pick(own));
            else if (!tcpudp_groups_.empty())
                t.add(" object-group ", rng_.pick(tcpudp_groups_));
        }
        // else: no port qualifier (all ports)
    }

    // One ACE; retried when it repeats an earlier ACE of the same ACL, because the ASA
    // rejects duplicates and the migrator may legitimately rely on that.
    void acl_rule(Text& t, std::string_view name, bool outside_facing) {
        for (;;) {
            const std::size_t start = t.size();
            ace(t, name, outside_facing);
            const std::string_view text = t.tail_from(start);
            // Keyed by hash so the set does not point into a buffer that may reallocate;
            // a hash collision only costs one extra draw.
            if (seen_hashes_.insert(std::hash<std::string_view>{}(text)).second) {
                t.nl();
                return;
            }
            t.truncate(start);
        }
    }

    void ace(Text& t, std::string_view name, bool outside_facing) {
        t.add("access-list ", name, " extended ", rng_.percent(90) ? "permit" : "deny");
        const std::uint32_t r = rng_.below(100);
        if (r < 50) {
            t.add(" tcp");
            operand(t, outside_facing);
            operand(t, false);
            port(t, true);
        } else if (r < 65) {
            t.add(" udp");
            operand(t, outside_facing);
            operand(t, false);
            port(t, false);
        } else if (r < 80) {
            t.add(" ip");
            operand(t, outside_facing);
            operand(t, false);
        } else if (r < 85) {
            t.add(" icmp");
            operand(t, outside_facing);
            operand(t, false);
            if (rng_.percent(70)) t.add(' ', rng_.pick(kIcmpTypes));
        } else if (r < 95) {
            t.add(" object-group ", rng_.pick(svc_groups_));
            operand(t, outside_facing);
            operand(t, false);
        } else {
            t.add(" object ", rng_.pick(svc_objs_));
            operand(t, outside_facing);
            operand(t, false);
        }
        const std::uint32_t s = rng_.below(100);
        if (s < 4)
            t.add(" log");
        else if (s < 5)
            t.add(" log disable");
        else if (s < 6)
            t.add(" inactive");
    }

    void remark(Text& t, std::string_view name) {
        // Draw everything first, in a fixed order: the order in which function arguments are
        // evaluated is unspecified, and GCC and Clang differ, so the file would depend on the
        // compiler if the draws sat inside one call.
        const std::uint32_t kind = rng_.below(5);
        const std::string_view verb = rng_.pick(kRemarkVerbs);
        const std::string_view role = rng_.pick(kRoles);
        const std::string_view other_role = rng_.pick(kRoles);
        const std::string_view site = rng_.pick(kSites);
        const std::uint32_t number = rng_.below(9000000);
        const std::uint32_t year = 15 + rng_.below(9);
        const std::uint32_t month = 1 + rng_.below(12);
        t.add("access-list ", name, " remark ");
        switch (kind) {
            case 0:
                t.add(verb, ' ', role, " access from ", site, " (CHG", 10000 + number % 90000, ')');
                break;
            case 1:
                t.add("INC", 1000000 + number, " - ", role, " to ", other_role);
                break;
            case 2:
                t.add(site, ' ', role, " servers - review 20", year, '-', month < 10 ? "0" : "", month);
                break;
            case 3:
                t.add("Do not remove - ", role, " monitoring");
                break;
            default:
                t.add("=== ", site, ' ', role, " ===");
                break;
        }
        t.nl();
    }

    // ---- tail: crypto ACLs .. end ----
    void build_tail(Text& t) {
        crypto_acls(t);
        t.line("access-list SPLIT_TUNNEL standard permit 10.0.0.0 255.0.0.0");
        t.line("access-list SPLIT_TUNNEL standard permit 192.168.1.0 255.255.255.0");
        t.line("pager lines 24");
        t.line("logging enable");
        t.line("logging timestamp");
        t.line("logging buffer-size 1048576");
        t.line("logging buffered informational");
        t.line("logging trap informational");
        t.line("logging asdm informational");
        t.line("logging host inside 10.0.0.50");
        t.line("logging host inside 10.0.0.51 6/1514");
        for (const auto& i : ifaces_) {
            if (!i.nameif.empty()) t.line("mtu ", i.nameif, " 1500");
        }
        t.line("no failover");
        t.line("no monitor-interface service-module");
        t.line("icmp unreachable rate-limit 1 burst-size 1");
        t.line("icmp permit any inside");
        t.line("asdm image disk0:/asdm-7101.bin");
        t.line("no asdm history enable");
        t.line("arp timeout 14400");
        t.line("no arp permit-nonconnected");
        nat(t);
        for (const auto& a : acls_) {
            if (!a.iface.empty()) t.line("access-group ", a.name, " in interface ", a.iface);
        }
        routes(t);
        t.line("timeout xlate 3:00:00");
        t.line("timeout pat-xlate 0:00:30");
        t.line("timeout conn 1:00:00 half-closed 0:10:00 udp 0:02:00 sctp 0:02:00 icmp 0:00:02");
        t.line("timeout sunrpc 0:10:00 h323 0:05:00 h225 1:00:00 mgcp 0:05:00 mgcp-pat 0:05:00");
        t.line("timeout sip 0:30:00 sip_media 0:02:00 sip-invite 0:03:00 sip-disconnect 0:02:00");
        t.line("timeout sip-provisional-media 0:02:00 uauth 0:05:00 absolute");
        t.line("timeout tcp-proxy-reassembly 0:01:00");
        t.line("timeout floating-conn 0:00:00");
        t.line("timeout conn-holddown 0:00:15");
        t.line("timeout igp stale-route 0:01:10");
        t.line("aaa-server ISE protocol radius");
        t.line("aaa-server ISE (inside) host 10.0.0.21");
        t.line(" key *****");
        t.line("aaa-server ISE (inside) host 10.0.0.22");
        t.line(" key *****");
        t.line("aaa-server LDAP_AD protocol ldap");
        t.line("aaa-server LDAP_AD (inside) host 10.0.0.30");
        t.line(" ldap-base-dn DC=corp,DC=example,DC=com");
        t.line(" ldap-scope subtree");
        t.line(" ldap-login-password *****");
        t.line(" ldap-login-dn CN=svc_asa,OU=Service Accounts,DC=corp,DC=example,DC=com");
        t.line(" server-type microsoft");
        t.line("user-identity default-domain LOCAL");
        t.line("aaa authentication ssh console LOCAL");
        t.line("aaa authentication enable console LOCAL");
        t.line("http server enable");
        t.line("http 10.0.0.0 255.255.0.0 inside");
        t.line("http 192.168.1.0 255.255.255.0 management");
        t.line("snmp-server host inside 10.0.0.60 community ***** version 2c");
        t.line("snmp-server location DC1 rack B14");
        t.line("snmp-server contact noc@corp.example.com");
        t.line("snmp-server community *****");
        t.line("snmp-server enable traps snmp authentication linkup linkdown coldstart warmstart");
        t.line("service sw-reset-button");
        crypto(t);
        t.line("telnet timeout 5");
        t.line("ssh stricthostkeycheck");
        t.line("ssh 10.0.0.0 255.255.0.0 inside");
        t.line("ssh 192.168.1.0 255.255.255.0 management");
        t.line("ssh timeout 30");
        t.line("ssh version 2");
        t.line("ssh key-exchange group dh-group14-sha1");
        t.line("console timeout 0");
        t.line("threat-detection basic-threat");
        t.line("threat-detection statistics access-list");
        t.line("no threat-detection statistics tcp-intercept");
        t.line("dhcpd address 192.168.1.100-192.168.1.199 management");
        t.line("dhcpd enable management");
        t.line("!");
        t.line("ntp server 10.0.0.123 source inside prefer");
        t.line("ntp server 10.0.0.124 source inside");
        vpn_groups(t);
        inspection(t);
        const std::uint64_t sum_hi = rng_.next();
        t.line("Cryptochecksum:", Hex{sum_hi, 16}, Hex{rng_.next(), 16});
        t.line(": end");
    }

    void crypto_acls(Text& t) {
        for (const Peer& p : peers_) {
            const std::size_t entries = p.remote.size();  // 1-4, one per remote network
            if (rng_.percent(35)) {
                // Object-group form: one line covers every remote network.
                t.line("access-list ", p.acl, " extended permit ip object-group LOCAL_NETS object-group ",
                       p.remote_group);
                continue;
            }
            for (std::size_t k = 0; k < entries; ++k) {
                const Net& rn = p.remote[k];
                t.add("access-list ", p.acl, " extended permit ip");
                switch (rng_.below(4)) {
                    case 0:
                        t.add(" object LOCAL_LAN");
                        break;
                    case 1:
                        t.add(" object-group LOCAL_NETS");
                        break;
                    default: {
                        const Net ln{0x0A000000U | (rng_.below(4096) << 8), 24};
                        t.add(' ', Ip{ln.addr}, ' ', Ip{prefix_mask(ln.prefix)});
                        break;
                    }
                }
                t.line(' ', Ip{rn.addr}, ' ', Ip{prefix_mask(rn.prefix)});
            }
        }
    }

    void nat(Text& t) {
        // Manual (twice) NAT exemptions for the VPN traffic: section 1, before object NAT.
        for (const Peer& p : peers_) {
            t.line("nat (inside,outside) source static LOCAL_NETS LOCAL_NETS destination static ",
                   p.remote_group, ' ', p.remote_group, " no-proxy-arp route-lookup");
        }
        // Object NAT: `show run` repeats the object with only its nat sub-command here.
        const std::size_t statics = std::min<std::size_t>(200, host_objs_.size() / 20);
        for (std::size_t k = 0; k < statics; ++k) {
            t.line("object network ", host_objs_[k * 20]);
            t.line(" nat (", ifaces_[3 + k % 20].nameif, ",outside) static ",
                   Ip{0xCB007100U + 10 + static_cast<std::uint32_t>(k)});
        }
        for (std::size_t k = 0; k < subnet_objs_.size(); k += 4) {
            t.line("object network ", subnet_objs_[k]);
            t.line(" nat (inside,outside) dynamic interface");
        }
        t.line("object network obj_any");
        t.line(" nat (any,outside) dynamic interface");
        t.line("nat (inside,outside) after-auto source dynamic any interface");
    }

    void routes(Text& t) {
        t.line("route outside 0.0.0.0 0.0.0.0 203.0.113.1 1");
        // One route per destination: the ASA refuses a second identical route, and for a
        // different gateway it would be ECMP, which is not what these stand for.
        std::unordered_set<std::uint64_t> seen;
        for (std::size_t k = 0; k < n_routes_; ++k) {
            Net n{};
            do {
                n = random_inside_net();
            } while (
                !seen.insert((std::uint64_t{n.addr} << 8) | static_cast<std::uint64_t>(n.prefix)).second);
            if (rng_.percent(80)) {
                t.line("route inside ", Ip{n.addr}, ' ', Ip{prefix_mask(n.prefix)}, " 10.0.0.",
                       250 + rng_.below(4), " 1");
            } else {
                const Interface& i = ifaces_[3 + rng_.below(24)];
                t.line("route ", i.nameif, ' ', Ip{n.addr}, ' ', Ip{prefix_mask(n.prefix)}, ' ',
                       Ip{(i.ip.v & 0xFFFFFF00U) | 254U}, ' ', 1 + rng_.below(3));
            }
        }
    }

    void crypto(Text& t) {
        // `show run` really prints these with a trailing blank.
        for (const auto& ts : kTransformSets)
            t.line("crypto ipsec ikev1 transform-set ", ts.name, ' ', ts.body, ' ');
        t.line("crypto ipsec security-association pmtu-aging infinite");
        for (const Peer& p : peers_) {
            t.line("crypto map outside_map ", p.seq, " match address ", p.acl);
            if (p.pfs != 0) t.line("crypto map outside_map ", p.seq, " set pfs group", p.pfs);
            if (p.backup.v != 0)
                t.line("crypto map outside_map ", p.seq, " set peer ", p.primary, ' ', p.backup);
            else
                t.line("crypto map outside_map ", p.seq, " set peer ", p.primary);
            t.add("crypto map outside_map ", p.seq, " set ikev1 transform-set");
            for (const auto& ts : p.transform_sets) t.add(' ', ts);
            t.nl();
            if (p.lifetime != 0) {
                if (p.lifetime_kb)
                    t.line("crypto map outside_map ", p.seq, " set security-association lifetime seconds ",
                           p.lifetime, " kilobytes 4608000");
                else
                    t.line("crypto map outside_map ", p.seq, " set security-association lifetime seconds ",
                           p.lifetime);
            }
            if (p.reverse_route) t.line("crypto map outside_map ", p.seq, " set reverse-route");
        }
        t.line("crypto map outside_map interface outside");
        t.line("crypto ca trustpoint _SmartCallHome_ServerCA");
        t.line(" no validation-usage");
        t.line(" crl configure");
        t.line("crypto ca trustpoint ASDM_TrustPoint0");
        t.line(" enrollment self");
        t.line(" subject-name CN=", hostname_, ".corp.example.com");
        t.line(" keypair ASDM_TrustPoint0");
        t.line(" crl configure");
        t.line("crypto ca trustpool policy");
        t.line(" auto-import");
        certificate_chain(t, "_SmartCallHome_ServerCA", true, 1448);
        certificate_chain(t, "ASDM_TrustPoint0", false, 732);
        t.line("crypto ikev1 enable outside");
        struct Policy {
            int prio;
            std::string_view enc;
            std::string_view hash;
            int group;
            int lifetime;
        };
        static constexpr std::array<Policy, 7> policies = {{
            {10, "aes-256", "sha", 5, 86400},
            {20, "aes-256", "sha", 2, 86400},
            {30, "aes-192", "sha", 5, 86400},
            {40, "aes", "sha", 2, 86400},
            {50, "3des", "sha", 2, 86400},
            {60, "3des", "md5", 2, 28800},
            {70, "des", "sha", 2, 86400},
        }};
        for (const auto& pol : policies) {
            t.line("crypto ikev1 policy ", pol.prio);
            t.line(" authentication pre-share");
            t.line(" encryption ", pol.enc);
            t.line(" hash ", pol.hash);
            t.line(" group ", pol.group);
            t.line(" lifetime ", pol.lifetime);
        }
    }

    // DER-looking hex: 8 words of 4 bytes per line, the last line partial, as `show run` does.
    void certificate_chain(Text& t, std::string_view tp, bool ca, std::size_t bytes) {
        t.line("crypto ca certificate chain ", tp);
        if (ca) {
            const std::uint64_t serial_hi = rng_.next();
            t.line(" certificate ca ", Hex{serial_hi, 16}, Hex{rng_.next(), 16});
        } else
            t.line(" certificate ", Hex{rng_.next(), 8});
        // Proper DER prefix (SEQUENCE with 2-byte length) so it does not look like noise.
        std::vector<std::uint8_t> der(bytes);
        der[0] = 0x30;
        der[1] = 0x82;
        der[2] = static_cast<std::uint8_t>((bytes - 4) >> 8);
        der[3] = static_cast<std::uint8_t>((bytes - 4) & 0xFFU);
        for (std::size_t k = 4; k < bytes; ++k) der[k] = static_cast<std::uint8_t>(rng_.next() >> 56);
        for (std::size_t off = 0; off < bytes; off += 32) {
            t.add("   ");
            for (std::size_t w = off; w < std::min(off + 32, bytes); w += 4) {
                t.add(' ');
                for (std::size_t b = w; b < std::min(w + 4, bytes); ++b) t.add(Hex{der[b], 2});
            }
            t.nl();
        }
        t.line("  quit");
    }

    std::string psk() {
        // Printable ASCII without blanks; '?' is left out because the ASA CLI treats it as help.
        std::string key(rng_.between(12, 40), 'x');
        for (auto& c : key) {
            do {
                c = static_cast<char>(rng_.between(0x21, 0x7E));
            } while (c == '?');
        }
        return key;
    }

    void tunnel_group(Text& t, Ip ip, bool asdm_style) {
        t.line("tunnel-group ", ip, " type ipsec-l2l");
        if (asdm_style) {
            t.line("tunnel-group ", ip, " general-attributes");
            t.line(" default-group-policy GroupPolicy_", ip);
        }
        t.line("tunnel-group ", ip, " ipsec-attributes");
        t.line(" ikev1 pre-shared-key ", psk());
        if (rng_.percent(90))
            t.line(" isakmp keepalive threshold 10 retry 2");
        else
            t.line(" isakmp keepalive threshold 20 retry 5");
    }

    void vpn_groups(Text& t) {
        // ASDM's site-to-site wizard creates one group-policy per peer; CLI-built boxes do not.
        std::vector<bool> asdm(peers_.size());
        for (std::size_t k = 0; k < peers_.size(); ++k) asdm[k] = rng_.percent(25);
        t.line("group-policy GP_L2L internal");
        t.line("group-policy GP_L2L attributes");
        t.line(" vpn-tunnel-protocol ikev1");
        for (std::size_t k = 0; k < peers_.size(); ++k) {
            if (!asdm[k]) continue;
            t.line("group-policy GroupPolicy_", peers_[k].primary, " internal");
            t.line("group-policy GroupPolicy_", peers_[k].primary, " attributes");
            t.line(" vpn-tunnel-protocol ikev1");
        }
        t.line("dynamic-access-policy-record DfltAccessPolicy");
        t.line("username admin password ***** pbkdf2 privilege 15");
        t.line("username netops password ***** pbkdf2 privilege 15");
        t.line("username monitor password ***** pbkdf2 privilege 5");
        for (std::size_t k = 0; k < peers_.size(); ++k) {
            tunnel_group(t, peers_[k].primary, asdm[k]);
            if (peers_[k].backup.v != 0) tunnel_group(t, peers_[k].backup, false);
        }
    }

    void inspection(Text& t) {
        t.line("!");
        t.line("class-map inspection_default");
        t.line(" match default-inspection-traffic");
        t.line("!");
        t.line("!");
        t.line("policy-map type inspect dns preset_dns_map");
        t.line(" parameters");
        t.line("  message-length maximum client auto");
        t.line("  message-length maximum 512");
        t.line("  no tcp-inspection");
        t.line("policy-map global_policy");
        t.line(" class inspection_default");
        static constexpr std::array<std::string_view, 15> inspects = {"dns preset_dns_map",
                                                                      "ftp",
                                                                      "h323 h225",
                                                                      "h323 ras",
                                                                      "rsh",
                                                                      "rtsp",
                                                                      "esmtp",
                                                                      "sqlnet",
                                                                      "skinny ",
                                                                      "sunrpc",
                                                                      "xdmcp",
                                                                      "sip ",
                                                                      "netbios",
                                                                      "tftp",
                                                                      "ip-options"};
        // The trailing blank after each inspect is what the ASA prints.
        for (auto i : inspects) t.line("  inspect ", i, ' ');
        t.line(" class class-default");
        t.line("  user-statistics accounting");
        t.line("!");
        t.line("service-policy global_policy global");
        t.line("prompt hostname context");
        t.line("no call-home reporting anonymous");
        t.line("call-home");
        t.line(" profile CiscoTAC-1");
        t.line("  no active");
        t.line("  destination address http https://tools.cisco.com/its/service/oddce/services/DDCEService");
        t.line("  destination address email callhome@cisco.com");
        t.line("  destination transport-method http");
        t.line("  subscribe-to-alert-group diagnostic");
        t.line("  subscribe-to-alert-group environment");
        t.line("  subscribe-to-alert-group inventory periodic monthly");
        t.line("  subscribe-to-alert-group configuration periodic monthly");
        t.line("  subscribe-to-alert-group telemetry periodic daily");
    }

    const Options& opts_;
    Rng rng_;
    std::string hostname_;
    std::size_t n_hosts_ = 0, n_subnets_ = 0, n_ranges_ = 0, n_svc_objs_ = 0, n_net_groups_ = 0,
                n_port_groups_ = 0, n_svc_groups_ = 0, n_routes_ = 0;
    std::vector<Interface> ifaces_;
    std::vector<Acl> acls_;
    std::vector<Peer> peers_;
    std::unordered_set<std::uint32_t> used_peer_ips_;
    std::unordered_set<std::size_t> seen_hashes_;  // ACEs of the ACL being written
    std::vector<std::string> host_objs_, subnet_objs_, net_objs_, svc_objs_;
    std::vector<std::string> net_groups_, tcp_groups_, udp_groups_, tcpudp_groups_, svc_groups_;
};

void Generator::acl_body(Text& t, const Acl& acl, std::size_t count) {
    const bool outside_facing = acl.iface == "outside" || acl.name.rfind("outside", 0) == 0;
    std::size_t block_left = 0;
    seen_hashes_.clear();
    seen_hashes_.reserve(count);
    const std::string closing = "access-list " + acl.name + " extended deny ip any any log";
    // Reserve the closing deny up front so no random ACE can duplicate it.
    if (!acl.iface.empty()) seen_hashes_.insert(std::hash<std::string_view>{}(closing));
    for (std::size_t k = 0; k < count; ++k) {
        if (k + 1 == count && !acl.iface.empty()) {
            // Explicit, logged default deny closes most real interface ACLs.
            t.line(closing);
            continue;
        }
        if (block_left == 0) {
            block_left = rng_.between(1, 12);
            if (rng_.percent(35)) {
                remark(t, acl.name);
                continue;
            }
        }
        --block_left;
        acl_rule(t, acl.name, outside_facing);
    }
}

}  // namespace

int main(int argc, char** argv) {
    Options opts;
    CLI::App app{"A realistic ASA 9.x running-config for the migrate l2l benchmark (docs/PERFORMANCE.md)"};
    app.add_option("--seed", opts.seed, "PRNG seed; the same seed gives the same bytes")->capture_default_str();
    app.add_option("--lines", opts.lines, "exact number of output lines")
        ->capture_default_str()
        ->check(CLI::Range(std::size_t{1}, std::size_t{100000000}));
    app.add_option("--peers", opts.peers, "number of IKEv1 L2L crypto map entries / peers")
        ->capture_default_str()
        ->check(CLI::Range(std::size_t{1}, std::size_t{60000}));
    app.add_option("-o,--output", opts.out, "write to FILE instead of stdout");
    try {
      app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
      return app.exit(e) == 0 ? 0 : 2;  // usage errors: exit code 2, as before
    }

    std::array<Text, 3> parts;
    Generator gen(opts);
    if (!gen.build(parts)) return 1;

    std::FILE* file = opts.out.empty() ? stdout : std::fopen(opts.out.c_str(), "wb");
    if (file == nullptr) {
        std::fprintf(stderr, "gen_asa_config: cannot open %s: %s\n", opts.out.c_str(), std::strerror(errno));
        return 1;
    }
    bool ok = true;
    for (const Text& part : parts) {
        const std::string& data = part.str();
        ok = ok && std::fwrite(data.data(), 1, data.size(), file) == data.size();
    }
    const bool closed = file == stdout ? std::fflush(file) == 0 : std::fclose(file) == 0;
    if (!ok || !closed) {
        std::fprintf(stderr, "gen_asa_config: write failed\n");
        return 1;
    }
    return 0;
}
