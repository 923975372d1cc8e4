/* infor_sync: Zend glue only. The module lifecycle and the PHP functions of
 * namespace InforSync; the INI settings are in php_settings.c, the
 * exceptions in php_exceptions.c, the mapping functions in php_mapping.c,
 * value conversions in php_values.c. Everything else is
 * the PHP-free core in src/. Data path: PHP call -> validate -> spool ->
 * worker thread -> connector -> Infor. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <dlfcn.h>
#include <pthread.h>
#include <unistd.h>

#include "php.h"
#include "php_ini.h"
#include "SAPI.h"
#include "ext/standard/info.h"
#include "zend_exceptions.h"
#include "zend_smart_str.h"
#include "ext/spl/spl_exceptions.h"

#include "php_infor_sync.h"
#include "php_exceptions.h"
#include "php_mapping.h"
#include "php_settings.h"
#include "php_values.h"

#include "worker/business_config.h"
#include "infor/credentials.h"
#include "queue/dlq.h"
#include "queue/event.h"
#include "queue/held.h"
#include "infor/http.h"
#include "inbound/inbound.h"
#include "infor/ionapi.h"
#include "base/log.h"
#include "mapping/mapping.h"
#include "inbound/poller.h"
#include "queue/spool.h"
#include "worker/status_report.h"
#include "worker/worker.h"
#include "connectors/xref.h"

#include "infor_sync_arginfo.h"

/* The registry's copy of this module, to keep it loaded if the worker
 * thread has to be left running at shutdown. */
static zend_module_entry *registered_module;

/* Request-side spool handle, shared by the threads of a process. */
static pthread_mutex_t spool_lock = PTHREAD_MUTEX_INITIALIZER;
static isync_spool request_spool;
static int request_spool_open;
static pid_t logging_pid;

/* This process's id, set at MINIT and by a fork handler in the child: the
 * fork checks made on every call (the worker's owner, the log file) need no
 * getpid() system call. */
static pid_t current_pid;

static void after_fork_in_child(void)
{
    current_pid = getpid();
}

static bool require_enabled(void)
{
    if (!INFOR_SYNC_G(enabled)) {
        infor_sync_throw_configuration("infor_sync.enabled", "infor_sync is disabled (infor_sync.enabled=0 in php.ini)");
        return false;
    }
    return true;
}

/* ---- worker lifecycle ---- */

static void configure_logging(void)
{
    char path[ISYNC_PATH_SIZE + 32];
    const char *file = INFOR_SYNC_G(log_file);
    if (logging_pid == current_pid) {
        return;
    }
    logging_pid = current_pid;
    if (strcmp(file, "stderr") == 0) {
        path[0] = '\0';
    } else if (*file) {
        snprintf(path, sizeof path, "%s", file);
    } else {
        snprintf(path, sizeof path, "%s/infor_sync.log", INFOR_SYNC_G(spool_dir));
    }
    isync_log_configure(path, (isync_log_level)INFOR_SYNC_G(log_level));
}

/* auto: deliver from processes that serve web requests, not from CLI scripts. */
static bool worker_wanted_here(void)
{
    if (INFOR_SYNC_G(worker_mode) != INFOR_SYNC_WORKER_AUTO) {
        return INFOR_SYNC_G(worker_mode) == INFOR_SYNC_WORKER_ON;
    }
    return strcmp(sapi_module.name, "cli") != 0 && strcmp(sapi_module.name, "phpdbg") != 0 &&
           strcmp(sapi_module.name, "embed") != 0;
}

static void start_worker(void)
{
    isync_worker_settings settings;
    isync_error err;
    isync_spool spool;
    if (isync_worker_running()) {
        return;
    }
    /* the default log file lives in the spool: create it first */
    if (isync_spool_open(&spool, INFOR_SYNC_G(spool_dir), INFOR_SYNC_G(durable), &err) == ISYNC_OK) {
        isync_spool_close(&spool);
    }
    configure_logging();
    infor_sync_worker_settings(&settings);
    if (isync_worker_start(&settings, &err) != ISYNC_OK) {
        php_error_docref(NULL, E_WARNING, "infor_sync worker not started: %s", err.message);
    }
}

