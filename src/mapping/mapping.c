#include "mapping/mapping.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mapping/prepared.h"
#include "mapping/transform.h"

/* One application of a template to one event, walking the template as
 * prepared when it was loaded (prepared.h). What problems and notes name
 * (the call, the template's path, the event's path) is kept as pointers and
 * formatted only when there is a problem or a note. */
typedef struct {
    const isync_template *tmpl;
    json_t *payload;
    const isync_mapping_env *env;
    int own_rules; /* env->spec is the one the template was prepared with */
    json_t *settings; /* the business settings as JSON (setting sources and conditions) */
    json_t *own_settings; /* settings when made here (env->settings NULL), else NULL */
    json_t *problems; /* array */
    json_t *calls; /* array of the plan's calls; NULL: problems only (isync_mapping_check) */
    json_t *item; /* the for_each element, or NULL */
    size_t item_index;
    const char *list_path; /* the for_each path ("items") */
    /* the call being mapped */
    const char *program;
    const char *transaction;
    const isync_m3_transaction *tx;
    size_t call_number;
    int repeated;
    /* the field being mapped */
    const char *field;
    const char *source_from; /* the event path its value came from, or NULL */
    const char *source_setting; /* or the business setting it came from, or NULL */
    int pending; /* the value waits for a context value or an earlier answer */
    int failed; /* a transform of this field failed (reported): no default */
    const char *pending_context; /* the context value the field waits for, or NULL */
    isync_transform_ctx transform; /* last: run() zeroes what comes before its address */
} evaluator;

/* "OIS100MI/AddBatchLine[2]" */
static void call_label(const evaluator *ev, char out[80])
{
    if (ev->repeated) {
        snprintf(out, 80, "%s/%s[%zu]", ev->program, ev->transaction, ev->item_index);
    } else {
        snprintf(out, 80, "%s/%s", ev->program, ev->transaction);
    }
}

/* The event path for problems: item.sku -> items[2].sku; "setting:NAME" */
static void source_text(const evaluator *ev, char out[160])
{
    const char *path = ev->source_from;
    if (ev->source_setting) {
        snprintf(out, 160, "setting:%s", ev->source_setting);
    } else if (!path) {
        out[0] = '\0';
    } else if (ev->item && strncmp(path, "item", 4) == 0 && (path[4] == '.' || path[4] == '\0')) {
        snprintf(out, 160, "%.80s[%zu]%.50s", ev->list_path, ev->item_index, path + 4);
    } else {
        snprintf(out, 160, "%s", path);
    }
}

