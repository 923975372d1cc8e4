/* Events held for review (infor_sync.anomaly_hold): the leader moves an
 * event its anomaly check flagged into held/ instead of sending it. An
 * admin lists them, then releases one (sent as it is, never flagged again)
 * or discards it. Events of the same order or customer enqueued after a
 * held one wait behind it in deferred/ and go once it left held/. */
#ifndef ISYNC_HELD_H
#define ISYNC_HELD_H

#include <jansson.h>

#include "base/error.h"
#include "queue/spool.h"

/* Oldest first: [{id, type, created_at, held_at, order_number, anomaly}],
 * at most limit. No personal data (as dead letters). */
isync_status isync_held_list(const isync_spool *spool, size_t limit, json_t **list, isync_error *err);

/* Moves a held event to ready/ with "released_at" in its record; the
 * leader sends it without checking it again. ISYNC_ERR_NOTFOUND when the
 * id is not held. */
isync_status isync_held_release(const isync_spool *spool, const char *id, isync_error *err);

/* Deletes a held event and its record. ISYNC_ERR_NOTFOUND when not held. */
isync_status isync_held_discard(const isync_spool *spool, const char *id, isync_error *err);

#endif
