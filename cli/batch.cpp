#include "cli/batch.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <thread>

namespace ikeshift::cli {

namespace fs = std::filesystem;

std::vector<InputFile> expand_inputs(const std::vector<std::string>& args) {
  std::vector<InputFile> out;
  for (const auto& arg : args) {
    std::error_code ec;
    if (fs::is_directory(arg, ec)) {
      std::vector<InputFile> found;
      fs::recursive_directory_iterator it(arg, fs::directory_options::skip_permission_denied, ec), end;
      for (; !ec && it != end; it.increment(ec)) {
        const fs::path& p = it->path();
        if (p.filename().string().rfind('.', 0) == 0) {
          if (it->is_directory()) it.disable_recursion_pending();
          continue;
        }
        if (!it->is_regular_file()) continue;
        found.push_back({p.string(), fs::relative(p, arg).string()});
      }
      std::sort(found.begin(), found.end(),
                [](const InputFile& a, const InputFile& b) { return a.path < b.path; });
      out.insert(out.end(), found.begin(), found.end());
    } else {
      out.push_back({arg, fs::path(arg).filename().string()});
    }
  }
  return out;
}

bool stdout_is_terminal() { return ::isatty(STDOUT_FILENO) == 1; }
bool stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

void run_parallel(size_t count, unsigned threads, bool progress,
                  const std::function<void(size_t)>& job, const std::function<void(size_t)>& done) {
  std::atomic<size_t> next{0};
  std::mutex lock;
  size_t finished = 0;
  auto draw = [&] {
    constexpr size_t kWidth = 30;
    size_t filled = count == 0 ? kWidth : finished * kWidth / count;
    std::cerr << "\r[" << std::string(filled, '#') << std::string(kWidth - filled, ' ') << "] "
              << finished << "/" << count << std::flush;
  };
  auto worker = [&] {
    for (size_t i; (i = next.fetch_add(1)) < count;) {
      job(i);
      std::lock_guard<std::mutex> g(lock);
      ++finished;
      if (progress) std::cerr << "\r\x1b[K" << std::flush;  // findings print above the bar
      done(i);
      if (progress) draw();
    }
  };
  threads = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(std::max<size_t>(count, 1))));
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  if (progress) std::cerr << "\r\x1b[K" << std::flush;
}

}  // namespace ikeshift::cli
