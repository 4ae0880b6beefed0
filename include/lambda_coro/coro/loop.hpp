// The event loop lambda-coro's coroutines suspend on: a scheduler interface (what awaitables
// need: resume soon, a timer, a file descriptor's readiness) and event_loop, its epoll
// implementation. One loop per thread; lambda_coro/asio.hpp puts a Boost.Asio
// io_context behind the same interface.
#ifndef LAMBDA_CORO_CORO_LOOP_HPP_INCLUDED
#define LAMBDA_CORO_CORO_LOOP_HPP_INCLUDED

#include <lambda_coro/config.hpp>
#include <lambda_coro/usage_error.hpp>

#include <sys/epoll.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <coroutine>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <new>
#include <optional>
#include <stdexcept>
#include <stop_token>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

LAMBDA_CORO_BEGIN_NAMESPACE

// A wait (sleep_for, wait_readable, wait_writable) ended by its task's stop token: for a
// handler, the invocation's deadline is near.
class operation_cancelled : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

namespace detail {

// What every lambda-coro coroutine carries: the stop token of the work it belongs to,
// inherited from the coroutine that awaits it unless set before.
struct coroutine_state {
  const std::stop_token* stop = nullptr;
};

// Coroutine frames come from a small per-thread cache of freed frames, so a steady state
// of awaiting tasks allocates nothing.
class frame_cache {
public:
  frame_cache() = default;
  frame_cache(const frame_cache&) = delete;
  frame_cache& operator=(const frame_cache&) = delete;
  ~frame_cache() {
    for (node*& head : free_)
      while (head) ::operator delete(std::exchange(head, head->next));
  }

  void* allocate(std::size_t size) {
    const std::size_t c = size_class(size);
    if (c == classes) return ::operator new(size);
    if (node* n = free_[c]) {
      free_[c] = n->next;
      --count_[c];
      return n;
    }
    return ::operator new(class_bytes(c));
  }
  void deallocate(void* p, std::size_t size) noexcept {
    const std::size_t c = size_class(size);
    if (c == classes || count_[c] == kept_per_class) {
      ::operator delete(p);
      return;
    }
    free_[c] = ::new (p) node{free_[c]};
    ++count_[c];
  }

  static frame_cache& of_this_thread() {
    thread_local frame_cache cache;
    return cache;
  }

private:
  struct node {
    node* next;
  };
  static constexpr std::size_t classes = 8;  // 128 B to 16 KiB, doubling
  static constexpr unsigned kept_per_class = 32;
  static constexpr std::size_t class_bytes(std::size_t c) { return std::size_t{128} << c; }
  static std::size_t size_class(std::size_t size) {
    std::size_t c = 0;
    while (c < classes && class_bytes(c) < size) ++c;
    return c;
  }
  node* free_[classes] = {};
  unsigned count_[classes] = {};
};

struct frame_allocated {
  static void* operator new(std::size_t size) { return frame_cache::of_this_thread().allocate(size); }
  static void operator delete(void* p, std::size_t size) noexcept { frame_cache::of_this_thread().deallocate(p, size); }
};

// A pending timer or fd wait. It lives in the awaiting coroutine's frame; `fire` runs on the
// loop's thread when it is due (by default, resuming `waiter`).
struct timer_wait {
  std::chrono::steady_clock::time_point when;
  std::coroutine_handle<> waiter;
  void (*fire)(timer_wait&) = [](timer_wait& t) { t.waiter.resume(); };
  std::size_t heap_index = static_cast<std::size_t>(-1);  // the epoll loop's bookkeeping
  void* backend = nullptr;                                  // other schedulers' bookkeeping
};

struct io_wait {
  int fd = -1;
  bool writable = false;  // else readable
  std::coroutine_handle<> waiter;
  bool armed = false;
  void* backend = nullptr;
};

}  // namespace detail

