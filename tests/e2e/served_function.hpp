// The emulator serving the test bootstrap (or another program) on ports of its own, with
// clients for its invoke API and its Runtime API.
#ifndef LAMBDA_CORO_TESTS_E2E_SERVED_FUNCTION_HPP_INCLUDED
#define LAMBDA_CORO_TESTS_E2E_SERVED_FUNCTION_HPP_INCLUDED

#include "../support/scripted_server.hpp"
#include "process.hpp"

#include <doctest/doctest.h>
#include <httplib.h>

#include <signal.h>

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace test {

inline const std::string bootstrap = LAMBDA_CORO_TEST_BOOTSTRAP;
inline const std::string emulator = LAMBDA_CORO_TEST_EMULATOR;

// The emulator in serve mode, on its own port, with a client for the invoke API.
class served_function {
public:
  explicit served_function(const std::string& mode, std::map<std::string, std::string> env = {},
                           std::vector<std::string> options = {}, const std::string& program = bootstrap)
      : port_(test::free_port()),
        runtime_api_port_(test::free_port()),
        client_("127.0.0.1", port_),
        runtime_api_("127.0.0.1", runtime_api_port_) {
    env["LAMBDA_CORO_TEST_MODE"] = mode;
    std::vector<std::string> command{emulator, "--port", std::to_string(port_), "--runtime-api-port",
                                     std::to_string(runtime_api_port_)};
    command.insert(command.end(), options.begin(), options.end());
    command.push_back("--");
    command.push_back(program);
    process_ = std::make_unique<test::process>(command, env);
    client_.set_read_timeout(60, 0);
    for (int i = 0; i < 500; ++i) {
      if (client_.Get("/ready")) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    FAIL("the emulator did not start");
  }
  httplib::Result invoke(const std::string& payload, const httplib::Headers& headers = {}) {
    return client_.Post("/2015-03-31/functions/function/invocations", headers, payload, "application/json");
  }
  pid_t pid() const { return process_->pid(); }
  int port() const { return port_; }
  // A request to the emulator's Runtime API, as the runtime would make it.
  httplib::Result post_runtime_api(const std::string& path, const std::string& body) {
    return runtime_api_.Post(path.c_str(), body, "application/json");
  }
  test::process_result wait() { return process_->wait(std::chrono::seconds(10)); }
  test::process_result stop() {
    ::kill(process_->pid(), SIGTERM);
    return process_->wait(std::chrono::seconds(10));
  }

private:
  int port_;
  int runtime_api_port_;
  httplib::Client client_;
  httplib::Client runtime_api_;
  std::unique_ptr<test::process> process_;
};

}  // namespace test

#endif  // LAMBDA_CORO_TESTS_E2E_SERVED_FUNCTION_HPP_INCLUDED
