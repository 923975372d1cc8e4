#include "infor/http.h"

#include "infor/backoff.h"

#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>

/* Answers from Infor are small; anything bigger is a misbehaving peer. */
#define MAX_BODY_BYTES (32L * 1024 * 1024)

struct isync_http {
    CURL *curl;
    isync_http_options options;
    char *ca_file;
    char curl_error[CURL_ERROR_SIZE];
    int sends; /* times libcurl sent this request's head (on_debug) */
};

static pthread_once_t global_once = PTHREAD_ONCE_INIT;
static CURLcode global_result = CURLE_FAILED_INIT;

static void global_init_once(void)
{
    global_result = curl_global_init(CURL_GLOBAL_DEFAULT);
}

int isync_http_global_init(void)
{
    pthread_once(&global_once, global_init_once);
    return global_result == CURLE_OK ? 0 : -1;
}

isync_http *isync_http_new(const isync_http_options *options)
{
    isync_http *http = calloc(1, sizeof *http);
    if (!http) {
        return NULL;
    }
    http->options = *options;
    if (options->ca_file && *options->ca_file) {
        http->ca_file = strdup(options->ca_file);
        if (!http->ca_file) {
            free(http);
            return NULL;
        }
    }
    http->options.ca_file = http->ca_file;
    http->curl = curl_easy_init();
    if (!http->curl) {
        free(http->ca_file);
        free(http);
        return NULL;
    }
    return http;
}

void isync_http_free(isync_http *http)
{
    if (!http) {
        return;
    }
    if (http->curl) {
        curl_easy_cleanup(http->curl);
    }
    free(http->ca_file);
    free(http);
}

void isync_http_response_clear(isync_http_response *resp)
{
    free(resp->body);
    memset(resp, 0, sizeof *resp);
    resp->retry_after_s = -1;
}

static size_t on_body(char *data, size_t size, size_t nmemb, void *userdata)
{
    isync_http_response *resp = userdata;
    size_t chunk = size * nmemb;

    if (resp->body_len + chunk > (size_t)MAX_BODY_BYTES) {
        return 0; /* makes curl fail with CURLE_WRITE_ERROR */
    }
    char *grown = realloc(resp->body, resp->body_len + chunk + 1);
    if (!grown) {
        return 0;
    }
    memcpy(grown + resp->body_len, data, chunk);
    resp->body = grown;
    resp->body_len += chunk;
    resp->body[resp->body_len] = '\0';
    return chunk;
}

/* Seconds or an HTTP date; capped at ISYNC_RETRY_AFTER_MAX_S (strtol
 * saturates a huge number at LONG_MAX, which the cap brings down). */
static long parse_retry_after(const char *value)
{
    char *end;
    long seconds = strtol(value, &end, 10);

    if (end != value && (*end == '\0' || isspace((unsigned char)*end))) {
        return isync_retry_after_capped(seconds < 0 ? 0 : seconds);
    }
    time_t when = curl_getdate(value, NULL);
    if (when == -1) {
        return -1;
    }
    time_t now = time(NULL);
    return isync_retry_after_capped(when > now ? (long)(when - now) : 0);
}

static size_t on_header(char *data, size_t size, size_t nmemb, void *userdata)
{
    isync_http_response *resp = userdata;
    size_t len = size * nmemb;
    static const char name[] = "Retry-After:";
    const size_t name_len = sizeof name - 1;
    char value[128];

    /* A new status line starts a new header block (after 100 Continue). */
    if (len >= 5 && strncmp(data, "HTTP/", 5) == 0) {
        resp->retry_after_s = -1;
        return len;
    }
    if (len <= name_len || strncasecmp(data, name, name_len) != 0) {
        return len;
    }
    size_t start = name_len;
    while (start < len && (data[start] == ' ' || data[start] == '\t')) {
        start++;
    }
    size_t end = len;
    while (end > start && isspace((unsigned char)data[end - 1])) {
        end--;
    }
    size_t value_len = end - start;
    if (value_len == 0 || value_len >= sizeof value) {
        return len;
    }
    memcpy(value, data + start, value_len);
    value[value_len] = '\0';
    resp->retry_after_s = parse_retry_after(value);
    return len;
}

