#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/atomic_file.h"
#include "base/clock.h"
#include "base/log.h"
#include "connectors/order_index.h"
#include "connectors/registry.h"
#include "infor/backoff.h"
#include "queue/event.h"
#include "worker/delivery.h"
#include "worker/leader.h"
#include "worker/leader_private.h"

static void run_job(void *job, void *lane_ctx);
static void drain(isync_leader *leader, int poll_too);

static json_t *counters(isync_leader *leader)
{
    return json_object_get(leader->stats, "counters");
}

static void count(isync_leader *leader, const char *name)
{
    json_t *c = counters(leader);
    json_object_set_new(c, name, json_integer(json_integer_value(json_object_get(c, name)) + 1));
}

/* leader.json is rewritten at most this often while deliveries overlap. */
#define PUBLISH_MS 250

/* Deliveries at once: in flight now, the throttle's limit, the most allowed. */
static json_t *delivery_stats(isync_leader *leader)
{
    return json_pack("{s:I, s:i, s:I, s:I, s:I}", "in_flight", (json_int_t)isync_lanes_busy(leader->lanes), "limit",
                     isync_throttle_limit(&leader->throttle), "max_in_flight",
                     (json_int_t)leader->settings.max_in_flight, "overloaded",
                     (json_int_t)isync_throttle_overloads(&leader->throttle), "lanes",
                     (json_int_t)isync_lanes_threads(leader->lanes));
}

void isync_leader_publish(isync_leader *leader)
{
    leader->published_ms = isync_now_ms();
    char *path = isync_spool_path(&leader->spool, "leader.json");
    json_object_set_new(leader->stats, "updated_at", json_integer(time(NULL)));
    json_object_set_new(leader->stats, "delivery", delivery_stats(leader));
    json_object_set_new(leader->stats, "token_expires_at",
                        json_integer(leader->session ? (json_int_t)isync_oauth_expires_at(leader->session->oauth) : 0));
    json_object_set_new(leader->stats, "anomalies", isync_anomaly_summary(&leader->anomaly));
    if (path) {
        /* status only: losing it to a power cut costs nothing */
        isync_write_json_file(path, leader->stats, 0, NULL);
        free(path);
    }
}

static void set_last_error(isync_leader *leader, const char *event_id, const char *message)
{
    json_object_set_new(
        leader->stats, "last_error",
        json_pack("{s:I, s:s?, s:s}", "at", (json_int_t)time(NULL), "event_id", event_id, "message", message));
}

static void end_pass(isync_ready_pass *pass)
{
    free(pass->ids);
    json_decref(pass->passed);
    memset(pass, 0, sizeof *pass);
}

isync_leader *isync_leader_new(const isync_worker_settings *settings, const atomic_bool *stop)
{
    isync_leader *leader = calloc(1, sizeof *leader);
    if (!leader) {
        return NULL;
    }
    leader->settings = *settings;
    leader->stop = stop;
    leader->stats = json_pack("{s:i, s:I, s:{s:i, s:i, s:i, s:i}, s:n, s:[]}", "pid", (int)getpid(), "since",
                              (json_int_t)time(NULL), "counters", "delivered", 0, "retried", 0, "dead", 0, "corrupt", 0,
                              "last_error", "last_deliveries");
    leader->blocked = json_object();
    leader->in_flight = json_object();
    isync_throttle_init(&leader->throttle, (int)settings->max_in_flight);
    void *lane_ctx[ISYNC_MAX_IN_FLIGHT];
    for (size_t i = 0; i < ISYNC_MAX_IN_FLIGHT; i++) {
        lane_ctx[i] = &leader->transport[i];
    }
    leader->lanes = isync_lanes_new((size_t)settings->max_in_flight, run_job, lane_ctx);
    if (!leader->lanes) {
        isync_leader_free(leader);
        return NULL;
    }
    isync_error err;
    if (isync_spool_open(&leader->spool, settings->spool_dir, settings->durable, &err) != ISYNC_OK) {
        isync_log(ISYNC_LOG_ERROR, "%s", err.message);
        isync_leader_free(leader);
        return NULL;
    }
    leader->spool_open = 1;
    isync_poll_settings poll = isync_leader_ini_poll_settings(settings);
    isync_business_config none = {0};
    leader->poller = isync_poller_new(&leader->spool, &poll);
    json_object_set_new(leader->stats, "polling", isync_poll_settings_describe(&poll, &none));
    isync_leader_note_degraded(leader); /* as the last poll before a restart left it */
    if (isync_mapping_set_open(settings->mapping_dir, settings->m3_metadata, &leader->mapping, &err) != ISYNC_OK) {
        snprintf(leader->mapping_error, sizeof leader->mapping_error, "%s", err.message);
        isync_log(ISYNC_LOG_ERROR, "%s", err.message);
    }
    isync_rates_cache_init(&leader->rates, leader->spool.dir);
    return leader;
}

