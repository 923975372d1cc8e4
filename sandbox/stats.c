#include "stats.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static json_t *mi_requests; /* "PROGRAM/TRANSACTION" -> count */
static json_int_t token_requests, tokens_issued, unauthorized, faults_fired;
static json_int_t m3_single, m3_bulk, m3_bulk_transactions, m3_throttled, connections_accepted, connections_open;
static json_t *calls; /* the call log, oldest first, at most STATS_MAX_CALLS */
static json_int_t last_seq;

void stats_init(void)
{
    mi_requests = json_object();
    calls = json_array();
}

/* Now as ISO 8601 UTC with milliseconds (out holds 32 bytes). */
static void utc_now(char *out, size_t n)
{
    struct timespec ts;
    struct tm tm;
    size_t used;

    clock_gettime(CLOCK_REALTIME, &ts);
    gmtime_r(&ts.tv_sec, &tm);
    used = strftime(out, n, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(out + used, n - used, ".%03ldZ", ts.tv_nsec / 1000000L);
}

void stats_call(json_t *entry)
{
    char now[32];

    utc_now(now, sizeof now);
    json_object_set_new(entry, "time", json_string(now));
    pthread_mutex_lock(&mu);
    json_object_set_new(entry, "seq", json_integer(++last_seq));
    json_array_append_new(calls, entry);
    if (json_array_size(calls) > STATS_MAX_CALLS)
        json_array_remove(calls, 0);
    pthread_mutex_unlock(&mu);
}

static int call_matches(const json_t *call, const char *program, const char *transaction, json_int_t since)
{
    const char *p = json_string_value(json_object_get(call, "program"));
    const char *t = json_string_value(json_object_get(call, "transaction"));

    return json_integer_value(json_object_get(call, "seq")) > since && (!*program || !strcmp(p, program)) &&
        (!*transaction || !strcmp(t, transaction));
}

json_t *stats_calls(const char *program, const char *transaction, json_int_t since)
{
    json_t *list = json_array(), *call;
    json_int_t last;
    size_t i;

    pthread_mutex_lock(&mu);
    json_array_foreach(calls, i, call) if (call_matches(call, program, transaction, since))
        json_array_append_new(list, json_deep_copy(call));
    last = last_seq;
    pthread_mutex_unlock(&mu);
    return json_pack("{s:o, s:I, s:i}", "calls", list, "last_seq", last, "capacity", STATS_MAX_CALLS);
}

void stats_mi(const char *program, const char *transaction)
{
    char key[128];

    snprintf(key, sizeof key, "%s/%s", program, transaction);
    pthread_mutex_lock(&mu);
    json_object_set_new(mi_requests, key, json_integer(json_integer_value(json_object_get(mi_requests, key)) + 1));
    pthread_mutex_unlock(&mu);
}

static void bump(json_int_t *n)
{
    pthread_mutex_lock(&mu);
    (*n)++;
    pthread_mutex_unlock(&mu);
}

void stats_token_request(void)
{
    bump(&token_requests);
}
void stats_token_issued(void)
{
    bump(&tokens_issued);
}
void stats_unauthorized(void)
{
    bump(&unauthorized);
}
void stats_fault(void)
{
    bump(&faults_fired);
}
void stats_m3_single(void)
{
    bump(&m3_single);
}
void stats_m3_bulk(void)
{
    bump(&m3_bulk);
}
void stats_m3_bulk_transaction(void)
{
    bump(&m3_bulk_transactions);
}
void stats_m3_throttled(void)
{
    bump(&m3_throttled);
}
void stats_connection_opened(void)
{
    pthread_mutex_lock(&mu);
    connections_accepted++;
    connections_open++;
    pthread_mutex_unlock(&mu);
}
void stats_connection_closed(void)
{
    pthread_mutex_lock(&mu);
    connections_open--;
    pthread_mutex_unlock(&mu);
}

json_t *stats_json(void)
{
    json_t *j;

    pthread_mutex_lock(&mu);
    j = json_pack("{s:o, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "requests", json_deep_copy(mi_requests),
                  "token_requests", token_requests, "tokens_issued", tokens_issued, "unauthorized", unauthorized,
                  "faults_fired", faults_fired, "m3_single_calls", m3_single, "m3_bulk_requests", m3_bulk,
                  "m3_bulk_transactions", m3_bulk_transactions, "m3_throttled", m3_throttled, "connections_accepted",
                  connections_accepted, "connections_open", connections_open);
    pthread_mutex_unlock(&mu);
    return j;
}

void stats_reset(void)
{
    pthread_mutex_lock(&mu);
    json_object_clear(mi_requests);
    json_array_clear(calls);
    last_seq = 0;
    token_requests = tokens_issued = unauthorized = faults_fired = 0;
    m3_single = m3_bulk = m3_bulk_transactions = m3_throttled = connections_accepted = 0;
    pthread_mutex_unlock(&mu);
}

void stats_free(void)
{
    json_decref(mi_requests);
    mi_requests = NULL;
    json_decref(calls);
    calls = NULL;
}
