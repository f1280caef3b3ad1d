// How ikeshift starts strongSwan's charon in a lab namespace, for
// `check --peer-impl strongswan` and the interop tests alike
// (../shared/notes/strongswan-peer.md, ../shared/tools/strongswan-pair.sh).
#pragma once

#include <filesystem>
#include <string>

#include "live/process.h"

namespace ikeshift::live {

inline constexpr const char* kCharonBinary = "/usr/lib/ipsec/charon";
inline constexpr const char* kKernelLibipsecPlugin = "/usr/lib/ipsec/plugins/libstrongswan-kernel-libipsec.so";

// strongswan.conf's `load =`. kernel-libipsec before kernel-netlink: the first
// plugin that registers a kernel_ipsec backend wins, so SAs live in userspace
// (TUN ipsec0; this kernel has no ESP) and kernel-netlink only handles
// addresses and routes. Otherwise the CHILD SA fails to install and charon
// answers NO_PROPOSAL_CHOSEN.
inline constexpr const char* kCharonPlugins =
    "random nonce openssl aes sha1 sha2 hmac gmp curve25519 kdf pem pkcs1 x509 pubkey revocation constraints "
    "kernel-libipsec kernel-netlink socket-default vici";

// " charon (strongswan-charon) swanctl (...)" for each missing piece; "" when
// charon, swanctl, kernel-libipsec and unshare are all there.
std::string missing_charon_pieces();

// The command that runs `charon` with `run_dir` mounted over /run in a
// private mount namespace: charon's pid file is compiled in, so two charons
// (or charon and the host's) would otherwise collide. The script text is
// constant; the paths travel as positional parameters. Start it inside the
// lab namespace with STRONGSWAN_CONF set.
Argv charon_with_private_run(const std::filesystem::path& run_dir, const std::string& charon = kCharonBinary);

}  // namespace ikeshift::live
