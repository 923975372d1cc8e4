/* The durable spool: one immutable file per event, states as directories,
 * every state change a rename (Postfix's design).
 *
 *   <dir>/tmp/       being written (O_EXCL, 0600), invisible to the worker
 *   <dir>/ready/     waiting for delivery (inotify wakes the leader)
 *   <dir>/active/    held by the leader while it delivers
 *   <dir>/deferred/  waiting for the next retry (due time in the record)
 *   <dir>/dead/      dead letters: kept with Infor's reason, replayable
 *   <dir>/corrupt/   failed the checksum: quarantined, never delivered
 *   <dir>/done/      delivered: kept for infor_sync.done_retention
 *   <dir>/inbound/   events from Infor (stock, items, shipments) waiting for
 *                    the shop to apply them and acknowledge
 *   <dir>/held/      flagged as anomalous (anomaly.h) and held for an admin
 *                    to release or discard (infor_sync.anomaly_hold)
 *   <dir>/keys/      idempotency keys: a hard link to the event they named
 *   <dir>/orders/    what Infor created for each X-Cart order (order_index.h)
 *   <dir>/payments/  payment numbers given to X-Cart transactions (m3_payment.h)
 *   <dir>/records/   <id>.json: the mutable delivery record (attempts,
 *                    connector progress, Infor numbers, last error)
 *   <dir>/leader.lock, <dir>/leader.json, <dir>/anomaly.json (anomaly.h)
 *
 * Event file: "ISYNC1 <id> <sha256 hex of body> <body length>\n<body>". */
#ifndef ISYNC_SPOOL_H
#define ISYNC_SPOOL_H

#include <jansson.h>
#include <stddef.h>
#include <time.h>

#include "base/error.h"

#define ISYNC_ID_LEN 24 /* 13 hex µs timestamp + '-' + 10 hex random */
#define ISYNC_ID_SIZE (ISYNC_ID_LEN + 1)
/* The largest event file or record the spool reads: twice what enqueue()
 * writes at most (ISYNC_PAYLOAD_MAX_BYTES in event.h). A larger file, or one
 * that is not a regular file (a FIFO), is corrupt and never read. */
#define ISYNC_SPOOL_MAX_FILE (16u << 20)

typedef enum {
    ISYNC_STATE_READY = 0,
    ISYNC_STATE_ACTIVE,
    ISYNC_STATE_DEFERRED,
    ISYNC_STATE_DEAD,
    ISYNC_STATE_CORRUPT,
    ISYNC_STATE_DONE,
    ISYNC_STATE_INBOUND, /* from Infor, waiting for the shop to apply and ack */
    ISYNC_STATE_HELD, /* anomalous, waiting for an admin's release or discard */
    ISYNC_STATE_COUNT
} isync_state;

typedef struct {
    char *dir;
    int durable; /* 1: fsync files and directories */
} isync_spool;

const char *isync_state_name(isync_state state);

/* Creates the directory tree (0700) if needed. */
isync_status isync_spool_open(isync_spool *spool, const char *dir, int durable, isync_error *err);
void isync_spool_close(isync_spool *spool);

/* A new time-ordered unique id: sorting ids sorts by creation time. */
isync_status isync_spool_new_id(char id[ISYNC_ID_SIZE], isync_error *err);

/* When the id was made: microseconds since the epoch (its first 13 hex
 * digits; strictly increasing within a process, so ids sort in the order
 * the events were enqueued). */
long long isync_spool_id_us(const char *id);

/* Writes the event durably into ready/. With an idempotency key, a key
 * seen before returns ISYNC_ERR_EXISTS and the earlier event's id in
 * existing_id; nothing new is written. */
isync_status isync_spool_put(const isync_spool *spool, const char *id, const char *body, size_t body_len,
                             const char *idempotency_key, char existing_id[ISYNC_ID_SIZE], isync_error *err);

/* Writes an event from Infor durably into inbound/ (same file format). */
isync_status isync_spool_put_inbound(const isync_spool *spool, const char *id, const char *body, size_t body_len,
                                     isync_error *err);

/* Reads and verifies an event. ISYNC_ERR_CORRUPT when damaged, not a
 * regular file or over ISYNC_SPOOL_MAX_FILE, ISYNC_ERR_NOTFOUND when absent. *body is malloc'ed, NUL-terminated. */
isync_status isync_spool_read(const isync_spool *spool, isync_state state, const char *id, char **body,
                              size_t *body_len, isync_error *err);

