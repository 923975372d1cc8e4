/* The php.ini settings, listed once. ext/ makes the INI entries and the
 * module globals from this list, src/ the worker's settings struct, and the
 * copy from one to the other is generated too (dd-trace-php's CONFIG list
 * in tracer/configuration.h works the same way).
 *
 * ISYNC_SETTINGS(X) calls X(type, name, ini, default, check, scope, field):
 *   type     BOOL (bool global, int field), LONG (zend_long / long),
 *            DOUBLE, STRING (char * global, char[ISYNC_PATH_SIZE] field)
 *   name     the module global (INFOR_SYNC_G(name))
 *   ini      the php.ini name (docs/configuration.md documents each)
 *   default  the php.ini default, as php.ini would write it
 *   check    how ext/ reads the value: OnUpdate<check> (Bool, String,
 *            Positive, Interval, Threshold, WorkerMode, Durability, LogLevel, InFlight)
 *   scope    WORKER: also a field of isync_worker_settings; PHP: request side only
 *   field    the field's name in isync_worker_settings (scope WORKER)
 * Every setting is PHP_INI_SYSTEM. */
#ifndef ISYNC_SETTINGS_H
#define ISYNC_SETTINGS_H

#define ISYNC_PATH_SIZE 1024

/* clang-format off */
#define ISYNC_SETTINGS(X) \
    X(BOOL,   enabled,                 "infor_sync.enabled",                 "1",      Bool,       PHP,    enabled) \
    X(STRING, spool_dir,               "infor_sync.spool_dir",               "/var/spool/infor_sync", String, WORKER, spool_dir) \
    X(STRING, ionapi_file,             "infor_sync.ionapi_file",             "",       String,     WORKER, ionapi_file) \
    X(STRING, config_file,             "infor_sync.config_file",             "",       String,     WORKER, config_file) \
    X(LONG,   worker_mode,             "infor_sync.worker",                  "auto",   WorkerMode, PHP,    worker_mode) \
    X(BOOL,   durable,                 "infor_sync.durability",              "fsync",  Durability, WORKER, durable) \
    X(STRING, ca_file,                 "infor_sync.ca_file",                 "",       String,     WORKER, ca_file) \
    X(BOOL,   verify_tls,              "infor_sync.verify_tls",              "1",      Bool,       WORKER, verify_tls) \
    X(LONG,   connect_timeout_ms,      "infor_sync.connect_timeout_ms",      "5000",   Positive,   WORKER, connect_timeout_ms) \
    X(LONG,   request_timeout_ms,      "infor_sync.request_timeout_ms",      "30000",  Positive,   WORKER, request_timeout_ms) \
    X(LONG,   retry_base_ms,           "infor_sync.retry_base_ms",           "1000",   Positive,   WORKER, retry_base_ms) \
    X(LONG,   retry_cap_ms,            "infor_sync.retry_cap_ms",            "300000", Positive,   WORKER, retry_cap_ms) \
    X(LONG,   retry_max_age,           "infor_sync.retry_max_age",           "259200", Positive,   WORKER, retry_max_age_s) \
    X(LONG,   shutdown_timeout_ms,     "infor_sync.shutdown_timeout_ms",     "2000",   Positive,   WORKER, shutdown_timeout_ms) \
    X(LONG,   done_retention,          "infor_sync.done_retention",          "604800", Positive,   WORKER, done_retention_s) \
    X(LONG,   poll_stock_interval,     "infor_sync.poll_stock_interval",     "300",    Interval,   WORKER, poll_stock_interval_s) \
    X(LONG,   poll_items_interval,     "infor_sync.poll_items_interval",     "3600",   Interval,   WORKER, poll_items_interval_s) \
    X(LONG,   poll_shipments_interval, "infor_sync.poll_shipments_interval", "300",    Interval,   WORKER, poll_shipments_interval_s) \
    X(LONG,   log_level,               "infor_sync.log_level",               "warning", LogLevel,  PHP,    log_level) \
    X(STRING, mapping_dir,             "infor_sync.mapping_dir",             "",       String,     WORKER, mapping_dir) \
    X(STRING, m3_metadata,             "infor_sync.m3_metadata",             "",       String,     WORKER, m3_metadata) \
    X(STRING, log_file,                "infor_sync.log_file",                "",       String,     PHP,    log_file) \
    X(BOOL,   anomaly_hold,            "infor_sync.anomaly_hold",            "0",      Bool,       WORKER, anomaly_hold) \
    X(DOUBLE, anomaly_threshold,       "infor_sync.anomaly_threshold",       "6",      Threshold,  WORKER, anomaly_threshold) \
    X(LONG,   anomaly_min_history,     "infor_sync.anomaly_min_history",     "20",     Positive,   WORKER, anomaly_min_history) \
    X(LONG,   max_in_flight,           "infor_sync.max_in_flight",           "8",      InFlight,   WORKER, max_in_flight)
/* clang-format on */

/* The worker's copy of the settings (scope WORKER), filled in the request
 * that starts the thread: the thread never reads PHP's globals. Fields:
 * spool_dir, durable (durability=fsync), ionapi_file, config_file, ca_file,
 * verify_tls, the timeouts and retry limits, retry_max_age_s,
 * done_retention_s, poll_*_interval_s (poller.h; 0: off), mapping_dir ("":
 * built-in templates only), m3_metadata ("": built-in specification),
 * anomaly_hold (flagged events go to held/, anomaly.h), anomaly_threshold
 * (k; 0: no flags), anomaly_min_history, max_in_flight (deliveries at once,
 * 1..ISYNC_MAX_IN_FLIGHT; lanes.h). */
#define ISYNC_MAX_IN_FLIGHT 64
#define ISYNC_WORKER_FIELD_BOOL(field) int field;
#define ISYNC_WORKER_FIELD_LONG(field) long field;
#define ISYNC_WORKER_FIELD_DOUBLE(field) double field;
#define ISYNC_WORKER_FIELD_STRING(field) char field[ISYNC_PATH_SIZE];
#define ISYNC_WORKER_FIELD_IN_WORKER(type, field) ISYNC_WORKER_FIELD_##type(field)
#define ISYNC_WORKER_FIELD_IN_PHP(type, field)
#define ISYNC_WORKER_FIELD(type, name, ini, def, check, scope, field) ISYNC_WORKER_FIELD_IN_##scope(type, field)

typedef struct {
    ISYNC_SETTINGS(ISYNC_WORKER_FIELD)
} isync_worker_settings;

#endif
