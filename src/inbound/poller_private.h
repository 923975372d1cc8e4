/* What the pollers share inside src/inbound/ (poller.c: the state, the
 * calls, stock and items; shipments.c: shipments and order status).
 * Included after inbound/poller.h; nothing outside src/inbound/ includes it. */
#ifndef ISYNC_POLLER_PRIVATE_H
#define ISYNC_POLLER_PRIVATE_H

#include <jansson.h>

#include "infor/m3.h"

struct isync_poller {
    const isync_spool *spool;
    isync_poll_settings settings;
    json_t *state; /* {"next": {kind: ms}, "paused_until": ms, "pauses": n,
                               "stock": {sku: {"quantity": "..", "warehouses": {WHLO: ".."}}},
                               "items": {sku: {...}}, "orders": {number: {...}},
                               "degraded": {"PROGRAM/Transaction": {...}}} */
    char *path;
    int pause_logged;
};

/* A section of the state ("stock", "orders", "degraded"…), made when missing (borrowed). */
json_t *isync_poller_section(isync_poller *p, const char *name);
/* The state to disk; 0 or -1 (logged). */
int isync_poller_save_state(isync_poller *p);
/* The end of a poll: the state saved (else FAILED), the events it emitted logged. */
isync_poll_result isync_poller_saved(isync_poller *p, isync_poll_result result, const char *poll, long emitted,
                                     const char *events);
/* 1 while Infor asked the poller to wait (429). */
int isync_poller_is_paused(isync_poller *p);

/* One call; a 429 pauses the poller (with a growing backoff). returncols:
 * the columns wanted, NULL for all. Returns the outcome (res to be cleared). */
isync_m3_outcome isync_poller_call(isync_poller *p, isync_m3_client *m3, const isync_business_config *cfg,
                                   const char *program, const char *transaction, int maxrecs, const char *const *fields,
                                   const char *returncols, isync_m3_result *res);
/* A failed call's result (paused when Infor asks to slow down); res is cleared. */
isync_poll_result isync_poller_failure(isync_m3_outcome outcome, isync_m3_result *res);
/* A record's field as text, "" when absent. */
const char *isync_poller_field(json_t *record, const char *name);
/* An inbound event written; returns payload (the caller decrefs it) or NULL (payload freed, logged). */
json_t *isync_poller_emit(isync_poller *p, const char *type, json_t *payload);

/* A call whose answer only adds to an event (PROGRAM/Transaction; missing:
 * what the event goes without). Its failure is not the poll's: said once in
 * the log and kept in the state's "degraded" until it works again; a 429
 * still pauses the poller. */
isync_m3_outcome isync_poller_call_optional(isync_poller *p, isync_m3_client *m3, const isync_business_config *cfg,
                                            const char *program, const char *transaction, const char *const *fields,
                                            const char *missing, isync_m3_result *res);

#endif