/* After fork() (pcntl_fork, or a SAPI forking after a request) the child has
 * no worker thread: forget the parent's and start afresh when wanted. */
static void forget_parent_worker(void)
{
    pid_t owner = isync_worker_owner_pid();
    if (owner != 0 && owner != current_pid) {
        isync_worker_forget_after_fork(owner);
        pthread_mutex_init(&spool_lock, NULL);
    }
}

/* ---- the request-side spool ---- */

static isync_spool *open_spool(void)
{
    isync_error err;
    isync_spool *spool = NULL;
    forget_parent_worker();
    pthread_mutex_lock(&spool_lock);
    if (!request_spool_open) {
        if (isync_spool_open(&request_spool, INFOR_SYNC_G(spool_dir),
                             INFOR_SYNC_G(durable), &err) == ISYNC_OK) {
            request_spool_open = 1;
        }
    }
    spool = request_spool_open ? &request_spool : NULL;
    pthread_mutex_unlock(&spool_lock);
    if (spool) {
        configure_logging(); /* the default log file lives in the spool */
    }
    if (!spool) {
        infor_sync_throw_spool(&err);
    }
    return spool;
}

static bool valid_id_argument(zend_string *id, uint32_t arg_num)
{
    if (!isync_id_valid(ZSTR_VAL(id))) {
        zend_argument_value_error(arg_num, "must be an event id as returned by InforSync\\enqueue()");
        return false;
    }
    return true;
}

/* ---- PHP functions ---- */

ZEND_FUNCTION(InforSync_enqueue)
{
    zend_string *type, *key = NULL;
    zval *payload;
    isync_problems problems;
    isync_error err;
    char id[ISYNC_ID_SIZE];

    ZEND_PARSE_PARAMETERS_START(2, 3)
        Z_PARAM_PATH_STR(type)
        Z_PARAM_ARRAY(payload)
        Z_PARAM_OPTIONAL
        Z_PARAM_PATH_STR_OR_NULL(key)
    ZEND_PARSE_PARAMETERS_END();

    if (!isync_event_type_known(ZSTR_VAL(type))) {
        zend_argument_value_error(1, "must be a known event type (%s), \"%s\" given", isync_event_types(),
                                  ZSTR_VAL(type));
        RETURN_THROWS();
    }
    if (key && (ZSTR_LEN(key) == 0 || ZSTR_LEN(key) > 200)) {
        zend_argument_value_error(3, "must be null or a string of 1 to 200 bytes");
        RETURN_THROWS();
    }
    if (!require_enabled()) {
        RETURN_THROWS();
    }
    json_t *json = infor_sync_array_to_json_within(payload, &infor_sync_payload_limits, &problems);
    if (!json) {
        char what[96];
        snprintf(what, sizeof what, "invalid %s payload", ZSTR_VAL(type));
        infor_sync_throw_validation(what, &problems);
        RETURN_THROWS();
    }
    /* the payload's own rules and the template's, reported together */
    isync_event_validate(ZSTR_VAL(type), json, &problems);
    if (infor_sync_check_payload(ZSTR_VAL(type), json, &problems) != 0) {
        json_decref(json);
        RETURN_THROWS();
    }
    isync_spool *spool = open_spool();
    if (!spool) {
        json_decref(json);
        RETURN_THROWS();
    }
    isync_status st = isync_event_enqueue(spool, ZSTR_VAL(type), key ? ZSTR_VAL(key) : NULL, json, id, &err);
    json_decref(json);
    if (st == ISYNC_ERR_INVALID) { /* over ISYNC_PAYLOAD_MAX_BYTES once written out */
        char what[96];
        memset(&problems, 0, sizeof problems);
        isync_problems_add(&problems, "payload", "%s", err.message);
        snprintf(what, sizeof what, "invalid %s payload", ZSTR_VAL(type));
        infor_sync_throw_validation(what, &problems);
        RETURN_THROWS();
    }
    if (st != ISYNC_OK && st != ISYNC_ERR_EXISTS) {
        infor_sync_throw_spool(&err);
        RETURN_THROWS();
    }
    RETURN_STRING(id); /* with ISYNC_ERR_EXISTS: the earlier event of the key */
}

