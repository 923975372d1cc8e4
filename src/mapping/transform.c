#include "mapping/transform.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/decimal.h"
#include "base/utf8.h"
#include "mapping/address.h"
#include "mapping/enrich.h"
#include "queue/event.h"
#include "mapping/m3_spec.h"
#include "connectors/status_map.h"
#include "mapping/tax_map.h"

const char *isync_json_text_in(json_t *value, char buf[ISYNC_JSON_TEXT_SIZE])
{
    if (json_is_string(value)) {
        return json_string_value(value);
    }
    if (json_is_integer(value)) {
        snprintf(buf, ISYNC_JSON_TEXT_SIZE, "%lld", (long long)json_integer_value(value));
    } else if (json_is_real(value)) {
        snprintf(buf, ISYNC_JSON_TEXT_SIZE, "%.17g", json_real_value(value));
    } else {
        snprintf(buf, ISYNC_JSON_TEXT_SIZE, "%s", json_is_boolean(value) ? (json_is_true(value) ? "1" : "0") : "");
    }
    return buf;
}

char *isync_json_text(json_t *value)
{
    char buf[ISYNC_JSON_TEXT_SIZE];
    return strdup(isync_json_text_in(value, buf));
}

static json_t *text_result(char *text)
{
    json_t *result = text && *text ? json_string(text) : NULL;
    free(text);
    return result;
}

/* One application of a transform: its input, its argument from the template
 * and the variant of its table row (upper or lower, prefix or suffix...). */
typedef struct {
    isync_transform_ctx *ctx;
    json_t *in;
    json_t *arg;
    int variant;
} transform_call;

static int fail(isync_transform_ctx *ctx, const char *fmt, const char *detail)
{
    snprintf(ctx->error, sizeof ctx->error, fmt, detail ? detail : "");
    return 0;
}

/* ---- text ---- */

static json_t *trim(const transform_call *call)
{
    char buf[ISYNC_JSON_TEXT_SIZE];
    const char *start = isync_json_text_in(call->in, buf);
    while (*start == ' ' || *start == '\t' || *start == '\n' || *start == '\r') {
        start++;
    }
    size_t len = strlen(start);
    while (len && strchr(" \t\n\r", start[len - 1])) {
        len--;
    }
    return len ? json_stringn(start, len) : NULL;
}

static json_t *set_case(const transform_call *call)
{
    int upper = call->variant;
    char buf[ISYNC_JSON_TEXT_SIZE];
    return text_result(isync_utf8_set_case(isync_json_text_in(call->in, buf), upper));
}

static void note(isync_transform_ctx *ctx, const char *fmt, size_t a, size_t b)
{
    char message[160];
    snprintf(message, sizeof message, fmt, a, b);
    if (ctx->notes) {
        json_array_append_new(ctx->notes, json_pack("{s:s}", "message", message));
    }
}

static json_t *truncate_text(const transform_call *call)
{
    char *text = isync_json_text(call->in);
    size_t max = (size_t)json_integer_value(call->arg), chars = isync_utf8_length(text);
    if (chars > max) {
        text[isync_utf8_prefix(text, max)] = '\0';
        note(call->ctx, "truncated from %zu to %zu characters", chars, max);
    }
    return text_result(text);
}

/* For values a cut would falsify (an e-mail address): whole or not at all. */
static json_t *omit_if_longer(const transform_call *call)
{
    char *text = isync_json_text(call->in);
    size_t max = (size_t)json_integer_value(call->arg), chars = isync_utf8_length(text);
    if (chars > max) {
        note(call->ctx, "left out: %zu characters, more than %zu", chars, max);
        free(text);
        return NULL;
    }
    return text_result(text);
}

static json_t *pad(const transform_call *call)
{
    char *text = isync_json_text(call->in);
    size_t length = (size_t)json_integer_value(json_object_get(call->arg, "length"));
    const char *fill = json_string_value(json_object_get(call->arg, "char"));
    const char *side = json_string_value(json_object_get(call->arg, "side"));
    size_t chars = isync_utf8_length(text), len = strlen(text);
    if (!*text || chars >= length) {
        return text_result(text);
    }
    size_t add = length - chars;
    char *out = malloc(len + add + 1);
    if (!out) {
        free(text);
        return NULL;
    }
    int left = !side || strcmp(side, "left") == 0;
    memset(left ? out : out + len, fill ? fill[0] : ' ', add);
    memcpy(left ? out + add : out, text, len);
    out[len + add] = '\0';
    free(text);
    return text_result(out);
}