// What awaitables ask of the loop that runs them. Every call is made on the loop's thread.
class scheduler {
public:
  virtual ~scheduler() = default;
  // Resumes `h` soon, from the loop.
  virtual void schedule(std::coroutine_handle<> h) = 0;
  virtual void start_timer(detail::timer_wait& t) = 0;
  // Withdraws a timer that has not fired; it will not fire.
  virtual void cancel_timer(detail::timer_wait& t) noexcept = 0;
  // Resumes w.waiter once w.fd is readable (or writable); one wait per descriptor at a time.
  virtual void start_io(detail::io_wait& w) = 0;
  virtual void cancel_io(detail::io_wait& w) noexcept = 0;
  // Runs the loop until done(context) is true.
  virtual void run_until(bool (*done)(void*), void* context) = 0;

  // The loop of this thread, or null.
  static scheduler* current() noexcept { return current_slot(); }
  // The loop of this thread; usage_error when there is none.
  static scheduler& current_or_throw() {
    if (scheduler* s = current_slot()) return *s;
    detail::throw_usage_error(
        "lambda_coro: awaiting I/O or a timer where no event loop runs (on another thread, or after the "
        "loop ended): await inside a task run by start(), run(), sync_wait() or the Asio bridge");
  }

protected:
  // Becomes this thread's loop unless one is already.
  scheduler() noexcept {
    if (!current_slot()) {
      current_slot() = this;
      installed_ = true;
    }
  }
  void uninstall() noexcept {
    if (installed_) current_slot() = nullptr;
    installed_ = false;
  }

private:
  static scheduler*& current_slot() noexcept {
    thread_local scheduler* slot = nullptr;
    return slot;
  }
  bool installed_ = false;
};

// A single-threaded loop on epoll: ready coroutines, a timer heap, one-shot fd waits.
// Allocation-free in the steady state (its vectors keep their capacity).
class event_loop final : public scheduler {
public:
  // Room from the start: how many coroutines become ready in one round depends on timing,
  // and a first growth must not fall in the steady state.
  event_loop() {
    ready_.reserve(initial_capacity);
    running_.reserve(initial_capacity);
    timers_.reserve(initial_capacity);
  }
  event_loop(const event_loop&) = delete;
  event_loop& operator=(const event_loop&) = delete;
  ~event_loop() override {
    uninstall();
    if (epoll_fd_ >= 0) ::close(epoll_fd_);
  }

  void schedule(std::coroutine_handle<> h) override { ready_.push_back(h); }

  void start_timer(detail::timer_wait& t) override {
    t.heap_index = timers_.size();
    timers_.push_back(&t);
    sift_up(t.heap_index);
  }
  void cancel_timer(detail::timer_wait& t) noexcept override {
    const std::size_t i = t.heap_index;
    if (i >= timers_.size() || timers_[i] != &t) return;
    t.heap_index = static_cast<std::size_t>(-1);
    detail::timer_wait* last = timers_.back();
    timers_.pop_back();
    if (last == &t) return;
    timers_[i] = last;
    last->heap_index = i;
    sift_down(i);
    sift_up(last->heap_index);
  }

  void start_io(detail::io_wait& w) override {
    if (epoll_fd_ < 0) {
      epoll_fd_ = ::epoll_create1(EPOLL_CLOEXEC);
      if (epoll_fd_ < 0) throw std::runtime_error(std::string("epoll_create1: ") + std::strerror(errno));
    }
    epoll_event e{};
    e.events = (w.writable ? EPOLLOUT : EPOLLIN) | EPOLLONESHOT;
    e.data.ptr = &w;
    if (::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, w.fd, &e) != 0) {
      if (errno == EEXIST)
        detail::throw_usage_error("lambda_coro: a second wait on a file descriptor that is already waited for");
      throw std::runtime_error(std::string("epoll_ctl: ") + std::strerror(errno));
    }
    w.armed = true;
    ++io_waits_;
  }
  void cancel_io(detail::io_wait& w) noexcept override {
    if (!w.armed) return;
    ::epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, w.fd, nullptr);
    w.armed = false;
    --io_waits_;
  }

  void run_until(bool (*done)(void*), void* context) override {
    while (!done(context)) {
      if (!ready_.empty()) {
        running_.swap(ready_);
        for (std::size_t i = 0; i < running_.size(); ++i) running_[i].resume();
        running_.clear();
        continue;
      }
      if (timers_.empty() && io_waits_ == 0)
        detail::throw_usage_error(
            "lambda_coro: a task waits for something no lambda-coro loop drives (no timer, no file descriptor, "
            "nothing ready)");
      wait_for_events();
      fire_due_timers();
    }
  }

