/* The status report: what InforSync\status() returns and php --ri shows,
 * built in one place from the leader's <spool>/leader.json (when a leader
 * published one), the spool's counts and what this process reads itself
 * (credentials, polling intervals, mapping templates) before any leader did.
 *
 * {"enabled", "worker": {"mode", "running", "leader", "pid", "leader_pid"},
 *  "spool": {"dir", "durability", <state>: count...}, "counters", "last_error",
 *  "mapping": {..., "rates"}, "token": {"expires_at", "valid"}, "credentials",
 *  "config_error", "polling", "delivery": {"in_flight", "limit", "max_in_flight",
 *  "overloaded", "lanes"}, "last_deliveries",
 *  "anomalies": {"hold", "flagged", "held", "error_rate": {"short", "long",
 *                "short_attempts", "long_attempts", "rising"}}} */
#ifndef ISYNC_STATUS_REPORT_H
#define ISYNC_STATUS_REPORT_H

#include <jansson.h>

#include "queue/spool.h"
#include "worker/settings.h"

typedef struct {
    const isync_worker_settings *settings;
    int enabled; /* infor_sync.enabled */
    const char *worker_mode; /* infor_sync.worker: "off", "on" or "auto" */
    /* This process's view of its mapping templates, asked for only when no
     * leader published one (new reference; NULL: {"error": ...}). */
    json_t *(*local_mapping)(void *ctx);
    void *ctx;
} isync_report_inputs;

/* The report for spool (counts of a spool not created yet are -1). New reference. */
json_t *isync_status_report(const isync_report_inputs *in, const isync_spool *spool);

/* The polling intervals in effect and where each comes from, as php.ini
 * (settings) and the business settings file give them; NULL when the file
 * cannot be read. */
json_t *isync_report_local_polling(const isync_worker_settings *settings);

#endif