static json_t *affix(const transform_call *call)
{
    int before = call->variant;
    char *text = isync_json_text(call->in);
    if (!*text) {
        free(text);
        return NULL;
    }
    json_t *result = json_sprintf("%s%s", before ? json_string_value(call->arg) : text,
                                  before ? text : json_string_value(call->arg));
    free(text);
    return result;
}

static json_t *date(const transform_call *call)
{
    char buf[ISYNC_JSON_TEXT_SIZE], out[9];
    const char *text = isync_json_text_in(call->in, buf);
    int ok = !*text || isync_iso8601_to_m3_date(text, out);
    if (!ok) {
        fail(call->ctx, "\"%.60s\" is not an ISO 8601 date", text);
    }
    return ok && *text ? json_string(out) : NULL;
}

/* ---- numbers ---- */

static json_t *number(const transform_call *call)
{
    char buf[ISYNC_JSON_TEXT_SIZE], out[64];
    const char *text = isync_json_text_in(call->in, buf);
    if (!*text) {
        return NULL;
    }
    if (isync_decimal_round(text, (int)json_integer_value(call->arg), out, sizeof out)) {
        return json_string(out);
    }
    fail(call->ctx, "\"%.60s\" is not a decimal number", text);
    return NULL;
}

/* negate or abs, the scale kept ("25.50" -> "-25.50"). */
static json_t *sign(const transform_call *call)
{
    int negate = call->variant;
    char buf[ISYNC_JSON_TEXT_SIZE], out[ISYNC_DECIMAL_TEXT];
    const char *text = isync_json_text_in(call->in, buf);
    isync_decimal value;
    if (!*text) {
        return NULL;
    }
    if (isync_decimal_parse(text, &value) != ISYNC_DECIMAL_OK) {
        fail(call->ctx, "\"%.60s\" is not a decimal number", text);
        return NULL;
    }
    value = negate ? isync_decimal_negate(value) : isync_decimal_abs(value);
    isync_decimal_text(value, out, sizeof out); /* ISYNC_DECIMAL_TEXT holds any value */
    return json_string(out);
}

/* Adds an entry's amount ("" counts as 0) to *total; 0 with ctx->error set. */
static int add_amount(isync_transform_ctx *ctx, json_t *entry, isync_decimal *total)
{
    char *amount = isync_json_text(json_object_get(entry, "amount"));
    isync_decimal value = isync_decimal_from_int(0);
    isync_decimal_status st = *amount ? isync_decimal_parse(amount, &value) : ISYNC_DECIMAL_OK;
    if (st == ISYNC_DECIMAL_OK) {
        st = isync_decimal_add(*total, value, total);
    }
    if (st != ISYNC_DECIMAL_OK) {
        fail(ctx, st == ISYNC_DECIMAL_SYNTAX ? "\"%.60s\" is not a decimal number" : "sum with \"%.60s\": too large",
             amount);
    }
    free(amount);
    return st == ISYNC_DECIMAL_OK;
}

/* The exact sum of the amounts of the entries of a type, trailing zeros
 * of the fraction dropped ("-5.125"). */
static json_t *sum(const transform_call *call)
{
    const char *type = json_string_value(json_object_get(call->arg, "type"));
    isync_decimal total = isync_decimal_from_int(0);
    char text[ISYNC_DECIMAL_TEXT];
    size_t index;
    json_t *entry;
    int found = 0;
    json_array_foreach(call->in, index, entry)
    {
        const char *entry_type = json_string_value(json_object_get(entry, "type"));
        if (!entry_type || strcmp(entry_type, type) != 0) {
            continue;
        }
        if (!add_amount(call->ctx, entry, &total)) {
            return NULL;
        }
        found = 1;
    }
    isync_decimal_text(isync_decimal_trim(total), text, sizeof text);
    return found ? json_string(text) : NULL;
}

