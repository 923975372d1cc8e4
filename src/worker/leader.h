/* What the leading worker thread does: deliver events from ready/, defer
 * and promote retries, dead-letter what Infor refuses, quarantine damaged
 * files, and publish its counters in <spool>/leader.json. Only the thread
 * holding the leader lock uses this. */
#ifndef ISYNC_LEADER_H
#define ISYNC_LEADER_H

#include <stdatomic.h>
#include <stddef.h>
#include <time.h>

#include "worker/settings.h"

typedef struct isync_leader isync_leader;

/* stop: set by the owner when shutdown begins; checked between steps. */
isync_leader *isync_leader_new(const isync_worker_settings *settings, const atomic_bool *stop);
void isync_leader_free(isync_leader *leader);

/* Takeover: returns the dead leader's active events to ready, restores counters. */
void isync_leader_begin(isync_leader *leader);

/* Before giving up the leader lock: writes what is not on disk yet (the
 * anomaly history, written at most once a second while leading). */
void isync_leader_end(isync_leader *leader);

/* Reloads the business configuration and the credentials if their files changed. */
void isync_leader_refresh(isync_leader *leader);

/* Moves deferred events whose time has come back to ready. Returns the
 * milliseconds until the next one is due, or -1 when none waits. */
long isync_leader_promote_due(isync_leader *leader);

/* Starts deliveries of up to max events from ready/, oldest first, as many
 * at once as infor_sync.max_in_flight and Infor's answers allow (lanes.h,
 * throttle.h); an event whose order or customer has an older event in
 * flight stays in ready/ for a later round. Returns how many it took from
 * ready/ (0: none could be taken). Deliveries may still be in flight when
 * it returns: isync_leader_collect() finishes them. */
size_t isync_leader_deliver_ready(isync_leader *leader, size_t max);

/* Finishes the deliveries that ended, waiting up to wait_ms for the first.
 * Returns how many it finished. */
size_t isync_leader_collect(isync_leader *leader, long wait_ms);

/* Deliveries in flight. */
size_t isync_leader_in_flight(isync_leader *leader);

/* Readable when a delivery or poll in flight finished (lanes.h); -1: none. */
int isync_leader_done_fd(isync_leader *leader);

/* Runs the inbound pollers that are due, between deliveries too (their
 * intervals bound their share); also writes the anomaly history if it
 * changed. Returns the milliseconds until the next one is due, -1: polling
 * is off. */
long isync_leader_poll(isync_leader *leader);

/* Removes delivered events and idempotency keys past retention. */
void isync_leader_prune(isync_leader *leader);

#endif
