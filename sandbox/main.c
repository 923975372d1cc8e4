/*
 * infor-sandbox: a local stand-in for an Infor CloudSuite tenant (ION API gateway, OAuth 2.0
 * authorization server, M3 MI REST v2 for OIS100MI) with a control API for tests.
 * See sandbox/README.md.
 */
#include <arpa/inet.h>
#include <getopt.h>
#include <malloc.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <microhttpd.h>

#include "control.h"
#include "creds.h"
#include "faults.h"
#include "gate.h"
#include "http.h"
#include "m3.h"
#include "oauth.h"
#include "rates.h"
#include "state.h"
#include "stats.h"
#include "tls_cert.h"
#include "util.h"

struct options {
    const char *dir, *host, *metadata, *tenant, *cert, *key;
    int port;
    long token_ttl;
    int quiet;
    struct gate_settings gate;
};

static const char *tenant;

static void usage(void)
{
    fprintf(stderr,
            "usage: infor-sandbox --dir DIR [--host 127.0.0.1] [--port 0]\n"
            "                     [--metadata metadata/m3-transactions.json] [--tenant TEN_SANDBOX]\n"
            "                     [--token-ttl 7200] [--cert FILE --key FILE] [--quiet]\n"
            "                     [--latency-ms 0] [--jitter-ms 0] [--max-concurrent 0] [--retry-after 1]\n");
}

/* A whole number from 0 to max into *out; -1 otherwise. */
static int whole_number(const char *s, int max, int *out)
{
    char *end;
    long v = strtol(s, &end, 10);

    if (end == s || *end || v < 0 || v > max)
        return -1;
    *out = (int)v;
    return 0;
}

/* The options of the gate (gate.h): 0, or -1 for a value out of its range. */
static int gate_option(int ch, const char *arg, struct gate_settings *g)
{
    switch (ch) {
    case 'L': return whole_number(arg, GATE_MAX_MS, &g->latency_ms);
    case 'J': return whole_number(arg, GATE_MAX_MS, &g->jitter_ms);
    case 'C': return whole_number(arg, GATE_MAX_CONCURRENT, &g->max_concurrent);
    case 'R': return whole_number(arg, GATE_MAX_RETRY_AFTER, &g->retry_after);
    default: return -1;
    }
}

static int parse_options(int argc, char **argv, struct options *o)
{
    /* clang-format off */
    static const struct option longopts[] = {
        {"dir", required_argument, NULL, 'd'},    {"host", required_argument, NULL, 'h'},
        {"port", required_argument, NULL, 'p'},   {"metadata", required_argument, NULL, 'm'},
        {"tenant", required_argument, NULL, 't'}, {"token-ttl", required_argument, NULL, 'T'},
        {"cert", required_argument, NULL, 'c'},   {"key", required_argument, NULL, 'k'},
        {"quiet", no_argument, NULL, 'q'},        {"latency-ms", required_argument, NULL, 'L'},
        {"jitter-ms", required_argument, NULL, 'J'}, {"max-concurrent", required_argument, NULL, 'C'},
        {"retry-after", required_argument, NULL, 'R'}, {NULL, 0, NULL, 0},
    };
    /* clang-format on */
    int ch;

    *o = (struct options){.host = "127.0.0.1",
                          .metadata = "metadata/m3-transactions.json",
                          .tenant = "TEN_SANDBOX",
                          .token_ttl = 7200,
                          .gate = {.retry_after = 1}};
    while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (ch) {
        case 'd': o->dir = optarg; break;
        case 'h': o->host = optarg; break;
        case 'p': o->port = atoi(optarg); break;
        case 'm': o->metadata = optarg; break;
        case 't': o->tenant = optarg; break;
        case 'T': o->token_ttl = atol(optarg); break;
        case 'c': o->cert = optarg; break;
        case 'k': o->key = optarg; break;
        case 'q': o->quiet = 1; break;
        default:
            if (gate_option(ch, optarg, &o->gate) != 0)
                return -1;
        }
    }
    if (!o->dir || optind != argc || o->port < 0 || o->port > 65535 || o->token_ttl <= 0 || !*o->tenant ||
        strchr(o->tenant, '/') || (!o->cert != !o->key))
        return -1;
    return 0;
}

