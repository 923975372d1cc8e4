/* The inbound queue: what the worker learned from Infor (stock levels, item
 * data, shipments, order status) for the shop to apply. Same durability as
 * the outbound spool (one checksummed file per event in <spool>/inbound/).
 * The shop fetches, applies, then acknowledges: an event not acknowledged
 * comes back on the next fetch (also after a crash between the two); an
 * acknowledged one is gone for good. */
#ifndef ISYNC_INBOUND_H
#define ISYNC_INBOUND_H

#include <jansson.h>
#include <stddef.h>

#include "base/error.h"
#include "queue/spool.h"

/* Adds an event; *id receives its id. payload is referenced, not stolen. */
isync_status isync_inbound_add(const isync_spool *spool, const char *type, json_t *payload, char id[ISYNC_ID_SIZE],
                               isync_error *err);

/* Oldest first, at most limit, only the given types when types is a
 * non-empty array of strings: [{id, type, created_at, payload}]. A damaged
 * file is moved to corrupt/ and skipped. */
isync_status isync_inbound_fetch(const isync_spool *spool, size_t limit, json_t *types, json_t **events,
                                 isync_error *err);

/* Removes the events with these ids; unknown ids are ignored (already
 * acknowledged). Returns how many were removed. */
long isync_inbound_ack(const isync_spool *spool, const char *const *ids, size_t count);

#endif
