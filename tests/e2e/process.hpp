// Real child processes for the end-to-end tests: spawn with extra environment, capture
// stdout and stderr, wait with a deadline.
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace test {

struct process_result {
  int exit_code = -1;  // -1: killed after the deadline
  std::string out;
  std::string err;
  std::chrono::milliseconds elapsed{0};
};

class process {
public:
  process(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
          const std::string& input = {}) {
    std::vector<std::string> env_strings;
    for (char** e = environ; *e; ++e) {
      const std::string entry = *e;
      const std::string name = entry.substr(0, entry.find('='));
      if (!env.count(name)) env_strings.push_back(entry);
    }
    for (const auto& [name, value] : env)
      if (value != "<unset>") env_strings.push_back(name + "=" + value);
    std::vector<char*> envp, args;
    for (auto& s : env_strings) envp.push_back(s.data());
    envp.push_back(nullptr);
    std::vector<std::string> argv_copy = argv;
    for (auto& a : argv_copy) args.push_back(a.data());
    args.push_back(nullptr);

    int in[2], out[2], err[2];
    if (::pipe2(in, O_CLOEXEC) || ::pipe2(out, O_CLOEXEC) || ::pipe2(err, O_CLOEXEC))
      throw std::runtime_error("pipe");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in[0], 0);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err[1], 2);
    start_ = std::chrono::steady_clock::now();
    const int rc = ::posix_spawn(&pid_, args[0], &actions, nullptr, args.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    ::close(in[0]);
    ::close(out[1]);
    ::close(err[1]);
    if (rc != 0) throw std::runtime_error("cannot start " + argv[0]);
    input_ = input;
    stdin_ = in[1];
    stdout_ = out[0];
    stderr_ = err[0];
    io_ = std::thread([this] { pump(); });
  }
  process(const process&) = delete;
  process& operator=(const process&) = delete;
  ~process() {
    if (!waited_) {
      ::kill(pid_, SIGKILL);
      wait(std::chrono::seconds(5));
    }
  }

  pid_t pid() const { return pid_; }

  // Waits for the exit; past the deadline the process is killed and exit_code is -1.
  process_result wait(std::chrono::milliseconds deadline = std::chrono::seconds(30)) {
    process_result r;
    int status = 0;
    const auto until = start_ + deadline;
    for (;;) {
      const pid_t done = ::waitpid(pid_, &status, WNOHANG);
      if (done == pid_) break;
      if (std::chrono::steady_clock::now() > until) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, &status, 0);
        status = -1;
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    r.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start_);
    waited_ = true;
    io_.join();
    r.exit_code = status == -1 ? -1 : (WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
    r.out = out_;
    r.err = err_;
    return r;
  }

private:
  void pump() {
    std::size_t written = 0;
    if (input_.empty()) {
      ::close(stdin_);
      stdin_ = -1;
    }
    char buf[65536];
    while (stdout_ >= 0 || stderr_ >= 0) {
      pollfd fds[3];
      int n = 0;
      if (stdout_ >= 0) fds[n++] = {stdout_, POLLIN, 0};
      if (stderr_ >= 0) fds[n++] = {stderr_, POLLIN, 0};
      if (stdin_ >= 0) fds[n++] = {stdin_, POLLOUT, 0};
      if (::poll(fds, static_cast<nfds_t>(n), 100) < 0) continue;
      for (int i = 0; i < n; ++i) {
        if (!fds[i].revents) continue;
        if (fds[i].fd == stdin_) {
          const ssize_t w = ::write(stdin_, input_.data() + written, input_.size() - written);
          if (w > 0) written += static_cast<std::size_t>(w);
          if (w <= 0 || written == input_.size()) {
            ::close(stdin_);
            stdin_ = -1;
          }
          continue;
        }
        const ssize_t r = ::read(fds[i].fd, buf, sizeof buf);
        std::string& sink = fds[i].fd == stdout_ ? out_ : err_;
        if (r > 0) {
          sink.append(buf, static_cast<std::size_t>(r));
        } else {
          ::close(fds[i].fd);
          (fds[i].fd == stdout_ ? stdout_ : stderr_) = -1;
        }
      }
    }
    if (stdin_ >= 0) ::close(stdin_);
  }

  pid_t pid_ = -1;
  std::chrono::steady_clock::time_point start_;
  std::string input_;
  int stdin_ = -1, stdout_ = -1, stderr_ = -1;
  std::string out_, err_;
  std::thread io_;
  bool waited_ = false;
};

// A file under /tmp holding `content`, for a bootstrap's or the emulator's --event argument;
// removed when the test program exits.
inline std::string temp_file(const std::string& name, const std::string& content) {
  struct remover {
    std::set<std::string> paths;
    ~remover() {
      for (const auto& p : paths) std::remove(p.c_str());
    }
  };
  static remover files;
  const std::string path = "/tmp/lambda-coro-e2e-" + std::to_string(::getpid()) + "-" + name;
  std::ofstream(path, std::ios::binary) << content;
  files.paths.insert(path);
  return path;
}

inline process_result run(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
                          const std::string& input = {},
                          std::chrono::milliseconds deadline = std::chrono::seconds(30)) {
  process p(argv, env, input);
  return p.wait(deadline);
}

}  // namespace test