/* rename(from/id, to/id) and, when durable, fsync of the target directory. */
isync_status isync_spool_move(const isync_spool *spool, const char *id, isync_state from, isync_state to,
                              isync_error *err);
/* The same rename without fsync. For the leader's own moves: the record
 * (always saved durably first) is the truth about an event; if a power cut
 * undoes such a rename, the event shows up again in active/ or ready/ and
 * its connector, reading the record, resumes without repeating a step. */
isync_status isync_spool_move_unsynced(const isync_spool *spool, const char *id, isync_state from, isync_state to,
                                       isync_error *err);
isync_status isync_spool_remove(const isync_spool *spool, isync_state state, const char *id, isync_error *err);
/* An event removed from a state with its record, for good (an admin's
 * discard); ISYNC_ERR_NOTFOUND if the state does not hold it. */
isync_status isync_spool_discard(const isync_spool *spool, isync_state state, const char *id, isync_error *err);

/* fsync of a state's directory when durable (after removals). */
isync_status isync_spool_sync(const isync_spool *spool, isync_state state, isync_error *err);

/* Which state holds the event; ISYNC_ERR_NOTFOUND if none. */
isync_status isync_spool_locate(const isync_spool *spool, const char *id, isync_state *state);

/* Ids in a state, sorted oldest first, at most `limit` (0: all).
 * *ids is a malloc'ed array of ISYNC_ID_SIZE strings. */
isync_status isync_spool_list(const isync_spool *spool, isync_state state, size_t limit, char (**ids)[ISYNC_ID_SIZE],
                              size_t *count, isync_error *err);
/* An event back to ready/ from a state: its record (borrowed) saved with
 * "state": "ready" first, then the event moved. */
isync_status isync_spool_requeue(const isync_spool *spool, const char *id, isync_state from, json_t *record,
                                 isync_error *err);

/* One summary a listed event: a new JSON value, NULL to leave the event out. */
typedef json_t *isync_spool_summary_fn(const isync_spool *spool, const char *id);

/* *list: a new array of summary() of the ids in a state, oldest first, at
 * most `limit` (0: all); NULL when the state cannot be listed. */
isync_status isync_spool_summaries(const isync_spool *spool, isync_state state, size_t limit,
                                   isync_spool_summary_fn *summary, json_t **list, isync_error *err);

/* An event's envelope parsed: a new JSON value, NULL when it cannot be read
 * (err set) or is not JSON. */
json_t *isync_spool_envelope(const isync_spool *spool, isync_state state, const char *id, isync_error *err);

/* The spool's file system is reported full below this much free space. */
#define ISYNC_SPOOL_MIN_FREE (1u << 20)

/* Whether the spool can take and deliver events: its directories exist and
 * can be written, its file system has ISYNC_SPOOL_MIN_FREE bytes and an
 * inode free. ISYNC_ERR_NOTFOUND (a directory is gone) or ISYNC_ERR_IO
 * (read-only, not writable, full) with the reason in err. A few system
 * calls, no write: for status() and the worker's watch. */
isync_status isync_spool_check(const isync_spool *spool, isync_error *err);

/* Number of events in a state, -1 when the directory cannot be read. */
long isync_spool_count(const isync_spool *spool, isync_state state);

/* The delivery record of an event: a JSON object, {} when none yet. */
isync_status isync_spool_record_load(const isync_spool *spool, const char *id, json_t **record, isync_error *err);
/* Atomically replaces the record (tmp + rename, fsync when durable). */
isync_status isync_spool_record_save(const isync_spool *spool, const char *id, json_t *record, isync_error *err);
isync_status isync_spool_record_remove(const isync_spool *spool, const char *id);

/* Leader start-up: events a dead leader held in active/ go back to ready/;
 * files left in tmp/ by writers that died go away. Returns how many events
 * were returned to ready/. */
long isync_spool_recover(const isync_spool *spool, isync_error *err);

/* Removes done/ events and their records older than max_age_s, idempotency
 * keys whose event is gone and which are older than max_age_s, and files
 * writers abandoned in tmp/ (as isync_spool_recover does). */
void isync_spool_prune(const isync_spool *spool, long max_age_s);

/* Path helpers: malloc'ed "<dir>/<name>". */
char *isync_spool_path(const isync_spool *spool, const char *name);

int isync_id_valid(const char *id);

#endif