/* The path after "/{ti}/", or NULL when the path is not under the tenant. */
static const char *tenant_sub(const char *path)
{
    size_t tl = strlen(tenant);

    if (path[0] != '/' || strncmp(path + 1, tenant, tl) != 0 || path[tl + 1] != '/')
        return NULL;
    return path + tl + 2;
}

/* The path after "/{ti}/M3/", or NULL. */
static const char *m3_sub(const char *path)
{
    const char *sub = tenant_sub(path);

    return sub && !strncmp(sub, "M3/", 3) ? sub + 3 : NULL;
}

/* Gateway routes under /{ti}/: the authorization server is open, the rest needs a bearer token. */
static void route(struct request *rq, struct reply *rp)
{
    const char *sub = tenant_sub(rq->path);

    if (!strncmp(rq->path, "/rates/", 7)) { /* the exchange-rate table: open, no tenant */
        rates_handle(rq, rq->path + 7, rp);
        return;
    }
    if (!sub) {
        reply_error(rp, 404, "not_found", "Unknown path");
        return;
    }
    if (!strncmp(sub, "as/", 3)) {
        oauth_handle(rq, sub + 3, rp);
        return;
    }
    if (!oauth_check_bearer(rq, rp)) {
        stats_unauthorized();
        return;
    }
    if (!strncmp(sub, "M3/", 3))
        m3_handle(rq, sub + 3, rp);
    else
        reply_error(rp, 404, "not_found", "Unknown path");
}

/* A JSON error answer, with Retry-After when retry_after >= 0. */
static enum MHD_Result send_error(struct request *rq, unsigned status, const char *error, const char *desc,
                                  int retry_after)
{
    struct reply rp = {0};
    char secs[16];

    reply_error(&rp, status, error, desc);
    if (retry_after >= 0) {
        snprintf(secs, sizeof secs, "%d", retry_after);
        reply_header(&rp, MHD_HTTP_HEADER_RETRY_AFTER, secs);
    }
    return reply_send(rq, &rp);
}

static enum MHD_Result fault_reply(struct request *rq, const struct fault *f)
{
    char msg[64];

    if (f->drop)
        return MHD_NO; /* libmicrohttpd closes the connection without answering */
    snprintf(msg, sizeof msg, "Injected fault: HTTP %u", f->status);
    return send_error(rq, f->status, "sandbox_fault", msg, f->retry_after);
}

/* What fault rules match: the path; for an M3 bulk request the path followed by
 * " bulk PROGRAM/T1 PROGRAM/T2 ..." (malloc'd, NULL when out of memory). */
static char *fault_subject(const struct request *rq)
{
    const char *sub = m3_sub(rq->path);
    char *label = sub ? m3_bulk_label(rq, sub) : NULL, *subject;

    if (asprintf(&subject, "%s%s", rq->path, label ? label : "") < 0)
        subject = NULL;
    free(label);
    return subject;
}

/* Fault rules first (fault.h), then the route. */
static enum MHD_Result serve_request(struct request *rq)
{
    struct reply rp = {0};
    struct fault f;
    char *subject = fault_subject(rq);
    int fired = faults_take(subject ? subject : rq->path, &f), replaces = fired && (f.drop || f.status);

    free(subject);
    if (fired) {
        stats_fault();
        sleep_ms(f.latency_ms);
    }
    if (replaces && !f.after_processing)
        return fault_reply(rq, &f);
    route(rq, &rp);
    if (replaces) {
        reply_clear(&rp);
        return fault_reply(rq, &f);
    }
    return reply_send(rq, &rp);
}

/* Beyond max_concurrent M3 requests in progress: 429 without executing anything. */
static enum MHD_Result throttled_reply(struct request *rq)
{
    struct gate_settings g = gate_get();
    char msg[96];

