#include "mapping/template.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "worker/business_config.h"
#include "queue/event.h"
#include "base/json_lines.h"
#include "base/json_members.h"
#include "mapping/prepared.h"
#include "mapping/transform.h"

static const char *const context_names[] = {
    "customer", "payer",       "payment_number", "journal_key", "journal_line_1", "journal_line_2",
    "orno",     "line_number", "line_suffix",    "event_id",    "item_index",     "item_number",
    NULL};

static const char *const address_parts[] = {"CUNM", "CUA1", "CUA2", "CUA3", "CUA4", "TOWN",
                                            "PONO", "CSCD", "ECAR", "PHNO", NULL};

#define PAYMENT_CONTEXTS "payer|payment_number|journal_key|journal_line_1|journal_line_2|event_id"

/* What the connector of an event type can execute (its exactly-once protocol). */
typedef struct {
    const char *event;
    const char *first; /* "PROGRAM/Transaction" the template must start with, or NULL */
    const char *first_output; /* an output the first call must declare */
    const char *last[2]; /* the last calls, in order, or NULL */
    const char *allowed_prefix; /* other calls: "OIS100MI/AddBatch", or a list below */
    const char *allowed[5];
    const char *contexts; /* the context values its connector provides, "a|b" */
} connector_shape;

/* A payment captured or refunded: one protocol (the payment connector). */
#define PAYMENT_SHAPE(event)                                                                                           \
    {                                                                                                                  \
        event, NULL, NULL, {NULL, NULL}, NULL,                                                                         \
            {"OIS215MI/AddPayment", "GLS840MI/AddBatchHead", "GLS840MI/AddBatchLine", "GLS840MI/UpdBatch", NULL},      \
            PAYMENT_CONTEXTS                                                                                           \
    }

static const connector_shape shapes[] = {
    {"order.placed",
     "OIS100MI/AddBatchHead",
     "ORNO",
     {"OIS100MI/Confirm", "OIS100MI/GetOrderNo"},
     "OIS100MI/AddBatch",
     {NULL},
     "customer|event_id"},
    {"order.status_changed",
     NULL,
     NULL,
     {NULL, NULL},
     NULL,
     {"OIS100MI/DelHead", "OIS100MI/CloLine", NULL},
     "orno|line_number|line_suffix|event_id"},
    {"customer.created", "CRS610MI/Add", NULL, {NULL, NULL}, NULL, {NULL}, "customer|event_id"},
    {"customer.updated", "CRS610MI/ChgBasicData", NULL, {NULL, NULL}, NULL, {NULL}, "customer|event_id"},
    PAYMENT_SHAPE("payment.captured"),
    PAYMENT_SHAPE("payment.refunded"),
    /* an authorization was never posted to Infor: a void has nothing to reverse */
    {"payment.voided", NULL, NULL, {NULL, NULL}, NULL, {NULL}, "event_id"},
};

typedef struct {
    isync_template *tmpl;
    const isync_m3_spec *spec;
    json_t *problems;
    json_t *settings; /* the setting names (keys of an empty configuration) */
    json_t *call_outputs; /* call id -> outputs array, for the calls checked so far */
    int in_for_each;
} checker;

static void problem(checker *c, const char *path, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static const connector_shape *shape_of(const char *event)
{
    for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; i++) {
        if (strcmp(shapes[i].event, event) == 0) {
            return &shapes[i];
        }
    }
    return NULL;
}

/* 1 when the connector makes no Infor call at all: its template's calls are []. */
static int calls_nothing(const connector_shape *shape)
{
    return !shape->first && !shape->last[0] && !shape->allowed_prefix && !shape->allowed[0];
}

/* name in "a|b|c" */
static int in_bar_list(const char *list, const char *name)
{
    size_t len = strlen(name);
    for (const char *p = list; p && *p;) {
        const char *end = strchr(p, '|');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        if (n == len && strncmp(p, name, n) == 0) {
            return 1;
        }
        p = end ? end + 1 : NULL;
    }
    return 0;
}