void isync_leader_free(isync_leader *leader)
{
    if (!leader) {
        return;
    }
    if (leader->lanes) {
        drain(leader, 1);
        isync_lanes_free(leader->lanes);
    }
    isync_throttle_destroy(&leader->throttle);
    isync_leader_drop_transport(leader);
    isync_poller_free(leader->poller);
    isync_mapping_set_free(leader->mapping);
    isync_rates_cache_free(&leader->rates);
    isync_config_clear(&leader->config);
    json_decref(leader->stats);
    json_decref(leader->blocked);
    json_decref(leader->in_flight);
    end_pass(&leader->ready);
    if (leader->spool_open) {
        isync_spool_close(&leader->spool);
    }
    free(leader);
}

/* Keeps the counters of earlier leaders: they describe the spool, not a process. */
static void restore_counters(isync_leader *leader)
{
    char *path = isync_spool_path(&leader->spool, "leader.json");
    json_t *old = path ? json_load_file(path, 0, NULL) : NULL;
    json_t *old_counters = json_object_get(old, "counters");
    if (json_is_object(old_counters)) {
        json_object_update_existing(counters(leader), old_counters);
    }
    json_t *old_deliveries = json_object_get(old, "last_deliveries");
    if (json_is_array(old_deliveries)) {
        json_object_set(leader->stats, "last_deliveries", old_deliveries);
    }
    json_decref(old);
    free(path);
}

/* Events a dead leader left in active/: its last call may still be running
 * in Infor (the process is gone, its request is not). Resumed before that
 * call can have ended, the resume queries would miss its effect and repeat
 * it (a line added twice). Such events wait in deferred/ until
 * request_timeout_ms after their record was last written, which happens
 * right before each call. Returns how many wait. */
static long defer_orphans(isync_leader *leader)
{
    char(*ids)[ISYNC_ID_SIZE] = NULL;
    size_t count = 0;
    long deferred = 0;
    long long now = isync_now_ms();

    if (isync_spool_list(&leader->spool, ISYNC_STATE_ACTIVE, 0, &ids, &count, NULL) != ISYNC_OK) {
        return 0;
    }
    for (size_t i = 0; i < count; i++) {
        char name[ISYNC_ID_SIZE + 16];
        struct stat st;
        json_t *record = NULL;
        snprintf(name, sizeof name, "records/%s.json", ids[i]);
        char *path = isync_spool_path(&leader->spool, name);
        long long due = path && stat(path, &st) == 0
            ? st.st_mtim.tv_sec * 1000LL + st.st_mtim.tv_nsec / 1000000 + leader->settings.request_timeout_ms
            : 0;
        free(path);
        if (due <= now) {
            continue; /* nothing can still run: isync_spool_recover() makes it ready */
        }
        isync_spool_record_load(&leader->spool, ids[i], &record, NULL);
        json_object_set_new(record, "state", json_string("deferred"));
        json_object_set_new(record, "next_attempt_at", json_integer(due));
        if (isync_spool_record_save(&leader->spool, ids[i], record, NULL) == ISYNC_OK &&
            isync_spool_move(&leader->spool, ids[i], ISYNC_STATE_ACTIVE, ISYNC_STATE_DEFERRED, NULL) == ISYNC_OK) {
            deferred++;
        }
        json_decref(record);
    }
    free(ids);
    return deferred;
}

/* The history other leaders of this spool kept (anomaly.json). */
static void load_anomaly_history(isync_leader *leader)
{
    isync_error err;
    char *path = isync_spool_path(&leader->spool, "anomaly.json");
    if (path && isync_anomaly_load(&leader->anomaly, path, &err) != ISYNC_OK) {
        isync_log(ISYNC_LOG_WARNING, "%s", err.message);
    }
    free(path);
    leader->error_rate_rising = isync_anomaly_error_rate(&leader->anomaly).rising;
}

#define ANOMALY_SAVE_INTERVAL_MS 1000

/* Writes anomaly.json (force, or when it is older than a second: the
 * history is statistics, losing its last second to a kill costs nothing). */
