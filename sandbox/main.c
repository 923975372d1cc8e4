/*
 * infor-sandbox: a local stand-in for an Infor CloudSuite tenant (ION API gateway, OAuth 2.0
 * authorization server, M3 MI REST v2 for OIS100MI) with a control API for tests.
 * See sandbox/README.md.
 */
#include <arpa/inet.h>
#include <getopt.h>
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
};

static const char *tenant;

static void usage(void)
{
    fprintf(stderr,
            "usage: infor-sandbox --dir DIR [--host 127.0.0.1] [--port 0]\n"
            "                     [--metadata metadata/m3-transactions.json] [--tenant TEN_SANDBOX]\n"
            "                     [--token-ttl 7200] [--cert FILE --key FILE] [--quiet]\n");
}

static int parse_options(int argc, char **argv, struct options *o)
{
    static const struct option longopts[] = {
        {"dir", required_argument, NULL, 'd'},    {"host", required_argument, NULL, 'h'},
        {"port", required_argument, NULL, 'p'},   {"metadata", required_argument, NULL, 'm'},
        {"tenant", required_argument, NULL, 't'}, {"token-ttl", required_argument, NULL, 'T'},
        {"cert", required_argument, NULL, 'c'},   {"key", required_argument, NULL, 'k'},
        {"quiet", no_argument, NULL, 'q'},        {NULL, 0, NULL, 0},
    };
    int ch;

    *o = (struct options){NULL, "127.0.0.1", "metadata/m3-transactions.json", "TEN_SANDBOX", NULL, NULL, 0, 7200, 0};
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
        default: return -1;
        }
    }
    if (!o->dir || optind != argc || o->port < 0 || o->port > 65535 || o->token_ttl <= 0 || !*o->tenant ||
        strchr(o->tenant, '/') || (!o->cert != !o->key))
        return -1;
    return 0;
}

/* Gateway routes under /{ti}/: the authorization server is open, the rest needs a bearer token. */
static void route(struct request *rq, struct reply *rp)
{
    size_t tl = strlen(tenant);
    const char *sub;

    if (!strncmp(rq->path, "/rates/", 7)) { /* the exchange-rate table: open, no tenant */
        rates_handle(rq, rq->path + 7, rp);
        return;
    }
    if (rq->path[0] != '/' || strncmp(rq->path + 1, tenant, tl) != 0 || rq->path[tl + 1] != '/') {
        reply_error(rp, 404, "not_found", "Unknown path");
        return;
    }
    sub = rq->path + tl + 2;
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

static enum MHD_Result fault_reply(struct request *rq, const struct fault *f)
{
    struct reply rp = {0};
    char msg[64];

    if (f->drop)
        return MHD_NO; /* libmicrohttpd closes the connection without answering */
    snprintf(msg, sizeof msg, "Injected fault: HTTP %u", f->status);
    reply_error(&rp, f->status, "sandbox_fault", msg);
    if (f->retry_after >= 0) {
        snprintf(msg, sizeof msg, "%d", f->retry_after);
        reply_header(&rp, MHD_HTTP_HEADER_RETRY_AFTER, msg);
    }
    return reply_send(rq, &rp);
}

static enum MHD_Result handle(struct request *rq)
{
    struct reply rp = {0};
    struct fault f;
    int fired, replaces;

    if (!strncmp(rq->path, "/_sandbox/", 10)) {
        control_handle(rq, rq->path + 10, &rp);
        return reply_send(rq, &rp);
    }
    if (rq->too_large) {
        reply_error(&rp, 413, "too_large", "Request body too large");
        return reply_send(rq, &rp);
    }
    fired = faults_take(rq->path, &f);
    replaces = fired && (f.drop || f.status);
    if (fired) {
        stats_fault();
        if (f.latency_ms > 0)
            usleep((useconds_t)f.latency_ms * 1000);
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
                            MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL, MHD_OPTION_CONNECTION_TIMEOUT, 120u,
                            MHD_OPTION_END);
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