static void problem(checker *c, const char *path, const char *fmt, ...)
{
    char message[256], where[128];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    isync_template_where(c->tmpl, path, where, sizeof where);
    json_array_append_new(c->problems,
                          json_pack("{s:s, s:s, s:s}", "template", where, "path", path, "message", message));
}

void isync_template_where(const isync_template *tmpl, const char *path, char *out, size_t size)
{
    int line = isync_json_line(tmpl->lines, path);
    if (line > 0) {
        snprintf(out, size, "%s:%d", tmpl->name, line);
    } else {
        snprintf(out, size, "%s", tmpl->name);
    }
}

static int in_list(const char *const *list, const char *name)
{
    for (size_t i = 0; name && list[i]; i++) {
        if (strcmp(list[i], name) == 0) {
            return 1;
        }
    }
    return 0;
}

/* key: letters, digits, '_' ; then optional [n] or [key=value] */
static int valid_segment(const char *segment, size_t len)
{
    size_t name_len = strcspn(segment, "[");
    if (name_len > len) {
        name_len = len;
    }
    if (name_len == 0) {
        return 0;
    }
    for (size_t i = 0; i < name_len; i++) {
        char ch = segment[i];
        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_')) {
            return 0;
        }
    }
    if (name_len == len) {
        return 1;
    }
    return segment[len - 1] == ']' && len > name_len + 2;
}

/* A path into the event ("billing_address.city", "items[0].sku",
 * "surcharges[type=tax]"); "item..." only inside for_each. */
static void check_path(checker *c, const char *where, const char *path, int allow_setting)
{
    if (allow_setting && strncmp(path, "setting:", 8) == 0) {
        if (!json_object_get(c->settings, path + 8)) {
            problem(c, where, "\"%s\" is not a business setting", path + 8);
        }
        return;
    }
    if (!*path) {
        problem(c, where, "the path is empty");
        return;
    }
    const char *p = path;
    while (*p) {
        size_t len = isync_path_segment_length(p);
        if (!valid_segment(p, len)) {
            problem(c, where, "\"%s\" is not a path (keys joined by '.', list elements as [n] or [key=value])", path);
            return;
        }
        p += len;
        if (*p == '.') {
            p++;
        }
    }
    if ((strncmp(path, "item.", 5) == 0 || strcmp(path, "item") == 0) && !c->in_for_each) {
        problem(c, where, "\"item\" is only known inside a call with for_each");
    }
}

/* arg must be a path (a string), else the problem `what`. */
static void check_path_arg(checker *c, const char *where, json_t *arg, const char *what, int allow_setting)
{
    if (!json_is_string(arg)) {
        problem(c, where, "%s", what);
    } else {
        check_path(c, where, json_string_value(arg), allow_setting);
    }
}

static void check_condition(checker *c, const char *where, json_t *cond);

/* A list, each entry checked by check at where[i]; else the problem `what`. */
static void check_each(checker *c, const char *where, json_t *list, size_t min_entries, const char *what,
                       void (*check)(checker *c, const char *where, json_t *entry))
{
    char path[256];
    size_t index;
    json_t *entry;
    if (!json_is_array(list) || json_array_size(list) < min_entries) {
        problem(c, where, "%s", what);
        return;
    }
    json_array_foreach(list, index, entry)
    {
        snprintf(path, sizeof path, "%.200s[%zu]", where, index);
        check(c, path, entry);
    }
}