/* The report status() returns and php --ri shows (worker/status_report.h). */
static json_t *status_report(isync_spool *spool)
{
    isync_worker_settings settings;
    infor_sync_worker_settings(&settings);
    isync_report_inputs in = { .settings = &settings, .enabled = INFOR_SYNC_G(enabled),
                               .worker_mode = infor_sync_worker_mode_name(),
                               .local_mapping = infor_sync_local_mapping };
    return isync_status_report(&in, spool);
}

ZEND_FUNCTION(InforSync_status)
{
    ZEND_PARSE_PARAMETERS_NONE();

    isync_spool *spool = open_spool();
    if (!spool) {
        RETURN_THROWS();
    }
    json_t *report = status_report(spool);
    infor_sync_json_to_zval(report, return_value);
    json_decref(report);
}

/* Events ready, active or deferred; -1 when one of those cannot be read (the spool is gone). */
static long waiting_events(isync_spool *spool)
{
    long ready = isync_spool_count(spool, ISYNC_STATE_READY);
    long active = isync_spool_count(spool, ISYNC_STATE_ACTIVE);
    long deferred = isync_spool_count(spool, ISYNC_STATE_DEFERRED);
    return ready < 0 || active < 0 || deferred < 0 ? -1 : ready + active + deferred;
}

/* A SpoolException saying why the spool cannot be counted. */
static void throw_spool_unreadable(isync_spool *spool)
{
    isync_error err;
    if (isync_spool_check(spool, &err) == ISYNC_OK) {
        isync_fail(&err, ISYNC_ERR_IO, errno, "spool %s cannot be read: %s", spool->dir, strerror(errno));
    }
    infor_sync_throw_spool(&err);
}

ZEND_FUNCTION(InforSync_flush)
{
    zend_long timeout_ms = 5000;
    ZEND_PARSE_PARAMETERS_START(0, 1)
        Z_PARAM_OPTIONAL
        Z_PARAM_LONG(timeout_ms)
    ZEND_PARSE_PARAMETERS_END();

    if (timeout_ms < 0) {
        zend_argument_value_error(1, "must be greater than or equal to 0");
        RETURN_THROWS();
    }
    if (!require_enabled()) {
        RETURN_THROWS();
    }
    isync_spool *spool = open_spool();
    if (!spool) {
        RETURN_THROWS();
    }
    /* A CLI script asking to flush wants delivery even where auto means off. */
    if (INFOR_SYNC_G(worker_mode) != INFOR_SYNC_WORKER_OFF) {
        start_worker();
    }
    /* Events also move back (active -> ready at takeover, deferred -> ready
     * when due): one look can miss an event moving into a directory it
     * already counted. Nothing waiting means nothing seen twice in a row. */
    zend_long waited = 0;
    int empty_looks = 0;
    for (;;) {
        long waiting = waiting_events(spool);
        if (waiting < 0) { /* not "nothing waiting": nothing can be known, nor delivered */
            throw_spool_unreadable(spool);
            RETURN_THROWS();
        }
        empty_looks = waiting > 0 ? 0 : empty_looks + 1;
        if (empty_looks == 2 || (empty_looks == 1 && waited >= timeout_ms)) {
            RETURN_TRUE;
        }
        if (waited >= timeout_ms) {
            RETURN_FALSE;
        }
        usleep(10 * 1000);
        waited += 10;
    }
}

typedef isync_status (*event_list_fn)(const isync_spool *spool, size_t limit, json_t **out, isync_error *err);