static void save_anomaly_history(isync_leader *leader, int force)
{
    isync_error err;
    leader->anomaly_dirty = 1;
    if (!force && isync_now_ms() - leader->anomaly_saved_ms < ANOMALY_SAVE_INTERVAL_MS) {
        return;
    }
    leader->anomaly_dirty = 0;
    leader->anomaly_saved_ms = isync_now_ms();
    char *path = isync_spool_path(&leader->spool, "anomaly.json");
    if (path && isync_anomaly_save(&leader->anomaly, path, &err) != ISYNC_OK) {
        isync_log(ISYNC_LOG_WARNING, "%s", err.message);
    }
    free(path);
}

void isync_leader_begin(isync_leader *leader)
{
    isync_error err;
    restore_counters(leader);
    load_anomaly_history(leader);
    long waiting = defer_orphans(leader);
    if (waiting > 0) {
        isync_log(ISYNC_LOG_WARNING,
                  "took over the spool: %ld event(s) a previous worker left in active/ wait up to %ld ms "
                  "for its last call to Infor to end",
                  waiting, leader->settings.request_timeout_ms);
    }
    long recovered = isync_spool_recover(&leader->spool, &err);
    if (recovered > 0) {
        isync_log(ISYNC_LOG_WARNING,
                  "took over the spool: %ld event(s) a previous worker left in active/ are ready again", recovered);
    } else if (recovered < 0) {
        isync_log(ISYNC_LOG_ERROR, "%s", err.message);
    }
    isync_log(ISYNC_LOG_INFO, "leading delivery for spool %s", leader->spool.dir);
    leader->next_due_ms = 0;
    isync_leader_refresh(leader);
    isync_leader_publish(leader);
}

/* ---- one event ---- */

typedef struct {
    isync_leader *leader;
    const char *id;
    json_t *record;
} record_ctx;

static int save_progress(void *ctx, json_t *progress)
{
    record_ctx *rc = ctx;
    isync_error err;
    json_object_set(rc->record, "progress", progress);
    if (isync_spool_record_save(&rc->leader->spool, rc->id, rc->record, &err) != ISYNC_OK) {
        isync_log(ISYNC_LOG_ERROR, "event %s: %s", rc->id, err.message);
        return -1;
    }
    return 0;
}

static void quarantine(isync_leader *leader, const char *id, const char *why)
{
    isync_error err;
    isync_log(ISYNC_LOG_ERROR, "event %s moved to corrupt/: %s", id, why);
    if (isync_spool_move(&leader->spool, id, ISYNC_STATE_ACTIVE, ISYNC_STATE_CORRUPT, &err) != ISYNC_OK) {
        isync_log(ISYNC_LOG_ERROR, "%s", err.message);
    }
    count(leader, "corrupt");
    set_last_error(leader, id, why);
}

static void remember_delivery(isync_leader *leader, const char *id, json_t *envelope, const isync_delivery_outcome *out)
{
    json_t *list = json_object_get(leader->stats, "last_deliveries");
    json_t *payload = json_object_get(envelope, "payload");
    json_array_insert_new(list, 0,
                          json_pack("{s:s, s:O, s:O?, s:O?, s:I}", "id", id, "type", json_object_get(envelope, "type"),
                                    "order_number", json_object_get(payload, "order_number"), "infor", out->infor_refs,
                                    "at", (json_int_t)time(NULL)));
    while (json_array_size(list) > LAST_DELIVERIES) {
        json_array_remove(list, LAST_DELIVERIES);
    }
}

/* Later events of the order and the shipment poller look the Infor order up here. */
static void index_order(isync_leader *leader, json_t *envelope, const isync_delivery_outcome *out)
{
    isync_error err;
    const char *type = json_string_value(json_object_get(envelope, "type"));
    json_t *order_number = json_object_get(json_object_get(envelope, "payload"), "order_number");
    if (!type || strcmp(type, "order.placed") != 0 || !json_is_string(order_number) || !out->infor_refs) {
        return;
    }
    json_t *info = json_deep_copy(out->infor_refs);
    json_object_set(info, "order_number", order_number);
    json_object_set_new(info, "delivered_at", json_integer(isync_now_ms()));
    json_object_set_new(info, "shipped", json_false());
    if (isync_order_index_put(&leader->spool, info, &err) != ISYNC_OK) {
        isync_log(ISYNC_LOG_ERROR, "%s", err.message);
    }
    json_decref(info);
}

/* The error rate counts every attempt; the history takes delivered events only. */
static void note_outcome(isync_leader *leader, json_t *envelope, const isync_delivery_outcome *out)
{
    isync_anomaly_attempt(&leader->anomaly, out->result != ISYNC_DELIVERED);
    if (out->result == ISYNC_DELIVERED) {
        isync_anomaly_observe(&leader->anomaly, envelope);
    }
    isync_error_rate rate = isync_anomaly_error_rate(&leader->anomaly);
    if (rate.rising && !leader->error_rate_rising) {
        isync_log(ISYNC_LOG_WARNING,
                  "error rate rising: %.0f%% of the last %zu delivery attempts failed, %.0f%% of "
                  "the %zu before",
                  rate.short_rate * 100, rate.short_attempts, rate.long_rate * 100, rate.long_attempts);
    }
    leader->error_rate_rising = rate.rising;
    save_anomaly_history(leader, 0);
}

