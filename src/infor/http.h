/* One reusable libcurl easy handle: keeps the connection to Infor alive
 * between requests. TLS 1.2+ with peer and host verification unless the
 * admin turned verification off. Not thread-safe: one per worker thread. */
#ifndef ISYNC_HTTP_H
#define ISYNC_HTTP_H

#include <stdatomic.h>
#include <stddef.h>

#include "base/error.h"

typedef struct {
    long connect_timeout_ms;
    long request_timeout_ms; /* whole request, connect included */
    int verify_tls; /* 1: verify peer and host (default) */
    const char *ca_file; /* NULL or "": the system's CA store */
    const atomic_bool *abort_flag; /* NULL, or: transfers abort soon after *abort_flag
                                       becomes non-zero (shutdown; via the progress callback) */
} isync_http_options;

typedef struct {
    long status; /* HTTP status; 0 when no response arrived */
    char *body; /* NUL-terminated, malloc'ed; NULL if none */
    size_t body_len;
    long retry_after_s; /* Retry-After in seconds; -1 when absent */
    int timed_out; /* 1 when the transfer hit a timeout */
    int sends; /* how often the request went out: more than 1 when libcurl re-sent
                  it after a kept-alive connection died without an answer */
    char error[256]; /* curl's error text on transport failure */
} isync_http_response;

typedef struct isync_http isync_http;

/* Copies the options (strings included). NULL on allocation failure. */
isync_http *isync_http_new(const isync_http_options *options);
void isync_http_free(isync_http *http);

/* headers: NULL-terminated list of "Name: value" lines, may be NULL.
 * body may be NULL for GET. Returns ISYNC_OK when an HTTP response arrived
 * (whatever its status), ISYNC_ERR_HTTP on transport failure (connect,
 * TLS, timeout, reset) with resp->error and err set. The handle is rebuilt
 * after a transport failure. */
isync_status isync_http_request(isync_http *http, const char *method, const char *url, const char *const *headers,
                                const char *body, size_t body_len, isync_http_response *resp, isync_error *err);

/* The same for a request that must not run twice (it changes data), on the
 * kept-alive connection too. When that connection dies with no byte of an
 * answer, libcurl silently sends the request again on a fresh one, and the
 * server may have run it already: then this returns ISYNC_ERR_HTTP with no
 * status ("whether it ran is not known"), like a lost answer, whatever the
 * second send got. The caller's resume logic (asking Infor what exists)
 * settles it. docs/architecture.md#kept-alive-writes has the reasoning. */
isync_status isync_http_request_once(isync_http *http, const char *method, const char *url, const char *const *headers,
                                     const char *body, size_t body_len, isync_http_response *resp, isync_error *err);

void isync_http_response_clear(isync_http_response *resp);

/* Form/URL-encodes s (RFC 3986 unreserved kept). malloc'ed result. */
char *isync_http_escape(const char *s);

/* Call once per process before any thread uses curl (curl_global_init). */
int isync_http_global_init(void);

#endif