static void check_condition(checker *c, const char *where, json_t *cond)
{
    char path[256];
    if (!json_is_object(cond) || json_object_size(cond) != 1) {
        problem(c, where,
                "a condition is an object with one key: exists, missing, nonzero, equals, all, "
                "any, not");
        return;
    }
    void *only = json_object_iter(cond);
    const char *kind = json_object_iter_key(only);
    json_t *arg = json_object_iter_value(only);
    snprintf(path, sizeof path, "%.200s.%.40s", where, kind);
    if (strcmp(kind, "exists") == 0 || strcmp(kind, "missing") == 0 || strcmp(kind, "nonzero") == 0) {
        check_path_arg(c, path, arg, "must be a path", 1);
    } else if (strcmp(kind, "equals") == 0) {
        const char *target = json_string_value(json_object_get(arg, "path"));
        if (!json_is_object(arg) || !target || !json_is_string(json_object_get(arg, "value"))) {
            problem(c, path, "must be {\"path\": ..., \"value\": \"text\"}");
        } else {
            check_path(c, path, target, 1);
        }
    } else if (strcmp(kind, "all") == 0 || strcmp(kind, "any") == 0) {
        check_each(c, path, arg, 1, "must be a non-empty list of conditions", check_condition);
    } else if (strcmp(kind, "not") == 0) {
        check_condition(c, path, arg);
    } else {
        problem(c, where, "\"%s\" is not a condition (exists, missing, nonzero, equals, all, any, not)", kind);
    }
}

static void check_transform_arg(checker *c, const char *where, const char *name, json_t *arg)
{
    if (strcmp(name, "truncate") == 0 || strcmp(name, "number") == 0 || strcmp(name, "omit_if_longer") == 0) {
        if (!json_is_integer(arg) || json_integer_value(arg) < 0 || json_integer_value(arg) > 60) {
            problem(c, where, "%s takes a whole number from 0 to 60", name);
        }
    } else if (strcmp(name, "pad") == 0) {
        json_t *length = json_object_get(arg, "length");
        const char *side = json_string_value(json_object_get(arg, "side"));
        const char *fill = json_string_value(json_object_get(arg, "char"));
        if (!json_is_integer(length) || json_integer_value(length) < 1 || json_integer_value(length) > 60 ||
            (side && strcmp(side, "left") != 0 && strcmp(side, "right") != 0) || (fill && strlen(fill) != 1)) {
            problem(c, where,
                    "pad takes {\"length\": 1..60, \"char\": one character, \"side\": "
                    "\"left\"|\"right\"}");
        }
    } else if (strcmp(name, "prefix") == 0 || strcmp(name, "suffix") == 0) {
        if (!json_is_string(arg)) {
            problem(c, where, "%s takes a text", name);
        }
    } else if (strcmp(name, "lookup") == 0) {
        if (!json_is_string(arg)) {
            problem(c, where, "lookup takes the name of a table");
        }
    } else if (strcmp(name, "sum") == 0) {
        if (!json_is_string(json_object_get(arg, "type"))) {
            problem(c, where, "sum takes {\"type\": \"tax\"|\"shipping\"|\"discount\"|\"handling\"}");
        }
    } else if (strcmp(name, "address") == 0) {
        const char *part = json_is_string(arg) ? json_string_value(arg)
                                               : json_string_value(json_object_get(arg, "part"));
        const char *country = json_string_value(json_object_get(arg, "country"));
        if (!in_list(address_parts, part) ||
            (country && strcmp(country, "iso2") != 0 && strcmp(country, "iso3") != 0)) {
            problem(c, where,
                    "address takes a part (CUNM, CUA1..CUA4, TOWN, PONO, CSCD, ECAR, PHNO), "
                    "or {\"part\": .., \"country\": \"iso2\"|\"iso3\"}");
        }
    } else if (strcmp(name, "convert_currency") == 0) {
        /* no argument, {} or [] (what PHP's json_encode makes of an empty array): the defaults */
        json_t *decimals = json_object_get(arg, "decimals");
        int empty_options = !arg || (json_is_array(arg) && json_array_size(arg) == 0);
        if ((!empty_options && !json_is_object(arg)) ||
            (decimals &&
             (!json_is_integer(decimals) || json_integer_value(decimals) < 0 || json_integer_value(decimals) > 6))) {
            problem(c, where, "convert_currency takes no argument or {\"decimals\": 0..6}");
        }
    } else if (strcmp(name, "status") == 0) {
        const char *kind = json_string_value(arg);
        if (!kind || (strcmp(kind, "payment") != 0 && strcmp(kind, "shipping") != 0 && strcmp(kind, "infor") != 0)) {
            problem(c, where, "status takes \"payment\", \"shipping\" or \"infor\"");
        }
    } else if (strcmp(name, "enrich") == 0 || strcmp(name, "tax") == 0) {
        if (!json_is_string(arg) || !json_string_length(arg)) {
            problem(c, where, "%s takes the name of an attribute", name);
        }
    } else if (arg) {
        problem(c, where, "%s takes no argument", name);
    }
}

