/* What a connector tells the worker after trying to deliver one event. */
#ifndef ISYNC_DELIVERY_H
#define ISYNC_DELIVERY_H

#include <jansson.h>

#include "infor/m3.h"

typedef enum {
    ISYNC_DELIVERED = 0,
    ISYNC_RETRY_LATER, /* transient: back off and try again */
    ISYNC_DEAD_LETTER /* permanent: Infor refused it; needs a fix and a replay */
} isync_delivery_result;

typedef struct {
    isync_delivery_result result;
    long retry_after_s; /* server's Retry-After, -1 if none */
    char reason[640]; /* for people: which call, Infor's words; no personal data */
    json_t *infor_error; /* {program, transaction, type, code, field, message, http_status} or NULL; owned */
    json_t *infor_refs; /* what Infor created, e.g. {"orno":..,"batch_orno":..}; owned */
    json_t *mapping; /* what the template produced besides the calls: {"problems",
                                  "notes", "currency"}, or NULL; owned */
} isync_delivery_outcome;

void isync_delivery_outcome_init(isync_delivery_outcome *out);
void isync_delivery_outcome_clear(isync_delivery_outcome *out);

/* A failed M3 call into the outcome: reason "PROGRAM/TRANSACTION context:
 * Infor's message [type, field field]", infor_error, Retry-After, and the
 * result its retry class calls for (M3 RETRY: retry later, else dead letter). */
isync_delivery_result isync_delivery_m3_failed(isync_delivery_outcome *out, const isync_m3_request *req,
                                               const isync_m3_result *res, const char *context);

/* Connectors persist their progress through this callback after every
 * step Infor confirmed, so a retry after a crash resumes instead of
 * repeating a step. Returns 0 on success. */
typedef int (*isync_progress_save_fn)(void *ctx, json_t *progress);

#endif
