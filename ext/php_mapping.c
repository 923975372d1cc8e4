/* The mapping engine's PHP functions (docs/mapping.md). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <time.h>

#include "php.h"
#include "ext/standard/info.h"
#include "zend_exceptions.h"

#include "php_exceptions.h"
#include "php_mapping.h"
#include "php_settings.h"
#include "php_values.h"

#include "worker/business_config.h"
#include "queue/event.h"
#include "queue/problems.h"
#include "mapping/mapping.h"
#include "mapping/mapping_set.h"
#include "mapping/rates_cache.h"
#include "worker/worker.h"
#include "mapping/suggest.h"


/* This thread's templates; files looked at again at most once a second. */
static isync_mapping_set *mapping_set(void)
{
    isync_error err;
    isync_mapping_set *set = INFOR_SYNC_G(mapping_set);
    zend_long now = (zend_long)time(NULL);
    if (!set) {
        if (isync_mapping_set_open(INFOR_SYNC_G(mapping_dir), INFOR_SYNC_G(m3_metadata), &set, &err) != ISYNC_OK) {
            infor_sync_throw_configuration("infor_sync.m3_metadata", err.message);
            return NULL;
        }
        INFOR_SYNC_G(mapping_set) = set;
        INFOR_SYNC_G(mapping_checked) = now;
    } else if (now != INFOR_SYNC_G(mapping_checked)) {
        isync_mapping_set_refresh(set);
        INFOR_SYNC_G(mapping_checked) = now;
    }
    return set;
}

typedef struct mapping_inputs mapping_inputs;
static void inputs_drop(mapping_inputs *in);

void infor_sync_mapping_free(zend_infor_sync_globals *globals)
{
    isync_mapping_set_free(globals->mapping_set);
    globals->mapping_set = NULL;
    if (globals->mapping_inputs) {
        inputs_drop(globals->mapping_inputs);
        pefree(globals->mapping_inputs, 1);
        globals->mapping_inputs = NULL;
    }
}

/* The business settings and the worker's last exchange rates, as a mapping
 * sees them; kept per thread and read again only when their file changed, so
 * an enqueue does not parse both files every time. */
struct mapping_inputs {
    isync_business_config cfg;
    isync_file_stamp cfg_stamp;
    isync_rates_cache rates;
    isync_file_stamp rates_stamp;
    int loaded;
    isync_mapping_env env;
    json_t *settings; /* cfg as the templates see it */
};

static void inputs_drop(mapping_inputs *in)
{
    json_decref(in->settings);
    in->settings = NULL;
    isync_config_clear(&in->cfg);
    isync_rates_cache_free(&in->rates);
    in->loaded = 0;
}

static mapping_inputs *inputs_open(isync_mapping_set *set)
{
    isync_error err;
    isync_file_stamp cfg_stamp, rates_stamp;
    char rates_path[ISYNC_PATH_SIZE + 16];
    mapping_inputs *in = INFOR_SYNC_G(mapping_inputs);
    if (!in) {
        in = pecalloc(1, sizeof *in, 1);
        INFOR_SYNC_G(mapping_inputs) = in;
    }
    /* Looked at on the first use in a request and then at most once a
     * second: a request sees one version of the settings, the next request
     * the one saved meanwhile, and an enqueue pays no stat() for it. */
    zend_long now = (zend_long)time(NULL);
    if (in->loaded && INFOR_SYNC_G(inputs_checked) == now) {
        in->env.spec = isync_mapping_set_spec(set);
        return in;
    }
    snprintf(rates_path, sizeof rates_path, "%s/rates.json", INFOR_SYNC_G(spool_dir));
    isync_file_stamp_read(INFOR_SYNC_G(config_file), &cfg_stamp);
    isync_file_stamp_read(rates_path, &rates_stamp);
    INFOR_SYNC_G(inputs_checked) = now;
    if (in->loaded && isync_file_stamp_equal(&cfg_stamp, &in->cfg_stamp) &&
        isync_file_stamp_equal(&rates_stamp, &in->rates_stamp)) {
        in->env.spec = isync_mapping_set_spec(set);
        return in;
    }
    inputs_drop(in);
    if (isync_config_load(INFOR_SYNC_G(config_file), &in->cfg, &err) != ISYNC_OK) {
        infor_sync_throw_configuration("infor_sync.config_file", err.message);
        return NULL;
    }
    isync_rates_cache_init(&in->rates, INFOR_SYNC_G(spool_dir));
    in->cfg_stamp = cfg_stamp;
    in->rates_stamp = rates_stamp;
    in->loaded = 1;
    in->env.cfg = &in->cfg;
    in->env.spec = isync_mapping_set_spec(set);
    in->env.rates = in->rates.rates;
    in->settings = isync_config_to_json(&in->cfg); /* not made again for every event */
    return in;
}

/* The template's problems for payload (a new array; empty without a template). */
static json_t *mapping_problems(isync_mapping_set *set, const char *type, json_t *payload, int refusable_only)
{
    mapping_inputs *in;
    const isync_template *tmpl = isync_mapping_set_get(set, type);
    if (!tmpl) {
        return json_array();
    }
    if (!(in = inputs_open(set))) {
        return NULL;
    }
    json_t *problems = isync_mapping_check(tmpl, payload, &in->env, in->settings);
    if (refusable_only) {
        json_t *refusable = isync_problems_refusable(problems);
        json_decref(problems);
        problems = refusable;
    }
    return problems;
}

