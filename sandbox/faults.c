#include "faults.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "util.h"

#define MAX_RULES 64

struct rule {
    char match[256]; /* "" matches every request */
    long count; /* requests still to fault */
    struct fault f;
};

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static struct rule rules[MAX_RULES];
static int nrules;

static int parse_rule(const json_t *j, struct rule *r, char *err, size_t errlen)
{
    json_t *match = json_object_get(j, "match");
    long status;

    memset(r, 0, sizeof *r);
    if (!json_is_object(j) || (match && !json_is_string(match) && !json_is_null(match))) {
        snprintf(err, errlen, "a rule is a JSON object; match is a string");
        return -1;
    }
    copy_str(r->match, sizeof r->match, json_string_value(match));
    r->count = jint(j, "count", 1);
    r->f.latency_ms = (int)jint(j, "latency_ms", 0);
    r->f.retry_after = (int)jint(j, "retry_after", -1);
    r->f.drop = json_is_true(json_object_get(j, "drop"));
    r->f.after_processing = json_is_true(json_object_get(j, "after_processing"));
    /* Without status, drop or latency the rule would do nothing: default to 503. */
    status = jint(j, "status", r->f.drop || r->f.latency_ms > 0 ? 0 : 503);
    if (r->count < 1 || r->f.latency_ms < 0 || r->f.latency_ms > 600000 ||
        (status != 0 && (status < 100 || status > 599))) {
        snprintf(err, errlen, "count >= 1, latency_ms 0..600000, status 100..599");
        return -1;
    }
    r->f.status = (unsigned)status;
    if (json_object_get(j, "retry_after") && r->f.retry_after < 0) {
        snprintf(err, errlen, "retry_after is a non-negative integer");
        return -1;
    }
    return 0;
}

int faults_add(const json_t *j, char *err, size_t errlen)
{
    struct rule r;
    int rc = -1;

    if (parse_rule(j, &r, err, errlen) != 0)
        return -1;
    pthread_mutex_lock(&mu);
    if (nrules < MAX_RULES) {
        rules[nrules++] = r;
        rc = 0;
    } else {
        snprintf(err, errlen, "too many queued faults (max %d)", MAX_RULES);
    }
    pthread_mutex_unlock(&mu);
    return rc;
}

int faults_take(const char *path, struct fault *f)
{
    int fired = 0;

    pthread_mutex_lock(&mu);
    for (int i = 0; i < nrules && !fired; i++) {
        if (rules[i].match[0] && !strstr(path, rules[i].match))
            continue;
        *f = rules[i].f;
        fired = 1;
        if (--rules[i].count == 0) {
            memmove(&rules[i], &rules[i + 1], (size_t)(nrules - i - 1) * sizeof rules[0]);
            nrules--;
        }
    }
    pthread_mutex_unlock(&mu);
    return fired;
}

json_t *faults_list(void)
{
    json_t *list = json_array();

    pthread_mutex_lock(&mu);
    for (int i = 0; i < nrules; i++) {
        const struct rule *r = &rules[i];
        json_array_append_new(list,
                              json_pack("{s:s, s:I, s:i, s:i, s:i, s:b, s:b}", "match", r->match, "count",
                                        (json_int_t)r->count, "status", (int)r->f.status, "retry_after",
                                        r->f.retry_after, "latency_ms", r->f.latency_ms, "drop", r->f.drop,
                                        "after_processing", r->f.after_processing));
    }
    pthread_mutex_unlock(&mu);
    return list;
}

void faults_clear(void)
{
    pthread_mutex_lock(&mu);
    nrules = 0;
    pthread_mutex_unlock(&mu);
}