/* A transform: its name, or {"name": argument}. */
static void check_transform(checker *c, const char *where, json_t *entry)
{
    const char *name = json_string_value(entry);
    json_t *arg = NULL;
    if (json_is_object(entry) && json_object_size(entry) == 1) {
        void *iter = json_object_iter(entry);
        name = json_object_iter_key(iter);
        arg = json_object_iter_value(iter);
    }
    if (!isync_transform_known(name)) {
        problem(c, where, "unknown transform \"%s\"", name ? name : "?");
        return;
    }
    check_transform_arg(c, where, name, arg);
}

static void check_value(checker *c, const char *where, json_t *value);

static void check_source(checker *c, const char *where, const char *kind, json_t *arg)
{
    char path[256];
    snprintf(path, sizeof path, "%.200s.%.40s", where, kind);
    if (strcmp(kind, "from") == 0) {
        check_path_arg(c, path, arg, "must be a path into the event", 0);
    } else if (strcmp(kind, "const") == 0) {
        if (!json_is_string(arg)) {
            problem(c, path, "must be a text");
        }
    } else if (strcmp(kind, "setting") == 0) {
        if (!json_is_string(arg) || !json_object_get(c->settings, json_string_value(arg))) {
            problem(c, path, "\"%s\" is not a business setting", json_is_string(arg) ? json_string_value(arg) : "?");
        }
    } else if (strcmp(kind, "context") == 0) {
        const char *name = json_string_value(arg);
        const connector_shape *shape = shape_of(c->tmpl->event);
        if (!in_list(context_names, name)) {
            problem(c, path,
                    "unknown context value (customer, payer, payment_number, journal_key, "
                    "journal_line_1, "
                    "journal_line_2, orno, line_number, line_suffix, event_id, item_index, "
                    "item_number)");
        } else if (shape && strncmp(name, "item_", 5) != 0 && !in_bar_list(shape->contexts, name)) {
            problem(c, path,
                    "the %s connector does not provide the context value \"%s\" (it has: %s, "
                    "item_index, "
                    "item_number)",
                    shape->event, name, shape->contexts);
        }
    } else if (strcmp(kind, "output") == 0) {
        const char *ref = json_string_value(arg);
        const char *dot = ref ? strchr(ref, '.') : NULL;
        char id[64];
        if (!dot || (size_t)(dot - ref) >= sizeof id) {
            problem(c, path, "must be \"<call id>.<FIELD>\"");
            return;
        }
        snprintf(id, sizeof id, "%.*s", (int)(dot - ref), ref);
        json_t *outputs = json_object_get(c->call_outputs, id);
        int found = 0;
        size_t index;
        json_t *entry;
        json_array_foreach(outputs, index, entry)
        {
            found |= json_is_string(entry) && strcmp(json_string_value(entry), dot + 1) == 0;
        }
        if (!found) {
            problem(c, path, "\"%s\": no earlier call \"%s\" with the output %s", ref, id, dot + 1);
        }
    } else if (strcmp(kind, "concat") == 0) {
        check_each(c, path, arg, 1, "must be a list of values", check_value);
    }
}

static int is_source(const char *key)
{
    static const char *const sources[] = {"from", "const", "setting", "context", "output", "concat", NULL};
    return in_list(sources, key);
}