/* dead_letters() and held(): oldest first, at most $limit. */
static void list_events(zend_execute_data *execute_data, zval *return_value, event_list_fn list_fn)
{
    zend_long limit = 100;
    isync_error err;
    json_t *list = NULL;
    ZEND_PARSE_PARAMETERS_START(0, 1)
        Z_PARAM_OPTIONAL
        Z_PARAM_LONG(limit)
    ZEND_PARSE_PARAMETERS_END();

    if (limit < 1) {
        zend_argument_value_error(1, "must be greater than 0");
        RETURN_THROWS();
    }
    isync_spool *spool = open_spool();
    if (!spool) {
        RETURN_THROWS();
    }
    if (list_fn(spool, (size_t)limit, &list, &err) != ISYNC_OK) {
        infor_sync_throw_spool(&err);
        RETURN_THROWS();
    }
    infor_sync_json_to_zval(list, return_value);
    json_decref(list);
}

ZEND_FUNCTION(InforSync_dead_letters)
{
    list_events(execute_data, return_value, isync_dlq_list);
}

ZEND_FUNCTION(InforSync_retry_dead)
{
    zend_string *id = NULL;
    isync_error err;
    ZEND_PARSE_PARAMETERS_START(0, 1)
        Z_PARAM_OPTIONAL
        Z_PARAM_PATH_STR_OR_NULL(id)
    ZEND_PARSE_PARAMETERS_END();

    if (id && !valid_id_argument(id, 1)) {
        RETURN_THROWS();
    }
    isync_spool *spool = open_spool();
    if (!spool) {
        RETURN_THROWS();
    }
    long moved = isync_dlq_retry(spool, id ? ZSTR_VAL(id) : NULL, &err);
    if (moved < 0) {
        infor_sync_throw_spool(&err);
        RETURN_THROWS();
    }
    RETURN_LONG(moved);
}

ZEND_FUNCTION(InforSync_held)
{
    list_events(execute_data, return_value, isync_held_list);
}

/* discard_dead(), release() and discard_held(): true when done, false when
 * no event with that id is in the state the operation takes it from. */
static void id_operation(INTERNAL_FUNCTION_PARAMETERS,
                           isync_status (*operation)(const isync_spool *, const char *, isync_error *))
{
    zend_string *id;
    isync_error err;
    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_PATH_STR(id)
    ZEND_PARSE_PARAMETERS_END();

    if (!valid_id_argument(id, 1)) {
        RETURN_THROWS();
    }
    isync_spool *spool = open_spool();
    if (!spool) {
        RETURN_THROWS();
    }
    isync_status st = operation(spool, ZSTR_VAL(id), &err);
    if (st == ISYNC_ERR_NOTFOUND) {
        RETURN_FALSE;
    }
    if (st != ISYNC_OK) {
        infor_sync_throw_spool(&err);
        RETURN_THROWS();
    }
    RETURN_TRUE;
}

ZEND_FUNCTION(InforSync_discard_dead)
{
    id_operation(INTERNAL_FUNCTION_PARAM_PASSTHRU, isync_dlq_discard);
}

ZEND_FUNCTION(InforSync_release)
{
    id_operation(INTERNAL_FUNCTION_PARAM_PASSTHRU, isync_held_release);
}

ZEND_FUNCTION(InforSync_discard_held)
{
    id_operation(INTERNAL_FUNCTION_PARAM_PASSTHRU, isync_held_discard);
}

ZEND_FUNCTION(InforSync_event)
{
    zend_string *id;
    json_t *info = NULL;
    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_PATH_STR(id)
    ZEND_PARSE_PARAMETERS_END();

    if (!valid_id_argument(id, 1)) {
        RETURN_THROWS();
    }
    isync_spool *spool = open_spool();
    if (!spool) {
        RETURN_THROWS();
    }
    if (isync_event_lookup(spool, ZSTR_VAL(id), &info, NULL) != ISYNC_OK) {
        RETURN_NULL();
    }
    infor_sync_json_to_zval(info, return_value);
    json_decref(info);
}

