/*
 * Request counters reported by GET /_sandbox/stats, and the call log of GET /_sandbox/calls:
 * every MI call executed, in order, the last STATS_MAX_CALLS kept. Thread-safe.
 */
#ifndef SANDBOX_STATS_H
#define SANDBOX_STATS_H

#include <jansson.h>

void stats_init(void);
void stats_mi(const char *program, const char *transaction);
void stats_token_request(void);
void stats_token_issued(void);
void stats_unauthorized(void);
void stats_fault(void);
/* M3 requests executed: a single call, a bulk request, a transaction inside a bulk. */
void stats_m3_single(void);
void stats_m3_bulk(void);
void stats_m3_bulk_transaction(void);
/* An M3 request refused with 429 by the concurrency limit (gate.h). */
void stats_m3_throttled(void);
/* A connection accepted (each one a TLS handshake) and one closed. */
void stats_connection_opened(void);
void stats_connection_closed(void);

#define STATS_MAX_CALLS 5000

/* Appends a call log entry (steals it) after setting its "seq" (1, 2, ...) and "time". */
void stats_call(json_t *entry);
/* {"calls":[entries with seq > since, of program and transaction unless ""],
 *  "last_seq": seq of the last call logged, "capacity": STATS_MAX_CALLS}. */
json_t *stats_calls(const char *program, const char *transaction, json_int_t since);
json_t *stats_json(void);
/* Counters and the call log back to zero; connections_open (a gauge) stays. */
void stats_reset(void);
void stats_free(void);

#endif