static json_t *convert(const transform_call *call)
{
    const char *from = json_string_value(json_object_get(call->ctx->payload, "currency"));
    const char *to = call->ctx->cfg ? call->ctx->cfg->base_currency : "";
    json_t *decimals_arg = json_object_get(call->arg, "decimals");
    const char *target = *to ? to : from;
    int minor = target ? isync_currency_minor_units(target) : -1;
    /* without "decimals": the target currency's minor unit (EUR 2, JPY 0) */
    int decimals = decimals_arg ? (int)json_integer_value(decimals_arg) : minor >= 0 ? minor : 2;
    char buf[ISYNC_JSON_TEXT_SIZE], out[64], rate[40];
    const char *text = isync_json_text_in(call->in, buf);
    isync_error err;
    json_t *result = NULL;
    if (!*text) {
        return NULL;
    }
    if (!*to || !from || strcmp(from, to) == 0) {
        if (isync_decimal_round(text, decimals, out, sizeof out)) {
            result = json_string(out);
        } else {
            fail(call->ctx, "\"%.60s\" is not a decimal number", text);
        }
    } else if (!call->ctx->rates) {
        call->ctx->retry = 1;
        fail(call->ctx, "no exchange rate table yet (business setting rate_source) to convert %s", from);
    } else if (isync_rates_convert(call->ctx->rates, text, from, to, decimals, out, sizeof out, rate, sizeof rate,
                                   &err) != ISYNC_OK) {
        call->ctx->retry = err.status == ISYNC_ERR_NOTFOUND;
        fail(call->ctx, "%s", err.message);
    } else {
        result = json_string(out);
        json_decref(call->ctx->currency_used);
        call->ctx->currency_used = json_pack("{s:s, s:s, s:s, s:s}", "from", from, "to", to, "rate", rate, "date",
                                             isync_rates_date(call->ctx->rates) ?: "");
    }
    return result;
}

/* ---- tables ---- */

static json_t *lookup(const transform_call *call)
{
    const char *name = json_string_value(call->arg);
    json_t *table = json_object_get(json_object_get(call->ctx->cfg ? call->ctx->cfg->tables : NULL, "lookups"), name);
    if (!table) {
        table = json_object_get(call->ctx->template_lookups, name);
    }
    if (!table) {
        fail(call->ctx, "no lookup table \"%s\" (template lookups or business setting lookups)", name);
        return NULL;
    }
    char *key = isync_json_text(call->in);
    json_t *value = json_object_get(table, key);
    if (!value) {
        value = json_object_get(table, "*");
    }
    if (!value) {
        char detail[160];
        snprintf(detail, sizeof detail, "\"%.60s\" is not in the lookup table \"%.60s\"", key, name);
        fail(call->ctx, "%s", detail);
    }
    free(key);
    return value && json_string_length(value) ? json_incref(value) : NULL;
}

/* An equal address found is remembered in place of the first, so that its
 * other parts compare pointers only. */
static int same_address(isync_transform_ctx *ctx, json_t *address, int iso3)
{
    if (!ctx->address_of || ctx->address_iso3 != iso3) {
        return 0;
    }
    if (ctx->address_of == address) {
        return 1;
    }
    if (!json_equal(ctx->address_of, address)) {
        return 0;
    }
    json_decref(ctx->address_of);
    ctx->address_of = json_incref(address);
    return 1;
}

static json_t *address(const transform_call *call)
{
    const char *part = json_is_string(call->arg) ? json_string_value(call->arg)
                                                 : json_string_value(json_object_get(call->arg, "part"));
    const char *country = json_string_value(json_object_get(call->arg, "country"));
    int iso3 = country && strcmp(country, "iso3") == 0;
    if (!json_is_object(call->in)) {
        return NULL;
    }
    /* the same address again (or an equal one: billing and shipping are often the same) */
    if (!same_address(call->ctx, call->in, iso3)) {
        call->ctx->address_notes.count = 0;
        call->ctx->address_status = isync_address_normalise(call->in, iso3, &call->ctx->address,
                                                            &call->ctx->address_notes);
        json_decref(call->ctx->address_of);
        call->ctx->address_of = json_incref(call->in);
        call->ctx->address_iso3 = iso3;
    }
    const isync_address *normal_address = &call->ctx->address;
    const isync_problems *address_notes = &call->ctx->address_notes;
    if (call->ctx->address_status != ISYNC_OK) {
        fail(call->ctx, "%s", address_notes->count ? address_notes->items[0].message : "not an address");
        return NULL;
    }
    for (size_t i = 0; i < address_notes->count && i < ISYNC_PROBLEMS_MAX; i++) {
        if (strcmp(address_notes->items[i].path, part) == 0 && call->ctx->notes) {
            json_array_append_new(call->ctx->notes, json_pack("{s:s}", "message", address_notes->items[i].message));
        }
    }
    const char *value = isync_address_part(normal_address, part);
    return value && *value ? json_string(value) : NULL;
}