    stats_m3_throttled();
    snprintf(msg, sizeof msg, "Too many requests in progress (limit %d); retry after %d s", g.max_concurrent,
             g.retry_after);
    return send_error(rq, 429, "too_many_requests", msg, g.retry_after);
}

/* Every request but the control API's waits the gate's delay; an M3 request holds a place
 * in the concurrency limit while it waits and is processed. */
static enum MHD_Result handle(struct request *rq)
{
    struct reply rp = {0};
    int m3 = m3_sub(rq->path) != NULL;
    enum MHD_Result ret;

    if (!strncmp(rq->path, "/_sandbox/", 10)) {
        control_handle(rq, rq->path + 10, &rp);
        return reply_send(rq, &rp);
    }
    if (rq->too_large) {
        reply_error(&rp, 413, "too_large", "Request body too large");
        return reply_send(rq, &rp);
    }
    if (m3 && !gate_enter()) {
        gate_delay();
        return throttled_reply(rq);
    }
    gate_delay();
    ret = serve_request(rq);
    if (m3)
        gate_leave();
    return ret;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                                  const char *version, const char *upload_data, size_t *upload_data_size,
                                  void **con_cls)
{
    struct request *rq = *con_cls;

    (void)cls;
    (void)version;
    if (!rq) {
        *con_cls = request_new(conn, method, url);
        return *con_cls ? MHD_YES : MHD_NO;
    }
    if (*upload_data_size) {
        request_append(rq, upload_data, *upload_data_size);
        *upload_data_size = 0;
        return MHD_YES;
    }
    return handle(rq);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls, enum MHD_RequestTerminationCode why)
{
    struct request *rq = *con_cls;
    char status[16] = "-";

    (void)cls;
    (void)conn;
    (void)why;
    if (!rq)
        return;
    if (rq->status)
        snprintf(status, sizeof status, "%u", rq->status);
    fprintf(stderr, "%s %s %s %.0fms\n", rq->method, rq->path, status, now_ms() - rq->start_ms);
    request_free(rq);
    *con_cls = NULL;
}

/* Every connection accepted is counted: one TLS handshake each (no session resumption). */
static void on_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
                          enum MHD_ConnectionNotificationCode code)
{
    (void)cls;
    (void)conn;
    (void)socket_context;
    if (code == MHD_CONNECTION_NOTIFY_STARTED)
        stats_connection_opened();
    else if (code == MHD_CONNECTION_NOTIFY_CLOSED)
        stats_connection_closed();
}

static struct MHD_Daemon *start(const struct options *o, const struct tls_pair *tls)
{
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION | MHD_USE_TLS | MHD_USE_ERROR_LOG;
    struct sockaddr_in in4 = {0};
    struct sockaddr_in6 in6 = {0};
    const struct sockaddr *sa = (const struct sockaddr *)&in4;

    in4.sin_family = AF_INET;
    in4.sin_port = htons((uint16_t)o->port);
    if (inet_pton(AF_INET, o->host, &in4.sin_addr) != 1) {
        in6.sin6_family = AF_INET6;
        in6.sin6_port = htons((uint16_t)o->port);
        if (inet_pton(AF_INET6, o->host, &in6.sin6_addr) != 1) {
            fprintf(stderr, "infor-sandbox: --host must be an IPv4 or IPv6 address\n");
            return NULL;
        }
        sa = (const struct sockaddr *)&in6;
        flags |= MHD_USE_IPv6;
    }
    return MHD_start_daemon(flags, (uint16_t)o->port, NULL, NULL, on_request, NULL, MHD_OPTION_SOCK_ADDR, sa,
                            MHD_OPTION_HTTPS_MEM_KEY, tls->key_pem, MHD_OPTION_HTTPS_MEM_CERT, tls->cert_pem,
                            MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL, MHD_OPTION_NOTIFY_CONNECTION,
                            on_connection, NULL, MHD_OPTION_CONNECTION_TIMEOUT, 120u, MHD_OPTION_END);
}