/* The next attempt comes no later than retry_max_age after the first, so an
 * event still failing then is dead-lettered whatever Retry-After asked. */
static long delay_within_max_age(const isync_leader *leader, json_t *record, long long now, long delay)
{
    long long first = json_integer_value(json_object_get(record, "first_attempt_at"));
    long long left = first + (long long)leader->settings.retry_max_age_s * 1000 - now;
    return left < delay ? (long)(left > 0 ? left : 0) : delay;
}

static void finish(isync_leader *leader, const char *id, json_t *record, json_t *envelope, isync_delivery_outcome *out)
{
    isync_error err;
    isync_state target = ISYNC_STATE_DONE;
    long long now = isync_now_ms();

    if (out->infor_refs) {
        json_object_set(record, "infor", out->infor_refs);
    }
    if (out->mapping) {
        json_object_set(record, "mapping", out->mapping);
    }
    if (out->result == ISYNC_RETRY_LATER) {
        long long first = json_integer_value(json_object_get(record, "first_attempt_at"));
        if ((now - first) / 1000 >= leader->settings.retry_max_age_s) {
            char reason[sizeof out->reason];
            snprintf(reason, sizeof reason, "gave up after %lld attempt(s) over %lld s: %.500s",
                     (long long)json_integer_value(json_object_get(record, "attempts")), (now - first) / 1000,
                     out->reason);
            snprintf(out->reason, sizeof out->reason, "%s", reason);
            out->result = ISYNC_DEAD_LETTER;
        }
    }
    switch (out->result) {
    case ISYNC_DELIVERED:
        json_object_set_new(record, "state", json_string("done"));
        json_object_set_new(record, "delivered_at", json_integer(now));
        json_object_del(record, "next_attempt_at");
        count(leader, "delivered");
        remember_delivery(leader, id, envelope, out);
        index_order(leader, envelope, out);
        isync_log(ISYNC_LOG_INFO, "event %s delivered", id);
        break;
    case ISYNC_RETRY_LATER: {
        unsigned attempt = (unsigned)json_integer_value(json_object_get(record, "attempts"));
        long delay = isync_backoff_delay_ms(attempt ? attempt - 1 : 0, leader->settings.retry_base_ms,
                                            leader->settings.retry_cap_ms, out->retry_after_s, isync_backoff_random());
        delay = delay_within_max_age(leader, record, now, delay);
        target = ISYNC_STATE_DEFERRED;
        json_object_set_new(record, "state", json_string("deferred"));
        json_object_set_new(record, "next_attempt_at", json_integer(now + delay));
        json_object_set_new(record, "last_error", json_string(out->reason));
        isync_leader_block_keys(leader, id, record, now + delay, NULL);
        if (leader->next_due_ms == 0 || now + delay < leader->next_due_ms) {
            leader->next_due_ms = now + delay;
        }
        count(leader, "retried");
        set_last_error(leader, id, out->reason);
        isync_log(ISYNC_LOG_WARNING, "event %s deferred for %ld ms: %s", id, delay, out->reason);
        break;
    }
    case ISYNC_DEAD_LETTER:
        target = ISYNC_STATE_DEAD;
        json_object_set_new(record, "state", json_string("dead"));
        json_object_set_new(record, "dead_at", json_integer(now));
        json_object_set_new(record, "reason", json_string(out->reason));
        json_object_set(record, "infor_error", out->infor_error ? out->infor_error : json_null());
        json_object_del(record, "next_attempt_at");
        count(leader, "dead");
        set_last_error(leader, id, out->reason);
        isync_log(ISYNC_LOG_ERROR, "event %s is a dead letter: %s", id, out->reason);
        break;
    }
    note_outcome(leader, envelope, out);
    if (isync_spool_record_save(&leader->spool, id, record, &err) != ISYNC_OK) {
        isync_log(ISYNC_LOG_ERROR, "%s", err.message);
    }
    /* counters first: whoever sees the event leave active/ (flush()) then
     * also sees it counted in status(). While other deliveries are in
     * flight, at most every PUBLISH_MS: the last of them publishes before it
     * leaves active/. */
    if (isync_lanes_busy(leader->lanes) <= (size_t)leader->polling ||
        isync_now_ms() - leader->published_ms >= PUBLISH_MS) {
        isync_leader_publish(leader);
    }
    if (isync_spool_move_unsynced(&leader->spool, id, ISYNC_STATE_ACTIVE, target, &err) != ISYNC_OK) {
        isync_log(ISYNC_LOG_ERROR, "%s", err.message);
    }
}