/* A list argument of strings, e.g. $types or $ids; false (with a
 * TypeError thrown) for anything else. */
static bool strings_argument(HashTable *list, uint32_t arg_num, bool ids)
{
    zval *item;
    ZEND_HASH_FOREACH_VAL(list, item) {
        if (Z_TYPE_P(item) != IS_STRING) {
            zend_argument_type_error(arg_num, "must contain only strings, %s given", zend_zval_type_name(item));
            return false;
        }
        if (memchr(Z_STRVAL_P(item), '\0', Z_STRLEN_P(item))) {
            zend_argument_value_error(arg_num, "must not contain strings with a NUL byte");
            return false;
        }
        if (ids && !isync_id_valid(Z_STRVAL_P(item))) {
            zend_argument_value_error(arg_num, "must contain only event ids as returned by InforSync\\inbound()");
            return false;
        }
    } ZEND_HASH_FOREACH_END();
    return true;
}

ZEND_FUNCTION(InforSync_inbound)
{
    zend_long limit = 100;
    HashTable *types = NULL;
    isync_error err;
    json_t *events = NULL, *wanted = NULL;
    ZEND_PARSE_PARAMETERS_START(0, 2)
        Z_PARAM_OPTIONAL
        Z_PARAM_LONG(limit)
        Z_PARAM_ARRAY_HT_OR_NULL(types)
    ZEND_PARSE_PARAMETERS_END();

    if (limit < 1) {
        zend_argument_value_error(1, "must be greater than 0");
        RETURN_THROWS();
    }
    if (types && !strings_argument(types, 2, false)) {
        RETURN_THROWS();
    }
    isync_spool *spool = open_spool();
    if (!spool) {
        RETURN_THROWS();
    }
    if (types) {
        zval *type;
        wanted = json_array();
        ZEND_HASH_FOREACH_VAL(types, type) {
            json_array_append_new(wanted, json_stringn(Z_STRVAL_P(type), Z_STRLEN_P(type)));
        } ZEND_HASH_FOREACH_END();
    }
    isync_status st = isync_inbound_fetch(spool, (size_t)limit, wanted, &events, &err);
    json_decref(wanted);
    if (st != ISYNC_OK) {
        infor_sync_throw_spool(&err);
        RETURN_THROWS();
    }
    infor_sync_json_to_zval(events, return_value);
    json_decref(events);
}

ZEND_FUNCTION(InforSync_ack)
{
    HashTable *ids;
    zval *id;
    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_ARRAY_HT(ids)
    ZEND_PARSE_PARAMETERS_END();

    if (!strings_argument(ids, 1, true)) {
        RETURN_THROWS();
    }
    isync_spool *spool = open_spool();
    if (!spool) {
        RETURN_THROWS();
    }
    size_t count = 0;
    const char **list = safe_emalloc(zend_hash_num_elements(ids) + 1, sizeof *list, 0);
    ZEND_HASH_FOREACH_VAL(ids, id) {
        list[count++] = Z_STRVAL_P(id);
    } ZEND_HASH_FOREACH_END();
    long removed = isync_inbound_ack(spool, list, count);
    efree(list);
    RETURN_LONG(removed);
}

ZEND_FUNCTION(InforSync_config)
{
    isync_business_config cfg;
    isync_error err;
    ZEND_PARSE_PARAMETERS_NONE();

    if (isync_config_load(INFOR_SYNC_G(config_file), &cfg, &err) != ISYNC_OK) {
        infor_sync_throw_configuration("infor_sync.config_file", err.message);
        RETURN_THROWS();
    }
    json_t *json = isync_config_to_json(&cfg);
    isync_config_clear(&cfg);
    infor_sync_json_to_zval(json, return_value);
    json_decref(json);
}