static json_t *status(const transform_call *call)
{
    const char *kind = json_string_value(call->arg);
    char *code = isync_json_text(call->in);
    const char *result = NULL;
    isync_status_map defaults;
    const isync_status_map *map = call->ctx->cfg ? &call->ctx->cfg->status_map : &defaults;
    memset(&defaults, 0, sizeof defaults);
    if (strcmp(kind, "infor") == 0) {
        result = isync_status_map_shipping_for(map, code);
    } else if (*code) {
        result = isync_status_action_name(isync_status_map_action(map, strcmp(kind, "shipping") == 0, code));
    }
    free(code);
    return result && *result ? json_string(result) : NULL;
}

/* The address that decides a tax's jurisdiction: shipping, else billing. */
static json_t *tax_address(json_t *payload)
{
    json_t *shipping = json_object_get(payload, "shipping_address");
    return json_is_object(shipping) ? shipping : json_object_get(payload, "billing_address");
}

static json_t *enrich(const transform_call *call)
{
    json_t *tables = call->ctx->cfg ? call->ctx->cfg->tables : NULL;
    const char *value = isync_enrich_lookup(json_object_get(tables, "enrichment"), call->in,
                                            json_string_value(call->arg));
    return value && *value ? json_string(value) : NULL;
}

static json_t *tax(const transform_call *call)
{
    json_t *tables = call->ctx->cfg ? call->ctx->cfg->tables : NULL;
    const char *value = isync_tax_map_lookup(json_object_get(tables, "tax_map"), call->in,
                                             tax_address(call->ctx->payload), json_string_value(call->arg));
    return value && *value ? json_string(value) : NULL;
}

/* The transforms by name (docs/mapping.md#transforms). */
struct isync_transform_def {
    const char *name;
    json_t *(*apply)(const transform_call *call);
    int variant;
};

static const isync_transform_def transforms[] = {
    {"trim", trim, 0},      {"upper", set_case, 1},
    {"lower", set_case, 0}, {"truncate", truncate_text, 0},
    {"pad", pad, 0},        {"omit_if_longer", omit_if_longer, 0},
    {"prefix", affix, 1},   {"suffix", affix, 0},
    {"date", date, 0},      {"number", number, 0},
    {"negate", sign, 1},    {"abs", sign, 0},
    {"sum", sum, 0},        {"convert_currency", convert, 0},
    {"lookup", lookup, 0},  {"address", address, 0},
    {"status", status, 0},  {"enrich", enrich, 0},
    {"tax", tax, 0},
};

#define TRANSFORMS (sizeof transforms / sizeof transforms[0])

const isync_transform_def *isync_transform_find(const char *name)
{
    for (size_t i = 0; name && i < TRANSFORMS; i++) {
        if (strcmp(transforms[i].name, name) == 0) {
            return &transforms[i];
        }
    }
    return NULL;
}

int isync_transform_known(const char *name)
{
    return isync_transform_find(name) != NULL;
}

json_t *isync_transform_run(isync_transform_ctx *ctx, const isync_transform_def *def, const char *name, json_t *arg,
                            json_t *in)
{
    ctx->error[0] = '\0';
    if (!in) {
        return NULL;
    }
    if (!def) {
        fail(ctx, "unknown transform \"%s\"", name);
        return NULL;
    }
    transform_call call = {ctx, in, arg, def->variant};
    return def->apply(&call);
}

json_t *isync_transform_apply(isync_transform_ctx *ctx, const char *name, json_t *arg, json_t *in)
{
    return isync_transform_run(ctx, isync_transform_find(name), name, arg, in);
}