/* One delivery: the leader prepares it (start_delivery), a lane runs the
 * connector (run_job), the leader finishes it (end_delivery). */
typedef struct {
    isync_leader *leader;
    int poll; /* 1: not a delivery but the inbound pollers that are due */
    isync_infor_session *session; /* a poll's: its connection and token */
    isync_business_config config; /* a poll's copy of the business settings */
    char id[ISYNC_ID_SIZE];
    json_t *envelope;
    json_t *record;
    isync_delivery_outcome out;
} delivery_job;

/* The event's connector (connectors/connector.h) with what this leader has,
 * on a lane: it reads the leader's settings, templates and rates, which
 * change only while no delivery is in flight (isync_leader_refresh). */
static void dispatch(delivery_job *job, isync_m3_client *m3)
{
    isync_leader *leader = job->leader;
    json_t *progress = json_object_get(job->record, "progress");
    record_ctx saver = {leader, job->id, job->record};

    if (!m3) {
        snprintf(job->out.reason, sizeof job->out.reason, "cannot connect to Infor: %s", leader->cred_error);
        job->out.result = ISYNC_RETRY_LATER;
        return;
    }
    if (!json_is_object(progress)) {
        json_object_set_new(job->record, "progress", json_object());
        progress = json_object_get(job->record, "progress");
    }
    json_t *context = json_pack("{s:s}", "event_id", job->id);
    isync_mapping_env env = {&leader->config, leader->mapping ? isync_mapping_set_spec(leader->mapping) : NULL,
                             leader->rates.rates, context, leader->mapping};
    isync_xref xref; /* the customer index, read when a connector needs it */
    isync_xref_init(&xref, leader->spool.dir, leader->spool.durable);
    isync_connector_ctx ctx = {
        .m3 = m3,
        .env = &env,
        .cfg = &leader->config,
        .mapping_error = leader->mapping_error,
        .xref = &xref,
        .spool = &leader->spool,
        .type = json_string_value(json_object_get(job->envelope, "type")),
        .payload = json_object_get(job->envelope, "payload"),
        .progress = progress,
        .resuming = json_integer_value(json_object_get(job->record, "attempts")) > 1,
        .save = save_progress,
        .save_ctx = &saver,
        .out = &job->out,
    };
    isync_connector_deliver(&ctx);
    isync_xref_free(&xref);
    json_decref(context);
}

/* A poll runs with the session and the settings it started with: the
 * leader may load new ones meanwhile (isync_leader_refresh). */
static void run_job(void *job, void *lane_ctx)
{
    isync_lane_transport *transport = lane_ctx;
    delivery_job *work = job;
    if (work->poll) {
        isync_poller_run(work->leader->poller, work->session ? work->session->poll_m3 : NULL, &work->config,
                         work->leader->stop);
    } else {
        dispatch(job, transport->m3);
    }
}

/* Moves a flagged event to held/ for an admin (held.h). Synced: an undone
 * rename would bring it back to ready/, and screen() holds it again. */
static void hold(isync_leader *leader, const char *id, json_t *record)
{
    isync_error err;
    json_object_set_new(record, "state", json_string("held"));
    if (isync_spool_record_save(&leader->spool, id, record, &err) != ISYNC_OK) {
        isync_log(ISYNC_LOG_ERROR, "%s", err.message);
    }
    isync_leader_block_keys(leader, id, record, 0, id);
    isync_leader_publish(leader);
    if (isync_spool_move(&leader->spool, id, ISYNC_STATE_ACTIVE, ISYNC_STATE_HELD, &err) != ISYNC_OK) {
        isync_log(ISYNC_LOG_ERROR, "%s", err.message);
    }
}

/* Before an event's first attempt: flags it when it is far outside the
 * store's history (anomaly.h), and with infor_sync.anomaly_hold holds it.
 * An event is checked once: a released one is sent as it is. Returns 1
 * when the event was held. */
