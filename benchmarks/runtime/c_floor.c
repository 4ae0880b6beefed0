/* The floor for runtime benchmarks: the smallest honest Lambda runtime in C. One socket,
 * GET /next, echo the event back with POST /response, forever. No error handling beyond
 * exiting: it measures what the Runtime API loop itself costs, nothing more. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static char *buf;
static size_t cap = 1 << 16;

static void die(const char *what) {
  perror(what);
  exit(1);
}

static void send_all(int fd, const char *p, size_t n) {
  while (n > 0) {
    ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
    if (w <= 0) die("send");
    p += w;
    n -= (size_t)w;
  }
}

/* Reads one response; returns the body length, sets *body and copies the request id. */
static size_t read_response(int fd, char **body, char *request_id, size_t id_cap) {
  size_t used = 0, head = 0, length = 0;
  for (;;) {
    if (used == cap) buf = realloc(buf, cap *= 2);
    ssize_t r = recv(fd, buf + used, cap - used, 0);
    if (r <= 0) die("recv");
    used += (size_t)r;
    char *end = memmem(buf, used, "\r\n\r\n", 4);
    if (end) {
      head = (size_t)(end - buf) + 4;
      break;
    }
  }
  for (char *line = buf; line < buf + head; line = strstr(line, "\r\n") + 2) {
    if (strncasecmp(line, "Content-Length:", 15) == 0) length = strtoul(line + 15, NULL, 10);
    if (strncasecmp(line, "Lambda-Runtime-Aws-Request-Id:", 30) == 0) {
      const char *v = line + 30;
      while (*v == ' ') v++;
      size_t n = strcspn(v, "\r");
      if (n >= id_cap) n = id_cap - 1;
      memcpy(request_id, v, n);
      request_id[n] = 0;
    }
  }
  while (cap < head + length) buf = realloc(buf, cap *= 2);
  while (used < head + length) {
    ssize_t r = recv(fd, buf + used, head + length - used, 0);
    if (r <= 0) die("recv");
    used += (size_t)r;
  }
  *body = buf + head;
  return length;
}

int main(void) {
  const char *api = getenv("AWS_LAMBDA_RUNTIME_API");
  if (!api) return 2;
  char host[64];
  const char *colon = strrchr(api, ':');
  snprintf(host, sizeof host, "%.*s", (int)(colon - api), api);
  struct sockaddr_in addr = {0};
  addr.sin_family = AF_INET;
  addr.sin_port = htons((unsigned short)atoi(colon + 1));
  inet_pton(AF_INET, host, &addr.sin_addr);
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  if (connect(fd, (struct sockaddr *)&addr, sizeof addr) != 0) die("connect");
  buf = malloc(cap);
  char head[512], id[128], *body;
  for (;;) {
    static const char next[] = "GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: x\r\n\r\n";
    send_all(fd, next, sizeof next - 1);
    size_t n = read_response(fd, &body, id, sizeof id);
    char *event = malloc(n + 1);
    memcpy(event, body, n);
    int h = snprintf(head, sizeof head,
                     "POST /2018-06-01/runtime/invocation/%s/response HTTP/1.1\r\nHost: x\r\nContent-Length: %zu\r\n\r\n",
                     id, n);
    struct iovec parts[2] = {{head, (size_t)h}, {event, n}};
    struct msghdr msg = {0};
    msg.msg_iov = parts;
    msg.msg_iovlen = 2;
    size_t total = (size_t)h + n, sent = 0;
    while (sent < total) {
      ssize_t w = sendmsg(fd, &msg, MSG_NOSIGNAL);
      if (w <= 0) die("sendmsg");
      sent += (size_t)w;
      while (w > 0 && msg.msg_iovlen > 0) {
        if ((size_t)w >= msg.msg_iov->iov_len) {
          w -= (ssize_t)msg.msg_iov->iov_len;
          msg.msg_iov++;
          msg.msg_iovlen--;
        } else {
          msg.msg_iov->iov_base = (char *)msg.msg_iov->iov_base + w;
          msg.msg_iov->iov_len -= (size_t)w;
          w = 0;
        }
      }
    }
    free(event);
    read_response(fd, &body, id, sizeof id);
  }
}
