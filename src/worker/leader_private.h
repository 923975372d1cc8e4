/* The leader's state, shared by its files: leader.c (the events),
 * leader_settings.c (settings, credentials, templates and the connections
 * to Infor). Nothing outside src/worker/ includes this. */
#ifndef ISYNC_LEADER_PRIVATE_H
#define ISYNC_LEADER_PRIVATE_H

#include <jansson.h>
#include <stdatomic.h>
#include <time.h>

#include "infor/http.h"
#include "infor/ionapi.h"
#include "infor/m3.h"
#include "infor/oauth.h"
#include "infor/throttle.h"
#include "inbound/poller.h"
#include "mapping/mapping_set.h"
#include "mapping/rates_cache.h"
#include "queue/anomaly.h"
#include "queue/spool.h"
#include "worker/business_config.h"
#include "worker/lanes.h"
#include "worker/settings.h"

/* A lane's own connection and M3 client (lanes.h): built with the
 * credentials, dropped with them. */
typedef struct {
    isync_http *http;
    isync_m3_client *m3;
} isync_lane_transport;

/* What the credentials give: the token cache shared by every client, and
 * the pollers' own connection. A poll on a lane holds the session it
 * started with (refs), so new credentials need not wait for a long poll:
 * the old session goes when the poll ends. refs changes on the leader's
 * thread only. */
typedef struct {
    int refs;
    isync_ionapi cred;
    isync_http *token_http; /* token requests (oauth.h) */
    isync_oauth *oauth;
    isync_http *poll_http;
    isync_m3_client *poll_m3;
} isync_infor_session;

#define LAST_DELIVERIES 10

/* One pass over ready/: a sorted listing worked through a few events at a
 * time, listed again when it is used up or older events came back. */
typedef struct {
    char (*ids)[ISYNC_ID_SIZE];
    size_t count;
    size_t next; /* the first not looked at */
    long long listed_at; /* µs: ids made later wait for the next listing */
    json_t *passed; /* keys of events left in ready/ in this pass */
    int stale; /* events older than the listing came back into ready/ */
} isync_ready_pass;

struct isync_leader { /* isync_leader in leader.h */
    isync_worker_settings settings;
    const atomic_bool *stop;
    isync_spool spool;
    int spool_open;

    isync_business_config config;
    isync_file_stamp config_stamp;
    char config_error[512];

    isync_file_stamp cred_stamp;
    char cred_error[512];
    int files_checked; /* config and credentials looked at once */
    isync_infor_session *session; /* NULL: no usable credentials (cred_error) */
    isync_http *http; /* deliveries on the leader's thread (no lane could start) */
    isync_m3_client *m3;
    isync_throttle throttle; /* shared by every M3 client: how many requests Infor takes */
    isync_lane_transport transport[ISYNC_MAX_IN_FLIGHT]; /* lane i's connection */
    isync_lanes *lanes; /* deliveries in flight */
    json_t *in_flight; /* entity key -> id of an event a lane delivers */
    int polling; /* the inbound pollers run on a lane */
    int poll_intervals_changed; /* new intervals wait for the poll to end */

    isync_ready_pass ready;
    long long next_due_ms; /* earliest deferred event, 0: scan */
    json_t *blocked; /* entity key -> {"id","due"} of the oldest deferred
                                       event touching it: newer events of that entity wait */
    json_t *stats; /* the content of leader.json */
    long long published_ms; /* when leader.json was last written */
    isync_poller *poller; /* inbound polling (poller.h) */

    isync_mapping_set *mapping; /* templates in use; NULL: see mapping_error */
    char mapping_error[512];
    long long mapping_checked_ms;
    isync_rates_cache rates; /* exchange rates (business setting rate_source) */
    isync_anomaly anomaly; /* the store's recent history (anomaly.h) */
    int error_rate_rising; /* last seen, to log the change once */
    int anomaly_dirty; /* history changed since anomaly.json was written */
    long long anomaly_saved_ms;
    struct timespec held_stamp; /* mtime of held/: a release or discard changes it */
};

/* leader.c */
void isync_leader_publish(struct isync_leader *leader);

/* entity_order.c: the keys (order, customer) that make an event wait */
void isync_leader_block_keys(struct isync_leader *leader, const char *id, json_t *record, long long due,
                             const char *held);
json_t *isync_leader_blocking_event(struct isync_leader *leader, const char *id, json_t *record);
void isync_leader_wait_behind(struct isync_leader *leader, const char *id, json_t *record, json_t *holder);
int isync_leader_entity_busy(struct isync_leader *leader, json_t *keys, json_t *passed);
void isync_leader_mark_keys(json_t *set, json_t *keys, const char *id);
int isync_leader_held_changed(struct isync_leader *leader);
json_t *isync_leader_block_held(struct isync_leader *leader);

/* leader_settings.c */
void isync_leader_drop_transport(struct isync_leader *leader);

/* The current session for a poll (NULL when there is none), and back. */
isync_infor_session *isync_leader_session_hold(struct isync_leader *leader);
void isync_leader_session_release(isync_infor_session *session);

/* The intervals of php.ini or the business settings to the poller (not
 * while a poll runs: then when it ended). */
void isync_leader_apply_poll_intervals(struct isync_leader *leader);

/* The optional calls the pollers go without, into the published stats
 * ("degraded", status()); 1 when that changed. */
int isync_leader_note_degraded(struct isync_leader *leader);

/* The polling intervals of php.ini; business settings may replace them (load_config). */
isync_poll_settings isync_leader_ini_poll_settings(const isync_worker_settings *settings);

/* leader.c: waits until no delivery is in flight, finishing each (before
 * anything the lanes read changes); a poll may go on (it has its own
 * session and settings). */
void isync_leader_drain_deliveries(struct isync_leader *leader);

#endif