static int screen(isync_leader *leader, const char *id, json_t *envelope, json_t *record)
{
    json_t *flag = json_object_get(record, "anomaly");
    if (flag) {
        if (!json_object_get(flag, "held_at") || json_object_get(flag, "released_at")) {
            return 0;
        }
        hold(leader, id, record); /* held before; a power cut undid the move */
        return 1;
    }
    if (json_integer_value(json_object_get(record, "attempts")) > 0) {
        return 0;
    }
    json_t *metrics = isync_anomaly_check(&leader->anomaly, envelope, leader->settings.anomaly_threshold,
                                          (size_t)leader->settings.anomaly_min_history);
    if (!metrics) {
        return 0;
    }
    long long now = isync_now_ms();
    leader->anomaly.flagged++;
    save_anomaly_history(leader, 1);
    json_t *first = json_array_get(metrics, 0);
    isync_log(ISYNC_LOG_WARNING, "event %s flagged as anomalous: %s %s (median %s, limit %s)%s", id,
              json_string_value(json_object_get(first, "metric")), json_string_value(json_object_get(first, "value")),
              json_string_value(json_object_get(first, "median")), json_string_value(json_object_get(first, "limit")),
              leader->settings.anomaly_hold ? "; held for review" : "");
    json_object_set_new(record, "anomaly", json_pack("{s:o, s:I}", "metrics", metrics, "flagged_at", (json_int_t)now));
    if (!leader->settings.anomaly_hold) {
        return 0; /* the record is saved with the attempt */
    }
    json_object_set_new(json_object_get(record, "anomaly"), "held_at", json_integer(now));
    hold(leader, id, record);
    return 1;
}

static void free_job(delivery_job *job)
{
    isync_leader_session_release(job->session);
    isync_config_clear(&job->config);
    isync_delivery_outcome_clear(&job->out);
    json_decref(job->record);
    json_decref(job->envelope);
    free(job);
}

/* The leader's part after the lane's: the outcome into the spool. */
static void end_delivery(isync_leader *leader, delivery_job *job)
{
    size_t index;
    json_t *key;
    if (job->poll) {
        leader->polling = 0;
        free_job(job);
        int changed = isync_leader_note_degraded(leader);
        if (leader->poll_intervals_changed) {
            isync_leader_apply_poll_intervals(leader);
            changed = 1;
        }
        if (changed) {
            isync_leader_publish(leader);
        }
        return;
    }
    finish(leader, job->id, job->record, job->envelope, &job->out);
    json_array_foreach(json_object_get(job->record, "keys"), index, key)
    {
        json_object_del(leader->in_flight, json_string_value(key));
    }
    free_job(job);
}

/* The event's envelope from ready/, or NULL when it cannot be one (then it
 * is moved to corrupt/). */
static json_t *read_envelope(isync_leader *leader, const char *id)
{
    isync_error err;
    char *body = NULL;
    size_t body_len = 0;
    json_error_t jerr;
    if (isync_spool_read(&leader->spool, ISYNC_STATE_READY, id, &body, &body_len, &err) != ISYNC_OK) {
        if (isync_spool_move_unsynced(&leader->spool, id, ISYNC_STATE_READY, ISYNC_STATE_ACTIVE, NULL) == ISYNC_OK) {
            quarantine(leader, id, err.message);
        }
        return NULL;
    }
    json_t *envelope = json_loadb(body, body_len, 0, &jerr);
    free(body);
    if (!json_is_object(envelope) || !json_is_object(json_object_get(envelope, "payload"))) {
        json_decref(envelope);
        if (isync_spool_move_unsynced(&leader->spool, id, ISYNC_STATE_READY, ISYNC_STATE_ACTIVE, NULL) == ISYNC_OK) {
            quarantine(leader, id, "event body is not a JSON event envelope");
        }
        return NULL;
    }
    return envelope;
}

/* Counts the attempt durably before calling Infor: a later attempt then
 * knows an earlier one may have reached Infor. 0 when saved. */
static int count_attempt(isync_leader *leader, delivery_job *job)
{
    isync_error err;
    long long now = isync_now_ms();
    json_t *record = job->record;
    json_object_set_new(record, "attempts", json_integer(json_integer_value(json_object_get(record, "attempts")) + 1));
    if (!json_object_get(record, "first_attempt_at")) {
        json_object_set_new(record, "first_attempt_at", json_integer(now));
    }
    json_object_set_new(record, "last_attempt_at", json_integer(now));
    json_object_set_new(record, "state", json_string("active"));
    if (isync_spool_record_save(&leader->spool, job->id, record, &err) != ISYNC_OK) {
        snprintf(job->out.reason, sizeof job->out.reason, "%s", err.message);
        job->out.result = ISYNC_RETRY_LATER;
        return -1;
    }
    return 0;
}

typedef enum { LEFT_IN_READY, TAKEN, STARTED } start_result;

/* Takes an event from ready/ to a lane, unless it must wait: behind an
 * event of the same entity in flight or left in ready/ this round (then it
 * stays in ready/ and its keys join passed), behind a deferred or held
 * one (wait_behind), or held itself (screen). */
