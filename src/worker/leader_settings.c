/* The leader's settings and connections: the business settings and the
 * credentials read again when their files change, the templates and the
 * exchange rates refreshed, an M3 client for the leader and one per lane.
 * Whatever deliveries in flight read changes only after they ended
 * (isync_leader_drain_deliveries); a poll keeps its own copy of the
 * settings and its session, and is not waited for. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/log.h"
#include "infor/credentials.h"
#include "worker/leader.h"
#include "worker/leader_private.h"

/* The polling intervals of php.ini; business settings may replace them (load_config). */
isync_poll_settings isync_leader_ini_poll_settings(const isync_worker_settings *settings)
{
    isync_poll_settings poll = {settings->poll_stock_interval_s, settings->poll_items_interval_s,
                                settings->poll_shipments_interval_s, 0};
    return poll;
}

/* The business settings' polling intervals, else php.ini's: a changed
 * interval takes effect without a restart. status() shows them once the
 * poller has them. */
void isync_leader_apply_poll_intervals(isync_leader *leader)
{
    isync_poll_settings ini = isync_leader_ini_poll_settings(&leader->settings), effective;
    leader->poll_intervals_changed = leader->polling; /* the poller is busy on a lane: when it ended */
    if (leader->polling) {
        return;
    }
    if (leader->poller) {
        isync_poll_settings_effective(&ini, &leader->config, &effective);
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
    isync_leader_apply_poll_intervals(leader);
}

/* The optional calls the pollers go without, for status(); 1 when that changed. */
int isync_leader_note_degraded(isync_leader *leader)
{
    json_t *now = isync_poller_degraded(leader->poller);
    json_t *shown = json_object_get(leader->stats, "degraded");
    if (json_object_size(now) == 0 && json_object_size(shown) == 0) {
        return 0;
    }
    if (now && shown && json_equal(now, shown)) {
        return 0;
    }
    json_object_set_new(leader->stats, "degraded", now ? json_deep_copy(now) : json_object());
    return 1;
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

isync_infor_session *isync_leader_session_hold(isync_leader *leader)
{
    if (leader->session) {
        leader->session->refs++;
    }
    return leader->session;
}

void isync_leader_session_release(isync_infor_session *session)
{
    if (!session || --session->refs > 0) {
        return;
    }
    isync_m3_client_free(session->poll_m3);
    isync_http_free(session->poll_http);
    isync_oauth_free(session->oauth);
    isync_http_free(session->token_http);
    isync_ionapi_free(&session->cred);
    free(session);
}

/* The deliveries' connections; the session goes when no poll holds it. */
void isync_leader_drop_transport(isync_leader *leader)
{
    for (size_t i = 0; i < ISYNC_MAX_IN_FLIGHT; i++) {
        isync_m3_client_free(leader->transport[i].m3);
        isync_http_free(leader->transport[i].http);
        leader->transport[i].m3 = NULL;
        leader->transport[i].http = NULL;
    }
    isync_m3_client_free(leader->m3);
    isync_http_free(leader->http);
    leader->m3 = NULL;
    leader->http = NULL;
    isync_leader_session_release(leader->session);
    leader->session = NULL;
}

/* An M3 client on a connection of its own, sharing the token and the throttle. */
static isync_m3_client *new_client(isync_leader *leader, isync_infor_session *session, isync_http **http)
{
    isync_http_options options = http_options(leader);
    *http = isync_http_new(&options);
    isync_m3_client *m3 = *http ? isync_m3_client_new(&session->cred, *http, session->oauth) : NULL;
    if (m3) {
        isync_m3_client_set_throttle(m3, &leader->throttle, leader->stop);
    }
    return m3;
}

/* The token cache and the pollers' client for loaded credentials (cred is
 * taken over); NULL when out of memory. */
static isync_infor_session *new_session(isync_leader *leader, isync_ionapi *cred)
{
    isync_infor_session *session = calloc(1, sizeof *session);
    if (!session) {
        isync_ionapi_free(cred);
        return NULL;
    }
    session->refs = 1;
    session->cred = *cred;
    isync_http_options options = http_options(leader);
    session->token_http = isync_http_new(&options);
    session->oauth = session->token_http ? isync_oauth_new(&session->cred, session->token_http) : NULL;
    session->poll_m3 = session->oauth ? new_client(leader, session, &session->poll_http) : NULL;
    if (!session->poll_m3) {
        isync_leader_session_release(session);
        return NULL;
    }
    return session;
}

/* The leader's client and one per lane; 0 when all were made. */
static int build_transport(isync_leader *leader)
{
    leader->m3 = new_client(leader, leader->session, &leader->http);
    int ok = leader->m3 != NULL;
    for (long i = 0; ok && i < leader->settings.max_in_flight; i++) {
        leader->transport[i].m3 = new_client(leader, leader->session, &leader->transport[i].http);
        ok = leader->transport[i].m3 != NULL;
    }
    return ok ? 0 : -1;
}

static void load_credentials(isync_leader *leader)
{
    isync_error err;
    isync_ionapi cred;
    isync_leader_drop_transport(leader);
    if (!leader->settings.ionapi_file[0]) {
        snprintf(leader->cred_error, sizeof leader->cred_error, "infor_sync.ionapi_file is not set");
    } else if (isync_credentials_load(leader->settings.ionapi_file, leader->settings.verify_tls, &cred, &err) !=
               ISYNC_OK) {
        snprintf(leader->cred_error, sizeof leader->cred_error, "%s", err.message);
    } else {
        leader->cred_error[0] = '\0';
        leader->session = new_session(leader, &cred);
        if (!leader->session || build_transport(leader) != 0) {
            snprintf(leader->cred_error, sizeof leader->cred_error, "out of memory");
            isync_leader_drop_transport(leader);
        } else if (leader->session->cred.readable_by_others) {
            isync_log(ISYNC_LOG_WARNING, "credentials file %s is readable by other users; chmod 600 it",
                      leader->settings.ionapi_file);
        }
    }
    if (leader->cred_error[0]) {
        isync_log(ISYNC_LOG_ERROR, "%s", leader->cred_error);
    }
    json_object_set_new(leader->stats, "credentials",
                        isync_credentials_describe(leader->settings.ionapi_file,
                                                   leader->session ? &leader->session->cred : NULL,
                                                   leader->cred_error[0] ? leader->cred_error : NULL));
}

/* Templates (at most once a second) and the exchange rate table (on its schedule). */
static void refresh_mapping(isync_leader *leader)
{
    long long now = isync_now_ms();
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

static int file_changed(const char *path, const isync_file_stamp *known)
{
    isync_file_stamp stamp;
    isync_file_stamp_read(path, &stamp);
    return !isync_file_stamp_equal(&stamp, known);
}

/* 1 when a refresh would change what deliveries in flight read: the
 * settings or credentials files, a template file, the exchange rates due.
 * Cheap (a few stats), so it can run between any two events. */
static int refresh_due(isync_leader *leader)
{
    long long now = isync_now_ms();
    if (!leader->files_checked || file_changed(leader->settings.config_file, &leader->config_stamp) ||
        file_changed(leader->settings.ionapi_file, &leader->cred_stamp)) {
        return 1;
    }
    if (now - leader->mapping_checked_ms < 1000) {
        return 0;
    }
    if ((leader->mapping && isync_mapping_set_stale(leader->mapping)) ||
        isync_rates_cache_due(&leader->rates, &leader->config, now / 1000)) {
        return 1;
    }
    leader->mapping_checked_ms = now;
    return 0;
}

void isync_leader_refresh(isync_leader *leader)
{
    isync_file_stamp stamp;
    int reloaded = 0;
    if (!refresh_due(leader)) {
        return;
    }
    isync_leader_drain_deliveries(leader);
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
        isync_leader_publish(leader); /* status() shows the new settings and credentials while idle too */
    }
    leader->files_checked = 1;
    refresh_mapping(leader);
}
