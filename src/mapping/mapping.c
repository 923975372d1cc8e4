#include "mapping/mapping.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/json_lines.h"
#include "mapping/transform.h"

/* One application of a template to one event. */
typedef struct {
    const isync_template *tmpl;
    json_t *payload;
    const isync_mapping_env *env;
    json_t *settings; /* the business settings as JSON (setting sources and conditions) */
    json_t *result;
    json_t *item; /* the for_each element, or NULL */
    size_t item_index;
    char list_path[160]; /* the for_each path ("items") */
    /* the field being mapped, for problems and notes */
    char call_label[80];
    const char *field;
    char template_path[160];
    char source[160];
    int pending; /* the value waits for a context value or an earlier answer */
    int failed; /* a transform of this field failed (reported): no default */
    const char *pending_context; /* the context value the field waits for, or NULL */
    isync_transform_ctx transform;
} evaluator;

static void add_problem(evaluator *ev, int retry, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void add_problem(evaluator *ev, int retry, const char *fmt, ...)
{
    char message[320], where[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    isync_template_where(ev->tmpl, ev->template_path, where, sizeof where);
    json_t *problem = json_pack("{s:s, s:s, s:s, s:s, s:s}", "field", ev->field ? ev->field : "", "call",
                                ev->call_label, "template", where, "path", ev->source, "message", message);
    if (retry) {
        json_object_set_new(problem, "retry", json_true());
    }
    if (strncmp(ev->source, "setting:", 8) == 0) {
        json_object_set_new(problem, "setting", json_true()); /* the settings may change before delivery */
    }
    json_array_append_new(json_object_get(ev->result, "problems"), problem);
}

/* ---- paths ---- */

/* One step: "name", "name[3]" or "name[key=value]". */
static json_t *step(json_t *node, const char *segment, size_t len)
{
    char name[128], selector[128];
    size_t name_len = strcspn(segment, "[");
    if (name_len > len) {
        name_len = len;
    }
    snprintf(name, sizeof name, "%.*s", (int)name_len, segment);
    node = json_object_get(node, name);
    if (name_len == len || !node) {
        return node;
    }
    snprintf(selector, sizeof selector, "%.*s", (int)(len - name_len - 2), segment + name_len + 1);
    char *equals = strchr(selector, '=');
    if (!equals) {
        return json_array_get(node, strtoul(selector, NULL, 10));
    }
    *equals = '\0';
    size_t index;
    json_t *element;
    json_array_foreach(node, index, element)
    {
        const char *value = json_string_value(json_object_get(element, selector));
        if (value && strcmp(value, equals + 1) == 0) {
            return element;
        }
    }
    return NULL;
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

/* The event path for problems: item.sku -> items[2].sku */
static void source_path(evaluator *ev, const char *path, char *out, size_t size)
{
    if (ev->item && strncmp(path, "item", 4) == 0 && (path[4] == '.' || path[4] == '\0')) {
        snprintf(out, size, "%.80s[%zu]%.50s", ev->list_path, ev->item_index, path + 4);
    } else {
        snprintf(out, size, "%s", path);
    }
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
            char *text = isync_json_text(resolve(ev, json_string_value(arg)));
            int nonzero = *text && strspn(text, "-0.") != strlen(text);
            free(text);
            return nonzero;
        }
        if (strcmp(kind, "equals") == 0) {
            char *text = isync_json_text(resolve(ev, json_string_value(json_object_get(arg, "path"))));
            int same = strcmp(text, json_string_value(json_object_get(arg, "value"))) == 0;
            free(text);
            return same;
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
        char *piece = isync_json_text(value);
        if (*piece) {
            used += (size_t)snprintf(text + used, used < sizeof text ? sizeof text - used : 0, "%s%s",
                                     used && separator ? separator : "", piece);
        }
        free(piece);
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
        source_path(ev, json_string_value(arg), ev->source, sizeof ev->source);
        json_t *value = resolve(ev, json_string_value(arg));
        return value ? json_incref(value) : NULL;
    }
    if ((arg = json_object_get(spec, "const"))) {
        return json_incref(arg);
    }
    if ((arg = json_object_get(spec, "setting"))) {
        snprintf(ev->source, sizeof ev->source, "setting:%s", json_string_value(arg));
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
        for (size_t i = notes_before; i < json_array_size(ev->transform.notes); i++) {
            json_t *added = json_array_get(ev->transform.notes, i);
            json_object_set_new(added, "field", json_string(ev->field ? ev->field : ""));
            json_object_set_new(added, "call", json_string(ev->call_label));
            json_object_set_new(added, "path", json_string(ev->source));
        }
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

static void check_field(evaluator *ev, const char *program, const char *transaction, const char *text)
{
    isync_m3_field_spec spec;
    char problem[200];
    if (ev->pending || !isync_m3_spec_field(ev->env->spec, program, transaction, ev->field, &spec)) {
        return;
    }
    isync_m3_spec_check_value(&spec, text, problem, sizeof problem);
    if (problem[0]) {
        add_problem(ev, 0, "%s", problem);
    }
}

static void map_field(evaluator *ev, json_t *call_out, const char *program, const char *transaction, const char *name,
                      json_t *spec, size_t call_number)
{
    ev->field = name;
    ev->pending = 0;
    ev->failed = 0;
    ev->pending_context = NULL;
    ev->source[0] = '\0';
    snprintf(ev->template_path, sizeof ev->template_path, "calls[%zu].fields.%s", call_number, name);
    json_t *when = json_object_get(spec, "when");
    if (when && !condition(ev, when)) {
        return;
    }
    json_t *value = evaluate(ev, spec);
    char *text = isync_json_text(value);
    if (json_is_object(value) || json_is_array(value)) {
        add_problem(ev, 0, "the value is a %s, not a text: add a transform", json_is_object(value) ? "record" : "list");
    } else if (*text) {
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
        check_field(ev, program, transaction, text);
    }
    free(text);
    json_decref(value);
}

static void check_mandatory(evaluator *ev, json_t *call_out, const char *program, const char *transaction,
                            size_t call_number)
{
    size_t index;
    json_t *input;
    json_array_foreach(isync_m3_spec_mandatory(ev->env->spec, program, transaction), index, input)
    {
        const char *name = json_string_value(input);
        if (name && strcmp(name, "CONO") != 0 && !json_object_get(json_object_get(call_out, "fields"), name)) {
            ev->field = name;
            snprintf(ev->template_path, sizeof ev->template_path, "calls[%zu].fields.%s", call_number, name);
            ev->source[0] = '\0';
            json_t *spec = json_object_get(
                json_object_get(json_array_get(json_object_get(ev->tmpl->root, "calls"), call_number), "fields"), name);
            if (json_object_get(spec, "from")) {
                source_path(ev, json_string_value(json_object_get(spec, "from")), ev->source, sizeof ev->source);
            } else if (json_object_get(spec, "setting")) {
                snprintf(ev->source, sizeof ev->source, "setting:%.100s",
                         json_string_value(json_object_get(spec, "setting")));
            }
            add_problem(ev, 0, "is mandatory for %s/%s and the event gives no value", program, transaction);
            json_object_set_new(json_array_get(json_object_get(ev->result, "problems"),
                                               json_array_size(json_object_get(ev->result, "problems")) - 1),
                                "missing", json_true());
        }
    }
}

static void map_call(evaluator *ev, json_t *call, size_t call_number, int repeated)
{
    const char *program = json_string_value(json_object_get(call, "program"));
    const char *transaction = json_string_value(json_object_get(call, "transaction"));
    const char *name;
    json_t *spec;
    if (repeated) {
        snprintf(ev->call_label, sizeof ev->call_label, "%s/%s[%zu]", program, transaction, ev->item_index);
    } else {
        snprintf(ev->call_label, sizeof ev->call_label, "%s/%s", program, transaction);
    }
    json_t *call_out = json_pack(
        "{s:s, s:s, s:s, s:{}, s:{}, s:i}", "id", json_string_value(json_object_get(call, "id")), "program", program,
        "transaction", transaction, "fields", "refs", "line", isync_json_line(ev->tmpl->lines, ev->template_path));
    if (repeated) {
        json_object_set_new(call_out, "index", json_integer((json_int_t)ev->item_index));
        json_object_set_new(call_out, "element", json_sprintf("%s[%zu]", ev->list_path, ev->item_index));
    }
    json_object_foreach(json_object_get(call, "fields"), name, spec)
    {
        map_field(ev, call_out, program, transaction, name, spec, call_number);
    }
    check_mandatory(ev, call_out, program, transaction, call_number);
    json_array_append_new(json_object_get(ev->result, "calls"), call_out);
}

static void map_calls(evaluator *ev)
{
    size_t number, index;
    json_t *call, *element;
    json_array_foreach(json_object_get(ev->tmpl->root, "calls"), number, call)
    {
        const char *for_each = json_string_value(json_object_get(call, "for_each"));
        json_t *when = json_object_get(call, "when");
        snprintf(ev->template_path, sizeof ev->template_path, "calls[%zu]", number);
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
            snprintf(ev->list_path, sizeof ev->list_path, "%s", for_each);
            if (!when || condition(ev, when)) {
                map_call(ev, call, number, 1);
            }
        }
        ev->item = NULL;
    }
}

json_t *isync_mapping_apply(const isync_template *tmpl, json_t *payload, const isync_mapping_env *env)
{
    evaluator ev;
    memset(&ev, 0, sizeof ev);
    ev.tmpl = tmpl;
    ev.payload = payload;
    ev.env = env;
    ev.settings = env->cfg ? isync_config_to_json(env->cfg) : json_object();
    ev.result = json_pack("{s:s, s:s, s:[], s:[], s:[]}", "event", tmpl->event, "template", tmpl->origin, "calls",
                          "problems", "notes");
    ev.transform.cfg = env->cfg;
    ev.transform.rates = env->rates;
    ev.transform.payload = payload;
    ev.transform.template_lookups = json_object_get(tmpl->root, "lookups");
    ev.transform.notes = json_object_get(ev.result, "notes");
    map_calls(&ev);
    if (ev.transform.currency_used) {
        json_object_set_new(ev.result, "currency", ev.transform.currency_used);
    }
    json_decref(ev.transform.address_of);
    json_decref(ev.settings);
    return ev.result;
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
