#include "control.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "delivery.h"
#include "faults.h"
#include "gate.h"
#include "m3.h"
#include "oauth.h"
#include "rates.h"
#include "state.h"
#include "stats.h"
#include "stock.h"
#include "util.h"

static json_t *lowercase_keys(const json_t *obj)
{
    json_t *out = json_object(), *v;
    const char *k;

    json_object_foreach((json_t *)obj, k, v)
    {
        char key[64];
        size_t i;
        for (i = 0; k[i] && i < sizeof key - 1; i++)
            key[i] = (char)tolower((unsigned char)k[i]);
        key[i] = '\0';
        json_object_set(out, key, v);
    }
    return out;
}

static json_t *line_json(const json_t *line)
{
    json_t *out = lowercase_keys(json_object_get(line, "eff"));

    if (*jstr(line, "ORST"))
        jset(out, "orst", jstr(line, "ORST"));
    return out;
}

static json_t *addresses_json(const json_t *b)
{
    json_t *list = json_array(), *a;
    size_t i;

    json_array_foreach(json_object_get(b, "addresses"), i, a) json_array_append_new(list, lowercase_keys(a));
    return list;
}

/* Highest line status of a real order. */
static const char *order_status(const json_t *b)
{
    const char *highest = LINE_ALLOCATED;
    size_t i;
    json_t *line;

    json_array_foreach(json_object_get(b, "lines"), i, line) if (i == 0 || strcmp(jstr(line, "ORST"), highest) > 0)
        highest = jstr(line, "ORST");
    return highest;
}

static json_t *order_json(const json_t *b)
{
    const json_t *eff = json_object_get(b, "eff");
    int confirmed = *jstr(b, "ORNR") != '\0';
    json_t *lines = json_array(), *line;
    size_t i;

    json_array_foreach(json_object_get(b, "lines"), i, line) json_array_append_new(lines, line_json(line));
    return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o}", "orno", jstr(b, "ORNR"),
                     "batch_orno", jstr(b, "ORNO"), "cuno", jstr(eff, "CUNO"), "cuor", jstr(eff, "CUOR"), "ortp",
                     jstr(eff, "ORTP"), "faci", jstr(eff, "FACI"), "whlo", jstr(eff, "WHLO"), "ordt", jstr(eff, "ORDT"),
                     "cucd", jstr(eff, "CUCD"), "stat", confirmed ? order_status(b) : jstr(b, "STAT"), "head",
                     json_deep_copy(json_object_get(b, "sent")), "lines", lines, "addresses", addresses_json(b));
}

static void get_orders(struct request *rq, struct reply *rp)
{
    json_t *orders = json_array(), *batches = json_array(), *deleted = json_array(), *b;
    size_t i;

    (void)rq;
    state_lock();
    json_array_foreach(state_batches(), i, b)
    {
        if (!*jstr(b, "ORNR"))
            json_array_append_new(batches, order_json(b));
        else if (state_is_live_order(b))
            json_array_append_new(orders, order_json(b));
        else
            json_array_append_new(deleted, json_string(jstr(b, "ORNR")));
    }
    state_unlock();
    reply_json(rp, 200,
               json_pack("{s:o, s:o, s:o}", "orders", orders, "batch_orders", batches, "deleted_orders", deleted));
}

/* GET /_sandbox/orders/{number}: a real order by its number, else a batch order by its own. */
static void get_order(struct request *rq, struct reply *rp)
{
    const char *number = rq->path + strlen("/_sandbox/orders/");
    json_t *b, *out = NULL;

    state_lock();
    b = state_order(number);
    if (!b)
        b = state_batch(number);
    if (b)
        out = order_json(b);
    state_unlock();
    if (out)
        reply_json(rp, 200, out);
    else
        reply_error(rp, 404, "not_found", "Unknown order or batch order number");
}

/* GET /_sandbox/calls[?program=P&transaction=T&since=SEQ]: the call log. */
static void get_calls(struct request *rq, struct reply *rp)
{
    json_t *q = request_query(rq);
    const char *since = jstr(q, "since");

    if (*since && strspn(since, "0123456789") != strlen(since))
        reply_error(rp, 400, "invalid_request", "since must be a sequence number");
    else
        reply_json(rp, 200,
                   stats_calls(jstr(q, "program"), jstr(q, "transaction"), (json_int_t)strtoll(since, NULL, 10)));
    json_decref(q);
}

