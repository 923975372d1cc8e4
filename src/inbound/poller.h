/* The inbound direction: the leader polls Infor M3 for what the shop must
 * learn (stock levels, item data, shipments and order status) and writes
 * inbound events (inbound.h) that the shop fetches with InforSync\inbound().
 *
 * Kinds and their transactions:
 *   stock      MMS060MI/List per warehouse, paged with maxrecs (on hand:
 *              sum of STQT, allocatable: sum of STQT - ALQT); "available"
 *              adds MMS200MI/GetItmWhsBal (AV02) per item and warehouse.
 *              -> stock.changed, only when a quantity changed
 *   items      MMS200MI/LstItmByItm, paged; compares LMDT and the values
 *              with the last seen ones -> product.changed (the first run
 *              emits every item once: the shop's initial sync)
 *   shipments  for every order of the order index not yet shipped:
 *              OIS100MI/GetHead (ORST, ORSL) -> order.status when changed;
 *              MWS411MI/LstDelLnByOrd -> DLIX, MWS410MI/GetHead (PGRS, CONN,
 *              ETRN, FWNO), DRS100MI/GetShipment (FWNO, SUNM) -> order.shipped
 *              per shipped delivery; the index entry is marked shipped once
 *              every line is delivered (ORSL >= 66).
 *
 * State: <spool>/poll/state.json (atomic writes): when each kind is next
 * due, the last emitted stock per SKU, the last seen item values, the
 * status and emitted deliveries per order, and paused_until after a 429.
 *
 * Ordering: an event is written (durably) before the state that records it
 * is saved. A crash in between emits the same event again on the next run,
 * never loses one; the shop applies them idempotently (stock is set, not
 * added; a tracking number already known is ignored).
 *
 * Quota: a 429 pauses every kind until Retry-After (or a backoff) has
 * passed, without a single call meanwhile. Other transient failures
 * (5xx, timeouts) end the run of that kind; it is tried again after
 * min(interval, 30 s). Never called while an outbound event waits. */
#ifndef ISYNC_POLLER_H
#define ISYNC_POLLER_H

#include <jansson.h>
#include <stdatomic.h>

#include "worker/business_config.h"
#include "base/error.h"
#include "infor/m3.h"
#include "queue/spool.h"

typedef struct {
    long stock_interval_s; /* 0: off */
    long items_interval_s;
    long shipments_interval_s;
    int page_size; /* maxrecs of list transactions; <= 0: 100 */
} isync_poll_settings;

typedef enum {
    ISYNC_POLL_OK = 0, /* ran to the end (events written, state saved) */
    ISYNC_POLL_FAILED, /* Infor or the spool failed; tried again later */
    ISYNC_POLL_PAUSED /* Infor answered 429: every kind waits */
} isync_poll_result;

typedef struct isync_poller isync_poller;

/* The intervals in effect: each business setting that is set replaces the
 * php.ini value of its kind (ini: the php.ini values and the page size). */
void isync_poll_settings_effective(const isync_poll_settings *ini, const isync_business_config *cfg,
                                   isync_poll_settings *out);

/* For status(): {"stock": {"interval": s, "source": "php.ini"|"config"}, "items": .., "shipments": ..}. */
json_t *isync_poll_settings_describe(const isync_poll_settings *ini, const isync_business_config *cfg);

/* Borrows spool (must outlive the poller). Loads the saved state. */
isync_poller *isync_poller_new(const isync_spool *spool, const isync_poll_settings *settings);
void isync_poller_free(isync_poller *poller);

/* New intervals (the page size stays). A kind whose interval got shorter,
 * or that was off, is due at most its new interval from now: it does not
 * wait out the old, longer one. */
void isync_poller_set_intervals(isync_poller *poller, const isync_poll_settings *settings);

/* The intervals in use (tests, status). */
const isync_poll_settings *isync_poller_settings(const isync_poller *poller);

/* Runs every kind that is due (and not paused). Returns the milliseconds
 * until the next kind is due (or the pause ends), -1 when every kind is off. */
long isync_poller_run(isync_poller *poller, isync_m3_client *m3, const isync_business_config *cfg,
                      const atomic_bool *stop);

/* Milliseconds until a kind is due (0: one is due now; the pause counted),
 * -1 when every kind is off. Runs nothing. */
long isync_poller_due_in(isync_poller *poller);

/* One kind now, due or not (tests, and isync_poller_run). A paused poller
 * returns ISYNC_POLL_PAUSED without calling Infor. */
isync_poll_result isync_poll_stock(isync_poller *poller, isync_m3_client *m3, const isync_business_config *cfg);
isync_poll_result isync_poll_items(isync_poller *poller, isync_m3_client *m3, const isync_business_config *cfg);
isync_poll_result isync_poll_shipments(isync_poller *poller, isync_m3_client *m3, const isync_business_config *cfg);

/* Milliseconds since the epoch until which no call is made (0: not paused). */
long long isync_poller_paused_until(const isync_poller *poller);

/* The saved state (borrowed; for tests and status). */
json_t *isync_poller_state(const isync_poller *poller);

/* Optional calls failing now, {"PROGRAM/Transaction": {"missing": what the
 * events go without, "reason": the last error, "since": ms}}, or NULL when
 * none (borrowed). */
json_t *isync_poller_degraded(const isync_poller *poller);

#endif
