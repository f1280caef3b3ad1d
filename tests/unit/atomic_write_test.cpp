// write_file_atomically: content, mode bits, replacement of an existing file,
// and no temporary file left behind whether it succeeds or fails.
#include "edit/atomic_write.h"

#include <dirent.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace ikeshift::edit {
namespace {

// A fresh directory per test, removed (with what is left in it) afterwards.
class AtomicWriteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = ::testing::TempDir() + "ikeshift-aw-XXXXXX";
    std::vector<char> buf(tmpl.begin(), tmpl.end());
    buf.push_back('\0');
    ASSERT_NE(::mkdtemp(buf.data()), nullptr);
    dir_ = buf.data();
  }
  void TearDown() override {
    ::chmod(dir_.c_str(), 0700);
    for (const auto& name : entries(dir_)) {
      const std::string p = dir_ + "/" + name;
      struct stat st {};
      if (::lstat(p.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
        for (const auto& inner : entries(p)) std::remove((p + "/" + inner).c_str());
        ::rmdir(p.c_str());
      } else {
        std::remove(p.c_str());
      }
    }
    ::rmdir(dir_.c_str());
  }

  static std::vector<std::string> entries(const std::string& dir) {
    std::vector<std::string> names;
    DIR* d = ::opendir(dir.c_str());
    if (d == nullptr) return names;
    while (const dirent* e = ::readdir(d)) {
      const std::string n = e->d_name;
      if (n != "." && n != "..") names.push_back(n);
    }
    ::closedir(d);
    return names;
  }

  bool has_temp_files(const std::string& dir) const {
    for (const auto& n : entries(dir))
      if (n.find(".ikeshift-") != std::string::npos) return true;
    return false;
  }

  static std::string read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }

  std::string dir_;
};

TEST_F(AtomicWriteTest, WritesDataWithMode0600) {
  const std::string path = dir_ + "/out.cfg";
  const std::string data = std::string("ikev1 pre-shared-key x\r\n\xff\0tail", 31);
  std::string error;
  ASSERT_TRUE(write_file_atomically(path, data, 0600, error)) << error;
  EXPECT_EQ(read(path), data);
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0600u);
  EXPECT_TRUE(S_ISREG(st.st_mode));
  EXPECT_FALSE(has_temp_files(dir_));
}

TEST_F(AtomicWriteTest, ModeIgnoresUmask) {
  const std::string path = dir_ + "/wide.cfg";
  const mode_t old = ::umask(077);
  std::string error;
  const bool ok = write_file_atomically(path, "x\n", 0644, error);
  ::umask(old);
  ASSERT_TRUE(ok) << error;
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0644u);
}

TEST_F(AtomicWriteTest, ReplacesExistingFileAndItsMode) {
  const std::string path = dir_ + "/existing.cfg";
  { std::ofstream(path) << "old contents that are longer than the new ones\n"; }
  ASSERT_EQ(::chmod(path.c_str(), 0644), 0);
  std::string error;
  ASSERT_TRUE(write_file_atomically(path, "new\n", 0600, error)) << error;
  EXPECT_EQ(read(path), "new\n");
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0600u);
  EXPECT_FALSE(has_temp_files(dir_));
}

TEST_F(AtomicWriteTest, EmptyData) {
  const std::string path = dir_ + "/empty.cfg";
  std::string error;
  ASSERT_TRUE(write_file_atomically(path, "", 0600, error)) << error;
  EXPECT_EQ(read(path), "");
}

TEST_F(AtomicWriteTest, FailsWhenPathIsADirectory) {
  const std::string path = dir_ + "/subdir";
  ASSERT_EQ(::mkdir(path.c_str(), 0700), 0);
  std::string error;
  EXPECT_FALSE(write_file_atomically(path, "data\n", 0600, error));
  EXPECT_EQ(error.rfind(path + ": ", 0), 0u) << error;
  EXPECT_NE(error.find("cannot replace"), std::string::npos) << error;
  EXPECT_FALSE(has_temp_files(dir_));
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_TRUE(S_ISDIR(st.st_mode));  // untouched
}

TEST_F(AtomicWriteTest, FailsWhenDirectoryIsNotWritable) {
  if (::geteuid() == 0) GTEST_SKIP() << "root ignores directory permissions";
  const std::string path = dir_ + "/existing.cfg";
  { std::ofstream(path) << "keep me\n"; }
  ASSERT_EQ(::chmod(dir_.c_str(), 0500), 0);
  std::string error;
  EXPECT_FALSE(write_file_atomically(path, "new\n", 0600, error));
  ::chmod(dir_.c_str(), 0700);
  EXPECT_EQ(error.rfind(path + ": cannot create temporary file: ", 0), 0u) << error;
  EXPECT_EQ(read(path), "keep me\n");
  EXPECT_FALSE(has_temp_files(dir_));
}

// Also fails for root, unlike the permission test above.
TEST_F(AtomicWriteTest, FailsWhenParentIsAFile) {
  const std::string file = dir_ + "/plain";
  { std::ofstream(file) << "x\n"; }
  const std::string path = file + "/out.cfg";
  std::string error;
  EXPECT_FALSE(write_file_atomically(path, "x", 0600, error));
  EXPECT_EQ(error, path + ": cannot create temporary file: Not a directory");
  EXPECT_FALSE(has_temp_files(dir_));
  EXPECT_EQ(read(file), "x\n");
}

TEST_F(AtomicWriteTest, FailsWhenDirectoryIsMissing) {
  const std::string path = dir_ + "/no/such/dir/out.cfg";
  std::string error;
  EXPECT_FALSE(write_file_atomically(path, "x", 0600, error));
  EXPECT_NE(error.find("No such file or directory"), std::string::npos) << error;
  EXPECT_FALSE(has_temp_files(dir_));
}

}  // namespace
}  // namespace ikeshift::edit
