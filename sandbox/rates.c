#include "rates.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "util.h"

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static json_t *table; /* NULL until first used or after a reset */
static json_int_t requests; /* GET /rates/... answered */

/* ECB-like reference rates: 1 EUR = rate units. */
static json_t *default_table(void)
{
    char date[11];
    time_t now = time(NULL);
    struct tm tm;

    gmtime_r(&now, &tm);
    strftime(date, sizeof date, "%Y-%m-%d", &tm);
    return json_pack("{s:s, s:s, s:{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}}", "base", "EUR", "date", date, "rates",
                     "USD", "1.0842", "GBP", "0.8351", "CHF", "0.9412", "JPY", "162.50", "PLN", "4.3125", "SEK",
                     "11.4870", "DKK", "7.4589", "CZK", "25.312");
}

/* The table, created on first use; call with mu held. */
static json_t *current(void)
{
    if (!table)
        table = default_table();
    return table;
}

void rates_handle(struct request *rq, const char *sub, struct reply *rp)
{
    char base[8] = "", msg[96];
    json_t *answer = NULL;

    if (strcmp(rq->method, "GET") != 0) {
        reply_method_not_allowed(rp, "GET");
        return;
    }
    if (strlen(sub) == 8 && !strcmp(sub + 3, ".json"))
        snprintf(base, sizeof base, "%.3s", sub);
    pthread_mutex_lock(&mu);
    requests++;
    if (*base && !strcmp(jstr(current(), "base"), base))
        answer = json_deep_copy(current());
    snprintf(msg, sizeof msg, "No rate table for %s (the sandbox serves %s.json)", *base ? base : sub,
             jstr(current(), "base"));
    pthread_mutex_unlock(&mu);
    if (answer)
        reply_json(rp, 200, answer);
    else
        reply_error(rp, 404, "not_found", msg);
}

void rates_control_get(struct request *rq, struct reply *rp)
{
    json_t *answer;

    (void)rq;
    pthread_mutex_lock(&mu);
    answer = json_pack("{s:O, s:I}", "table", current(), "requests", requests);
    pthread_mutex_unlock(&mu);
    reply_json(rp, 200, answer);
}

/* A table must name its base (three capital letters, it is in the URL) and
 * have a rates object; the rest is served as given, so a client's own
 * checks (negative rates, bad dates) can be tested. */
static int table_shape_ok(const json_t *j)
{
    const char *base = jstr(j, "base");

    return json_is_object(j) && strlen(base) == 3 && strspn(base, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == 3 &&
        json_is_object(json_object_get(j, "rates"));
}

void rates_control_post(struct request *rq, struct reply *rp)
{
    json_error_t err;
    json_t *j = json_loadb(rq->body, rq->body_len, 0, &err);

    if (!j) {
        reply_error(rp, 400, "invalid_json", err.text);
        return;
    }
    if (!table_shape_ok(j)) {
        reply_error(rp, 400, "invalid_request",
                    "A rate table is {\"base\":\"EUR\",\"date\":\"yyyy-mm-dd\",\"rates\":{..}}");
        json_decref(j);
        return;
    }
    pthread_mutex_lock(&mu);
    json_decref(table);
    table = j;
    pthread_mutex_unlock(&mu);
    rates_control_get(rq, rp);
}

void rates_reset(void)
{
    pthread_mutex_lock(&mu);
    json_decref(table);
    table = NULL;
    requests = 0;
    pthread_mutex_unlock(&mu);
}
