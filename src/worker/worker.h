/* The delivery worker: one thread per serving process, started lazily at
 * the first request (never in MINIT: php-fpm and Apache fork after it).
 * Across all processes sharing a spool, exactly one thread delivers at a
 * time: the one holding flock(LOCK_EX) on <spool>/leader.lock. The others
 * wait and take over within half a second when the leader's process dies.
 * A follower holds only its thread: the leader's state (templates, the M3
 * specification, the poll state) is built once the lock is taken.
 *
 * Thread hygiene: signals blocked, no Zend memory, descriptors O_CLOEXEC,
 * shutdown bounded by shutdown_timeout_ms, then detached; once shutdown
 * began no request is retried and in-flight HTTP is aborted. Events left in
 * active/ are returned to ready/ by the next leader. */
#ifndef ISYNC_WORKER_H
#define ISYNC_WORKER_H

#include <jansson.h>
#include <sys/types.h>

#include "base/error.h"
#include "worker/settings.h"

/* Starts the thread unless this process already runs one. */
isync_status isync_worker_start(const isync_worker_settings *settings, isync_error *err);

/* Asks the thread to stop and waits at most timeout_ms. Returns 1 when it
 * ended, 0 when it was detached still running. */
int isync_worker_stop(long timeout_ms);

int isync_worker_running(void);
int isync_worker_is_leader(void);

/* In a forked child: the parent's thread does not exist here. Drops the
 * inherited state (closing the inherited leader lock, so the child never
 * keeps the parent's leadership alive) without touching the parent's locks. */
void isync_worker_forget_after_fork(pid_t owner_pid);
pid_t isync_worker_owner_pid(void);

/* What the leader publishes in <spool>/leader.json, plus whether a leader
 * holds the lock right now ("leader_alive"). New reference, never NULL. */
json_t *isync_leader_info(const char *spool_dir);

#endif
