/* The INI entries of the settings list (src/worker/settings.h), how each
 * value is checked, and the worker's copy of them. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "php.h"
#include "php_ini.h"

#include "php_settings.h"

#include "base/log.h"
#include "inbound/poller.h"

ZEND_DECLARE_MODULE_GLOBALS(infor_sync)

static bool one_of(const zend_string *value, const char *const *allowed)
{
    for (size_t i = 0; allowed[i]; i++) {
        if (zend_string_equals_cstr(value, allowed[i], strlen(allowed[i]))) {
            return true;
        }
    }
    return false;
}

static ZEND_COLD void warn_invalid(const zend_ini_entry *entry, const zend_string *value, const char *expected)
{
    php_error_docref(NULL, E_WARNING, "%s: invalid value \"%s\"; expected %s", ZSTR_VAL(entry->name),
                     ZSTR_VAL(value), expected);
}

/* php.ini turns on/yes/true into "1" and off/no/false/none into "", so
 * both spellings are accepted. */
static const char *const truthy[] = { "1", "on", "yes", "true", NULL };
static const char *const falsy[] = { "", "0", "off", "no", "false", "none", NULL };

static ZEND_INI_MH(OnUpdateWorkerMode)
{
    zend_long *mode = (zend_long *)ZEND_INI_GET_ADDR();
    if (zend_string_equals_literal(new_value, "auto")) {
        *mode = INFOR_SYNC_WORKER_AUTO;
    } else if (one_of(new_value, truthy)) {
        *mode = INFOR_SYNC_WORKER_ON;
    } else if (one_of(new_value, falsy)) {
        *mode = INFOR_SYNC_WORKER_OFF;
    } else {
        warn_invalid(entry, new_value, "auto, on or off");
        return FAILURE;
    }
    return SUCCESS;
}

static ZEND_INI_MH(OnUpdateDurability)
{
    bool *durable = (bool *)ZEND_INI_GET_ADDR();
    if (zend_string_equals_literal(new_value, "fsync")) {
        *durable = true;
    } else if (one_of(new_value, falsy)) {
        *durable = false;
    } else {
        warn_invalid(entry, new_value, "fsync or none");
        return FAILURE;
    }
    return SUCCESS;
}

static ZEND_INI_MH(OnUpdateLogLevel)
{
    zend_long *level = (zend_long *)ZEND_INI_GET_ADDR();
    int parsed = isync_log_level_parse(ZSTR_VAL(new_value));
    if (parsed < 0) {
        warn_invalid(entry, new_value, "error, warning, info or debug");
        return FAILURE;
    }
    *level = parsed;
    return SUCCESS;
}

static ZEND_INI_MH(OnUpdatePositive)
{
    zend_long value = ZEND_STRTOL(ZSTR_VAL(new_value), NULL, 10);
    if (value <= 0) {
        php_error_docref(NULL, E_WARNING, "%s: must be a positive number, \"%s\" given", ZSTR_VAL(entry->name),
                         ZSTR_VAL(new_value));
        return FAILURE;
    }
    return OnUpdateLong(entry, new_value, mh_arg1, mh_arg2, mh_arg3, stage);
}

/* Deliveries at once: 1 (one after another) to ISYNC_MAX_IN_FLIGHT. */
static ZEND_INI_MH(OnUpdateInFlight)
{
    char *end = NULL;
    zend_long value = ZEND_STRTOL(ZSTR_VAL(new_value), &end, 10);
    if (ZSTR_LEN(new_value) == 0 || *end != '\0' || value < 1 || value > ISYNC_MAX_IN_FLIGHT) {
        php_error_docref(NULL, E_WARNING, "%s: invalid value \"%s\"; expected a number of deliveries from 1 to %d",
                         ZSTR_VAL(entry->name), ZSTR_VAL(new_value), ISYNC_MAX_IN_FLIGHT);
        return FAILURE;
    }
    *(zend_long *)ZEND_INI_GET_ADDR() = value;
    return SUCCESS;
}

/* Polling intervals: the same rule as the business settings poll_*_interval. */
static ZEND_INI_MH(OnUpdateInterval)
{
    long seconds;
    if (isync_poll_interval_parse(ZSTR_VAL(new_value), &seconds) != 0) {
        php_error_docref(NULL, E_WARNING, "%s: invalid value \"%s\"; expected seconds from 0 (off) to %d",
                         ZSTR_VAL(entry->name), ZSTR_VAL(new_value), ISYNC_POLL_INTERVAL_MAX);
        return FAILURE;
    }
    *(zend_long *)ZEND_INI_GET_ADDR() = seconds;
    return SUCCESS;
}

/* k of the anomaly rule: a number >= 0 (0 turns flagging off). */
static ZEND_INI_MH(OnUpdateThreshold)
{
    const char *end = NULL;
    double value = zend_strtod(ZSTR_VAL(new_value), &end);
    if (ZSTR_LEN(new_value) == 0 || *end != '\0' || !(value >= 0) || value > 1e6) {
        warn_invalid(entry, new_value, "a number of at least 0 (0: no anomaly flags)");
        return FAILURE;
    }
    *(double *)ZEND_INI_GET_ADDR() = value;
    return SUCCESS;
}

/* On/off settings read by OnUpdateBool show as On/Off in phpinfo(). */
#define INI_DISPLAYER_Bool zend_ini_boolean_displayer_cb
#define INI_DISPLAYER_String NULL
#define INI_DISPLAYER_Positive NULL
#define INI_DISPLAYER_Interval NULL
#define INI_DISPLAYER_Threshold NULL
#define INI_DISPLAYER_WorkerMode NULL
#define INI_DISPLAYER_Durability NULL
#define INI_DISPLAYER_LogLevel NULL
#define INI_DISPLAYER_InFlight NULL
#define INI_ENTRY(type, name, ini, def, check, scope, field)                                              \
    STD_PHP_INI_ENTRY_EX(ini, def, PHP_INI_SYSTEM, OnUpdate##check, name, zend_infor_sync_globals,       \
                         infor_sync_globals, INI_DISPLAYER_##check)

PHP_INI_BEGIN()
    ISYNC_SETTINGS(INI_ENTRY)
PHP_INI_END()

void infor_sync_settings_register(int module_number)
{
    zend_register_ini_entries(ini_entries, module_number);
}

void infor_sync_settings_unregister(int module_number)
{
    zend_unregister_ini_entries(module_number);
}

const char *infor_sync_worker_mode_name(void)
{
    static const char *const names[] = { "off", "on", "auto" };
    return names[INFOR_SYNC_G(worker_mode)];
}

#define COPY_BOOL(field, name) s->field = INFOR_SYNC_G(name);
#define COPY_LONG(field, name) s->field = INFOR_SYNC_G(name);
#define COPY_DOUBLE(field, name) s->field = INFOR_SYNC_G(name);
#define COPY_STRING(field, name) snprintf(s->field, sizeof s->field, "%s", INFOR_SYNC_G(name));
#define COPY_IN_WORKER(type, field, name) COPY_##type(field, name)
#define COPY_IN_PHP(type, field, name)
#define COPY(type, name, ini, def, check, scope, field) COPY_IN_##scope(type, field, name)

void infor_sync_worker_settings(isync_worker_settings *s)
{
    memset(s, 0, sizeof *s);
    ISYNC_SETTINGS(COPY)
}
