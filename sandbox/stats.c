#include "stats.h"

#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static json_t *mi_requests; /* "PROGRAM/TRANSACTION" -> count */
static json_int_t token_requests, tokens_issued, unauthorized, faults_fired;

void stats_init(void)
{
    mi_requests = json_object();
}

void stats_mi(const char *program, const char *transaction)
{
    char key[128];

    snprintf(key, sizeof key, "%s/%s", program, transaction);
    pthread_mutex_lock(&mu);
    json_object_set_new(mi_requests, key,
                        json_integer(json_integer_value(json_object_get(mi_requests, key)) + 1));
    pthread_mutex_unlock(&mu);
}

static void bump(json_int_t *n)
{
    pthread_mutex_lock(&mu);
    (*n)++;
    pthread_mutex_unlock(&mu);
}

void stats_token_request(void) { bump(&token_requests); }
void stats_token_issued(void) { bump(&tokens_issued); }
void stats_unauthorized(void) { bump(&unauthorized); }
void stats_fault(void) { bump(&faults_fired); }

json_t *stats_json(void)
{
    json_t *j;

    pthread_mutex_lock(&mu);
    j = json_pack("{s:o, s:I, s:I, s:I, s:I}", "requests", json_deep_copy(mi_requests),
                  "token_requests", token_requests, "tokens_issued", tokens_issued,
                  "unauthorized", unauthorized, "faults_fired", faults_fired);
    pthread_mutex_unlock(&mu);
    return j;
}

void stats_reset(void)
{
    pthread_mutex_lock(&mu);
    json_object_clear(mi_requests);
    token_requests = tokens_issued = unauthorized = faults_fired = 0;
    pthread_mutex_unlock(&mu);
}

void stats_free(void)
{
    json_decref(mi_requests);
    mi_requests = NULL;
}