static start_result start_delivery(isync_leader *leader, const char *id, json_t *passed)
{
    isync_error err;
    json_t *envelope = read_envelope(leader, id);
    if (!envelope) {
        return TAKEN;
    }
    json_t *keys = isync_event_entity_keys(envelope);
    if (isync_leader_entity_busy(leader, keys, passed)) {
        isync_leader_mark_keys(passed, keys, id);
        json_decref(keys);
        json_decref(envelope);
        return LEFT_IN_READY;
    }
    if (isync_spool_move_unsynced(&leader->spool, id, ISYNC_STATE_READY, ISYNC_STATE_ACTIVE, &err) != ISYNC_OK) {
        isync_log(ISYNC_LOG_WARNING, "%s", err.message);
        json_decref(keys);
        json_decref(envelope);
        return TAKEN;
    }
    delivery_job *job = calloc(1, sizeof *job);
    if (!job) {
        json_decref(keys);
        json_decref(envelope);
        return TAKEN; /* stays in active/: the next leader takes it over */
    }
    job->leader = leader;
    snprintf(job->id, sizeof job->id, "%s", id);
    job->envelope = envelope;
    isync_delivery_outcome_init(&job->out);
    if (isync_spool_record_load(&leader->spool, id, &job->record, &err) != ISYNC_OK) {
        isync_log(ISYNC_LOG_WARNING, "%s; starting its record afresh", err.message);
    }
    json_object_set_new(job->record, "keys", keys);
    json_object_del(job->record, "waiting_for");
    json_object_del(job->record, "held_behind");
    json_t *holder = isync_leader_blocking_event(leader, id, job->record);
    if (holder) {
        isync_leader_wait_behind(leader, id, job->record, holder);
        free_job(job);
        return TAKEN;
    }
    if (screen(leader, id, envelope, job->record)) {
        free_job(job);
        return TAKEN;
    }
    if (count_attempt(leader, job) != 0) {
        finish(leader, id, job->record, envelope, &job->out);
        free_job(job);
        return TAKEN;
    }
    isync_leader_mark_keys(leader->in_flight, keys, id);
    if (isync_lanes_submit(leader->lanes, job) != 0) {
        dispatch(job, leader->m3); /* no lane thread could start: deliver it here */
        end_delivery(leader, job);
    }
    return STARTED;
}

size_t isync_leader_collect(isync_leader *leader, long wait_ms)
{
    size_t finished = 0;
    delivery_job *job;
    while ((job = isync_lanes_take_finished(leader->lanes, finished ? 0 : wait_ms)) != NULL) {
        end_delivery(leader, job);
        finished++;
    }
    return finished;
}

/* Finishes jobs until none is in flight; poll_too 0: a running poll may go on. */
static void drain(isync_leader *leader, int poll_too)
{
    while (isync_lanes_busy(leader->lanes) > (size_t)(poll_too ? 0 : leader->polling)) {
        isync_leader_collect(leader, 1000);
    }
}

void isync_leader_drain_deliveries(isync_leader *leader)
{
    drain(leader, 0);
}

size_t isync_leader_in_flight(isync_leader *leader)
{
    return isync_lanes_busy(leader->lanes);
}

int isync_leader_done_fd(isync_leader *leader)
{
    return isync_lanes_done_fd(leader->lanes);
}

/* Waits, finishing deliveries, until the throttle lets one more start. */
static void wait_for_a_lane(isync_leader *leader)
{
    while (!*leader->stop && isync_lanes_busy(leader->lanes) >= (size_t)isync_throttle_limit(&leader->throttle)) {
        isync_leader_collect(leader, 1000);
    }
}

void isync_leader_end(isync_leader *leader)
{
    drain(leader, 1);
    end_pass(&leader->ready);
    if (leader->anomaly_dirty) {
        save_anomaly_history(leader, 1);
    }
}

/* A directory listing is no snapshot: an event renamed into ready/ while it
 * runs may be missed while a later one is seen. Events are renamed into
 * ready/ after their id is made, and a later event of an entity is made after
 * the earlier one was enqueued; so every event older than one whose id was
 * made before the listing began is in the listing. Newer ones wait for the
 * next listing. */
static int start_pass(isync_leader *leader)
{
    isync_ready_pass *pass = &leader->ready;
    isync_error err;
    end_pass(pass);
    pass->listed_at = isync_now_us();
    if (isync_spool_list(&leader->spool, ISYNC_STATE_READY, 0, &pass->ids, &pass->count, &err) != ISYNC_OK) {
        isync_log(ISYNC_LOG_ERROR, "%s", err.message);
        return -1;
    }
    pass->passed = json_object();
    return 0;
}

