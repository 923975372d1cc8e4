#include "control.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "faults.h"
#include "oauth.h"
#include "state.h"
#include "stats.h"
#include "util.h"

static json_t *lowercase_keys(const json_t *obj)
{
    json_t *out = json_object(), *v;
    const char *k;

    json_object_foreach((json_t *)obj, k, v) {
        char key[64];
        size_t i;
        for (i = 0; k[i] && i < sizeof key - 1; i++)
            key[i] = (char)tolower((unsigned char)k[i]);
        key[i] = '\0';
        json_object_set(out, key, v);
    }
    return out;
}

static json_t *order_json(const json_t *b)
{
    const json_t *eff = json_object_get(b, "eff");
    int confirmed = *jstr(b, "ORNR") != '\0';
    json_t *lines = json_array(), *line;
    size_t i;

    json_array_foreach(json_object_get(b, "lines"), i, line)
        json_array_append_new(lines, lowercase_keys(json_object_get(line, "eff")));
    return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o}",
                     "orno", jstr(b, "ORNR"), "batch_orno", jstr(b, "ORNO"),
                     "cuno", jstr(eff, "CUNO"), "cuor", jstr(eff, "CUOR"),
                     "ortp", jstr(eff, "ORTP"), "faci", jstr(eff, "FACI"),
                     "whlo", jstr(eff, "WHLO"), "ordt", jstr(eff, "ORDT"),
                     "cucd", jstr(eff, "CUCD"), "stat", confirmed ? "22" : jstr(b, "STAT"),
                     "head", json_deep_copy(json_object_get(b, "sent")), "lines", lines);
}

static void get_orders(struct request *rq, struct reply *rp)
{
    json_t *orders = json_array(), *batches = json_array(), *b;
    size_t i;

    (void)rq;
    state_lock();
    json_array_foreach(state_batches(), i, b)
        json_array_append_new(*jstr(b, "ORNR") ? orders : batches, order_json(b));
    state_unlock();
    reply_json(rp, 200, json_pack("{s:o, s:o}", "orders", orders, "batch_orders", batches));
}

static void get_stats(struct request *rq, struct reply *rp)
{
    (void)rq;
    reply_json(rp, 200, stats_json());
}

/* JSON request body, or NULL after filling a 400 into rp. */
static json_t *json_body(const struct request *rq, struct reply *rp)
{
    json_error_t err;
    json_t *j = json_loadb(rq->body, rq->body_len, 0, &err);

    if (!j)
        reply_error(rp, 400, "invalid_json", err.text);
    return j;
}

static void post_faults(struct request *rq, struct reply *rp)
{
    json_t *body = json_body(rq, rp), *rule;
    char err[160];
    size_t i;

    if (!body)
        return;
    /* One rule, or an array of rules queued in order. */
    if (json_is_array(body)) {
        json_array_foreach(body, i, rule)
            if (faults_add(rule, err, sizeof err) != 0)
                break;
        if (i < json_array_size(body))
            reply_error(rp, 400, "invalid_fault", err);
    } else if (faults_add(body, err, sizeof err) != 0) {
        reply_error(rp, 400, "invalid_fault", err);
    }
    json_decref(body);
    if (!rp->status)
        reply_json(rp, 200, json_pack("{s:o}", "faults", faults_list()));
}

static void get_faults(struct request *rq, struct reply *rp)
{
    (void)rq;
    reply_json(rp, 200, json_pack("{s:o}", "faults", faults_list()));
}

static void delete_faults(struct request *rq, struct reply *rp)
{
    faults_clear();
    get_faults(rq, rp);
}

static void expire_tokens(struct request *rq, struct reply *rp)
{
    (void)rq;
    oauth_expire_all();
    reply_json(rp, 200, json_pack("{s:b}", "expired", 1));
}

/* A required string member of at most max characters, or NULL after filling a 400. */
static const char *member(const json_t *j, const char *key, size_t max, struct reply *rp)
{
    const char *v = json_string_value(json_object_get(j, key));
    char msg[80];

    if (v && *v && strlen(v) <= max)
        return v;
    snprintf(msg, sizeof msg, "%s is required (at most %zu characters)", key, max);
    reply_error(rp, 400, "invalid_request", msg);
    return NULL;
}

static void post_customer(struct request *rq, struct reply *rp)
{
    json_t *j = json_body(rq, rp);
    const char *cuno = j ? member(j, "CUNO", 10, rp) : NULL;

    if (cuno) {
        const char *cunm = *jstr(j, "CUNM") ? jstr(j, "CUNM") : cuno;
        state_lock();
        state_add_customer(cuno, cunm);
        state_unlock();
        reply_json(rp, 200, json_pack("{s:s, s:s}", "CUNO", cuno, "CUNM", cunm));
    }
    json_decref(j);
}

static void post_item(struct request *rq, struct reply *rp)
{
    json_t *j = json_body(rq, rp);
    const char *itno = j ? member(j, "ITNO", 15, rp) : NULL;

    if (itno) {
        const char *itds = *jstr(j, "ITDS") ? jstr(j, "ITDS") : itno;
        const char *sapr = *jstr(j, "SAPR") ? jstr(j, "SAPR") : "10.00";
        state_lock();
        state_add_item(itno, itds, sapr);
        state_unlock();
        reply_json(rp, 200, json_pack("{s:s, s:s, s:s}", "ITNO", itno, "ITDS", itds, "SAPR", sapr));
    }
    json_decref(j);
}

static void post_reset(struct request *rq, struct reply *rp)
{
    (void)rq;
    state_lock();
    state_reset();
    state_unlock();
    faults_clear();
    stats_reset();
    reply_json(rp, 200, json_pack("{s:b}", "reset", 1));
}

static const struct {
    const char *path;
    const char *method;
    void (*fn)(struct request *, struct reply *);
    const char *allow;
} routes[] = {
    {"orders", "GET", get_orders, "GET"},
    {"stats", "GET", get_stats, "GET"},
    {"faults", "GET", get_faults, "GET, POST, DELETE"},
    {"faults", "POST", post_faults, "GET, POST, DELETE"},
    {"faults", "DELETE", delete_faults, "GET, POST, DELETE"},
    {"tokens/expire", "POST", expire_tokens, "POST"},
    {"customers", "POST", post_customer, "POST"},
    {"items", "POST", post_item, "POST"},
    {"reset", "POST", post_reset, "POST"},
};

void control_handle(struct request *rq, const char *sub, struct reply *rp)
{
    const char *allow = NULL;

    if (!request_from_loopback(rq)) {
        reply_error(rp, 403, "forbidden", "The control API answers loopback clients only");
        return;
    }
    for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
        if (strcmp(routes[i].path, sub) != 0)
            continue;
        if (!strcmp(routes[i].method, rq->method)) {
            routes[i].fn(rq, rp);
            return;
        }
        allow = routes[i].allow;
    }
    if (allow)
        reply_method_not_allowed(rp, allow);
    else
        reply_error(rp, 404, "not_found", "Unknown control endpoint");
}
