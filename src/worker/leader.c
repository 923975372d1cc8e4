#include "worker/leader.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/atomic_file.h"
#include "queue/anomaly.h"
#include "infor/backoff.h"
#include "worker/business_config.h"
#include "infor/credentials.h"
#include "worker/delivery.h"
#include "queue/event.h"
#include "infor/http.h"
#include "infor/ionapi.h"
#include "base/log.h"
#include "infor/m3.h"
#include "connectors/registry.h"
#include "mapping/mapping_set.h"
#include "mapping/rates_cache.h"
#include "infor/oauth.h"
#include "connectors/order_index.h"
#include "inbound/poller.h"
#include "queue/spool.h"

#define LAST_DELIVERIES 10

struct isync_leader {
    isync_worker_settings settings;
    const atomic_bool *stop;
    isync_spool spool;
    int spool_open;

    isync_business_config config;
    isync_file_stamp config_stamp;
    char config_error[512];

    isync_ionapi cred;
    isync_file_stamp cred_stamp;
    char cred_error[512];
    int files_checked; /* config and credentials looked at once */
    isync_http *http;
    isync_oauth *oauth;
    isync_m3_client *m3;

    long long next_due_ms; /* earliest deferred event, 0: scan */
    json_t *blocked; /* entity key -> {"id","due"} of the oldest deferred
                                       event touching it: newer events of that entity wait */
    json_t *stats; /* the content of leader.json */
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

static json_t *counters(isync_leader *leader)
{
    return json_object_get(leader->stats, "counters");
}

static void count(isync_leader *leader, const char *name)
{
    json_t *c = counters(leader);
    json_object_set_new(c, name, json_integer(json_integer_value(json_object_get(c, name)) + 1));
}

static void publish(isync_leader *leader)
{
    char *path = isync_spool_path(&leader->spool, "leader.json");
    json_object_set_new(leader->stats, "updated_at", json_integer(time(NULL)));
    json_object_set_new(leader->stats, "token_expires_at",
                        json_integer(leader->oauth ? (json_int_t)isync_oauth_expires_at(leader->oauth) : 0));
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

/* The polling intervals of php.ini; business settings may replace them (load_config). */
static isync_poll_settings ini_poll_settings(const isync_worker_settings *settings)
{
    isync_poll_settings poll = {settings->poll_stock_interval_s, settings->poll_items_interval_s,
                                settings->poll_shipments_interval_s, 0};
    return poll;
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
    isync_error err;
    if (isync_spool_open(&leader->spool, settings->spool_dir, settings->durable, &err) != ISYNC_OK) {
        isync_log(ISYNC_LOG_ERROR, "%s", err.message);
        isync_leader_free(leader);
        return NULL;
    }
    leader->spool_open = 1;
    isync_poll_settings poll = ini_poll_settings(settings);
    isync_business_config none = {0};
    leader->poller = isync_poller_new(&leader->spool, &poll);
    json_object_set_new(leader->stats, "polling", isync_poll_settings_describe(&poll, &none));
    if (isync_mapping_set_open(settings->mapping_dir, settings->m3_metadata, &leader->mapping, &err) != ISYNC_OK) {
        snprintf(leader->mapping_error, sizeof leader->mapping_error, "%s", err.message);
        isync_log(ISYNC_LOG_ERROR, "%s", err.message);
    }
    isync_rates_cache_init(&leader->rates, leader->spool.dir);
    return leader;
}

static void drop_transport(isync_leader *leader)
{
    isync_m3_client_free(leader->m3);
    isync_oauth_free(leader->oauth);
    isync_http_free(leader->http);
    isync_ionapi_free(&leader->cred);
    leader->m3 = NULL;
    leader->oauth = NULL;
    leader->http = NULL;
}

void isync_leader_free(isync_leader *leader)
{
    if (!leader) {
        return;
    }
    drop_transport(leader);
    isync_poller_free(leader->poller);
    isync_mapping_set_free(leader->mapping);
    isync_rates_cache_free(&leader->rates);
    isync_config_clear(&leader->config);
    json_decref(leader->stats);
    json_decref(leader->blocked);
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
    publish(leader);
}

/* The business settings' polling intervals, else php.ini's: a changed
 * interval takes effect without a restart. */
static void apply_poll_intervals(isync_leader *leader)
{
    isync_poll_settings ini = ini_poll_settings(&leader->settings), effective;
    isync_poll_settings_effective(&ini, &leader->config, &effective);
    if (leader->poller) {
        isync_poller_set_intervals(leader->poller, &effective);
    }
    json_object_set_new(leader->stats, "polling", isync_poll_settings_describe(&ini, &leader->config));
}

static void load_config(isync_leader *leader)
{
    isync_error err;
    isync_business_config fresh;
    if (isync_config_load(leader->settings.config_file, &fresh, &err) != ISYNC_OK) {
        /* keep the last good configuration; say why in status() */
        snprintf(leader->config_error, sizeof leader->config_error, "%s", err.message);
        isync_log(ISYNC_LOG_ERROR, "%s (keeping the previous configuration)", err.message);
        json_object_set_new(leader->stats, "config_error", json_string(err.message));
        return;
    }
    isync_config_clear(&leader->config);
    leader->config = fresh;
    leader->config_error[0] = '\0';
    json_object_set_new(leader->stats, "config_error", json_null());
    isync_log(ISYNC_LOG_INFO, "business configuration loaded");
    apply_poll_intervals(leader);
}

/* For Infor and for the exchange rate source alike: the admin's TLS settings. */
static isync_http_options http_options(const isync_leader *leader)
{
    isync_http_options options = {
        .connect_timeout_ms = leader->settings.connect_timeout_ms,
        .request_timeout_ms = leader->settings.request_timeout_ms,
        .verify_tls = leader->settings.verify_tls,
        .ca_file = leader->settings.ca_file,
        .abort_flag = leader->stop,
    };
    return options;
}

static void load_credentials(isync_leader *leader)
{
    isync_error err;
    drop_transport(leader);
    if (!leader->settings.ionapi_file[0]) {
        snprintf(leader->cred_error, sizeof leader->cred_error, "infor_sync.ionapi_file is not set");
    } else if (isync_ionapi_load(leader->settings.ionapi_file, &leader->cred, &err) != ISYNC_OK) {
        snprintf(leader->cred_error, sizeof leader->cred_error, "%s", err.message);
    } else {
        isync_http_options options = http_options(leader);
        leader->http = isync_http_new(&options);
        leader->oauth = leader->http ? isync_oauth_new(&leader->cred, leader->http) : NULL;
        leader->m3 = leader->oauth ? isync_m3_client_new(&leader->cred, leader->http, leader->oauth) : NULL;
        leader->cred_error[0] = '\0';
        if (!leader->m3) {
            snprintf(leader->cred_error, sizeof leader->cred_error, "out of memory");
            drop_transport(leader);
        } else if (leader->cred.readable_by_others) {
            isync_log(ISYNC_LOG_WARNING, "credentials file %s is readable by other users; chmod 600 it",
                      leader->settings.ionapi_file);
        }
    }
    if (leader->cred_error[0]) {
        isync_log(ISYNC_LOG_ERROR, "%s", leader->cred_error);
    }
    json_object_set_new(leader->stats, "credentials",
                        isync_credentials_describe(leader->settings.ionapi_file, leader->m3 ? &leader->cred : NULL,
                                                   leader->cred_error[0] ? leader->cred_error : NULL));
}

/* Templates (at most once a second) and the exchange rate table (on its schedule). */
static void refresh_mapping(isync_leader *leader)
{
    long long now = isync_now_ms();
    if (now - leader->mapping_checked_ms < 1000) {
        return;
    }
    leader->mapping_checked_ms = now;
    if (leader->mapping) {
        isync_mapping_set_refresh(leader->mapping);
        json_object_set_new(leader->stats, "mapping", isync_mapping_set_status(leader->mapping));
    } else {
        json_object_set_new(leader->stats, "mapping", json_pack("{s:s}", "error", leader->mapping_error));
    }
    isync_http_options options = http_options(leader);
    if (isync_rates_cache_refresh(&leader->rates, &leader->config, &options, now / 1000)) {
        json_object_set_new(leader->stats, "rates", isync_rates_cache_status(&leader->rates));
    }
}

void isync_leader_refresh(isync_leader *leader)
{
    isync_file_stamp stamp;
    int reloaded = 0;
    isync_file_stamp_read(leader->settings.config_file, &stamp);
    if (!leader->files_checked || !isync_file_stamp_equal(&stamp, &leader->config_stamp)) {
        leader->config_stamp = stamp;
        load_config(leader);
        reloaded = 1;
    }
    isync_file_stamp_read(leader->settings.ionapi_file, &stamp);
    if (!leader->files_checked || !isync_file_stamp_equal(&stamp, &leader->cred_stamp)) {
        leader->cred_stamp = stamp;
        load_credentials(leader);
        reloaded = 1;
    }
    if (reloaded && leader->files_checked) {
        publish(leader); /* status() shows the new settings and credentials while idle too */
    }
    leader->files_checked = 1;
    refresh_mapping(leader);
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

/* Remembers that a deferred or held event holds its entities' keys until it
 * leaves deferred/ or held/. held: the id of the held event at the head of
 * the queue (then due means nothing: it waits for a release), else NULL. */
static void block_keys(isync_leader *leader, const char *id, json_t *record, long long due, const char *held)
{
    size_t index;
    json_t *key;
    json_array_foreach(json_object_get(record, "keys"), index, key)
    {
        json_t *holder = json_object_get(leader->blocked, json_string_value(key));
        const char *holder_id = json_string_value(json_object_get(holder, "id"));
        if (!holder_id || strcmp(id, holder_id) < 0) {
            json_object_set_new(leader->blocked, json_string_value(key),
                                json_pack("{s:s, s:I, s:s?}", "id", id, "due", (json_int_t)due, "held", held));
        }
    }
}

/* The oldest deferred event, older than this one, that shares one of its
 * entity keys, or NULL: then this one must wait for it. */
static json_t *blocking_event(isync_leader *leader, const char *id, json_t *record)
{
    size_t index;
    json_t *key;
    json_array_foreach(json_object_get(record, "keys"), index, key)
    {
        json_t *holder = json_object_get(leader->blocked, json_string_value(key));
        const char *holder_id = json_string_value(json_object_get(holder, "id"));
        if (holder_id && strcmp(holder_id, id) < 0) {
            return holder;
        }
    }
    return NULL;
}

/* Puts an event behind the older event of the same entity that is retrying:
 * both become due together and go in id order. Behind a held event it has
 * no due time ("held_behind"): it goes when that one left held/. No attempt
 * is counted. */
static void wait_behind(isync_leader *leader, const char *id, json_t *record, json_t *holder)
{
    isync_error err;
    long long due = json_integer_value(json_object_get(holder, "due"));
    const char *held = json_string_value(json_object_get(holder, "held"));
    json_object_set_new(record, "state", json_string("deferred"));
    if (held) {
        json_object_del(record, "next_attempt_at");
        json_object_set_new(record, "held_behind", json_string(held));
    } else {
        json_object_set_new(record, "next_attempt_at", json_integer(due));
    }
    json_object_set(record, "waiting_for", json_object_get(holder, "id"));
    if (isync_spool_record_save(&leader->spool, id, record, &err) != ISYNC_OK) {
        isync_log(ISYNC_LOG_ERROR, "%s", err.message);
    }
    block_keys(leader, id, record, due, held);
    if (!held && (leader->next_due_ms == 0 || due < leader->next_due_ms)) {
        leader->next_due_ms = due;
    }
    if (isync_spool_move_unsynced(&leader->spool, id, ISYNC_STATE_ACTIVE, ISYNC_STATE_DEFERRED, &err) != ISYNC_OK) {
        isync_log(ISYNC_LOG_ERROR, "%s", err.message);
    }
    isync_log(ISYNC_LOG_INFO, "event %s waits for event %s of the same order or customer", id,
              json_string_value(json_object_get(holder, "id")));
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
        target = ISYNC_STATE_DEFERRED;
        json_object_set_new(record, "state", json_string("deferred"));
        json_object_set_new(record, "next_attempt_at", json_integer(now + delay));
        json_object_set_new(record, "last_error", json_string(out->reason));
        block_keys(leader, id, record, now + delay, NULL);
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
     * also sees it counted in status() */
    publish(leader);
    if (isync_spool_move_unsynced(&leader->spool, id, ISYNC_STATE_ACTIVE, target, &err) != ISYNC_OK) {
        isync_log(ISYNC_LOG_ERROR, "%s", err.message);
    }
}

/* The event's connector (connectors/connector.h) with what this leader has. */
static void dispatch(isync_leader *leader, const char *id, json_t *envelope, json_t *record,
                     isync_delivery_outcome *out)
{
    json_t *progress = json_object_get(record, "progress");
    record_ctx saver = {leader, id, record};

    if (!leader->m3) {
        snprintf(out->reason, sizeof out->reason, "cannot connect to Infor: %s", leader->cred_error);
        out->result = ISYNC_RETRY_LATER;
        return;
    }
    if (!json_is_object(progress)) {
        json_object_set_new(record, "progress", json_object());
        progress = json_object_get(record, "progress");
    }
    json_t *context = json_pack("{s:s}", "event_id", id);
    isync_mapping_env env = {&leader->config, leader->mapping ? isync_mapping_set_spec(leader->mapping) : NULL,
                             leader->rates.rates, context, leader->mapping};
    isync_xref xref; /* the customer index, read when a connector needs it */
    isync_xref_init(&xref, leader->spool.dir, leader->spool.durable);
    isync_connector_ctx ctx = {
        .m3 = leader->m3,
        .env = &env,
        .cfg = &leader->config,
        .mapping_error = leader->mapping_error,
        .xref = &xref,
        .spool = &leader->spool,
        .type = json_string_value(json_object_get(envelope, "type")),
        .payload = json_object_get(envelope, "payload"),
        .progress = progress,
        .resuming = json_integer_value(json_object_get(record, "attempts")) > 1,
        .save = save_progress,
        .save_ctx = &saver,
        .out = out,
    };
    isync_connector_deliver(&ctx);
    isync_xref_free(&xref);
    json_decref(context);
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
    block_keys(leader, id, record, 0, id);
    publish(leader);
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

static void deliver_one(isync_leader *leader, const char *id)
{
    isync_error err;
    char *body = NULL;
    size_t body_len = 0;
    json_error_t jerr;
    json_t *record = NULL;
    isync_delivery_outcome out;

    if (isync_spool_move_unsynced(&leader->spool, id, ISYNC_STATE_READY, ISYNC_STATE_ACTIVE, &err) != ISYNC_OK) {
        isync_log(ISYNC_LOG_WARNING, "%s", err.message);
        return;
    }
    if (isync_spool_read(&leader->spool, ISYNC_STATE_ACTIVE, id, &body, &body_len, &err) != ISYNC_OK) {
        quarantine(leader, id, err.message);
        return;
    }
    json_t *envelope = json_loadb(body, body_len, 0, &jerr);
    free(body);
    if (!json_is_object(envelope) || !json_is_object(json_object_get(envelope, "payload"))) {
        json_decref(envelope);
        quarantine(leader, id, "event body is not a JSON event envelope");
        return;
    }
    if (isync_spool_record_load(&leader->spool, id, &record, &err) != ISYNC_OK) {
        isync_log(ISYNC_LOG_WARNING, "%s; starting its record afresh", err.message);
    }
    json_object_set_new(record, "keys", isync_event_entity_keys(envelope));
    json_object_del(record, "waiting_for");
    json_object_del(record, "held_behind");
    json_t *holder = blocking_event(leader, id, record);
    if (holder) {
        wait_behind(leader, id, record, holder);
        json_decref(record);
        json_decref(envelope);
        return;
    }
    if (screen(leader, id, envelope, record)) {
        json_decref(record);
        json_decref(envelope);
        return;
    }
    /* Count the attempt durably before calling Infor: a later attempt then
     * knows an earlier one may have reached Infor. */
    long long now = isync_now_ms();
    json_object_set_new(record, "attempts", json_integer(json_integer_value(json_object_get(record, "attempts")) + 1));
    if (!json_object_get(record, "first_attempt_at")) {
        json_object_set_new(record, "first_attempt_at", json_integer(now));
    }
    json_object_set_new(record, "last_attempt_at", json_integer(now));
    json_object_set_new(record, "state", json_string("active"));
    isync_delivery_outcome_init(&out);
    if (isync_spool_record_save(&leader->spool, id, record, &err) != ISYNC_OK) {
        snprintf(out.reason, sizeof out.reason, "%s", err.message);
        out.result = ISYNC_RETRY_LATER;
    } else {
        dispatch(leader, id, envelope, record, &out);
    }
    finish(leader, id, record, envelope, &out);
    isync_delivery_outcome_clear(&out);
    json_decref(record);
    json_decref(envelope);
}

void isync_leader_end(isync_leader *leader)
{
    if (leader->anomaly_dirty) {
        save_anomaly_history(leader, 1);
    }
}

size_t isync_leader_deliver_ready(isync_leader *leader, size_t max)
{
    char(*ids)[ISYNC_ID_SIZE] = NULL;
    size_t count = 0, taken = 0;
    isync_error err;

    if (isync_spool_list(&leader->spool, ISYNC_STATE_READY, max, &ids, &count, &err) != ISYNC_OK) {
        isync_log(ISYNC_LOG_ERROR, "%s", err.message);
        return 0;
    }
    for (size_t i = 0; i < count && !*leader->stop; i++) {
        isync_leader_refresh(leader);
        deliver_one(leader, ids[i]);
        taken++;
    }
    free(ids);
    return taken;
}

/* 1 when held/ changed since the last look: an admin released or
 * discarded an event, so the events waiting behind it may go. */
static int held_changed(isync_leader *leader)
{
    struct stat st;
    char *path = isync_spool_path(&leader->spool, "held");
    int changed = path && stat(path, &st) == 0 &&
        (st.st_mtim.tv_sec != leader->held_stamp.tv_sec || st.st_mtim.tv_nsec != leader->held_stamp.tv_nsec);
    if (changed) {
        leader->held_stamp = st.st_mtim;
    }
    free(path);
    return changed;
}

/* Held events keep their entities' keys. Returns the set of held ids. */
static json_t *block_held(isync_leader *leader)
{
    char(*ids)[ISYNC_ID_SIZE] = NULL;
    size_t count = 0;
    json_t *held = json_object();
    if (isync_spool_list(&leader->spool, ISYNC_STATE_HELD, 0, &ids, &count, NULL) != ISYNC_OK) {
        return held;
    }
    for (size_t i = 0; i < count; i++) {
        json_t *record = NULL;
        isync_spool_record_load(&leader->spool, ids[i], &record, NULL);
        block_keys(leader, ids[i], record, 0, ids[i]);
        json_object_set_new(held, ids[i], json_true());
        json_decref(record);
    }
    free(ids);
    return held;
}

long isync_leader_promote_due(isync_leader *leader)
{
    char(*ids)[ISYNC_ID_SIZE] = NULL;
    size_t count = 0;
    isync_error err;
    long long now = isync_now_ms(), next = 0;

    if (!held_changed(leader) && leader->next_due_ms > now) {
        return (long)(leader->next_due_ms - now);
    }
    if (isync_spool_list(&leader->spool, ISYNC_STATE_DEFERRED, 0, &ids, &count, &err) != ISYNC_OK) {
        isync_log(ISYNC_LOG_ERROR, "%s", err.message);
        return 1000;
    }
    json_object_clear(leader->blocked);
    json_t *held = block_held(leader);
    for (size_t i = 0; i < count; i++) {
        json_t *record = NULL;
        isync_spool_record_load(&leader->spool, ids[i], &record, NULL);
        const char *behind = json_string_value(json_object_get(record, "held_behind"));
        long long due = json_integer_value(json_object_get(record, "next_attempt_at"));
        if (behind && json_object_get(held, behind)) {
            block_keys(leader, ids[i], record, 0, behind); /* waits for a release */
        } else if (due <= now) {
            isync_spool_move_unsynced(&leader->spool, ids[i], ISYNC_STATE_DEFERRED, ISYNC_STATE_READY, NULL);
        } else {
            block_keys(leader, ids[i], record, due, NULL);
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

long isync_leader_poll(isync_leader *leader)
{
    isync_leader_end(leader); /* idle: the anomaly history goes to disk */
    if (!leader->poller) {
        return -1;
    }
    isync_leader_refresh(leader);
    return isync_poller_run(leader->poller, leader->m3, &leader->config, leader->stop);
}

void isync_leader_prune(isync_leader *leader)
{
    isync_spool_prune(&leader->spool, leader->settings.done_retention_s);
}