/* Shutdown aborts a transfer in flight instead of waiting for its timeout;
 * curl calls this at least once a second. */
static int on_progress(void *userdata, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow)
{
    const atomic_bool *abort_flag = userdata;
    (void)dltotal;
    (void)dlnow;
    (void)ultotal;
    (void)ulnow;
    return abort_flag && *abort_flag ? 1 : 0;
}

/* libcurl re-sends a request on a fresh connection when a reused one died
 * before any byte of the answer came back (lib/transfer.c,
 * Curl_retry_request), and tells nobody. Every send of the request head is
 * shown to the debug callback as CURLINFO_HEADER_OUT: counting them makes
 * the re-send visible. */
static int on_debug(CURL *curl, curl_infotype type, char *data, size_t size, void *userdata)
{
    isync_http *http = userdata;
    (void)curl;
    (void)data;
    (void)size;
    if (type == CURLINFO_HEADER_OUT) {
        http->sends++;
    }
    return 0;
}

static struct curl_slist *build_headers(const char *const *headers)
{
    struct curl_slist *list = NULL;
    struct curl_slist *grown;

    if (headers) {
        for (size_t i = 0; headers[i]; i++) {
            grown = curl_slist_append(list, headers[i]);
            if (!grown) {
                curl_slist_free_all(list);
                return NULL;
            }
            list = grown;
        }
    }
    /* No "Expect: 100-continue" round trip for larger POST bodies. */
    grown = curl_slist_append(list, "Expect:");
    if (!grown) {
        curl_slist_free_all(list);
        return NULL;
    }
    return grown;
}

static CURLcode set_options(isync_http *http, const char *method, const char *url, struct curl_slist *header_list,
                            const char *body, size_t body_len, isync_http_response *resp)
{
    CURL *curl = http->curl;
    CURLcode rc = CURLE_OK;

    /* curl_easy_reset keeps the connection, DNS and TLS session caches. */
    curl_easy_reset(curl);
#define SET(opt, val)                                                                                                  \
    if (rc == CURLE_OK)                                                                                                \
    rc = curl_easy_setopt(curl, opt, val)
    SET(CURLOPT_URL, url);
    SET(CURLOPT_NOSIGNAL, 1L);
    SET(CURLOPT_PROTOCOLS_STR, "https,http");
    SET(CURLOPT_REDIR_PROTOCOLS_STR, "https,http");
    SET(CURLOPT_CONNECTTIMEOUT_MS, http->options.connect_timeout_ms);
    SET(CURLOPT_TIMEOUT_MS, http->options.request_timeout_ms);
    SET(CURLOPT_SSLVERSION, (long)CURL_SSLVERSION_TLSv1_2);
    SET(CURLOPT_SSL_VERIFYPEER, http->options.verify_tls ? 1L : 0L);
    SET(CURLOPT_SSL_VERIFYHOST, http->options.verify_tls ? 2L : 0L);
    if (http->ca_file) {
        SET(CURLOPT_CAINFO, http->ca_file);
    }
    SET(CURLOPT_TCP_KEEPALIVE, 1L);
    SET(CURLOPT_DEBUGFUNCTION, on_debug);
    SET(CURLOPT_DEBUGDATA, http);
    SET(CURLOPT_VERBOSE, 1L); /* only feeds on_debug: nothing is printed */
    SET(CURLOPT_ERRORBUFFER, http->curl_error);
    SET(CURLOPT_HTTPHEADER, header_list);
    SET(CURLOPT_WRITEFUNCTION, on_body);
    SET(CURLOPT_WRITEDATA, resp);
    SET(CURLOPT_HEADERFUNCTION, on_header);
    SET(CURLOPT_HEADERDATA, resp);
    if (http->options.abort_flag) {
        SET(CURLOPT_XFERINFOFUNCTION, on_progress);
        SET(CURLOPT_XFERINFODATA, (void *)http->options.abort_flag);
        SET(CURLOPT_NOPROGRESS, 0L);
    }
    if (strcmp(method, "GET") == 0) {
        SET(CURLOPT_HTTPGET, 1L);
    } else {
        if (strcmp(method, "POST") == 0) {
            SET(CURLOPT_POST, 1L);
        } else {
            SET(CURLOPT_CUSTOMREQUEST, method);
        }
        SET(CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)(body ? body_len : 0));
        SET(CURLOPT_POSTFIELDS, body ? body : "");
    }
