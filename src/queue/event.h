/* Events from the shop: the types the extension accepts, the validation of
 * their payloads at enqueue time, and the envelope that goes into the spool:
 *   {"v":1,"id":..,"type":..,"created_at":"..Z","idempotency_key":..|null,"payload":{..}}
 * The raw payload is kept as the shop sent it (money normalised to decimal
 * strings), so a dead letter can be replayed after a fix. */
#ifndef ISYNC_EVENT_H
#define ISYNC_EVENT_H

#include <jansson.h>

#include "base/decimal.h" /* isync_decimal_normalise */
#include "base/error.h"
#include "queue/problems.h"
#include "queue/spool.h"

/* What enqueue() accepts at most (docs/configuration.md#limits): far above
 * any real order, low enough that one call cannot take seconds or gigabytes
 * outside PHP's memory_limit. */
#define ISYNC_PAYLOAD_MAX_ELEMENTS 10000 /* elements of one array or members of one object */
#define ISYNC_PAYLOAD_MAX_STRING (64u << 10) /* bytes of one string */
#define ISYNC_PAYLOAD_MAX_BYTES (8u << 20) /* bytes of the event's JSON text */

/* 1 when the extension knows how to deliver this event type. */
int isync_event_type_known(const char *type);
/* Comma-separated list of known types, for error messages. */
const char *isync_event_types(void);

/* Validates payload for type, normalising it in place (money and quantities
 * become canonical decimal strings). Returns ISYNC_ERR_INVALID with every
 * problem in *problems. */
isync_status isync_event_validate(const char *type, json_t *payload, isync_problems *problems);

/* Builds the envelope (steals nothing; payload is referenced). */
json_t *isync_event_envelope(const char *id, const char *type, const char *idempotency_key, json_t *payload);

/* A validated payload into the spool: a new id, the envelope, its JSON text
 * written into ready/ (isync_spool_put: durable when the spool is). The id
 * is written to id; with an idempotency key seen before it is the earlier
 * event's, with ISYNC_ERR_EXISTS. ISYNC_ERR_INVALID, nothing written, when
 * the JSON text is over ISYNC_PAYLOAD_MAX_BYTES. */
isync_status isync_event_enqueue(const isync_spool *spool, const char *type, const char *idempotency_key,
                                 json_t *payload, char id[ISYNC_ID_SIZE], isync_error *err);

/* The entities an event touches, as keys like "order:XC-1001" and
 * "customer:42" (an X-Cart profile id, or the lowercased e-mail of a guest).
 * Events sharing a key are delivered in the order they were enqueued.
 * New reference to an array, never NULL. */
json_t *isync_event_entity_keys(json_t *envelope);

/* ISO 8601 date or date-time -> "yyyyMMdd" (the date as the shop wrote it). */
int isync_iso8601_to_m3_date(const char *text, char out[9]);

#endif
