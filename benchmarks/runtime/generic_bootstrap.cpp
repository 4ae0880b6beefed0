// Benchmark bootstrap: binds the generic ~1 MB document (benchmarks/json/generic_document.hpp)
// into plain owning structs and answers with a small summary.
#include "../json/generic_document.hpp"

#include <lambda_coro/lambda_coro.hpp>

#include <cstddef>

struct catalog_summary {
  std::size_t products = 0;
  double total_price = 0;
};
BOOST_DESCRIBE_STRUCT(catalog_summary, (), (products, total_price))

catalog_summary handler(const bench::catalog& catalog) {
  catalog_summary s{catalog.products.size(), 0};
  for (const auto& p : catalog.products) s.total_price += p.price;
  return s;
}

int main() { return lambda_coro::start(handler); }
