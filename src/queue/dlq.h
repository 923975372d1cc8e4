/* Operations an admin (or the store module page) runs on the spool from a
 * request: list dead letters with Infor's reason, replay or discard them,
 * and look up any event's record. Replaying keeps the connector's progress,
 * so an order half-built in Infor is completed, not started again. */
#ifndef ISYNC_DLQ_H
#define ISYNC_DLQ_H

#include <jansson.h>

#include "base/error.h"
#include "queue/spool.h"

/* Oldest first: [{id, type, created_at, dead_at, attempts, reason,
 * infor_error, order_number}], at most limit. */
isync_status isync_dlq_list(const isync_spool *spool, size_t limit, json_t **list, isync_error *err);

/* Moves one dead letter (id) or all (id NULL) back to ready, with a fresh
 * retry budget. Returns how many were moved, or -1 on error. */
long isync_dlq_retry(const isync_spool *spool, const char *id, isync_error *err);

/* Deletes a dead letter and its record. ISYNC_ERR_NOTFOUND when id is not dead. */
isync_status isync_dlq_discard(const isync_spool *spool, const char *id, isync_error *err);

/* {id, state, type, created_at, payload, record}; ISYNC_ERR_NOTFOUND if unknown. */
isync_status isync_event_lookup(const isync_spool *spool, const char *id, json_t **info, isync_error *err);

#endif
