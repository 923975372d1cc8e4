#include "mapping/mapping.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/json_lines.h"
#include "mapping/transform.h"

/* One application of a template to one event. What problems and notes
 * name (the call, the template's path, the event's path) is kept as
 * pointers and formatted only when there is a problem or a note. */
typedef struct {
    const isync_template *tmpl;
    json_t *payload;
    const isync_mapping_env *env;
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
    isync_transform_ctx transform;
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

/* One step: "name", "name[3]" or "name[key=value]" (a path the template
 * check accepted; a name or selector is read up to 127 bytes). */
static json_t *step(json_t *node, const char *segment, size_t len)
{
    size_t name_len = strcspn(segment, "[");
    if (name_len > len) {
        name_len = len;
    }
    node = json_object_getn(node, segment, name_len < 128 ? name_len : 127);
    if (name_len == len || !node) {
        return node;
    }
    const char *selector = segment + name_len + 1;
    size_t selector_len = len >= name_len + 2 ? len - name_len - 2 : strlen(selector);
    selector_len = selector_len < 128 ? selector_len : 127;
    const char *equals = memchr(selector, '=', selector_len);
    if (!equals) {
        return json_array_get(node, strtoul(selector, NULL, 10));
    }
    return select_element(node, selector, (size_t)(equals - selector), equals + 1,
                          selector_len - (size_t)(equals - selector) - 1);
}

/* The value at path (borrowed) or NULL. "item" is the for_each element,
 * "setting:name" a business setting. */
static json_t *resolve(evaluator *ev, const char *path)
{
    if (strncmp(path, "setting:", 8) == 0) {
        return json_object_get(ev->settings, path + 8);
    }
    json_t *node = ev->payload;
    const char *p = path;
    if (strncmp(path, "item", 4) == 0 && (path[4] == '.' || path[4] == '\0')) {
        node = ev->item;
        p = path[4] ? path + 5 : path + 4;
    }
    while (node && *p) {
        size_t len = isync_path_segment_length(p);
        node = step(node, p, len);
        p += len + (p[len] == '.');
    }
    return node;
}

static int empty(json_t *value)
{
    return !value || json_is_null(value) || (json_is_string(value) && json_string_length(value) == 0) ||
        (json_is_array(value) && json_array_size(value) == 0);
}

/* ---- conditions ---- */

static int condition(evaluator *ev, json_t *cond)
{
    const char *kind;
    json_t *arg;
    json_object_foreach(cond, kind, arg)
    {
        if (strcmp(kind, "exists") == 0) {
            return !empty(resolve(ev, json_string_value(arg)));
        }
        if (strcmp(kind, "missing") == 0) {
            return empty(resolve(ev, json_string_value(arg)));
        }
        if (strcmp(kind, "nonzero") == 0) {
            char buf[ISYNC_JSON_TEXT_SIZE];
            const char *text = isync_json_text_in(resolve(ev, json_string_value(arg)), buf);
            return *text && strspn(text, "-0.") != strlen(text);
        }
        if (strcmp(kind, "equals") == 0) {
            char buf[ISYNC_JSON_TEXT_SIZE];
            const char *text = isync_json_text_in(resolve(ev, json_string_value(json_object_get(arg, "path"))), buf);
            return strcmp(text, json_string_value(json_object_get(arg, "value"))) == 0;
        }
        if (strcmp(kind, "not") == 0) {
            return !condition(ev, arg);
        }
        size_t index;
        json_t *entry;
        int all = strcmp(kind, "all") == 0;
        json_array_foreach(arg, index, entry)
        {
            if (condition(ev, entry) != all) {
                return !all;
            }
        }
        return all;
    }
    return 1;
}

/* ---- values ---- */

static json_t *evaluate(evaluator *ev, json_t *spec);

static json_t *placeholder(evaluator *ev, const char *name)
{
    ev->pending = 1;
    return json_sprintf("{%s}", name);
}

static json_t *context_value(evaluator *ev, const char *name)
{
    if (strcmp(name, "item_index") == 0 || strcmp(name, "item_number") == 0) {
        return ev->item ? json_sprintf("%zu", ev->item_index + (name[5] == 'n')) : NULL;
    }
    json_t *value = json_object_get(ev->env->context, name);
    if (!value) {
        ev->pending_context = name;
        return placeholder(ev, name);
    }
    return empty(value) ? NULL : json_incref(value);
}

static json_t *concat(evaluator *ev, json_t *spec)
{
    const char *separator = json_string_value(json_object_get(spec, "separator"));
    json_t *parts = json_object_get(spec, "concat"), *part;
    size_t index, used = 0;
    char text[1024] = "";
    json_array_foreach(parts, index, part)
    {
        json_t *value = evaluate(ev, part);
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
static json_t *source_value(evaluator *ev, json_t *spec)
{
    json_t *arg;
    if ((arg = json_object_get(spec, "from"))) {
        ev->source_from = json_string_value(arg);
        ev->source_setting = NULL;
        json_t *value = resolve(ev, json_string_value(arg));
        return value ? json_incref(value) : NULL;
    }
    if ((arg = json_object_get(spec, "const"))) {
        return json_incref(arg);
    }
    if ((arg = json_object_get(spec, "setting"))) {
        ev->source_setting = json_string_value(arg);
        ev->source_from = NULL;
        json_t *value = json_object_get(ev->settings, json_string_value(arg));
        return empty(value) ? NULL : json_incref(value);
    }
    if ((arg = json_object_get(spec, "context"))) {
        return context_value(ev, json_string_value(arg));
    }
    if ((arg = json_object_get(spec, "output"))) {
        return placeholder(ev, json_string_value(arg));
    }
    return concat(ev, spec);
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

static json_t *run_transforms(evaluator *ev, json_t *value, json_t *list)
{
    size_t index;
    json_t *entry;
    json_array_foreach(list, index, entry)
    {
        const char *name = json_string_value(entry);
        json_t *arg = NULL;
        if (json_is_object(entry)) {
            void *iter = json_object_iter(entry);
            name = json_object_iter_key(iter);
            arg = json_object_iter_value(iter);
        }
        size_t notes_before = json_array_size(ev->transform.notes);
        json_t *next = isync_transform_apply(&ev->transform, name, arg, value);
        name_notes(ev, notes_before);
        json_decref(value);
        if (ev->transform.error[0]) {
            add_problem(ev, ev->transform.retry, "%s: %s", name, ev->transform.error);
            ev->transform.retry = 0;
            ev->failed = 1;
            return NULL;
        }
        value = next;
    }
    return value;
}

/* A value spec (or a plain text default) -> a new reference or NULL. */
static json_t *evaluate(evaluator *ev, json_t *spec)
{
    if (json_is_string(spec)) {
        return json_string_length(spec) ? json_incref(spec) : NULL;
    }
    json_t *value = source_value(ev, spec);
    if (!ev->pending) {
        value = run_transforms(ev, value, json_object_get(spec, "transform"));
    }
    /* the default is a value of its own (with its own transforms), used when
     * the field would be empty: no source value, or the transforms gave none */
    json_t *fallback = json_object_get(spec, "default");
    if (empty(value) && fallback && !ev->failed) {
        json_decref(value);
        value = evaluate(ev, fallback);
    }
    return value;
}

/* ---- calls ---- */

/* The fields of one call given a value: for the mandatory check, and the
 * plan's call (NULL when only problems are collected). */
typedef struct {
    json_t *out;
    const char **given;
    size_t count;
} call_fields;

static void check_field(evaluator *ev, const char *text)
{
    char problem[200];
    const isync_m3_field_spec *spec;
    if (ev->pending || !(spec = isync_m3_transaction_field(ev->env->spec, ev->tx, ev->field))) {
        return;
    }
    isync_m3_spec_check_value(spec, text, problem, sizeof problem);
    if (problem[0]) {
        add_problem(ev, 0, "%s", problem);
    }
}

/* The field's text into the plan's call: fields, refs, pending. */
static void plan_field(evaluator *ev, json_t *call_out, const char *name, json_t *spec, const char *text)
{
    json_object_set_new(json_object_get(call_out, "fields"), name, json_string(text));
    json_t *output = json_object_get(spec, "output");
    if (output) {
        json_object_set(json_object_get(call_out, "refs"), name, output);
    } else if (ev->pending_context) {
        json_t *pending = json_object_get(call_out, "pending");
        if (!pending) {
            json_object_set_new(call_out, "pending", pending = json_object());
        }
        json_object_set_new(pending, name, json_string(ev->pending_context));
    }
}

static void map_field(evaluator *ev, call_fields *fields, const char *name, json_t *spec)
{
    ev->field = name;
    ev->pending = 0;
    ev->failed = 0;
    ev->pending_context = NULL;
    ev->source_from = NULL;
    ev->source_setting = NULL;
    json_t *when = json_object_get(spec, "when");
    if (when && !condition(ev, when)) {
        return;
    }
    json_t *value = evaluate(ev, spec);
    char buf[ISYNC_JSON_TEXT_SIZE];
    const char *text = isync_json_text_in(value, buf);
    if (json_is_object(value) || json_is_array(value)) {
        add_problem(ev, 0, "the value is a %s, not a text: add a transform", json_is_object(value) ? "record" : "list");
    } else if (*text) {
        if (fields->out) {
            plan_field(ev, fields->out, name, spec, text);
        }
        fields->given[fields->count++] = name;
        check_field(ev, text);
    }
    json_decref(value);
}

static int given(const call_fields *fields, const char *name)
{
    for (size_t i = 0; i < fields->count; i++) {
        if (strcmp(fields->given[i], name) == 0) {
            return 1;
        }
    }
    return 0;
}

static void check_mandatory(evaluator *ev, json_t *call, const call_fields *fields)
{
    size_t index;
    json_t *input;
    json_array_foreach(isync_m3_transaction_mandatory(ev->tx), index, input)
    {
        const char *name = json_string_value(input);
        if (name && strcmp(name, "CONO") != 0 && !given(fields, name)) {
            json_t *spec = json_object_get(json_object_get(call, "fields"), name);
            ev->field = name;
            ev->source_from = json_string_value(json_object_get(spec, "from"));
            ev->source_setting = ev->source_from ? NULL : json_string_value(json_object_get(spec, "setting"));
            json_t *problem = add_problem(ev, 0, "is mandatory for %s/%s and the event gives no value", ev->program,
                                          ev->transaction);
            json_object_set_new(problem, "missing", json_true());
        }
    }
}

static json_t *plan_call(evaluator *ev, json_t *call)
{
    char template_path[40];
    snprintf(template_path, sizeof template_path, "calls[%zu]", ev->call_number);
    json_t *call_out = json_pack("{s:s, s:s, s:s, s:{}, s:{}, s:i}", "id",
                                 json_string_value(json_object_get(call, "id")), "program", ev->program, "transaction",
                                 ev->transaction, "fields", "refs", "line",
                                 isync_json_line(ev->tmpl->lines, template_path));
    if (ev->repeated) {
        json_object_set_new(call_out, "index", json_integer((json_int_t)ev->item_index));
        json_object_set_new(call_out, "element", json_sprintf("%s[%zu]", ev->list_path, ev->item_index));
    }
    return call_out;
}

static void map_call(evaluator *ev, json_t *call, size_t call_number, int repeated)
{
    const char *name;
    json_t *spec, *template_fields = json_object_get(call, "fields");
    const char *names[32];
    size_t size = json_object_size(template_fields);
    ev->program = json_string_value(json_object_get(call, "program"));
    ev->transaction = json_string_value(json_object_get(call, "transaction"));
    ev->tx = isync_m3_spec_transaction(ev->env->spec, ev->program, ev->transaction);
    ev->call_number = call_number;
    ev->repeated = repeated;
    ev->field = NULL;
    call_fields fields = {ev->calls ? plan_call(ev, call) : NULL, size <= 32 ? names : malloc(size * sizeof *names), 0};
    if (!fields.given) {
        json_decref(fields.out);
        add_problem(ev, 0, "out of memory");
        return;
    }
    json_object_foreach(template_fields, name, spec)
    {
        map_field(ev, &fields, name, spec);
    }
    check_mandatory(ev, call, &fields);
    if (fields.out) {
        json_array_append_new(ev->calls, fields.out);
    }
    if (fields.given != names) {
        free(fields.given);
    }
}

static void map_calls(evaluator *ev)
{
    size_t number, index;
    json_t *call, *element;
    json_array_foreach(json_object_get(ev->tmpl->root, "calls"), number, call)
    {
        const char *for_each = json_string_value(json_object_get(call, "for_each"));
        json_t *when = json_object_get(call, "when");
        if (!for_each) {
            ev->item = NULL;
            if (!when || condition(ev, when)) {
                map_call(ev, call, number, 0);
            }
            continue;
        }
        json_array_foreach(resolve(ev, for_each), index, element)
        {
            ev->item = element;
            ev->item_index = index;
            ev->list_path = for_each;
            if (!when || condition(ev, when)) {
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
    memset(&ev, 0, sizeof ev);
    ev.tmpl = tmpl;
    ev.payload = payload;
    ev.env = env;
    if (!(ev.settings = settings)) {
        ev.settings = ev.own_settings = env->cfg ? isync_config_to_json(env->cfg) : json_object();
    }
    ev.problems = problems;
    ev.calls = calls;
    ev.transform.cfg = env->cfg;
    ev.transform.rates = env->rates;
    ev.transform.payload = payload;
    ev.transform.template_lookups = json_object_get(tmpl->root, "lookups");
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