/* A value object: one source plus optional transform, default, when. */
static void check_value(checker *c, const char *where, json_t *value)
{
    const char *key;
    json_t *arg;
    int sources = 0;
    char path[256];
    if (!json_is_object(value)) {
        problem(c, where,
                "a value is an object with one source: from, const, setting, context, output or "
                "concat");
        return;
    }
    json_object_foreach(value, key, arg)
    {
        snprintf(path, sizeof path, "%.200s.%.40s", where, key);
        if (is_source(key)) {
            sources++;
            check_source(c, where, key, arg);
        } else if (strcmp(key, "transform") == 0) {
            check_each(c, path, arg, 0, "must be a list of transforms", check_transform);
        } else if (strcmp(key, "default") == 0) {
            if (!json_is_string(arg)) {
                check_value(c, path, arg);
            }
        } else if (strcmp(key, "when") == 0) {
            check_condition(c, path, arg);
        } else if (strcmp(key, "separator") != 0) {
            problem(c, path, "unknown key \"%s\"", key);
        }
    }
    if (sources != 1) {
        problem(c, where,
                "a value needs exactly one source (from, const, setting, context, output or "
                "concat), it has %d",
                sources);
    }
}

static void check_fields(checker *c, const char *where, const char *program, const char *transaction, json_t *fields)
{
    const char *name;
    json_t *value;
    char path[256];
    size_t index;
    json_t *input;
    if (!json_is_object(fields)) {
        problem(c, where, "must be an object: Infor field -> value");
        return;
    }
    json_object_foreach(fields, name, value)
    {
        isync_m3_field_spec spec;
        snprintf(path, sizeof path, "%.200s.%.40s", where, name);
        if (!isync_m3_spec_field(c->spec, program, transaction, name, &spec)) {
            problem(c, path, "%s/%s has no input field %s", program, transaction, name);
        }
        check_value(c, path, value);
    }
    json_array_foreach(isync_m3_spec_inputs(c->spec, program, transaction), index, input)
    {
        const char *field = json_string_value(json_object_get(input, "name"));
        if (json_is_true(json_object_get(input, "mandatory")) && field && !json_object_get(fields, field) &&
            strcmp(field, "CONO") != 0) {
            problem(c, where, "the mandatory field %s of %s/%s is not mapped", field, program, transaction);
        }
    }
}

static void check_call(checker *c, const char *where, json_t *call)
{
    char path[128];
    const char *key;
    json_t *value;
    if (!json_is_object(call)) {
        problem(c, where, "a call is an object");
        return;
    }
    const char *id = json_string_value(json_object_get(call, "id"));
    const char *program = json_string_value(json_object_get(call, "program"));
    const char *transaction = json_string_value(json_object_get(call, "transaction"));
    if (!id || !*id || strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789_") != strlen(id) || strlen(id) > 40) {
        snprintf(path, sizeof path, "%.60s.id", where);
        problem(c, path, "each call needs an id of a-z, 0-9 and _ (at most 40)");
    } else if (json_object_get(c->call_outputs, id)) {
        snprintf(path, sizeof path, "%.60s.id", where);
        problem(c, path, "the id \"%s\" is used twice", id);
    }
    if (!program || !transaction || !isync_m3_spec_inputs(c->spec, program, transaction)) {
        problem(c, where, "%s/%s is not a transaction of the M3 field specification", program ? program : "?",
                transaction ? transaction : "?");
        program = transaction = NULL;
    }
    json_t *for_each = json_object_get(call, "for_each");
    c->in_for_each = for_each != NULL;
    json_object_foreach(call, key, value)
    {
        snprintf(path, sizeof path, "%.60s.%.60s", where, key);
        if (strcmp(key, "for_each") == 0) {
            c->in_for_each = 0;
            check_path_arg(c, path, value, "must be a path to a list in the event", 0);
            c->in_for_each = 1;
        } else if (strcmp(key, "when") == 0) {
            check_condition(c, path, value);
        } else if (strcmp(key, "fields") == 0) {
            if (program) {
                check_fields(c, path, program, transaction, value);
            }
        } else if (strcmp(key, "outputs") == 0) {
            size_t index;
            json_t *entry;
            int ok = json_is_array(value);
            json_array_foreach(value, index, entry)
            {
                ok &= json_is_string(entry);
            }
            if (!ok) {
                problem(c, path, "must be a list of Infor field names");
            }
        } else if (strcmp(key, "id") != 0 && strcmp(key, "program") != 0 && strcmp(key, "transaction") != 0 &&
                   strcmp(key, "description") != 0) {
            problem(c, path, "unknown key \"%s\"", key);
        }
    }
    if (!json_object_get(call, "fields")) {
        problem(c, where, "a call needs \"fields\"");
    }
    if (id) {
        json_t *outputs = json_object_get(call, "outputs");
        json_object_set_new(c->call_outputs, id, json_is_array(outputs) ? json_incref(outputs) : json_array());
    }
    c->in_for_each = 0;
}