ZEND_FUNCTION(InforSync_save_config)
{
    zval *config;
    isync_problems problems;
    isync_error err;
    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_ARRAY(config)
    ZEND_PARSE_PARAMETERS_END();

    if (!*INFOR_SYNC_G(config_file)) {
        infor_sync_throw_configuration("infor_sync.config_file",
                            "infor_sync.config_file is not set in php.ini: nowhere to save the configuration");
        RETURN_THROWS();
    }
    json_t *json = infor_sync_array_to_json(config, &problems);
    if (!json) {
        infor_sync_throw_validation("invalid configuration", &problems);
        RETURN_THROWS();
    }
    isync_status st = isync_config_save(INFOR_SYNC_G(config_file), json, &problems, &err);
    json_decref(json);
    if (st == ISYNC_ERR_INVALID) {
        infor_sync_throw_validation("invalid configuration", &problems);
        RETURN_THROWS();
    }
    if (st != ISYNC_OK) {
        infor_sync_throw_configuration("infor_sync.config_file", err.message);
        RETURN_THROWS();
    }
    INFOR_SYNC_G(inputs_checked) = -1; /* this request's next enqueue sees what was saved */
}

ZEND_FUNCTION(InforSync_save_credentials)
{
    zend_string *ionapi;
    isync_problems problems;
    isync_error err;
    json_t *summary = NULL;
    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_PATH_STR(ionapi)
    ZEND_PARSE_PARAMETERS_END();

    if (!*INFOR_SYNC_G(ionapi_file)) {
        infor_sync_throw_configuration("infor_sync.ionapi_file",
                            "infor_sync.ionapi_file is not set in php.ini: nowhere to save the credentials");
        RETURN_THROWS();
    }
    isync_status st = isync_credentials_save(INFOR_SYNC_G(ionapi_file), ZSTR_VAL(ionapi), ZSTR_LEN(ionapi),
                                             INFOR_SYNC_G(verify_tls), &summary, &problems, &err);
    if (st == ISYNC_ERR_INVALID) {
        infor_sync_throw_validation("invalid credentials", &problems);
        RETURN_THROWS();
    }
    if (st != ISYNC_OK) {
        infor_sync_throw_configuration("infor_sync.ionapi_file", err.message);
        RETURN_THROWS();
    }
    infor_sync_json_to_zval(summary, return_value);
    json_decref(summary);
}

ZEND_FUNCTION(InforSync_rebuild_customer_index)
{
    isync_error err;
    char id[ISYNC_ID_SIZE];
    ZEND_PARSE_PARAMETERS_NONE();

    if (!require_enabled()) {
        RETURN_THROWS();
    }
    isync_spool *spool = open_spool();
    if (!spool) {
        RETURN_THROWS();
    }
    if (isync_xref_request_rebuild(spool, id, &err) != ISYNC_OK) {
        infor_sync_throw_spool(&err);
        RETURN_THROWS();
    }
    RETURN_STRING(id);
}

/* ---- module lifecycle ---- */

static PHP_GINIT_FUNCTION(infor_sync)
{
#if defined(COMPILE_DL_INFOR_SYNC) && defined(ZTS)
    ZEND_TSRMLS_CACHE_UPDATE();
#endif
    memset(infor_sync_globals, 0, sizeof *infor_sync_globals);
}

static PHP_GSHUTDOWN_FUNCTION(infor_sync)
{
    infor_sync_mapping_free(infor_sync_globals);
}

PHP_MINIT_FUNCTION(infor_sync)
{
    infor_sync_settings_register(module_number);
    zend_class_entry *exception_ce = register_class_InforSync_Exception(spl_ce_RuntimeException);
    infor_sync_exceptions_init(register_class_InforSync_ValidationException(exception_ce),
                               register_class_InforSync_SpoolException(exception_ce),
                               register_class_InforSync_ConfigurationException(exception_ce));
    registered_module = zend_hash_str_find_ptr(&module_registry, ZEND_STRL("infor_sync"));
    current_pid = getpid();
    pthread_atfork(NULL, NULL, after_fork_in_child);
    /* curl_global_init is not thread-safe and reads the environment: do it
     * here, before any thread exists. The worker itself starts lazily. */
    if (isync_http_global_init() != 0) {
        php_error_docref(NULL, E_WARNING, "infor_sync: libcurl could not be initialised");
    }
    return SUCCESS;
}

