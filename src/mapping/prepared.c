#include "mapping/prepared.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/json_lines.h"

size_t isync_path_segment_length(const char *path)
{
    size_t len = 0;
    int in_brackets = 0;
    for (; path[len] && (path[len] != '.' || in_brackets); len++) {
        in_brackets = path[len] == '[' ? 1 : path[len] == ']' ? 0 : in_brackets;
    }
    return len;
}

/* ---- freeing (everything calloc'ed: a part not made yet is NULL) ---- */

static void path_clear(isync_path *path)
{
    free(path->steps);
}

static void condition_clear(isync_condition *cond)
{
    path_clear(&cond->path);
    for (size_t i = 0; cond->children && i < cond->count; i++) {
        condition_clear(&cond->children[i]);
    }
    free(cond->children);
}

static void condition_free(isync_condition *cond)
{
    if (cond) {
        condition_clear(cond);
        free(cond);
    }
}

static void value_clear(isync_value *value)
{
    path_clear(&value->path);
    json_decref(value->placeholder);
    for (size_t i = 0; value->parts && i < value->part_count; i++) {
        value_clear(&value->parts[i]);
    }
    free(value->parts);
    free(value->transforms);
    if (value->fallback) {
        value_clear(value->fallback);
        free(value->fallback);
    }
}

static void call_clear(isync_prepared_call *call)
{
    path_clear(&call->for_each);
    condition_free(call->when);
    for (size_t i = 0; call->fields && i < call->field_count; i++) {
        value_clear(&call->fields[i].value);
        condition_free(call->fields[i].when);
    }
    free(call->fields);
    free(call->mandatory);
}

void isync_prepared_free(isync_prepared *prepared)
{
    if (prepared) {
        for (size_t i = 0; prepared->calls && i < prepared->call_count; i++) {
            call_clear(&prepared->calls[i]);
        }
        free(prepared->calls);
        free(prepared);
    }
}

/* ---- paths: the same reading as an evaluation of the text would do ---- */

/* One step: "name", "name[3]" or "name[key=value]"; a name or selector is
 * read up to 127 bytes. */
static void prepare_step(const char *segment, size_t len, isync_path_step *step)
{
    size_t name_len = strcspn(segment, "[");
    if (name_len > len) {
        name_len = len;
    }
    step->name = segment;
    step->name_len = name_len < 128 ? name_len : 127;
    step->kind = ISYNC_STEP_KEY;
    if (name_len == len) {
        return;
    }
    const char *selector = segment + name_len + 1;
    size_t selector_len = len >= name_len + 2 ? len - name_len - 2 : strlen(selector);
    selector_len = selector_len < 128 ? selector_len : 127;
    const char *equals = memchr(selector, '=', selector_len);
    if (!equals) {
        step->kind = ISYNC_STEP_INDEX;
        step->index = strtoul(selector, NULL, 10);
        return;
    }
    step->kind = ISYNC_STEP_SELECT;
    step->key = selector;
    step->key_len = (size_t)(equals - selector);
    step->value = equals + 1;
    step->value_len = selector_len - step->key_len - 1;
}

/* "item" is the for_each element, "setting:name" a business setting. */
static int prepare_path(const char *text, isync_path *path)
{
    path->text = text;
    if (!text) {
        return 1;
    }
    if (strncmp(text, "setting:", 8) == 0) {
        path->base = ISYNC_PATH_SETTING;
        path->setting = text + 8;
        return 1;
    }
    const char *p = text;
    if (strncmp(text, "item", 4) == 0 && (text[4] == '.' || text[4] == '\0')) {
        path->base = ISYNC_PATH_ITEM;
        p = text[4] ? text + 5 : text + 4;
    }
    size_t steps = 0;
    for (const char *q = p; *q; steps++) {
        size_t len = isync_path_segment_length(q);
        q += len + (q[len] == '.');
    }
    if (!steps) {
        return 1;
    }
    if (!(path->steps = calloc(steps, sizeof *path->steps))) {
        return 0;
    }
    while (*p) {
        size_t len = isync_path_segment_length(p);
        prepare_step(p, len, &path->steps[path->count++]);
        p += len + (p[len] == '.');
    }
    return 1;
}

/* ---- conditions: the first member decides, as when evaluated ---- */

