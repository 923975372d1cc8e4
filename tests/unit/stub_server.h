/* Test support: a canned-response HTTP/1.1 server on 127.0.0.1 running in a
 * thread, and a fixture building the ionapi/http/oauth/M3 client against it.
 *
 * The server answers the requests in the order they arrive with the
 * scripted responses (an unscripted request gets 500 "unexpected request")
 * and records every request (head and body). It serves any number of
 * connections side by side: libcurl keeps idle connections open while M3
 * writes go out on a fresh connection each (isync_http_request_once), so a
 * server waiting on one connection at a time would deadlock. */
#ifndef ISYNC_STUB_SERVER_H
#define ISYNC_STUB_SERVER_H

#include <pthread.h>

#include "infor/http.h"
#include "infor/ionapi.h"
#include "infor/m3.h"
#include "infor/oauth.h"

/* status of a canned response that reads the request and closes the
 * connection without answering (a lost answer) */
#define STUB_LOSE_ANSWER (-1)

typedef struct {
    int status;
    const char *headers; /* extra header lines, each ending in \r\n */
    const char *body;
    int delay_ms;        /* wait before answering */
} canned_response;

#define MAX_EXCHANGES 16
#define STUB_REQUEST_SIZE 8192

typedef struct {
    int running;
    int listen_fd;
    int wake_fd[2];      /* stop_server -> server thread */
    int port;
    pthread_t thread;
    pthread_mutex_t lock;
    canned_response responses[MAX_EXCHANGES];
    int response_count;
    char requests[MAX_EXCHANGES][STUB_REQUEST_SIZE];
    int request_count;   /* requests recorded (at most MAX_EXCHANGES) */
    int connections;     /* connections accepted */
} stub_server;

/* The one server of a test binary; read its fields after stop_server. */
extern stub_server server;

/* Starts the server with a script of count responses (count <= MAX_EXCHANGES). */
void start_server(const canned_response *responses, int count);
/* Stops the thread and closes every connection; idempotent. */
void stop_server(void);
/* cmocka teardown: runs even when an assertion failed half-way through a test. */
int teardown_server(void **state);

int starts_with(const char *s, const char *prefix);

typedef struct {
    isync_ionapi cred;
    isync_http *http; /* M3 calls */
    isync_http *token_http; /* token requests (oauth.h: a handle of its own) */
    isync_oauth *oauth;
    isync_m3_client *client;
} fixture;

/* Whole-request timeout of the next fixture_open (default 5000 ms). */
extern long request_timeout_ms;

/* Client of tenant "TEN" against http://127.0.0.1:port (token at /TEN/as/token.oauth2). */
void fixture_open(fixture *f, int port, isync_grant grant);
void fixture_close(fixture *f);

#endif
