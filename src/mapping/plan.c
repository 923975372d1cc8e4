#include "mapping/plan.h"

#include <stdio.h>
#include <string.h>

/* At delivery every context value must be known: one the connector does
 * not provide would reach Infor as "{name}". */
static void check_pending(const isync_template *tmpl, json_t *plan)
{
    size_t index;
    json_t *call;
    json_array_foreach(json_object_get(plan, "calls"), index, call)
    {
        const char *field;
        json_t *name;
        json_object_foreach(json_object_get(call, "pending"), field, name)
        {
            char where[160], call_name[80], message[200];
            snprintf(where, sizeof where, "%s:%lld", tmpl->name,
                     (long long)json_integer_value(json_object_get(call, "line")));
            snprintf(call_name, sizeof call_name, "%s/%s", json_string_value(json_object_get(call, "program")),
                     json_string_value(json_object_get(call, "transaction")));
            snprintf(message, sizeof message, "the context value \"%s\" is not known when %s is delivered",
                     json_string_value(name), tmpl->event);
            json_array_append_new(json_object_get(plan, "problems"),
                                  json_pack("{s:s, s:s, s:s, s:s, s:s}", "field", field, "call", call_name, "template",
                                            where, "path", "", "message", message));
        }
    }
}

json_t *isync_plan_make(const isync_template *tmpl, const isync_mapping_env *env, json_t *payload,
                        isync_delivery_outcome *out)
{
    json_t *plan = isync_mapping_apply(tmpl, payload, env);
    check_pending(tmpl, plan);
    json_t *problems = json_object_get(plan, "problems");
    json_decref(out->mapping);
    out->mapping = json_pack("{s:s, s:O, s:O}", "template", tmpl->origin, "problems", problems, "notes",
                             json_object_get(plan, "notes"));
    if (json_object_get(plan, "currency")) {
        json_object_set(out->mapping, "currency", json_object_get(plan, "currency"));
    }
    if (json_array_size(problems) == 0) {
        return plan;
    }
    char text[sizeof out->reason - 80];
    isync_mapping_problems_text(problems, text, sizeof text);
    snprintf(out->reason, sizeof out->reason, "mapping (%.60s): %s", tmpl->name, text);
    out->result = isync_mapping_only_retry_problems(problems) ? ISYNC_RETRY_LATER : ISYNC_DEAD_LETTER;
    json_decref(plan);
    return NULL;
}

int isync_plan_fields_of(json_t *call, json_t *outputs, isync_plan_fields *out)
{
    const char *name;
    json_t *value;
    size_t used = 0;
    json_t *refs = json_object_get(call, "refs");
    json_object_foreach(json_object_get(call, "fields"), name, value)
    {
        json_t *ref = json_object_get(refs, name);
        const char *text = json_string_value(value);
        if (ref) {
            text = json_string_value(json_object_get(outputs, json_string_value(ref)));
            if (!text) {
                return -1;
            }
        }
        if (used + 2 < sizeof out->fields / sizeof out->fields[0]) {
            out->fields[used++] = name;
            out->fields[used++] = text;
        }
    }
    out->fields[used] = NULL;
    return 0;
}

static json_t *template_call(const isync_template *tmpl, const char *id)
{
    size_t index;
    json_t *call;
    json_array_foreach(json_object_get(tmpl->root, "calls"), index, call)
    {
        const char *call_id = json_string_value(json_object_get(call, "id"));
        if (call_id && strcmp(call_id, id) == 0) {
            return call;
        }
    }
    return NULL;
}

void isync_plan_keep_outputs(const isync_template *tmpl, json_t *call, const isync_m3_result *res, json_t *outputs)
{
    const char *id = json_string_value(json_object_get(call, "id"));
    size_t index;
    json_t *field;
    json_array_foreach(json_object_get(template_call(tmpl, id), "outputs"), index, field)
    {
        const char *value = isync_m3_record_field(res, 0, json_string_value(field));
        if (value) {
            char key[128];
            snprintf(key, sizeof key, "%s.%s", id, json_string_value(field));
            json_object_set_new(outputs, key, json_string(value));
        }
    }
}

int isync_plan_call_is(json_t *call, const char *program, const char *transaction)
{
    const char *p = json_string_value(json_object_get(call, "program"));
    const char *t = json_string_value(json_object_get(call, "transaction"));
    return p && t && strcmp(p, program) == 0 && strcmp(t, transaction) == 0;
}