static void call_name(json_t *call, char *out, size_t size)
{
    snprintf(out, size, "%s/%s", json_string_value(json_object_get(call, "program")) ?: "?",
             json_string_value(json_object_get(call, "transaction")) ?: "?");
}

static int declares_output(json_t *call, const char *field)
{
    size_t index;
    json_t *entry;
    json_array_foreach(json_object_get(call, "outputs"), index, entry)
    {
        if (json_is_string(entry) && strcmp(json_string_value(entry), field) == 0) {
            return 1;
        }
    }
    return 0;
}

/* The connector's protocol decides which calls can appear where. */
static void check_shape(checker *c, json_t *calls)
{
    const connector_shape *shape = shape_of(c->tmpl->event);
    size_t count = json_array_size(calls), last_count = 0, index;
    char name[64], path[32];
    json_t *call;
    if (!shape) {
        problem(c, "event", "no connector takes a template for \"%s\"", c->tmpl->event);
        return;
    }
    last_count = shape->last[0] ? 2 : 0;
    json_array_foreach(calls, index, call)
    {
        snprintf(path, sizeof path, "calls[%zu]", index);
        call_name(call, name, sizeof name);
        if (index == 0 && shape->first) {
            if (strcmp(name, shape->first) != 0) {
                problem(c, path, "the %s connector needs %s as the first call", shape->event, shape->first);
            } else if (shape->first_output && !declares_output(call, shape->first_output)) {
                problem(c, path, "%s must list \"%s\" in its outputs", shape->first, shape->first_output);
            }
            continue;
        }
        if (last_count && index + last_count >= count) {
            const char *expected = shape->last[index + last_count - count];
            if (strcmp(name, expected) != 0) {
                problem(c, path, "the %s connector needs %s then %s as the last calls", shape->event, shape->last[0],
                        shape->last[1]);
            }
            continue;
        }
        int allowed = (shape->allowed_prefix &&
                       strncmp(name, shape->allowed_prefix, strlen(shape->allowed_prefix)) == 0) ||
            in_list(shape->allowed, name);
        if (!allowed) {
            problem(c, path, "the %s connector cannot make the call %s here", shape->event, name);
        }
    }
    if (count < (shape->first ? 1 : 0) + last_count) {
        problem(c, "calls", "the %s connector needs at least %zu calls", shape->event,
                (shape->first ? 1 : 0) + last_count);
    }
}

static void complain(void *c, const char *path, const char *message)
{
    problem(c, path, "%s", message);
}

static void check_lookups(checker *c, json_t *lookups)
{
    isync_json_check_tables(lookups, "lookups", "must be an object of tables {\"key\": \"value\"}", "must be a text",
                            complain, c);
}

