/* Delivery lanes: a bounded pool of threads that run the leader's jobs side
 * by side, so that deliveries wait for Infor together instead of one after
 * another. The leader decides everything (what may run, the per-entity
 * order, retries, the spool's state) and takes every finished job back on
 * its own thread; a lane only runs the job function. Lanes start when the
 * first job needs one, not before (a php-fpm child that never leads has
 * none). docs/architecture.md#several-deliveries-in-flight argues the
 * choice of threads over one thread with libcurl's multi interface. */
#ifndef ISYNC_LANES_H
#define ISYNC_LANES_H

#include <stddef.h>

#include "worker/settings.h"

/* Runs one job on a lane; lane_ctx is the lane's own (its M3 client). */
typedef void isync_lane_fn(void *job, void *lane_ctx);

typedef struct isync_lanes isync_lanes;

/* count lanes (at most ISYNC_LANES_MAX), lane i runs jobs with lane_ctx[i]
 * (borrowed, kept by the caller). NULL when out of memory. */
#define ISYNC_LANES_MAX ISYNC_MAX_IN_FLIGHT
isync_lanes *isync_lanes_new(size_t count, isync_lane_fn *run, void *const *lane_ctx);

/* Waits for every job to be finished and taken back, then ends the threads. */
void isync_lanes_free(isync_lanes *lanes);

/* Hands job to an idle lane (starting its thread if need be): 0, or -1 when
 * every lane is busy or a thread cannot be started. */
int isync_lanes_submit(isync_lanes *lanes, void *job);

/* A finished job, waiting at most wait_ms for one (0: do not wait); NULL when
 * none finished in that time. */
void *isync_lanes_take_finished(isync_lanes *lanes, long wait_ms);

/* Jobs submitted and not yet taken back. */
size_t isync_lanes_busy(isync_lanes *lanes);

/* A descriptor that turns readable when a job finished (an eventfd: read
 * it to clear), for waiting on it together with others; -1 when none
 * could be made (then wait with isync_lanes_take_finished). */
int isync_lanes_done_fd(isync_lanes *lanes);

/* Lane threads started so far. */
size_t isync_lanes_threads(isync_lanes *lanes);

#endif
