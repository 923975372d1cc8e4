#include "unit.h"

#include "stub_server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_CONNECTIONS 32

stub_server server;
long request_timeout_ms = 5000;

static size_t content_length(const char *head)
{
    const char *found = strcasestr(head, "\r\nContent-Length:");
    return found ? strtoul(found + 17, NULL, 10) : 0;
}

/* Reads one request into buf; 0 when the client closed the connection. */
static int read_request(int fd, char *buf, size_t size)
{
    size_t used = 0;
    char *head_end = NULL;

    while (!head_end || used < (size_t)(head_end + 4 - buf) + content_length(buf)) {
        if (used + 1 >= size) {
            return 0;
        }
        ssize_t got = recv(fd, buf + used, size - used - 1, 0);
        if (got <= 0) {
            return 0;
        }
        used += (size_t)got;
        buf[used] = '\0';
        if (!head_end) {
            head_end = strstr(buf, "\r\n\r\n");
        }
    }
    return 1;
}

static void send_response(int fd, const canned_response *canned)
{
    char head[512];
    int len = snprintf(head, sizeof head, "HTTP/1.1 %d Canned\r\nContent-Length: %zu\r\n%s\r\n",
                       canned->status, strlen(canned->body), canned->headers ? canned->headers : "");
    if (canned->delay_ms) {
        usleep((useconds_t)canned->delay_ms * 1000);
    }
    send(fd, head, (size_t)len, MSG_NOSIGNAL);
    send(fd, canned->body, strlen(canned->body), MSG_NOSIGNAL);
}

/* Answers the request waiting on fd; 0 when the client closed the connection. */
static int serve_request(int fd)
{
    static const canned_response unexpected = { 500, NULL, "unexpected request", 0 };
    char buf[STUB_REQUEST_SIZE];

    if (!read_request(fd, buf, sizeof buf)) {
        return 0;
    }
    pthread_mutex_lock(&server.lock);
    int index = server.request_count;
    if (index < MAX_EXCHANGES) {
        snprintf(server.requests[index], sizeof server.requests[index], "%s", buf);
        server.request_count++;
    }
    canned_response canned = index < server.response_count ? server.responses[index] : unexpected;
    pthread_mutex_unlock(&server.lock);
    if (canned.status == STUB_LOSE_ANSWER) {
        return 0; /* the caller closes the connection: the request was read, its answer is lost */
    }
    send_response(fd, &canned);
    return 1;
}

/* One thread, every connection polled: the client sends one request at a
 * time, on whichever of its connections it picks (a kept-alive one, or a
 * fresh one while the others stay open and idle). */
static void *server_main(void *arg)
{
    (void)arg;
    int conns[MAX_CONNECTIONS];
    int conn_count = 0;
    struct pollfd fds[2 + MAX_CONNECTIONS];

    for (;;) {
        fds[0] = (struct pollfd){ .fd = server.wake_fd[0], .events = POLLIN };
        /* when full, connections wait in the backlog until one closes */
        fds[1] = (struct pollfd){ .fd = conn_count < MAX_CONNECTIONS ? server.listen_fd : -1,
                                  .events = POLLIN };
        for (int i = 0; i < conn_count; i++) {
            fds[2 + i] = (struct pollfd){ .fd = conns[i], .events = POLLIN };
        }
        int polled = conn_count;
        if (poll(fds, (nfds_t)(2 + polled), -1) < 0) {
            if (errno == EINTR) {
                continue;
            }
            break;
        }
        if (fds[0].revents) {
            break; /* stop_server */
        }
        int kept = 0;
        for (int i = 0; i < polled; i++) {
            if (fds[2 + i].revents && !serve_request(conns[i])) {
                close(conns[i]);
                continue;
            }
            conns[kept++] = conns[i];
        }
        conn_count = kept;
        if (fds[1].revents & POLLIN) {
            int fd = accept4(server.listen_fd, NULL, NULL, SOCK_CLOEXEC);
            if (fd >= 0) {
                pthread_mutex_lock(&server.lock);
                server.connections++;
                pthread_mutex_unlock(&server.lock);
                conns[conn_count++] = fd;
            }
        }
    }
    for (int i = 0; i < conn_count; i++) {
        close(conns[i]);
    }
    return NULL;
}

void start_server(const canned_response *responses, int count)
{
    struct sockaddr_in addr = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    socklen_t addr_len = sizeof addr;

    memset(&server, 0, sizeof server);
    pthread_mutex_init(&server.lock, NULL);
    assert_true(count <= MAX_EXCHANGES);
    if (count > 0) {
        memcpy(server.responses, responses, sizeof *responses * (size_t)count);
    }
    server.response_count = count;
    assert_int_equal(pipe2(server.wake_fd, O_CLOEXEC), 0);
    server.listen_fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    assert_true(server.listen_fd >= 0);
    assert_int_equal(bind(server.listen_fd, (struct sockaddr *)&addr, sizeof addr), 0);
    assert_int_equal(listen(server.listen_fd, 16), 0);
    assert_int_equal(getsockname(server.listen_fd, (struct sockaddr *)&addr, &addr_len), 0);
    server.port = ntohs(addr.sin_port);
    assert_int_equal(pthread_create(&server.thread, NULL, server_main, NULL), 0);
    server.running = 1;
}

void stop_server(void)
{
    if (!server.running) {
        return;
    }
    server.running = 0;
    while (write(server.wake_fd[1], "x", 1) < 0 && errno == EINTR) {
    }
    pthread_join(server.thread, NULL);
    close(server.listen_fd);
    close(server.wake_fd[0]);
    close(server.wake_fd[1]);
    pthread_mutex_destroy(&server.lock);
}

int teardown_server(void **state)
{
    (void)state;
    stop_server();
    return 0;
}

int starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

void fixture_open(fixture *f, int port, isync_grant grant)
{
    char iu[64];
    char pu[64];
    isync_http_options options = { .connect_timeout_ms = 1000, .request_timeout_ms = request_timeout_ms,
                                   .verify_tls = 1, .ca_file = NULL };

    snprintf(iu, sizeof iu, "http://127.0.0.1:%d", port);
    snprintf(pu, sizeof pu, "http://127.0.0.1:%d/TEN/as/", port);
    memset(f, 0, sizeof *f);
    f->cred.ti = strdup("TEN");
    f->cred.ci = strdup("TEN~app");
    f->cred.cs = strdup("client-secret");
    f->cred.iu = strdup(iu);
    f->cred.pu = strdup(pu);
    f->cred.ot = strdup("token.oauth2");
    f->cred.grant = grant;
    if (grant == ISYNC_GRANT_PASSWORD) {
        f->cred.saak = strdup("TEN#key");
        f->cred.sask = strdup("svc secret&=");
    }
    assert_int_equal(isync_http_global_init(), 0);
    f->http = isync_http_new(&options);
    f->token_http = isync_http_new(&options);
    f->oauth = isync_oauth_new(&f->cred, f->token_http);
    f->client = isync_m3_client_new(&f->cred, f->http, f->oauth);
    assert_non_null(f->client);
}

void fixture_close(fixture *f)
{
    isync_m3_client_free(f->client);
    isync_oauth_free(f->oauth);
    isync_http_free(f->http);
    isync_http_free(f->token_http);
    isync_ionapi_free(&f->cred);
}
