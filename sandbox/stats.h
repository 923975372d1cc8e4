/* Request counters reported by GET /_sandbox/stats. Thread-safe. */
#ifndef SANDBOX_STATS_H
#define SANDBOX_STATS_H

#include <jansson.h>

void stats_init(void);
void stats_mi(const char *program, const char *transaction);
void stats_token_request(void);
void stats_token_issued(void);
void stats_unauthorized(void);
void stats_fault(void);
json_t *stats_json(void);
void stats_reset(void);
void stats_free(void);

#endif