private:
  using clock = std::chrono::steady_clock;

  void wait_for_events() {
    int timeout_ms = -1;
    if (!timers_.empty()) {
      const auto left = timers_.front()->when - clock::now();
      if (left <= clock::duration::zero()) return;
      // Rounded up: waking early would only spin.
      timeout_ms = static_cast<int>(std::chrono::ceil<std::chrono::milliseconds>(left).count());
    }
    if (io_waits_ == 0) {
      const auto left = timers_.front()->when - clock::now();
      timespec t{static_cast<time_t>(std::chrono::duration_cast<std::chrono::seconds>(left).count()),
                 static_cast<long>((left % std::chrono::seconds(1)) / std::chrono::nanoseconds(1))};
      if (t.tv_sec >= 0 && t.tv_nsec >= 0) ::nanosleep(&t, nullptr);
      return;
    }
    epoll_event events[32];
    const int n = ::epoll_wait(epoll_fd_, events, 32, timeout_ms);
    for (int i = 0; i < n; ++i) {
      auto& w = *static_cast<detail::io_wait*>(events[i].data.ptr);
      cancel_io(w);  // one-shot: the descriptor may be waited on again, or closed
      ready_.push_back(w.waiter);
    }
  }

  void fire_due_timers() {
    const auto now = clock::now();
    while (!timers_.empty() && timers_.front()->when <= now) {
      detail::timer_wait& t = *timers_.front();
      cancel_timer(t);
      t.fire(t);
    }
  }

  bool earlier(std::size_t a, std::size_t b) const { return timers_[a]->when < timers_[b]->when; }
  void swap_entries(std::size_t a, std::size_t b) {
    std::swap(timers_[a], timers_[b]);
    timers_[a]->heap_index = a;
    timers_[b]->heap_index = b;
  }
  void sift_up(std::size_t i) {
    while (i > 0 && earlier(i, (i - 1) / 2)) {
      swap_entries(i, (i - 1) / 2);
      i = (i - 1) / 2;
    }
  }
  void sift_down(std::size_t i) {
    for (;;) {
      std::size_t smallest = i;
      for (std::size_t child : {2 * i + 1, 2 * i + 2})
        if (child < timers_.size() && earlier(child, smallest)) smallest = child;
      if (smallest == i) return;
      swap_entries(i, smallest);
      i = smallest;
    }
  }

  int epoll_fd_ = -1;
  std::size_t io_waits_ = 0;
  static constexpr std::size_t initial_capacity = 16;
  std::vector<std::coroutine_handle<>> ready_, running_;
  std::vector<detail::timer_wait*> timers_;  // a min-heap on `when`
};

namespace detail {

// Ends a wait when its task's stop token fires: withdraws it and resumes the waiter from the
// loop, which then throws operation_cancelled.
template <class Wait>
struct cancel_wait {
  Wait* wait;
  void operator()() const noexcept { wait->cancel(); }
};

template <class Promise>
const std::stop_token* stop_token_of(std::coroutine_handle<Promise> h) noexcept {
  if constexpr (std::is_base_of_v<coroutine_state, Promise>)
    return h.promise().stop;
  else
    return nullptr;
}

// The common part of the timer and fd awaiters: the loop, the stop callback, the outcome.
template <class Derived>
class cancellable_wait {
public:
  cancellable_wait() = default;
  cancellable_wait(const cancellable_wait&) = delete;
  cancellable_wait& operator=(const cancellable_wait&) = delete;
  ~cancellable_wait() { stop_callback_.reset(); }