/* The address clients should use: loopback when bound to a wildcard address. */
static void base_url(const struct options *o, unsigned port, char *out, size_t n)
{
    if (!strcmp(o->host, "0.0.0.0"))
        snprintf(out, n, "https://127.0.0.1:%u", port);
    else if (!strcmp(o->host, "::"))
        snprintf(out, n, "https://[::1]:%u", port);
    else if (strchr(o->host, ':'))
        snprintf(out, n, "https://[%s]:%u", o->host, port);
    else
        snprintf(out, n, "https://%s:%u", o->host, port);
}

/* sandbox.ionapi, sandbox-cc.ionapi, port, and last "ready", which tests wait for. */
static int write_run_files(const struct options *o, const struct creds *c, unsigned port, const char *url)
{
    char num[16];

    snprintf(num, sizeof num, "%u\n", port);
    return creds_write(o->dir, o->tenant, url, c) == 0 && file_write(o->dir, "port", num, strlen(num), 0644) == 0 &&
            file_write(o->dir, "ready", "", 0, 0644) == 0
        ? 0
        : -1;
}

static void remove_run_file(const char *dir, const char *name)
{
    char *p = path_join(dir, name);

    if (p)
        unlink(p);
    free(p);
}

/* Blocks SIGINT/SIGTERM in every thread so that only sigwait() in main sees them. */
static void block_signals(sigset_t *set)
{
    sigemptyset(set);
    sigaddset(set, SIGINT);
    sigaddset(set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, set, NULL);
    signal(SIGPIPE, SIG_IGN);
}

static int serve(const struct options *o, const struct tls_pair *tls, const struct creds *c)
{
    struct MHD_Daemon *d;
    const union MHD_DaemonInfo *info;
    unsigned port;
    char url[300];
    sigset_t set;
    int sig;

    block_signals(&set);
    d = start(o, tls);
    info = d ? MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT) : NULL;
    if (!info) {
        fprintf(stderr, "infor-sandbox: cannot listen on %s:%d\n", o->host, o->port);
        if (d)
            MHD_stop_daemon(d);
        return 1;
    }
    port = info->port;
    base_url(o, port, url, sizeof url);
    if (write_run_files(o, c, port, url) != 0) {
        MHD_stop_daemon(d);
        return 1;
    }
    if (!o->quiet) {
        printf("infor-sandbox listening on %s (tenant %s)\n", url, o->tenant);
        fflush(stdout);
    }
    sigwait(&set, &sig);
    remove_run_file(o->dir, "ready");
    MHD_stop_daemon(d);
    return 0;
}

/* A thread per connection builds and frees a page of rows per request: without this glibc gives
 * the freed memory back to the kernel after each one and faults it in again for the next (a
 * fifth of a large list's time went to sysmalloc and page faults). */
static void keep_heap(void)
{
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
    mallopt(M_TOP_PAD, 4 << 20);
    mallopt(M_MMAP_THRESHOLD, 16 << 20);
}

int main(int argc, char **argv)
{
    struct options o;
    struct tls_pair tls;
    struct creds c;
    int rc = 1;

    if (parse_options(argc, argv, &o) != 0) {
        usage();
        return 2;
    }
    tenant = o.tenant;
    keep_heap();
    if (!MHD_is_feature_supported(MHD_FEATURE_TLS)) {
        fprintf(stderr, "infor-sandbox: libmicrohttpd was built without TLS\n");
        return 1;
    }
    mkdir(o.dir, 0700);
    remove_run_file(o.dir, "ready");
    remove_run_file(o.dir, "port");
    if (m3_load_metadata(o.metadata) != 0)
        return 1;
    if (tls_load_or_create(o.dir, o.cert, o.key, &tls) == 0) {
        creds_load_or_create(o.dir, o.tenant, &c);
        state_init();
        stats_init();
        gate_init(&o.gate);
        oauth_init(&c, o.token_ttl);
        rc = serve(&o, &tls, &c);
        oauth_free();
        stats_free();
        state_free();
    }
    tls_pair_free(&tls);
    m3_free();
    return rc;
}