/* The detached worker thread still runs our code, so PHP's dlclose() of this
 * module must not unmap it. Opening ourselves again with RTLD_NODELETE marks
 * the loaded object as never unloaded; PHP's handle stays as it is (PHP 8.2
 * calls dlclose on it unconditionally, NULL included). Returns 0 on success. */
static int keep_module_mapped(void)
{
    Dl_info self;
    if (!dladdr((void *)keep_module_mapped, &self) || !self.dli_fname) {
        return -1;
    }
    void *again = dlopen(self.dli_fname, RTLD_NOW | RTLD_NOLOAD | RTLD_NODELETE);
    return again ? 0 : -1;
}

PHP_MSHUTDOWN_FUNCTION(infor_sync)
{
    if (isync_worker_owner_pid() == getpid() && !isync_worker_stop(INFOR_SYNC_G(shutdown_timeout_ms)) &&
        registered_module && registered_module->handle && keep_module_mapped() != 0) {
        /* Unmapping under the running thread would crash it: skip the unload. */
        php_error_docref(NULL, E_WARNING, "infor_sync: the module could not be kept loaded, not unloading modules");
        putenv("ZEND_DONT_UNLOAD_MODULES=1");
    }
    infor_sync_settings_unregister(module_number);
    return SUCCESS;
}

PHP_RINIT_FUNCTION(infor_sync)
{
#if defined(ZTS) && defined(COMPILE_DL_INFOR_SYNC)
    ZEND_TSRMLS_CACHE_UPDATE();
#endif
    forget_parent_worker();
    INFOR_SYNC_G(inputs_checked) = -1; /* the settings files are looked at again (php_mapping.c) */
    if (INFOR_SYNC_G(enabled) && worker_wanted_here()) {
        start_worker();
    }
    return SUCCESS;
}

/* "ok: tenant TEN_PRD, client credentials grant", or why the file cannot be used. */
static void info_credentials(json_t *credentials)
{
    char line[640];
    const char *error = json_string_value(json_object_get(credentials, "error"));
    if (!json_is_true(json_object_get(credentials, "ok"))) {
        php_info_print_table_row(2, "Credentials", error ? error : "not usable");
        return;
    }
    const char *grant = json_string_value(json_object_get(credentials, "grant"));
    snprintf(line, sizeof line, "ok: tenant %s, %s grant%s", json_string_value(json_object_get(credentials, "tenant")),
             grant && strcmp(grant, "password") == 0 ? "password (service account)" : "client credentials",
             json_is_true(json_object_get(credentials, "readable_by_others"))
             ? "; WARNING: readable by other users, chmod 600 it" : "");
    php_info_print_table_row(2, "Credentials", line);
}

/* "300 s (php.ini)", "off (business settings)" */
static void info_polling(json_t *polling)
{
    static const char *const kinds[] = { "stock", "items", "shipments" };
    char line[256] = "";
    if (!json_is_object(polling)) {
        php_info_print_table_row(2, "Polling", "the business settings file cannot be read (see config())");
        return;
    }
    for (size_t i = 0; i < 3; i++) {
        json_t *kind = json_object_get(polling, kinds[i]);
        json_int_t seconds = json_integer_value(json_object_get(kind, "interval"));
        const char *source = json_string_value(json_object_get(kind, "source"));
        source = source && strcmp(source, "config") == 0 ? "business settings" : "php.ini";
        size_t used = strlen(line);
        if (seconds > 0) {
            snprintf(line + used, sizeof line - used, "%s%s every %lld s (%s)", i ? ", " : "", kinds[i],
                     (long long)seconds, source);
        } else {
            snprintf(line + used, sizeof line - used, "%s%s off (%s)", i ? ", " : "", kinds[i], source);
        }
    }
    php_info_print_table_row(2, "Polling", line);
}

