#include "worker/status_report.h"

#include <time.h>
#include <unistd.h>

#include "infor/credentials.h"
#include "inbound/poller.h"
#include "worker/business_config.h"
#include "worker/worker.h"

#define NO_MAPPING "the M3 field specification cannot be loaded (infor_sync.m3_metadata)"

/* leader's member name (new reference), or fallback (stolen) when it has none. */
static json_t *published(json_t *leader, const char *name, json_t *fallback)
{
    json_t *value = json_object_get(leader, name);
    if (!value) {
        return fallback;
    }
    json_decref(fallback);
    return json_incref(value);
}

static json_t *worker_part(const isync_report_inputs *in, json_t *leader, int alive)
{
    json_t *pid = json_object_get(leader, "pid");
    return json_pack("{s:s, s:b, s:b, s:I, s:o}", "mode", in->worker_mode, "running", isync_worker_running(), "leader",
                     isync_worker_is_leader(), "pid", (json_int_t)getpid(), "leader_pid",
                     alive && json_is_integer(pid) ? json_incref(pid) : json_null());
}

static json_t *spool_part(const isync_report_inputs *in, const isync_spool *spool)
{
    json_t *counts = json_pack("{s:s, s:s}", "dir", spool->dir, "durability", in->settings->durable ? "fsync" : "none");
    for (int s = 0; s < ISYNC_STATE_COUNT; s++) {
        json_object_set_new(counts, isync_state_name((isync_state)s),
                            json_integer(isync_spool_count(spool, (isync_state)s)));
    }
    isync_error err;
    int usable = isync_spool_check(spool, &err) == ISYNC_OK;
    json_object_set_new(counts, "error", usable ? json_null() : json_string(err.message));
    return counts;
}

static json_t *mapping_part(const isync_report_inputs *in, json_t *leader)
{
    json_t *view = json_incref(json_object_get(leader, "mapping"));
    if (!view && in->local_mapping) {
        view = in->local_mapping(in->ctx);
    }
    if (!view) {
        view = json_pack("{s:s}", "error", NO_MAPPING);
    }
    json_t *rates = json_object_get(leader, "rates");
    json_object_set(view, "rates", rates ? rates : json_null());
    return view;
}

static json_t *token_part(json_t *leader)
{
    json_int_t expires = json_integer_value(json_object_get(leader, "token_expires_at"));
    return json_pack("{s:o, s:b}", "expires_at", expires > 0 ? json_integer(expires) : json_null(), "valid",
                     expires > (json_int_t)time(NULL));
}

json_t *isync_report_local_polling(const isync_worker_settings *settings)
{
    isync_business_config cfg;
    isync_error err;
    isync_poll_settings ini = {settings->poll_stock_interval_s, settings->poll_items_interval_s,
                               settings->poll_shipments_interval_s, 0};
    if (isync_config_load(settings->config_file, &cfg, &err) != ISYNC_OK) {
        return NULL;
    }
    json_t *polling = isync_poll_settings_describe(&ini, &cfg);
    isync_config_clear(&cfg);
    return polling;
}

/* Deliveries at once: the running leader's figures, else what a leader would start with. */
static json_t *delivery_part(const isync_report_inputs *in, json_t *leader, int alive)
{
    json_t *delivery = alive ? json_incref(json_object_get(leader, "delivery")) : NULL;
    if (delivery) {
        return delivery;
    }
    json_int_t most = in->settings->max_in_flight;
    return json_pack("{s:i, s:I, s:I, s:i, s:i}", "in_flight", 0, "limit", most, "max_in_flight", most, "overloaded", 0,
                     "lanes", 0);
}

/* The running leader's intervals; without one, what a leader would use. */
static json_t *polling_part(const isync_report_inputs *in, json_t *leader, int alive)
{
    json_t *polling = alive ? json_incref(json_object_get(leader, "polling")) : NULL;
    if (!polling) {
        polling = isync_report_local_polling(in->settings);
    }
    return polling ? polling : json_null();
}

/* The optional calls the running leader's pollers go without, {} when none. */
static json_t *degraded_part(json_t *leader, int alive)
{
    json_t *degraded = alive ? json_object_get(leader, "degraded") : NULL;
    return json_is_object(degraded) ? json_deep_copy(degraded) : json_object();
}

static json_t *anomalies_part(const isync_report_inputs *in, json_t *leader, const isync_spool *spool)
{
    json_t *figures = json_object_get(leader, "anomalies");
    json_t *rates = json_object_get(figures, "error_rate");
    json_t *rate = json_pack("{s:f, s:f, s:I, s:I, s:b}", "short", json_number_value(json_object_get(rates, "short")),
                             "long", json_number_value(json_object_get(rates, "long")), "short_attempts",
                             json_integer_value(json_object_get(rates, "short_attempts")), "long_attempts",
                             json_integer_value(json_object_get(rates, "long_attempts")), "rising",
                             json_is_true(json_object_get(rates, "rising")));
    return json_pack("{s:b, s:I, s:I, s:o}", "hold", in->settings->anomaly_hold, "flagged",
                     json_integer_value(json_object_get(figures, "flagged")), "held",
                     (json_int_t)isync_spool_count(spool, ISYNC_STATE_HELD), "error_rate", rate);
}

json_t *isync_status_report(const isync_report_inputs *in, const isync_spool *spool)
{
    json_t *leader = isync_leader_info(spool->dir);
    int alive = json_is_true(json_object_get(leader, "leader_alive"));
    json_t *report = json_pack("{s:b}", "enabled", in->enabled);
    json_object_set_new(report, "worker", worker_part(in, leader, alive));
    json_object_set_new(report, "spool", spool_part(in, spool));
    json_object_set_new(
        report, "counters",
        published(leader, "counters",
                  json_pack("{s:i, s:i, s:i, s:i}", "delivered", 0, "retried", 0, "dead", 0, "corrupt", 0)));
    json_object_set_new(report, "last_error", published(leader, "last_error", json_null()));
    json_object_set_new(report, "mapping", mapping_part(in, leader));
    json_object_set_new(report, "token", token_part(leader));
    json_object_set_new(report, "credentials", published(leader, "credentials", NULL));
    if (!json_object_get(report, "credentials")) {
        json_object_set_new(report, "credentials",
                            isync_credentials_summary(in->settings->ionapi_file, in->settings->verify_tls));
    }
    json_object_set_new(report, "config_error", published(leader, "config_error", json_null()));
    json_object_set_new(report, "polling", polling_part(in, leader, alive));
    json_object_set_new(report, "degraded", degraded_part(leader, alive));
    json_object_set_new(report, "delivery", delivery_part(in, leader, alive));
    json_object_set_new(report, "last_deliveries", published(leader, "last_deliveries", json_array()));
    json_object_set_new(report, "anomalies", anomalies_part(in, leader, spool));
    json_decref(leader);
    return report;
}