int infor_sync_check_payload(const char *type, json_t *payload, const isync_problems *schema_problems)
{
    isync_mapping_set *set = mapping_set();
    json_t *mapping = set ? mapping_problems(set, type, payload, 1) : NULL;
    if (!mapping) {
        return -1;
    }
    json_t *merged = isync_problems_merge(schema_problems, mapping);
    int result = 0;
    if (json_array_size(merged)) {
        char what[96];
        snprintf(what, sizeof what, "invalid %s payload", type);
        infor_sync_throw_mapping_problems(what, merged);
        result = -1;
    }
    json_decref(merged);
    json_decref(mapping);
    return result;
}

json_t *infor_sync_local_mapping(void *ctx)
{
    (void)ctx;
    isync_mapping_set *set = mapping_set();
    if (!set) {
        zend_clear_exception();
        return NULL;
    }
    return isync_mapping_set_status(set);
}

ZEND_FUNCTION(InforSync_map_preview)
{
    zend_string *type;
    zval *payload;
    isync_problems problems;
    mapping_inputs *in;

    ZEND_PARSE_PARAMETERS_START(2, 2)
        Z_PARAM_PATH_STR(type)
        Z_PARAM_ARRAY(payload)
    ZEND_PARSE_PARAMETERS_END();

    if (!isync_event_type_known(ZSTR_VAL(type))) {
        zend_argument_value_error(1, "must be a known event type (%s), \"%s\" given", isync_event_types(),
                                  ZSTR_VAL(type));
        RETURN_THROWS();
    }
    isync_mapping_set *set = mapping_set();
    if (!set) {
        RETURN_THROWS();
    }
    const isync_template *tmpl = isync_mapping_set_get(set, ZSTR_VAL(type));
    if (!tmpl) {
        zend_argument_value_error(1, "has no mapping template: %s is delivered by its connector alone",
                                  ZSTR_VAL(type));
        RETURN_THROWS();
    }
    memset(&problems, 0, sizeof problems);
    json_t *json = infor_sync_array_to_json_within(payload, &infor_sync_payload_limits, &problems);
    if (!json) {
        json = json_object();
    } else {
        isync_event_validate(ZSTR_VAL(type), json, &problems);
    }
    if (!(in = inputs_open(set))) {
        json_decref(json);
        RETURN_THROWS();
    }
    json_t *plan = isync_mapping_apply(tmpl, json, &in->env);
    json_object_set_new(plan, "problems", isync_problems_merge(&problems, json_object_get(plan, "problems")));
    infor_sync_json_to_zval(plan, return_value);
    json_decref(plan);
    json_decref(json);
}

ZEND_FUNCTION(InforSync_suggest_mapping)
{
    zval *sample;
    zend_string *program, *transaction;
    isync_problems problems;

    ZEND_PARSE_PARAMETERS_START(3, 3)
        Z_PARAM_ARRAY(sample)
        Z_PARAM_PATH_STR(program)
        Z_PARAM_PATH_STR(transaction)
    ZEND_PARSE_PARAMETERS_END();

    isync_mapping_set *set = mapping_set();
    if (!set) {
        RETURN_THROWS();
    }
    json_t *inputs = isync_m3_spec_inputs(isync_mapping_set_spec(set), ZSTR_VAL(program), ZSTR_VAL(transaction));
    if (!inputs) {
        zend_value_error("%s/%s is not a transaction of the M3 field specification", ZSTR_VAL(program),
                         ZSTR_VAL(transaction));
        RETURN_THROWS();
    }
    memset(&problems, 0, sizeof problems);
    json_t *json = infor_sync_array_to_json(sample, &problems);
    if (!json) {
        zend_argument_value_error(1, "cannot be read: %s: %s", problems.items[0].path, problems.items[0].message);
        RETURN_THROWS();
    }
    json_t *suggestions = isync_suggest_mapping(json, inputs, 3);
    infor_sync_json_to_zval(suggestions, return_value);
    json_decref(suggestions);
    json_decref(json);
}

void infor_sync_mapping_info(json_t *mapping)
{
    char line[512];
    size_t used = 0, refused = 0;
    const char *event;
    json_t *entry;
    if (json_object_get(mapping, "error")) {
        php_info_print_table_row(2, "Mapping templates", json_string_value(json_object_get(mapping, "error")));
        return;
    }
    line[0] = '\0';
    json_object_foreach(json_object_get(mapping, "templates"), event, entry) {
        const char *origin = json_string_value(json_object_get(entry, "origin"));
        int builtin = origin && strncmp(origin, "built-in ", 9) == 0;
        refused += json_object_get(entry, "errors") != NULL;
        used += (size_t)snprintf(line + used, used < sizeof line ? sizeof line - used : 0, "%s%s (%s)",
                                 used ? ", " : "", event, builtin ? "built-in" : "mapping_dir");
        if (used >= sizeof line) {
            used = sizeof line - 1;
        }
    }
    php_info_print_table_row(2, "Mapping templates", line);
    if (refused) {
        snprintf(line, sizeof line, "%zu file(s) in infor_sync.mapping_dir refused: see InforSync\\status()['mapping']",
                 refused);
        php_info_print_table_row(2, "Mapping errors", line);
    }
}