/* Adds a problem of the field being mapped; returns it (borrowed). */
static json_t *add_problem(evaluator *ev, int retry, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static json_t *add_problem(evaluator *ev, int retry, const char *fmt, ...)
{
    char message[320], where[200], template_path[160], source[160], label[80];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    snprintf(template_path, sizeof template_path, "calls[%zu].fields.%s", ev->call_number, ev->field ? ev->field : "");
    isync_template_where(ev->tmpl, template_path, where, sizeof where);
    source_text(ev, source);
    call_label(ev, label);
    json_t *problem = json_pack("{s:s, s:s, s:s, s:s, s:s}", "field", ev->field ? ev->field : "", "call", label,
                                "template", where, "path", source, "message", message);
    if (retry) {
        json_object_set_new(problem, "retry", json_true());
    }
    if (strncmp(source, "setting:", 8) == 0) {
        json_object_set_new(problem, "setting", json_true()); /* the settings may change before delivery */
    }
    json_array_append_new(ev->problems, problem);
    return problem;
}

/* ---- paths ---- */

/* The element of list whose member key (key_len bytes) is the text value (value_len bytes). */
static json_t *select_element(json_t *list, const char *key, size_t key_len, const char *value, size_t value_len)
{
    size_t index;
    json_t *element;
    json_array_foreach(list, index, element)
    {
        json_t *member = json_object_getn(element, key, key_len);
        const char *text = json_string_value(member);
        if (text && strlen(text) == value_len && memcmp(text, value, value_len) == 0) {
            return element;
        }
    }
    return NULL;
}

static json_t *step(json_t *node, const isync_path_step *step)
{
    node = json_object_getn(node, step->name, step->name_len);
    if (step->kind == ISYNC_STEP_KEY || !node) {
        return node;
    }
    if (step->kind == ISYNC_STEP_INDEX) {
        return json_array_get(node, step->index);
    }
    return select_element(node, step->key, step->key_len, step->value, step->value_len);
}

/* The value at path (borrowed) or NULL. "item" is the for_each element,
 * "setting:name" a business setting. */
static json_t *resolve(evaluator *ev, const isync_path *path)
{
    if (path->base == ISYNC_PATH_SETTING) {
        return json_object_get(ev->settings, path->setting);
    }
    json_t *node = path->base == ISYNC_PATH_ITEM ? ev->item : ev->payload;
    for (size_t i = 0; node && i < path->count; i++) {
        node = step(node, &path->steps[i]);
    }
    return path->text ? node : NULL;
}

static int empty(json_t *value)
{
    return !value || json_is_null(value) || (json_is_string(value) && json_string_length(value) == 0) ||
        (json_is_array(value) && json_array_size(value) == 0);
}

/* ---- conditions ---- */

static int condition(evaluator *ev, const isync_condition *cond)
{
    char buf[ISYNC_JSON_TEXT_SIZE];
    const char *text;
    switch (cond->kind) {
    case ISYNC_COND_TRUE: return 1;
    case ISYNC_COND_EXISTS: return !empty(resolve(ev, &cond->path));
    case ISYNC_COND_MISSING: return empty(resolve(ev, &cond->path));
    case ISYNC_COND_NONZERO:
        text = isync_json_text_in(resolve(ev, &cond->path), buf);
        return *text && strspn(text, "-0.") != strlen(text);
    case ISYNC_COND_EQUALS:
        text = isync_json_text_in(resolve(ev, &cond->path), buf);
        return cond->value && strcmp(text, cond->value) == 0;
    case ISYNC_COND_NOT: return !condition(ev, cond->children);
    default: break;
    }
    int all = cond->kind == ISYNC_COND_ALL;
    for (size_t i = 0; i < cond->count; i++) {
        if (condition(ev, &cond->children[i]) != all) {
            return !all;
        }
    }
    return all;
}

/* ---- values ---- */

static json_t *evaluate(evaluator *ev, const isync_value *spec);

/* "{customer}", "{head.ORNO}": made once with the template */
static json_t *placeholder(evaluator *ev, const isync_value *spec)
{
    ev->pending = 1;
    return json_incref(spec->placeholder);
}

static json_t *context_value(evaluator *ev, const isync_value *spec)
{
    const char *name = spec->name;
    if (strcmp(name, "item_index") == 0 || strcmp(name, "item_number") == 0) {
        return ev->item ? json_sprintf("%zu", ev->item_index + (name[5] == 'n')) : NULL;
    }
    json_t *value = json_object_get(ev->env->context, name);
    if (!value) {
        ev->pending_context = name;
        return placeholder(ev, spec);
    }
    return empty(value) ? NULL : json_incref(value);
}

static json_t *concat(evaluator *ev, const isync_value *spec)
{
    const char *separator = spec->separator;
    size_t used = 0;
    char text[1024] = "";
    for (size_t i = 0; i < spec->part_count; i++) {
        json_t *value = evaluate(ev, &spec->parts[i]);
        char buf[ISYNC_JSON_TEXT_SIZE];
        const char *piece = isync_json_text_in(value, buf);
        if (*piece) {
            used += (size_t)snprintf(text + used, used < sizeof text ? sizeof text - used : 0, "%s%s",
                                     used && separator ? separator : "", piece);
        }
        json_decref(value);
        if (used >= sizeof text) {
            used = sizeof text - 1;
        }
    }
    return used ? json_string(text) : NULL;
}

/* The source's value: a new reference or NULL (nothing). */
static json_t *source_value(evaluator *ev, const isync_value *spec)
{
    json_t *value;
    switch (spec->kind) {
    case ISYNC_VALUE_FROM:
        ev->source_from = spec->path.text;
        ev->source_setting = NULL;
        value = resolve(ev, &spec->path);
        return value ? json_incref(value) : NULL;
    case ISYNC_VALUE_CONST: return json_incref(spec->arg);
    case ISYNC_VALUE_SETTING:
        ev->source_setting = spec->name;
        ev->source_from = NULL;
        value = json_object_get(ev->settings, spec->name);
        return empty(value) ? NULL : json_incref(value);
    case ISYNC_VALUE_CONTEXT: return context_value(ev, spec);
    case ISYNC_VALUE_OUTPUT: return placeholder(ev, spec);
    default: return concat(ev, spec);
    }
}

/* The notes a transform added (from index first on) get the field, call and path. */
static void name_notes(evaluator *ev, size_t first)
{
    char label[80], source[160];
    if (first >= json_array_size(ev->transform.notes)) {
        return;
    }
    call_label(ev, label);
    source_text(ev, source);
    for (size_t i = first; i < json_array_size(ev->transform.notes); i++) {
        json_t *added = json_array_get(ev->transform.notes, i);
        json_object_set_new(added, "field", json_string(ev->field ? ev->field : ""));
        json_object_set_new(added, "call", json_string(label));
        json_object_set_new(added, "path", json_string(source));
    }
}

static json_t *run_transforms(evaluator *ev, json_t *value, const isync_value *spec)
{
    for (size_t i = 0; i < spec->transform_count; i++) {
        const isync_prepared_transform *t = &spec->transforms[i];
        size_t notes_before = json_array_size(ev->transform.notes);
        json_t *next = isync_transform_run(&ev->transform, t->def, t->name, t->arg, value);
        name_notes(ev, notes_before);
        json_decref(value);
        if (ev->transform.error[0]) {
            add_problem(ev, ev->transform.retry, "%s: %s", t->name, ev->transform.error);
            ev->transform.retry = 0;
            ev->failed = 1;
            return NULL;
        }
        value = next;
    }
    return value;
}

/* A value (or a plain text default) -> a new reference or NULL. */
static json_t *evaluate(evaluator *ev, const isync_value *spec)
{
    if (spec->kind == ISYNC_VALUE_TEXT) {
        return json_string_length(spec->spec) ? json_incref(spec->spec) : NULL;
    }
    json_t *value = source_value(ev, spec);
    if (!ev->pending) {
        value = run_transforms(ev, value, spec);
    }
    /* the default is a value of its own (with its own transforms), used when
     * the field would be empty: no source value, or the transforms gave none */
    if (empty(value) && spec->fallback && !ev->failed) {
        json_decref(value);
        value = evaluate(ev, spec->fallback);
    }
    return value;
}

/* ---- calls ---- */

/* The fields of one call given a value: for the mandatory check, and the
 * plan's call (NULL when only problems are collected). */
typedef struct {
    json_t *out;
    unsigned char *given; /* per field of the call */
} call_fields;

static void check_field(evaluator *ev, const isync_prepared_field *field, const char *text)
{
    char problem[200];
    const isync_m3_field_spec *rule;
    if (ev->pending) {
        return;
    }
    rule = ev->own_rules ? field->rule : isync_m3_transaction_field(ev->env->spec, ev->tx, field->name);
    if (!rule) {
        return;
    }
    isync_m3_spec_check_value(rule, text, problem, sizeof problem);
    if (problem[0]) {
        add_problem(ev, 0, "%s", problem);
    }
}

/* The field's text into the plan's call: fields, refs, pending. */
static void plan_field(evaluator *ev, json_t *call_out, const isync_prepared_field *field, const char *text)
{
    json_object_set_new(json_object_get(call_out, "fields"), field->name, json_string(text));
    json_t *output = json_object_get(field->value.spec, "output");
    if (output) {
        json_object_set(json_object_get(call_out, "refs"), field->name, output);
    } else if (ev->pending_context) {
        json_t *pending = json_object_get(call_out, "pending");
        if (!pending) {
            json_object_set_new(call_out, "pending", pending = json_object());
        }
        json_object_set_new(pending, field->name, json_string(ev->pending_context));
    }
}

static void map_field(evaluator *ev, call_fields *fields, const isync_prepared_field *field, size_t index)
{
    ev->field = field->name;
    ev->pending = 0;
    ev->failed = 0;
    ev->pending_context = NULL;
    ev->source_from = NULL;
    ev->source_setting = NULL;
    if (field->when && !condition(ev, field->when)) {
        return;
    }
    json_t *value = evaluate(ev, &field->value);
    char buf[ISYNC_JSON_TEXT_SIZE];
    const char *text = isync_json_text_in(value, buf);
    if (json_is_object(value) || json_is_array(value)) {
        add_problem(ev, 0, "the value is a %s, not a text: add a transform", json_is_object(value) ? "record" : "list");
    } else if (*text) {
        if (fields->out) {
            plan_field(ev, fields->out, field, text);
        }
        fields->given[index] = 1;
        check_field(ev, field, text);
    }
    json_decref(value);
}

static void check_mandatory(evaluator *ev, const isync_prepared_call *call, const call_fields *fields)
{
    size_t count = call->mandatory_count;
    const isync_prepared_mandatory *mandatory = call->mandatory;
    isync_prepared_mandatory *other = NULL; /* the rules of another spec than the template's */
    if (!ev->own_rules) {
        mandatory = other = isync_prepared_mandatory_of(call, ev->tx, &count);
    }
    for (size_t i = 0; i < count; i++) {
        size_t index = mandatory[i].field;
        if (index < call->field_count && fields->given[index]) {
            continue;
        }
        json_t *spec = index < call->field_count ? call->fields[index].value.spec : NULL;
        ev->field = mandatory[i].name;
        ev->source_from = json_string_value(json_object_get(spec, "from"));
        ev->source_setting = ev->source_from ? NULL : json_string_value(json_object_get(spec, "setting"));
        json_t *problem = add_problem(ev, 0, "is mandatory for %s/%s and the event gives no value", ev->program,
                                      ev->transaction);
        json_object_set_new(problem, "missing", json_true());
    }
    free(other);
}

static json_t *plan_call(evaluator *ev, const isync_prepared_call *call)
{
    json_t *call_out = json_pack("{s:s, s:s, s:s, s:{}, s:{}, s:i}", "id", call->id, "program", ev->program,
                                 "transaction", ev->transaction, "fields", "refs", "line", call->line);
    if (ev->repeated) {
        json_object_set_new(call_out, "index", json_integer((json_int_t)ev->item_index));
        json_object_set_new(call_out, "element", json_sprintf("%s[%zu]", ev->list_path, ev->item_index));
    }
    return call_out;
}

static void map_call(evaluator *ev, const isync_prepared_call *call, size_t call_number, int repeated)
{
    unsigned char given[64];
    ev->program = call->program;
    ev->transaction = call->transaction;
    ev->tx = ev->own_rules ? call->tx : isync_m3_spec_transaction(ev->env->spec, call->program, call->transaction);
    ev->call_number = call_number;
    ev->repeated = repeated;
    ev->field = NULL;
    call_fields fields = {ev->calls ? plan_call(ev, call) : NULL,
                          call->field_count <= sizeof given ? given : calloc(call->field_count, 1)};
    if (!fields.given) {
        json_decref(fields.out);
        add_problem(ev, 0, "out of memory");
        return;
    }
    memset(fields.given, 0, call->field_count);
    for (size_t i = 0; i < call->field_count; i++) {
        map_field(ev, &fields, &call->fields[i], i);
    }
    check_mandatory(ev, call, &fields);
    if (fields.out) {
        json_array_append_new(ev->calls, fields.out);
    }
    if (fields.given != given) {
        free(fields.given);
    }
}

static void map_calls(evaluator *ev)
{
    const isync_prepared *prepared = ev->tmpl->prepared;
    size_t index;
    json_t *element;
    for (size_t number = 0; number < prepared->call_count; number++) {
        const isync_prepared_call *call = &prepared->calls[number];
        if (!call->for_each.text) {
            ev->item = NULL;
            if (!call->when || condition(ev, call->when)) {
                map_call(ev, call, number, 0);
            }
            continue;
        }
        json_array_foreach(resolve(ev, &call->for_each), index, element)
        {
            ev->item = element;
            ev->item_index = index;
            ev->list_path = call->for_each.text;
            if (!call->when || condition(ev, call->when)) {
                map_call(ev, call, number, 1);
            }
        }
        ev->item = NULL;
    }
}

/* Maps every call: the problems into problems, the plan's calls into calls
 * and notes into notes (each NULL: not collected). Returns the currency
 * conversion used (new reference) or NULL. */
static json_t *run(const isync_template *tmpl, json_t *payload, const isync_mapping_env *env, json_t *settings,
                   json_t *problems, json_t *calls, json_t *notes)
{
    evaluator ev;
    /* the normalised address and its notes are written before they are read */
    memset(&ev, 0, offsetof(evaluator, transform) + offsetof(isync_transform_ctx, address));
    ev.transform.address_notes.count = 0;
    ev.transform.address_status = ISYNC_OK;
    ev.tmpl = tmpl;
    ev.payload = payload;
    ev.env = env;
    ev.own_rules = env->spec == tmpl->prepared->spec;
    if (!(ev.settings = settings)) {
        ev.settings = ev.own_settings = env->cfg ? isync_config_to_json(env->cfg) : json_object();
    }
    ev.problems = problems;
    ev.calls = calls;
    ev.transform.cfg = env->cfg;
    ev.transform.rates = env->rates;
    ev.transform.payload = payload;
    ev.transform.template_lookups = tmpl->prepared->lookups;
    ev.transform.notes = notes;
    map_calls(&ev);
    json_decref(ev.transform.address_of);
    json_decref(ev.own_settings);
    return ev.transform.currency_used;
}

json_t *isync_mapping_apply(const isync_template *tmpl, json_t *payload, const isync_mapping_env *env)
{
    json_t *result = json_pack("{s:s, s:s, s:[], s:[], s:[]}", "event", tmpl->event, "template", tmpl->origin, "calls",
                               "problems", "notes");
    json_t *currency = run(tmpl, payload, env, NULL, json_object_get(result, "problems"),
                           json_object_get(result, "calls"), json_object_get(result, "notes"));
    if (currency) {
        json_object_set_new(result, "currency", currency);
    }
    return result;
}

json_t *isync_mapping_check(const isync_template *tmpl, json_t *payload, const isync_mapping_env *env, json_t *settings)
{
    json_t *problems = json_array();
    json_decref(run(tmpl, payload, env, settings, problems, NULL, NULL));
    return problems;
}

void isync_mapping_problems_text(json_t *problems, char *out, size_t size)
{
    size_t index, used = 0;
    json_t *problem;
    out[0] = '\0';
    json_array_foreach(problems, index, problem)
    {
        const char *path = json_string_value(json_object_get(problem, "path"));
        const char *field = json_string_value(json_object_get(problem, "field"));
        const char *message = json_string_value(json_object_get(problem, "message"));
        int written;
        if (!field || !*field) { /* a payload problem: "items[1].price: must be ..." */
            written = snprintf(out + used, size - used, "%s%s: %s", index ? "; " : "", path ? path : "", message);
        } else {
            written = snprintf(out + used, size - used, "%s%s (%s, %s%s%s): %s", index ? "; " : "", field,
                               json_string_value(json_object_get(problem, "call")),
                               json_string_value(json_object_get(problem, "template")), path && *path ? ", " : "",
                               path ? path : "", message);
        }
        if (written < 0 || (size_t)written >= size - used) {
            break;
        }
        used += (size_t)written;
    }
}

int isync_mapping_only_retry_problems(json_t *problems)
{
    size_t index;
    json_t *problem;
    json_array_foreach(problems, index, problem)
    {
        if (!json_is_true(json_object_get(problem, "retry"))) {
            return 0;
        }
    }
    return json_array_size(problems) > 0;
}