size_t isync_leader_deliver_ready(isync_leader *leader, size_t max)
{
    isync_ready_pass *pass = &leader->ready;
    size_t taken = 0;

    /* listing a big backlog costs: one listing serves the whole pass */
    if ((pass->next >= pass->count || pass->stale) && start_pass(leader) != 0) {
        return 0;
    }
    for (size_t looked = 0; looked < max && pass->next < pass->count && !*leader->stop; looked++) {
        const char *id = pass->ids[pass->next];
        if (isync_spool_id_us(id) >= pass->listed_at) {
            pass->next = pass->count;
            return taken ? taken : 1; /* newer ones: come back at once, not after a sleep */
        }
        isync_leader_collect(leader, 0);
        isync_leader_refresh(leader);
        isync_leader_poll(leader); /* a poll that is due takes the next free lane */
        wait_for_a_lane(leader);
        if (*leader->stop) {
            break;
        }
        pass->next++;
        if (start_delivery(leader, id, pass->passed) != LEFT_IN_READY) {
            taken++;
        }
    }
    /* nothing taken but the pass goes on: come back at once */
    return taken ? taken : (size_t)(pass->next < pass->count);
}

long isync_leader_promote_due(isync_leader *leader)
{
    char(*ids)[ISYNC_ID_SIZE] = NULL;
    size_t count = 0;
    isync_error err;
    long long now = isync_now_ms(), next = 0;

    int held_changed = isync_leader_held_changed(leader);
    if (!held_changed && leader->next_due_ms > now) {
        return (long)(leader->next_due_ms - now);
    }
    leader->ready.stale |= held_changed; /* a released event is back in ready/ */
    if (isync_spool_list(&leader->spool, ISYNC_STATE_DEFERRED, 0, &ids, &count, &err) != ISYNC_OK) {
        isync_log(ISYNC_LOG_ERROR, "%s", err.message);
        return 1000;
    }
    json_object_clear(leader->blocked);
    json_t *held = isync_leader_block_held(leader);
    for (size_t i = 0; i < count; i++) {
        json_t *record = NULL;
        isync_spool_record_load(&leader->spool, ids[i], &record, NULL);
        const char *behind = json_string_value(json_object_get(record, "held_behind"));
        long long due = json_integer_value(json_object_get(record, "next_attempt_at"));
        if (behind && json_object_get(held, behind)) {
            isync_leader_block_keys(leader, ids[i], record, 0, behind); /* waits for a release */
        } else if (due <= now) {
            isync_spool_move_unsynced(&leader->spool, ids[i], ISYNC_STATE_DEFERRED, ISYNC_STATE_READY, NULL);
            leader->ready.stale = 1; /* older than the events listed after it: list again */
        } else {
            isync_leader_block_keys(leader, ids[i], record, due, NULL);
            if (next == 0 || due < next) {
                next = due;
            }
        }
        json_decref(record);
    }
    free(ids);
    json_decref(held);
    leader->next_due_ms = next;
    return next ? (long)(next - now) : -1;
}

/* How soon the lead loop looks again while a poll runs on a lane. */
#define POLL_RUNNING_MS 1000

long isync_leader_poll(isync_leader *leader)
{
    if (leader->anomaly_dirty && isync_lanes_busy(leader->lanes) == 0) {
        save_anomaly_history(leader, 1); /* idle: the anomaly history goes to disk */
    }
    if (!leader->poller) {
        return -1;
    }
    if (leader->polling) {
        return POLL_RUNNING_MS;
    }
    long due = isync_poller_due_in(leader->poller);
    if (due != 0) {
        return due;
    }
    isync_leader_refresh(leader);
    if (!leader->session) {
        return isync_poller_run(leader->poller, NULL, &leader->config, leader->stop); /* no connection yet */
    }
    /* the next free lane: before the next delivery, so a backlog cannot starve the pollers */
    wait_for_a_lane(leader);
    delivery_job *job = calloc(1, sizeof *job);
    if (!job || *leader->stop) {
        free(job);
        return POLL_RUNNING_MS;
    }
    job->leader = leader;
    job->poll = 1;
    job->session = isync_leader_session_hold(leader);
    isync_config_copy(&job->config, &leader->config);
    leader->polling = 1;
    if (isync_lanes_submit(leader->lanes, job) != 0) {
        run_job(job, NULL); /* no lane thread could start */
        end_delivery(leader, job);
    }
    return POLL_RUNNING_MS;
}

void isync_leader_prune(isync_leader *leader)
{
    isync_spool_prune(&leader->spool, leader->settings.done_retention_s);
}