static int prepare_condition(json_t *json, isync_condition *cond)
{
    void *iter = json_object_iter(json);
    if (!iter) {
        cond->kind = ISYNC_COND_TRUE;
        return 1;
    }
    const char *kind = json_object_iter_key(iter);
    json_t *arg = json_object_iter_value(iter);
    static const struct {
        const char *name;
        int kind;
    } leaves[] = {{"exists", ISYNC_COND_EXISTS}, {"missing", ISYNC_COND_MISSING}, {"nonzero", ISYNC_COND_NONZERO}};
    for (size_t i = 0; i < sizeof leaves / sizeof leaves[0]; i++) {
        if (strcmp(kind, leaves[i].name) == 0) {
            cond->kind = leaves[i].kind;
            return prepare_path(json_string_value(arg), &cond->path);
        }
    }
    if (strcmp(kind, "equals") == 0) {
        cond->kind = ISYNC_COND_EQUALS;
        cond->value = json_string_value(json_object_get(arg, "value"));
        return prepare_path(json_string_value(json_object_get(arg, "path")), &cond->path);
    }
    if (strcmp(kind, "not") == 0) {
        cond->kind = ISYNC_COND_NOT;
        cond->count = 1;
        return (cond->children = calloc(1, sizeof *cond->children)) && prepare_condition(arg, cond->children);
    }
    cond->kind = strcmp(kind, "all") == 0 ? ISYNC_COND_ALL : ISYNC_COND_ANY; /* any other: as "any" */
    size_t count = json_array_size(arg);
    if (count && !(cond->children = calloc(count, sizeof *cond->children))) {
        return 0;
    }
    for (; cond->count < count; cond->count++) {
        if (!prepare_condition(json_array_get(arg, cond->count), &cond->children[cond->count])) {
            cond->count++;
            return 0;
        }
    }
    return 1;
}

/* The condition in member "when" of json, or *out NULL when it has none. */
static int prepare_when(json_t *json, isync_condition **out)
{
    json_t *when = json_object_get(json, "when");
    *out = NULL;
    if (!when) {
        return 1;
    }
    return (*out = calloc(1, sizeof **out)) && prepare_condition(when, *out);
}

/* ---- values ---- */

static int prepare_value(json_t *spec, isync_value *value);

static int prepare_transforms(json_t *list, isync_value *value)
{
    size_t count = json_array_size(list);
    if (!count) {
        return 1;
    }
    if (!(value->transforms = calloc(count, sizeof *value->transforms))) {
        return 0;
    }
    for (size_t i = 0; i < count; i++) {
        json_t *entry = json_array_get(list, i);
        isync_prepared_transform *t = &value->transforms[i];
        t->name = json_string_value(entry);
        if (json_is_object(entry)) {
            void *iter = json_object_iter(entry);
            t->name = json_object_iter_key(iter);
            t->arg = json_object_iter_value(iter);
        }
        t->def = isync_transform_find(t->name);
    }
    value->transform_count = count;
    return 1;
}

static int prepare_concat(json_t *spec, isync_value *value)
{
    json_t *parts = json_object_get(spec, "concat");
    size_t count = json_array_size(parts);
    value->kind = ISYNC_VALUE_CONCAT;
    value->separator = json_string_value(json_object_get(spec, "separator"));
    if (count && !(value->parts = calloc(count, sizeof *value->parts))) {
        return 0;
    }
    for (; value->part_count < count; value->part_count++) {
        if (!prepare_value(json_array_get(parts, value->part_count), &value->parts[value->part_count])) {
            value->part_count++;
            return 0;
        }
    }
    return 1;
}

/* The source: the first of these members, as evaluated; none: a concat. */
static int prepare_source(json_t *spec, isync_value *value)
{
    json_t *arg;
    if ((arg = json_object_get(spec, "from"))) {
        value->kind = ISYNC_VALUE_FROM;
        value->arg = arg;
        return prepare_path(json_string_value(arg), &value->path);
    }
    if ((arg = json_object_get(spec, "const"))) {
        value->kind = ISYNC_VALUE_CONST;
        value->arg = arg;
        return 1;
    }
    if ((arg = json_object_get(spec, "setting"))) {
        value->kind = ISYNC_VALUE_SETTING;
        value->name = json_string_value(arg);
        return 1;
    }
    int context = (arg = json_object_get(spec, "context")) != NULL;
    if (context || (arg = json_object_get(spec, "output"))) {
        value->kind = context ? ISYNC_VALUE_CONTEXT : ISYNC_VALUE_OUTPUT;
        value->arg = arg;
        value->name = json_string_value(arg);
        return (value->placeholder = json_sprintf("{%s}", value->name ? value->name : "(null)")) != NULL;
    }
    return prepare_concat(spec, value);
}