#undef SET
    return rc;
}

/* A failed transfer can leave the handle in a state we cannot see; start afresh. */
static void rebuild_handle(isync_http *http)
{
    if (http->curl) {
        curl_easy_cleanup(http->curl);
    }
    http->curl = curl_easy_init();
}

isync_status isync_http_request(isync_http *http, const char *method, const char *url, const char *const *headers,
                                const char *body, size_t body_len, isync_http_response *resp, isync_error *err)
{
    memset(resp, 0, sizeof *resp);
    resp->retry_after_s = -1;

    if (!http->curl) {
        rebuild_handle(http);
        if (!http->curl) {
            snprintf(resp->error, sizeof resp->error, "cannot create a curl handle");
            return isync_fail(err, ISYNC_ERR_NOMEM, 0, "HTTP %s: cannot create a curl handle", method);
        }
    }
    struct curl_slist *header_list = build_headers(headers);
    if (!header_list) {
        return isync_fail(err, ISYNC_ERR_NOMEM, 0, "HTTP %s: out of memory", method);
    }
    http->curl_error[0] = '\0';
    http->sends = 0;
    CURLcode rc = set_options(http, method, url, header_list, body, body_len, resp);
    if (rc == CURLE_OK) {
        rc = curl_easy_perform(http->curl);
    }
    curl_easy_getinfo(http->curl, CURLINFO_RESPONSE_CODE, &resp->status);
    /* The error buffer must not outlive this call. */
    curl_easy_setopt(http->curl, CURLOPT_ERRORBUFFER, NULL);
    curl_easy_setopt(http->curl, CURLOPT_HTTPHEADER, NULL);
    curl_slist_free_all(header_list);

    resp->sends = http->sends;
    if (rc == CURLE_OK) {
        return ISYNC_OK;
    }
    snprintf(resp->error, sizeof resp->error, "%s", http->curl_error[0] ? http->curl_error : curl_easy_strerror(rc));
    resp->timed_out = (rc == CURLE_OPERATION_TIMEDOUT);
    rebuild_handle(http);
    return isync_fail(err, ISYNC_ERR_HTTP, 0, "HTTP %s failed: %s", method, resp->error);
}

isync_status isync_http_request_once(isync_http *http, const char *method, const char *url, const char *const *headers,
                                     const char *body, size_t body_len, isync_http_response *resp, isync_error *err)
{
    isync_status st = isync_http_request(http, method, url, headers, body, body_len, resp, err);
    if (st == ISYNC_OK && resp->sends > 1) {
        long status = resp->status;
        free(resp->body);
        resp->body = NULL;
        resp->body_len = 0;
        resp->status = 0;
        snprintf(resp->error, sizeof resp->error,
                 "the connection died under the request and it was sent %d times (HTTP %ld to the last): whether "
                 "it ran is not known",
                 resp->sends, status);
        return isync_fail(err, ISYNC_ERR_HTTP, 0, "HTTP %s: %s", method, resp->error);
    }
    return st;
}

char *isync_http_escape(const char *s)
{
    if (!s) {
        return NULL;
    }
    /* Since curl 7.82 the handle argument is ignored. */
    char *escaped = curl_easy_escape(NULL, s, (int)strlen(s));
    if (!escaped) {
        return NULL;
    }
    char *copy = strdup(escaped);
    curl_free(escaped);
    return copy;
}
