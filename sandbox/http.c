#include "http.h"

#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "util.h"

struct request *request_new(struct MHD_Connection *conn, const char *method, const char *url)
{
    struct request *rq = calloc(1, sizeof *rq);

    if (!rq)
        return NULL;
    rq->conn = conn;
    rq->method = strdup(method);
    rq->path = strdup(url);
    rq->body = calloc(1, 1);
    rq->start_ms = now_ms();
    if (!rq->method || !rq->path || !rq->body) {
        request_free(rq);
        return NULL;
    }
    return rq;
}

void request_append(struct request *rq, const char *data, size_t len)
{
    char *nb;

    if (rq->too_large || rq->body_len + len > MAX_BODY) {
        rq->too_large = 1;
        return;
    }
    nb = realloc(rq->body, rq->body_len + len + 1);
    if (!nb) {
        rq->too_large = 1;
        return;
    }
    memcpy(nb + rq->body_len, data, len);
    rq->body = nb;
    rq->body_len += len;
    rq->body[rq->body_len] = '\0';
}

void request_free(struct request *rq)
{
    if (!rq)
        return;
    free(rq->method);
    free(rq->path);
    free(rq->body);
    free(rq);
}

static enum MHD_Result collect_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    (void)kind;
    json_object_set_new((json_t *)cls, key, json_string(value ? value : ""));
    return MHD_YES;
}

json_t *request_query(const struct request *rq)
{
    json_t *q = json_object();

    MHD_get_connection_values(rq->conn, MHD_GET_ARGUMENT_KIND, collect_arg, q);
    return q;
}

const char *request_header(const struct request *rq, const char *name)
{
    return MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND, name);
}

int request_is_form(const struct request *rq)
{
    const char *ct = request_header(rq, MHD_HTTP_HEADER_CONTENT_TYPE);

    /* curl -d and most clients send this type; a body without a type is treated as a form too. */
    return !ct || strncasecmp(ct, "application/x-www-form-urlencoded", 33) == 0;
}

int request_basic_auth(const struct request *rq, char **user, char **pass)
{
    char *p = NULL;
    char *u = MHD_basic_auth_get_username_password(rq->conn, &p);

    if (!u) {
        MHD_free(p);
        return 0;
    }
    /* RFC 6749 2.3.1: client id and secret are form-encoded before Basic encoding. */
    *user = strdup(u);
    *pass = strdup(p ? p : "");
    MHD_free(u);
    MHD_free(p);
    if (*user)
        MHD_http_unescape(*user);
    if (*pass)
        MHD_http_unescape(*pass);
    return *user && *pass;
}

int request_from_loopback(const struct request *rq)
{
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(rq->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    const struct sockaddr *sa = ci ? ci->client_addr : NULL;

    if (!sa)
        return 0;
    if (sa->sa_family == AF_INET) {
        const struct sockaddr_in *in = (const struct sockaddr_in *)sa;
        return (ntohl(in->sin_addr.s_addr) >> 24) == 127;
    }
    if (sa->sa_family == AF_INET6) {
        const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)sa;
        const unsigned char *a = in6->sin6_addr.s6_addr;
        if (IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr))
            return 1;
        return IN6_IS_ADDR_V4MAPPED(&in6->sin6_addr) && a[12] == 127;
    }
    return 0;
}

static char *form_decode(const char *s, size_t len)
{
    char *out = strndup(s, len);

    if (!out)
        return NULL;
    for (char *p = out; *p; p++)
        if (*p == '+')
            *p = ' ';
    MHD_http_unescape(out);
    return out;
}

json_t *form_parse(const char *body, size_t len)
{
    json_t *form = json_object();
    const char *p = body, *end = body + len;

    while (p < end) {
        const char *amp = memchr(p, '&', (size_t)(end - p));
        const char *stop = amp ? amp : end;
        const char *eq = memchr(p, '=', (size_t)(stop - p));
        char *key = form_decode(p, (size_t)((eq ? eq : stop) - p));
        char *val = eq ? form_decode(eq + 1, (size_t)(stop - eq - 1)) : strdup("");

        if (key && val && *key)
            json_object_set_new(form, key, json_string(val));
        free(key);
        free(val);
        p = stop + 1;
    }
    return form;
}

void reply_clear(struct reply *rp)
{
    free(rp->body);
    memset(rp, 0, sizeof *rp);
}

void reply_json(struct reply *rp, unsigned status, json_t *j)
{
    reply_clear(rp);
    rp->status = status;
    rp->body = json_dumps(j, JSON_COMPACT);
    rp->ctype = "application/json";
    json_decref(j);
}

void reply_text(struct reply *rp, unsigned status, const char *text)
{
    reply_clear(rp);
    rp->status = status;
    rp->body = strdup(text);
    rp->ctype = "text/plain; charset=utf-8";
}

void reply_error(struct reply *rp, unsigned status, const char *error, const char *desc)
{
    reply_json(rp, status, json_pack("{s:s, s:s}", "error", error, "error_description", desc));
}

void reply_header(struct reply *rp, const char *name, const char *value)
{
    if (rp->nhdr >= REPLY_MAX_HEADERS)
        return;
    rp->hdr[rp->nhdr].name = name;
    copy_str(rp->hdr[rp->nhdr].value, sizeof rp->hdr[0].value, value);
    rp->nhdr++;
}

void reply_method_not_allowed(struct reply *rp, const char *allow)
{
    reply_error(rp, 405, "method_not_allowed", "Method not allowed");
    reply_header(rp, MHD_HTTP_HEADER_ALLOW, allow);
}

enum MHD_Result reply_send(struct request *rq, struct reply *rp)
{
    const char *body = rp->body ? rp->body : "";
    struct MHD_Response *resp;
    enum MHD_Result ret;

    resp = MHD_create_response_from_buffer(strlen(body), (void *)body, MHD_RESPMEM_MUST_COPY);
    if (!resp)
        return MHD_NO;
    if (rp->ctype)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, rp->ctype);
    for (int i = 0; i < rp->nhdr; i++)
        MHD_add_response_header(resp, rp->hdr[i].name, rp->hdr[i].value);
    ret = MHD_queue_response(rq->conn, rp->status, resp);
    MHD_destroy_response(resp);
    rq->status = rp->status;
    reply_clear(rp);
    return ret;
}