static void check_root(checker *c, json_t *root)
{
    static const char *const root_keys[] = {"format", "event", "target", "description", "lookups", "calls", NULL};
    char expected[64];
    isync_json_check_keys(root, "", root_keys, "unknown key \"%s\"", complain, c);
    if (json_integer_value(json_object_get(root, "format")) != 1) {
        problem(c, "format", "must be 1");
    }
    if (!json_is_string(json_object_get(root, "target")) ||
        strcmp(json_string_value(json_object_get(root, "target")), "m3") != 0) {
        problem(c, "target", "must be \"m3\"");
    }
    snprintf(expected, sizeof expected, "%s.json", c->tmpl->event);
    if (!c->tmpl->event[0] || !isync_event_type_known(c->tmpl->event)) {
        problem(c, "event", "must be an event type: %s", isync_event_types());
    } else if (strcmp(expected, c->tmpl->name) != 0) {
        problem(c, "event", "the template for \"%s\" must be named %s", c->tmpl->event, expected);
    }
    if (json_object_get(root, "lookups")) {
        check_lookups(c, json_object_get(root, "lookups"));
    }
    json_t *calls = json_object_get(root, "calls");
    const connector_shape *shape = isync_event_type_known(c->tmpl->event) ? shape_of(c->tmpl->event) : NULL;
    if (shape && calls_nothing(shape)) {
        if (!json_is_array(calls) || json_array_size(calls) != 0) {
            problem(c, "calls", "must be [] (an empty list): the %s connector makes no Infor call", shape->event);
        }
        return;
    }
    check_each(c, "calls", calls, 1, "must be a non-empty list of calls", check_call);
    if (json_array_size(calls) > 0 && c->tmpl->event[0] && isync_event_type_known(c->tmpl->event)) {
        check_shape(c, calls);
    }
}

static json_t *setting_names(void)
{
    isync_business_config empty;
    memset(&empty, 0, sizeof empty);
    return isync_config_to_json(&empty);
}

isync_status isync_template_parse(const char *text, size_t len, const char *name, const char *origin,
                                  const isync_m3_spec *spec, isync_template **out, json_t *problems)
{
    json_error_t jerr;
    char where[128];
    *out = NULL;
    isync_template *tmpl = calloc(1, sizeof *tmpl);
    if (!tmpl) {
        return ISYNC_ERR_NOMEM;
    }
    snprintf(tmpl->name, sizeof tmpl->name, "%s", name);
    snprintf(tmpl->origin, sizeof tmpl->origin, "%s", origin);
    /* jansson stops reading at a NUL outside a string and would accept the
     * text before it: refuse the whole text instead. */
    if (memchr(text, '\0', len)) {
        snprintf(jerr.text, sizeof jerr.text, "the template contains a NUL byte");
        jerr.line = 1;
    } else {
        tmpl->root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
    }
    if (!json_is_object(tmpl->root)) {
        snprintf(where, sizeof where, "%.100s:%d", name, jerr.line > 0 ? jerr.line : 1);
        json_array_append_new(problems,
                              json_pack("{s:s, s:s, s:s}", "template", where, "path", "", "message",
                                        tmpl->root ? "a template is a JSON object" : jerr.text));
        isync_template_free(tmpl);
        return ISYNC_ERR_INVALID;
    }
    tmpl->lines = isync_json_lines(text, len);
    snprintf(tmpl->event, sizeof tmpl->event, "%s", json_string_value(json_object_get(tmpl->root, "event")) ?: "");
    checker c = {tmpl, spec, problems, setting_names(), json_object(), 0};
    size_t before = json_array_size(problems);
    check_root(&c, tmpl->root);
    json_decref(c.settings);
    json_decref(c.call_outputs);
    if (json_array_size(problems) > before) {
        isync_template_free(tmpl);
        return ISYNC_ERR_INVALID;
    }
    if (!(tmpl->prepared = isync_prepared_make(tmpl->root, tmpl->lines, spec))) {
        isync_template_free(tmpl);
        return ISYNC_ERR_NOMEM;
    }
    *out = tmpl;
    return ISYNC_OK;
}

void isync_template_free(isync_template *tmpl)
{
    if (tmpl) {
        isync_prepared_free(tmpl->prepared);
        json_decref(tmpl->root);
        json_decref(tmpl->lines);
        free(tmpl);
    }
}