static int prepare_value(json_t *spec, isync_value *value)
{
    value->spec = spec;
    if (json_is_string(spec)) {
        value->kind = ISYNC_VALUE_TEXT;
        return 1;
    }
    if (!prepare_source(spec, value) || !prepare_transforms(json_object_get(spec, "transform"), value)) {
        return 0;
    }
    json_t *fallback = json_object_get(spec, "default");
    if (!fallback) {
        return 1;
    }
    return (value->fallback = calloc(1, sizeof *value->fallback)) && prepare_value(fallback, value->fallback);
}

/* ---- calls ---- */

isync_prepared_mandatory *isync_prepared_mandatory_of(const isync_prepared_call *call, const isync_m3_transaction *tx,
                                                      size_t *count)
{
    json_t *names = isync_m3_transaction_mandatory(tx), *entry;
    size_t index;
    isync_prepared_mandatory *out = json_array_size(names) ? calloc(json_array_size(names), sizeof *out) : NULL;
    *count = 0;
    if (!out) {
        return NULL;
    }
    json_array_foreach(names, index, entry)
    {
        const char *name = json_string_value(entry);
        if (!name || strcmp(name, "CONO") == 0) {
            continue;
        }
        size_t field = 0;
        while (field < call->field_count && strcmp(call->fields[field].name, name) != 0) {
            field++;
        }
        out[*count].name = name;
        out[(*count)++].field = field;
    }
    return out;
}

static int prepare_fields(json_t *fields, const isync_m3_spec *spec, isync_prepared_call *call)
{
    const char *name;
    json_t *value;
    size_t count = json_object_size(fields);
    if (count && !(call->fields = calloc(count, sizeof *call->fields))) {
        return 0;
    }
    json_object_foreach(fields, name, value)
    {
        isync_prepared_field *field = &call->fields[call->field_count++];
        field->name = name;
        field->rule = isync_m3_transaction_field(spec, call->tx, name);
        if (!prepare_value(value, &field->value) || !prepare_when(value, &field->when)) {
            return 0;
        }
    }
    return 1;
}

static int prepare_call(json_t *json, size_t number, json_t *lines, const isync_m3_spec *spec,
                        isync_prepared_call *call)
{
    char template_path[40];
    call->call = json;
    call->id = json_string_value(json_object_get(json, "id"));
    call->program = json_string_value(json_object_get(json, "program"));
    call->transaction = json_string_value(json_object_get(json, "transaction"));
    call->tx = isync_m3_spec_transaction(spec, call->program, call->transaction);
    snprintf(template_path, sizeof template_path, "calls[%zu]", number);
    call->line = isync_json_line(lines, template_path);
    if (!prepare_path(json_string_value(json_object_get(json, "for_each")), &call->for_each) ||
        !prepare_when(json, &call->when) || !prepare_fields(json_object_get(json, "fields"), spec, call)) {
        return 0;
    }
    call->mandatory = isync_prepared_mandatory_of(call, call->tx, &call->mandatory_count);
    return call->mandatory || !json_array_size(isync_m3_transaction_mandatory(call->tx));
}

isync_prepared *isync_prepared_make(json_t *root, json_t *lines, const isync_m3_spec *spec)
{
    json_t *calls = json_object_get(root, "calls");
    size_t count = json_array_size(calls);
    isync_prepared *prepared = calloc(1, sizeof *prepared);
    if (!prepared || (count && !(prepared->calls = calloc(count, sizeof *prepared->calls)))) {
        isync_prepared_free(prepared);
        return NULL;
    }
    prepared->spec = spec;
    prepared->lookups = json_object_get(root, "lookups");
    for (; prepared->call_count < count; prepared->call_count++) {
        if (!prepare_call(json_array_get(calls, prepared->call_count), prepared->call_count, lines, spec,
                          &prepared->calls[prepared->call_count])) {
            prepared->call_count++;
            isync_prepared_free(prepared);
            return NULL;
        }
    }
    return prepared;
}