  // Resumes immediately (false) when the stop token has already fired.
  template <class Promise>
  bool await_suspend(std::coroutine_handle<Promise> h) {
    loop_ = &scheduler::current_or_throw();
    const std::stop_token* stop = stop_token_of(h);
    if (stop && stop->stop_requested()) {
      cancelled_ = true;
      return false;
    }
    static_cast<Derived*>(this)->arm(*loop_, h);
    if (stop && stop->stop_possible()) stop_callback_.emplace(*stop, cancel_wait<Derived>{static_cast<Derived*>(this)});
    return true;
  }

  void cancel() noexcept {
    if (cancelled_) return;
    cancelled_ = true;
    static_cast<Derived*>(this)->disarm(*loop_);
    loop_->schedule(static_cast<Derived*>(this)->waiter());
  }

protected:
  void finish(const char* what) {
    stop_callback_.reset();
    if (cancelled_) throw operation_cancelled(what);
  }
  scheduler* loop_ = nullptr;
  bool cancelled_ = false;

private:
  std::optional<std::stop_callback<cancel_wait<Derived>>> stop_callback_;
};

class sleep_awaiter : public cancellable_wait<sleep_awaiter> {
public:
  explicit sleep_awaiter(std::chrono::steady_clock::time_point when) { timer_.when = when; }
  ~sleep_awaiter() {
    if (loop_ && !cancelled_) loop_->cancel_timer(timer_);  // a frame destroyed mid-sleep
  }
  bool await_ready() const noexcept { return false; }
  void await_resume() { finish("lambda_coro::sleep: cancelled by the task's stop token"); }

  void arm(scheduler& loop, std::coroutine_handle<> h) {
    timer_.waiter = h;
    loop.start_timer(timer_);
  }
  void disarm(scheduler& loop) noexcept { loop.cancel_timer(timer_); }
  std::coroutine_handle<> waiter() const noexcept { return timer_.waiter; }

private:
  timer_wait timer_;
};

class io_awaiter : public cancellable_wait<io_awaiter> {
public:
  io_awaiter(int fd, bool writable) {
    if (fd < 0) throw_usage_error("lambda_coro: waiting on an invalid file descriptor");
    wait_.fd = fd;
    wait_.writable = writable;
  }
  ~io_awaiter() {
    if (loop_ && wait_.armed) loop_->cancel_io(wait_);
  }
  bool await_ready() const noexcept { return false; }
  void await_resume() { finish("lambda_coro::wait_readable/wait_writable: cancelled by the task's stop token"); }

  void arm(scheduler& loop, std::coroutine_handle<> h) {
    wait_.waiter = h;
    loop.start_io(wait_);
  }
  void disarm(scheduler& loop) noexcept { loop.cancel_io(wait_); }
  std::coroutine_handle<> waiter() const noexcept { return wait_.waiter; }

private:
  io_wait wait_;
};

}  // namespace detail

// Suspends the awaiting task for `duration` (at least), letting others run. Throws
// operation_cancelled when the task's stop token fires first.
template <class Rep, class Period>
[[nodiscard]] detail::sleep_awaiter sleep_for(std::chrono::duration<Rep, Period> duration) {
  return detail::sleep_awaiter(std::chrono::steady_clock::now() +
                               std::chrono::ceil<std::chrono::steady_clock::duration>(duration));
}
[[nodiscard]] inline detail::sleep_awaiter sleep_until(std::chrono::steady_clock::time_point when) {
  return detail::sleep_awaiter(when);
}

// Suspends until `fd` (non-blocking, owned by the caller) is readable or writable: the hook
// for driving any non-blocking client library from a handler. One wait per fd at a time.
[[nodiscard]] inline detail::io_awaiter wait_readable(int fd) { return detail::io_awaiter(fd, false); }
[[nodiscard]] inline detail::io_awaiter wait_writable(int fd) { return detail::io_awaiter(fd, true); }

LAMBDA_CORO_END_NAMESPACE
#endif  // LAMBDA_CORO_CORO_LOOP_HPP_INCLUDED