static void get_stats(struct request *rq, struct reply *rp)
{
    json_t *j = stats_json();

    (void)rq;
    json_object_update_new(j, gate_counters());
    reply_json(rp, 200, j);
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
        json_array_foreach(body, i, rule) if (faults_add(rule, err, sizeof err) != 0) break;
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

/* POST body through set (gate.h), then the settings as get() shows them; 400 when refused. */
static void set_gate(struct request *rq, struct reply *rp, int (*set)(const json_t *, char *, size_t),
                     json_t *(*get)(void))
{
    json_t *body = json_body(rq, rp);
    char err[96];

    if (!body)
        return;
    if (set(body, err, sizeof err) != 0)
        reply_error(rp, 400, "invalid_request", err);
    else
        reply_json(rp, 200, get());
    json_decref(body);
}

static void get_latency(struct request *rq, struct reply *rp)
{
    (void)rq;
    reply_json(rp, 200, gate_latency_json());
}

static void post_latency(struct request *rq, struct reply *rp)
{
    set_gate(rq, rp, gate_set_latency, gate_latency_json);
}

static void get_concurrency(struct request *rq, struct reply *rp)
{
    (void)rq;
    reply_json(rp, 200, gate_concurrency_json());
}

static void post_concurrency(struct request *rq, struct reply *rp)
{
    set_gate(rq, rp, gate_set_concurrency, gate_concurrency_json);
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

/* An optional string member of at most max characters: 1 when fine, else fills a 400. */
static int optional_member(const json_t *j, const char *key, size_t max, struct reply *rp)
{
    json_t *v = json_object_get(j, key);
    char msg[80];

    if (!v || (json_is_string(v) && strlen(json_string_value(v)) <= max))
        return 1;
    snprintf(msg, sizeof msg, "%s must be a string of at most %zu characters", key, max);
    reply_error(rp, 400, "invalid_request", msg);
    return 0;
}

/* Whether key looks like an M3 field name: four characters A-Z, 0-9. */
static int is_field_name(const char *key)
{
    return strlen(key) == 4 && strspn(key, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") == 4;
}

/* New object with the members of j named like M3 fields whose values are strings. */
static json_t *m3_fields(const json_t *j)
{
    json_t *fields = json_object(), *v;
    const char *key;

    json_object_foreach((json_t *)j, key, v) if (is_field_name(key) && json_is_string(v))
        jset(fields, key, json_string_value(v));
    return fields;
}

static void post_customer(struct request *rq, struct reply *rp)
{
    json_t *j = json_body(rq, rp), *fields, *added;
    const char *cuno = j ? member(j, "CUNO", 10, rp) : NULL;

    if (cuno) {
        fields = m3_fields(j);
        if (!*jstr(fields, "CUNM"))
            jset(fields, "CUNM", cuno);
        state_lock();
        added = json_deep_copy(state_add_customer(cuno, fields));
        state_unlock();
        reply_json(rp, 200, added);
    }
    json_decref(j);
}

static void get_customers(struct request *rq, struct reply *rp)
{
    json_t *list = json_array();
    const char **numbers;
    size_t n;

    (void)rq;
    state_lock();
    numbers = sorted_keys(state_customers(), &n);
    for (size_t i = 0; i < n; i++)
        json_array_append_new(list, json_deep_copy(state_customer_record(numbers[i])));
    state_unlock();
    free(numbers);
    reply_json(rp, 200, json_pack("{s:o}", "customers", list));
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

/* A balance with AVAL and its per-location quantities. */
static json_t *balance_json(const json_t *balance)
{
    json_t *rec = stock_balance_record(balance), *rows = stock_location_rows(balance), *row;
    json_t *out = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:[]}", "WHLO", jstr(rec, "WHLO"), "ITNO",
                            jstr(rec, "ITNO"), "STAT", jstr(rec, "STAT"), "STQT", jstr(rec, "STQT"), "ALQT",
                            jstr(rec, "ALQT"), "AVAL", jstr(rec, "AVAL"), "LMDT", jstr(rec, "LMDT"), "locations");
    size_t i;

    json_array_foreach(rows, i, row)
        json_array_append_new(json_object_get(out, "locations"),
                              json_pack("{s:s, s:s, s:s, s:s}", "WHSL", jstr(row, "WHSL"), "BANO", jstr(row, "BANO"),
                                        "STQT", jstr(row, "STQT"), "ALQT", jstr(row, "ALQT")));
    json_decref(rows);
    json_decref(rec);
    return out;
}

static void get_stock(struct request *rq, struct reply *rp)
{
    json_t *list = json_array(), *b;
    size_t i;

    (void)rq;
    state_lock();
    json_array_foreach(state_balances(), i, b) json_array_append_new(list, balance_json(b));
    state_unlock();
    reply_json(rp, 200, json_pack("{s:o}", "stock", list));
}

#define MAX_QUANTITY 1e15 /* 15 integer digits, as M3 quantity fields hold */

/* A quantity member: a string or a number, 0 to MAX_QUANTITY; dflt when absent. NULL after a 400. */
static const char *quantity(const json_t *j, const char *key, const char *dflt, char *buf, size_t n, struct reply *rp)
{
    json_t *v = json_object_get(j, key);
    int valid = json_is_number(v) || (json_is_string(v) && mi_is_number(json_string_value(v)));
    double q = json_is_number(v) ? json_number_value(v) : num_value(json_string_value(v));
    char msg[80];

    if (!v && dflt)
        return dflt;
    if (valid && q >= 0 && q < MAX_QUANTITY) {
        format_qty(buf, n, q);
        return buf;
    }
    snprintf(msg, sizeof msg, "%s must be a quantity from 0 to 999999999999999", key);
    reply_error(rp, 400, "invalid_request", msg);
    return NULL;
}

/* Sets the balance under the lock; fills a 400 when the warehouse or item is unknown. */
static void set_balance(const json_t *j, const char *stqt, const char *alqt, struct reply *rp)
{
    const char *whlo = jstr(j, "WHLO"), *itno = jstr(j, "ITNO");
    json_t *b, *out = NULL;

    state_lock();
    if (!state_is_warehouse(whlo)) {
        reply_error(rp, 400, "invalid_request", "Unknown warehouse WHLO");
    } else if (!state_item(itno)) {
        reply_error(rp, 400, "invalid_request", "Unknown item ITNO");
    } else {
        b = state_set_balance(whlo, itno, stqt, alqt);
        if (*jstr(j, "STAT"))
            jset(b, "STAT", jstr(j, "STAT"));
        if (*jstr(j, "LMDT"))
            jset(b, "LMDT", jstr(j, "LMDT"));
        out = balance_json(b);
    }
    state_unlock();
    if (out)
        reply_json(rp, 200, out);
}

static void post_stock(struct request *rq, struct reply *rp)
{
    json_t *j = json_body(rq, rp);
    char stqt_buf[40], alqt_buf[40];
    const char *stqt = NULL, *alqt = NULL;

    if (j && member(j, "WHLO", 3, rp) && member(j, "ITNO", 15, rp) && optional_member(j, "STAT", 2, rp) &&
        optional_member(j, "LMDT", 8, rp))
        stqt = quantity(j, "STQT", NULL, stqt_buf, sizeof stqt_buf, rp);
    if (stqt)
        alqt = quantity(j, "ALQT", "0", alqt_buf, sizeof alqt_buf, rp);
    if (alqt && num_value(alqt) > num_value(stqt))
        reply_error(rp, 400, "invalid_request", "ALQT must not exceed STQT");
    else if (alqt)
        set_balance(j, stqt, alqt, rp);
    json_decref(j);
}

/* Numeric item fields that an update must keep numeric. */
static int item_numbers_valid(const json_t *fields, struct reply *rp)
{
    static const char *const numeric[] = {"GRWE", "NEWE", "SAPR", "VOL3"};

    for (size_t i = 0; i < sizeof numeric / sizeof numeric[0]; i++) {
        const char *v = jstr(fields, numeric[i]);
        if (*v && !mi_is_number(v)) {
            reply_error(rp, 400, "invalid_request", "GRWE, NEWE, SAPR and VOL3 must be numbers");
            return 0;
        }
    }
    return 1;
}

static void update_item(const char *itno, json_t *fields, struct reply *rp)
{
    json_t *item, *out = NULL;
    char today[9];

    today_yyyymmdd(today);
    if (!*jstr(fields, "LMDT"))
        jset(fields, "LMDT", today);
    json_object_del(fields, "ITNO");
    state_lock();
    item = state_item(itno);
    if (item) {
        json_object_update(item, fields);
        out = json_deep_copy(item);
    }
    state_unlock();
    if (out)
        reply_json(rp, 200, out);
    else
        reply_error(rp, 404, "not_found", "Unknown item ITNO");
}

static void post_item_update(struct request *rq, struct reply *rp)
{
    json_t *j = json_body(rq, rp), *fields = NULL;
    const char *itno = j ? member(j, "ITNO", 15, rp) : NULL;

    if (itno)
        fields = m3_fields(j);
    if (fields && item_numbers_valid(fields, rp))
        update_item(itno, fields, rp);
    json_decref(fields);
    json_decref(j);
}

static void post_ship(struct request *rq, struct reply *rp)
{
    json_t *j = json_body(rq, rp), *shipped = NULL;
    char msg[128];
    int status;

    if (!j || !member(j, "ORNO", 10, rp) || !optional_member(j, "ETRN", 32, rp) ||
        !optional_member(j, "FWNO", 10, rp) || !optional_member(j, "SUNM", 36, rp)) {
        json_decref(j);
        return;
    }
    state_lock();
    status = delivery_ship(j, &shipped, msg, sizeof msg);
    state_unlock();
    if (status)
        reply_error(rp, (unsigned)status, status == 404 ? "not_found" : "conflict", msg);
    else
        reply_json(rp, 200, shipped);
    json_decref(j);
}

/* {"name": copy of a state list}. */
static void reply_list(struct reply *rp, const char *name, json_t *(*list)(void))
{
    json_t *copy;

    state_lock();
    copy = json_deep_copy(list());
    state_unlock();
    reply_json(rp, 200, json_pack("{s:o}", name, copy));
}

static void get_payments(struct request *rq, struct reply *rp)
{
    (void)rq;
    reply_list(rp, "payments", state_payments);
}

static void get_gl(struct request *rq, struct reply *rp)
{
    (void)rq;
    reply_list(rp, "batches", state_gl_batches);
}

static void post_reset(struct request *rq, struct reply *rp)
{
    (void)rq;
    state_lock();
    state_reset();
    state_unlock();
    faults_clear();
    stats_reset();
    gate_reset_peak();
    rates_reset();
    reply_json(rp, 200, json_pack("{s:b}", "reset", 1));
}

static const struct {
    const char *path;
    const char *method;
    void (*fn)(struct request *, struct reply *);
    const char *allow;
} routes[] = {
    {"orders", "GET", get_orders, "GET"},
    {"orders/", "GET", get_order, "GET"},
    {"calls", "GET", get_calls, "GET"},
    {"stats", "GET", get_stats, "GET"},
    {"faults", "GET", get_faults, "GET, POST, DELETE"},
    {"faults", "POST", post_faults, "GET, POST, DELETE"},
    {"faults", "DELETE", delete_faults, "GET, POST, DELETE"},
    {"tokens/expire", "POST", expire_tokens, "POST"},
    {"customers", "GET", get_customers, "GET, POST"},
    {"customers", "POST", post_customer, "GET, POST"},
    {"items", "POST", post_item, "POST"},
    {"items/update", "POST", post_item_update, "POST"},
    {"stock", "GET", get_stock, "GET, POST"},
    {"stock", "POST", post_stock, "GET, POST"},
    {"ship", "POST", post_ship, "POST"},
    {"payments", "GET", get_payments, "GET"},
    {"gl", "GET", get_gl, "GET"},
    {"reset", "POST", post_reset, "POST"},
    {"rates", "GET", rates_control_get, "GET, POST"},
    {"rates", "POST", rates_control_post, "GET, POST"},
    {"latency", "GET", get_latency, "GET, POST"},
    {"latency", "POST", post_latency, "GET, POST"},
    {"concurrency", "GET", get_concurrency, "GET, POST"},
    {"concurrency", "POST", post_concurrency, "GET, POST"},
};

/* A route path ending in '/' takes any non-empty rest: "orders/" matches "orders/0000100001". */
static int route_matches(const char *path, const char *sub)
{
    size_t n = strlen(path);

    if (n && path[n - 1] == '/')
        return !strncmp(path, sub, n) && sub[n] && !strchr(sub + n, '/');
    return !strcmp(path, sub);
}

void control_handle(struct request *rq, const char *sub, struct reply *rp)
{
    const char *allow = NULL;

    if (!request_from_loopback(rq)) {
        reply_error(rp, 403, "forbidden", "The control API answers loopback clients only");
        return;
    }
    for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
        if (!route_matches(routes[i].path, sub))
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
