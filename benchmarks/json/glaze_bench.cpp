// lambda-coro against glaze, the fastest published C++ reflection JSON library, on the same
// plain structs and inputs, interleaved in one run. Glaze is not packaged by Debian and is
// never vendored here: tools/dev/glaze.sh fetches v6.4.0 and the README says how to build this.
//
//   glaze_bench [--seconds S] [--rounds R]
//
// Reads are timed two ways: into a fresh object each call, and into one object reused across
// calls (what a runtime that keeps its event object does; both libraries keep capacity).
// Each cell is the best of R interleaved rounds.
#include "workloads.hpp"

#include <glaze/glaze.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace {

template <class T>
void keep(const T& value) {
  asm volatile("" : : "g"(&value) : "memory");
}

double time_per_call(const std::function<void()>& fn, double seconds) {
  using clock_type = std::chrono::steady_clock;
  std::size_t batch = 1, calls = 0;
  const auto start = clock_type::now();
  for (;;) {
    for (std::size_t i = 0; i < batch; ++i) fn();
    calls += batch;
    const auto elapsed = clock_type::now() - start;
    if (elapsed >= std::chrono::duration<double>(seconds))
      return std::chrono::duration<double, std::nano>(elapsed).count() / static_cast<double>(calls);
    if (batch < 1024) batch *= 2;
  }
}

[[noreturn]] void fail(const std::string& what) {
  std::fprintf(stderr, "glaze_bench: %s\n", what.c_str());
  std::exit(1);
}

template <class T>
T glaze_read(const std::string& text) {
  T out{};
  if (auto e = glz::read_json(out, text)) fail("glaze cannot read: " + glz::format_error(e, text));
  return out;
}

struct pair_of_cells {
  std::string workload, direction;
  std::size_t bytes = 0;
  std::function<void()> ours, theirs;
  std::vector<double> ours_ns, theirs_ns;
};

template <class T>
void add_workload(std::vector<pair_of_cells>& all, const std::string& name, const std::string& text) {
  namespace json = lambda_coro::json;
  // Both must bind the same struct and write text that reads back to it.
  const T ours = json::read<T>(text);
  const std::string expected = json::write(ours);
  std::string glaze_text;
  if (glz::write_json(glaze_read<T>(text), glaze_text)) fail("glaze cannot write");
  if (json::write(glaze_read<T>(text)) != expected || json::write(json::read<T>(glaze_text)) != expected)
    fail("lambda-coro and glaze disagree on " + name);

  auto input = std::make_shared<const std::string>(text);
  auto value = std::make_shared<const T>(ours);
  auto our_target = std::make_shared<T>();
  auto glaze_target = std::make_shared<T>();
  auto reader = std::make_shared<json::reader>();
  auto our_out = std::make_shared<std::string>();
  auto glaze_out = std::make_shared<std::string>();
  all.push_back({name, "read, fresh object", input->size(), [input] { keep(json::read<T>(*input)); },
                 [input] { keep(glaze_read<T>(*input)); }, {}, {}});
  all.push_back({name, "read, reused object", input->size(),
                 [input, our_target, reader] {
                   reader->overwrite(*input, *our_target);
                   keep(*our_target);
                 },
                 [input, glaze_target] {
                   if (glz::read_json(*glaze_target, *input)) fail("glaze read failed");
                   keep(*glaze_target);
                 },
                 {}, {}});
  all.push_back({name, "write", expected.size(),
                 [value, our_out] {
                   our_out->clear();
                   json::write(*value, *our_out);
                   keep(*our_out);
                 },
                 [value, glaze_out] {
                   glaze_out->clear();
                   if (glz::write_json(*value, *glaze_out)) fail("glaze write failed");
                   keep(*glaze_out);
                 },
                 {}, {}});
}

}  // namespace

int main(int argc, char** argv) {
  double seconds = 0.3;
  int rounds = 15;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--seconds") == 0) seconds = std::atof(argv[i + 1]);
    else if (std::strcmp(argv[i], "--rounds") == 0) rounds = std::atoi(argv[i + 1]);
    else fail("usage: glaze_bench [--seconds S] [--rounds R]");
  }
  std::vector<pair_of_cells> all;
  add_workload<bench::http_api_request>(all, "API GW v2 request", bench::http_api_request_text);
  add_workload<bench::sqs_event>(all, "SQS batch, ~1 MB", bench::sqs_batch_text(1250));
  add_workload<bench::catalog>(all, "generic, 4 200 records", bench::generic_document_text());

  for (int r = 0; r < rounds; ++r)
    for (auto& cell : all) {  // alternate which library goes first
      if (r % 2) cell.theirs_ns.push_back(time_per_call(cell.theirs, seconds));
      cell.ours_ns.push_back(time_per_call(cell.ours, seconds));
      if (r % 2 == 0) cell.theirs_ns.push_back(time_per_call(cell.theirs, seconds));
    }

  std::printf("| workload | direction | lambda-coro | glaze | lambda-coro / glaze speed |\n|---|---|---:|---:|---:|\n");
  for (const auto& cell : all) {
    const double ours = *std::min_element(cell.ours_ns.begin(), cell.ours_ns.end());
    const double theirs = *std::min_element(cell.theirs_ns.begin(), cell.theirs_ns.end());
    const auto mbps = [&](double ns) { return static_cast<double>(cell.bytes) / ns * 1e3; };
    std::printf("| %s | %s | %.0f MB/s | %.0f MB/s | %.2f× |\n", cell.workload.c_str(), cell.direction.c_str(),
                mbps(ours), mbps(theirs), theirs / ours);
  }
  return 0;
}