/* A row of four integer members of obj, in format (four %lld). */
static void info_four_counts(const char *title, json_t *obj, const char *format, const char *const names[4])
{
    char line[160];
    long long v[4];
    for (int i = 0; i < 4; i++) {
        v[i] = (long long)json_integer_value(json_object_get(obj, names[i]));
    }
    snprintf(line, sizeof line, format, v[0], v[1], v[2], v[3]);
    php_info_print_table_row(2, title, line);
}

static void info_worker(json_t *report)
{
    char line[128];
    json_t *leader_pid = json_object_get(json_object_get(report, "worker"), "leader_pid");
    if (json_is_integer(leader_pid)) {
        snprintf(line, sizeof line, "pid %lld", (long long)json_integer_value(leader_pid));
    } else {
        snprintf(line, sizeof line, "none running");
    }
    php_info_print_table_row(2, "Delivering worker", line);
    static const char *const counters[4] = { "delivered", "retried", "dead", "corrupt" };
    info_four_counts("Counters", json_object_get(report, "counters"),
                     "%lld delivered, %lld retried, %lld dead, %lld corrupt", counters);
    static const char *const delivery[4] = { "in_flight", "limit", "max_in_flight", "overloaded" };
    info_four_counts("Deliveries", json_object_get(report, "delivery"),
                     "%lld in flight, at most %lld now (infor_sync.max_in_flight %lld), %lld overloaded answers",
                     delivery);
    json_t *anomalies = json_object_get(report, "anomalies");
    json_int_t held = json_integer_value(json_object_get(anomalies, "held"));
    snprintf(line, sizeof line, "%lld flagged, %lld held for review%s",
             (long long)json_integer_value(json_object_get(anomalies, "flagged")), (long long)(held < 0 ? 0 : held),
             json_is_true(json_object_get(anomalies, "hold")) ? "" : " (infor_sync.anomaly_hold is off)");
    php_info_print_table_row(2, "Anomalies", line);
}

/* The same report as status(), for a spool that may not exist yet (nothing is created). */
PHP_MINFO_FUNCTION(infor_sync)
{
    isync_spool spool = { .dir = INFOR_SYNC_G(spool_dir), .durable = 0 };
    json_t *report = status_report(&spool);
    php_info_print_table_start();
    php_info_print_table_row(2, "infor_sync support", INFOR_SYNC_G(enabled) ? "enabled" : "disabled");
    php_info_print_table_row(2, "Version", PHP_INFOR_SYNC_VERSION);
    php_info_print_table_row(2, "Event types", isync_event_types());
    info_credentials(json_object_get(report, "credentials"));
    info_polling(json_object_get(report, "polling"));
    info_worker(report);
    infor_sync_mapping_info(json_object_get(report, "mapping"));
    json_decref(report);
    php_info_print_table_end();
    DISPLAY_INI_ENTRIES();
}

zend_module_entry infor_sync_module_entry = {
    STANDARD_MODULE_HEADER,
    "infor_sync",
    ext_functions,
    PHP_MINIT(infor_sync),
    PHP_MSHUTDOWN(infor_sync),
    PHP_RINIT(infor_sync),
    NULL,
    PHP_MINFO(infor_sync),
    PHP_INFOR_SYNC_VERSION,
    PHP_MODULE_GLOBALS(infor_sync),
    PHP_GINIT(infor_sync),
    PHP_GSHUTDOWN(infor_sync),
    NULL,
    STANDARD_MODULE_PROPERTIES_EX
};

#ifdef COMPILE_DL_INFOR_SYNC
#ifdef ZTS
ZEND_TSRMLS_CACHE_DEFINE()
#endif
ZEND_GET_MODULE(infor_sync)
#endif
