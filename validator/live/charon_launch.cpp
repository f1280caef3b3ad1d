#include "live/charon_launch.h"

namespace ikeshift::live {

std::string missing_charon_pieces() {
  std::string missing;
  if (!std::filesystem::exists(kCharonBinary)) missing += " charon (strongswan-charon)";
  if (!find_executable("swanctl")) missing += " swanctl (strongswan-swanctl)";
  if (!std::filesystem::exists(kKernelLibipsecPlugin)) missing += " kernel-libipsec (libcharon-extra-plugins)";
  if (!find_executable("unshare")) missing += " unshare (util-linux)";
  return missing;
}

Argv charon_with_private_run(const std::filesystem::path& run_dir, const std::string& charon) {
  return {"unshare", "-m", "--propagation", "private", "/bin/sh", "-c", "mount --bind \"$1\" /run && exec \"$2\"",
          "charon-in-lab", run_dir.string(), charon};
}

}  // namespace ikeshift::live
