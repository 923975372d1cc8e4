/* Injected faults: queued rules that delay, drop or replace the answer to matching requests. */
#ifndef SANDBOX_FAULTS_H
#define SANDBOX_FAULTS_H

#include <stddef.h>
#include <jansson.h>

struct fault {
    int latency_ms;
    int drop; /* close the connection without answering */
    unsigned status; /* answer this status (0: none) */
    int retry_after; /* seconds for Retry-After, -1: no header */
    int after_processing; /* run the request first, then replace/drop its answer */
};

/* Queues one rule (JSON object as POSTed to /_sandbox/faults). 0 on success, else err is set. */
int faults_add(const json_t *rule, char *err, size_t errlen);

/* Takes the first queued rule matching path into *f. 1 when a rule fired. */
int faults_take(const char *path, struct fault *f);

json_t *faults_list(void);
void faults_clear(void);

#endif
