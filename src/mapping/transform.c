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

char *isync_json_text(json_t *value)
{
    char buf[64];
    if (json_is_string(value)) {
        return strdup(json_string_value(value));
    }
    if (json_is_integer(value)) {
        snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(value));
        return strdup(buf);
    }
    if (json_is_real(value)) {
        snprintf(buf, sizeof buf, "%.17g", json_real_value(value));
        return strdup(buf);
    }
    if (json_is_boolean(value)) {
        return strdup(json_is_true(value) ? "1" : "0");
    }
    return strdup("");
}

static json_t *text_result(char *text)
{
    json_t *result = text && *text ? json_string(text) : NULL;
    free(text);
    return result;
}

static int fail(isync_transform_ctx *ctx, const char *fmt, const char *detail)
{
    snprintf(ctx->error, sizeof ctx->error, fmt, detail ? detail : "");
    return 0;
}

/* ---- text ---- */

static json_t *trim(json_t *in)
{
    char *text = isync_json_text(in), *start = text;
    while (*start == ' ' || *start == '\t' || *start == '\n' || *start == '\r') {
        start++;
    }
    size_t len = strlen(start);
    while (len && strchr(" \t\n\r", start[len - 1])) {
        len--;
    }
    json_t *result = len ? json_stringn(start, len) : NULL;
    free(text);
    return result;
}

static json_t *set_case(json_t *in, int upper)
{
    char *text = isync_json_text(in);
    char *out = isync_utf8_set_case(text, upper);
    free(text);
    return text_result(out);
}

static void note(isync_transform_ctx *ctx, const char *fmt, size_t a, size_t b)
{
    char message[160];
    snprintf(message, sizeof message, fmt, a, b);
    if (ctx->notes) {
        json_array_append_new(ctx->notes, json_pack("{s:s}", "message", message));
    }
}

static json_t *truncate_text(isync_transform_ctx *ctx, json_t *in, json_t *arg)
{
    char *text = isync_json_text(in);
    size_t max = (size_t)json_integer_value(arg), chars = isync_utf8_length(text);
    if (chars > max) {
        text[isync_utf8_prefix(text, max)] = '\0';
        note(ctx, "truncated from %zu to %zu characters", chars, max);
    }
    return text_result(text);
}

/* For values a cut would falsify (an e-mail address): whole or not at all. */
static json_t *omit_if_longer(isync_transform_ctx *ctx, json_t *in, json_t *arg)
{
    char *text = isync_json_text(in);
    size_t max = (size_t)json_integer_value(arg), chars = isync_utf8_length(text);
    if (chars > max) {
        note(ctx, "left out: %zu characters, more than %zu", chars, max);
        free(text);
        return NULL;
    }
    return text_result(text);
}

static json_t *pad(json_t *in, json_t *arg)
{
    char *text = isync_json_text(in);
    size_t length = (size_t)json_integer_value(json_object_get(arg, "length"));
    const char *fill = json_string_value(json_object_get(arg, "char"));
    const char *side = json_string_value(json_object_get(arg, "side"));
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

static json_t *affix(json_t *in, json_t *arg, int before)
{
    char *text = isync_json_text(in);
    if (!*text) {
        free(text);
        return NULL;
    }
    json_t *result = json_sprintf(before ? "%s%s" : "%s%s", before ? json_string_value(arg) : text,
                                  before ? text : json_string_value(arg));
    free(text);
    return result;
}

static json_t *date(isync_transform_ctx *ctx, json_t *in)
{
    char *text = isync_json_text(in), out[9];
    int ok = !*text || isync_iso8601_to_m3_date(text, out);
    if (!ok) {
        fail(ctx, "\"%.60s\" is not an ISO 8601 date", text);
    }
    json_t *result = ok && *text ? json_string(out) : NULL;
    free(text);
    return result;
}

/* ---- numbers ---- */

static json_t *number(isync_transform_ctx *ctx, json_t *in, json_t *arg)
{
    char *text = isync_json_text(in), out[64];
    if (!*text) {
        free(text);
        return NULL;
    }
    json_t *result = NULL;
    if (isync_decimal_round(text, (int)json_integer_value(arg), out, sizeof out)) {
        result = json_string(out);
    } else {
        fail(ctx, "\"%.60s\" is not a decimal number", text);
    }
    free(text);
    return result;
}

/* negate or abs, the scale kept ("25.50" -> "-25.50"). */
static json_t *sign(isync_transform_ctx *ctx, json_t *in, int negate)
{
    char *text = isync_json_text(in), out[ISYNC_DECIMAL_TEXT];
    isync_decimal value;
    if (!*text) {
        free(text);
        return NULL;
    }
    if (isync_decimal_parse(text, &value) != ISYNC_DECIMAL_OK) {
        fail(ctx, "\"%.60s\" is not a decimal number", text);
        free(text);
        return NULL;
    }
    free(text);
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
static json_t *sum(isync_transform_ctx *ctx, json_t *in, json_t *arg)
{
    const char *type = json_string_value(json_object_get(arg, "type"));
    isync_decimal total = isync_decimal_from_int(0);
    char text[ISYNC_DECIMAL_TEXT];
    size_t index;
    json_t *entry;
    int found = 0;
    json_array_foreach(in, index, entry)
    {
        const char *entry_type = json_string_value(json_object_get(entry, "type"));
        if (!entry_type || strcmp(entry_type, type) != 0) {
            continue;
        }
        if (!add_amount(ctx, entry, &total)) {
            return NULL;
        }
        found = 1;
    }
    isync_decimal_text(isync_decimal_trim(total), text, sizeof text);
    return found ? json_string(text) : NULL;
}

static json_t *convert(isync_transform_ctx *ctx, json_t *in, json_t *arg)
{
    const char *from = json_string_value(json_object_get(ctx->payload, "currency"));
    const char *to = ctx->cfg ? ctx->cfg->base_currency : "";
    json_t *decimals_arg = json_object_get(arg, "decimals");
    const char *target = *to ? to : from;
    int minor = target ? isync_currency_minor_units(target) : -1;
    /* without "decimals": the target currency's minor unit (EUR 2, JPY 0) */
    int decimals = decimals_arg ? (int)json_integer_value(decimals_arg) : minor >= 0 ? minor : 2;
    char *text = isync_json_text(in), out[64], rate[40];
    isync_error err;
    json_t *result = NULL;
    if (!*text) {
        free(text);
        return NULL;
    }
    if (!*to || !from || strcmp(from, to) == 0) {
        if (isync_decimal_round(text, decimals, out, sizeof out)) {
            result = json_string(out);
        } else {
            fail(ctx, "\"%.60s\" is not a decimal number", text);
        }
    } else if (!ctx->rates) {
        ctx->retry = 1;
        fail(ctx, "no exchange rate table yet (business setting rate_source) to convert %s", from);
    } else if (isync_rates_convert(ctx->rates, text, from, to, decimals, out, sizeof out, rate, sizeof rate, &err) !=
               ISYNC_OK) {
        ctx->retry = err.status == ISYNC_ERR_NOTFOUND;
        fail(ctx, "%s", err.message);
    } else {
        result = json_string(out);
        json_decref(ctx->currency_used);
        ctx->currency_used = json_pack("{s:s, s:s, s:s, s:s}", "from", from, "to", to, "rate", rate, "date",
                                       isync_rates_date(ctx->rates) ?: "");
    }
    free(text);
    return result;
}

/* ---- tables ---- */

static json_t *lookup(isync_transform_ctx *ctx, json_t *in, json_t *arg)
{
    const char *name = json_string_value(arg);
    json_t *table = json_object_get(json_object_get(ctx->cfg ? ctx->cfg->tables : NULL, "lookups"), name);
    if (!table) {
        table = json_object_get(ctx->template_lookups, name);
    }
    if (!table) {
        fail(ctx, "no lookup table \"%s\" (template lookups or business setting lookups)", name);
        return NULL;
    }
    char *key = isync_json_text(in);
    json_t *value = json_object_get(table, key);
    if (!value) {
        value = json_object_get(table, "*");
    }
    if (!value) {
        char detail[160];
        snprintf(detail, sizeof detail, "\"%.60s\" is not in the lookup table \"%.60s\"", key, name);
        fail(ctx, "%s", detail);
    }
    free(key);
    return value && json_string_length(value) ? json_incref(value) : NULL;
}

static json_t *address(isync_transform_ctx *ctx, json_t *in, json_t *arg)
{
    const char *part = json_is_string(arg) ? json_string_value(arg) : json_string_value(json_object_get(arg, "part"));
    const char *country = json_string_value(json_object_get(arg, "country"));
    int iso3 = country && strcmp(country, "iso3") == 0;
    if (!json_is_object(in)) {
        return NULL;
    }
    if (ctx->address_of != in || ctx->address_iso3 != iso3) {
        memset(&ctx->address_notes, 0, sizeof ctx->address_notes);
        ctx->address_status = isync_address_normalise(in, iso3, &ctx->address, &ctx->address_notes);
        json_decref(ctx->address_of);
        ctx->address_of = json_incref(in);
        ctx->address_iso3 = iso3;
    }
    const isync_address *normal_address = &ctx->address;
    const isync_problems *address_notes = &ctx->address_notes;
    if (ctx->address_status != ISYNC_OK) {
        fail(ctx, "%s", address_notes->count ? address_notes->items[0].message : "not an address");
        return NULL;
    }
    for (size_t i = 0; i < address_notes->count && i < ISYNC_PROBLEMS_MAX; i++) {
        if (strcmp(address_notes->items[i].path, part) == 0 && ctx->notes) {
            json_array_append_new(ctx->notes, json_pack("{s:s}", "message", address_notes->items[i].message));
        }
    }
    const char *value = isync_address_part(normal_address, part);
    return value && *value ? json_string(value) : NULL;
}

static json_t *status(isync_transform_ctx *ctx, json_t *in, json_t *arg)
{
    const char *kind = json_string_value(arg);
    char *code = isync_json_text(in);
    const char *result = NULL;
    isync_status_map defaults;
    const isync_status_map *map = ctx->cfg ? &ctx->cfg->status_map : &defaults;
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

json_t *isync_transform_apply(isync_transform_ctx *ctx, const char *name, json_t *arg, json_t *in)
{
    json_t *tables = ctx->cfg ? ctx->cfg->tables : NULL;
    ctx->error[0] = '\0';
    if (!in) {
        return NULL;
    }
    if (strcmp(name, "trim") == 0)
        return trim(in);
    if (strcmp(name, "upper") == 0)
        return set_case(in, 1);
    if (strcmp(name, "lower") == 0)
        return set_case(in, 0);
    if (strcmp(name, "truncate") == 0)
        return truncate_text(ctx, in, arg);
    if (strcmp(name, "pad") == 0)
        return pad(in, arg);
    if (strcmp(name, "omit_if_longer") == 0)
        return omit_if_longer(ctx, in, arg);
    if (strcmp(name, "prefix") == 0)
        return affix(in, arg, 1);
    if (strcmp(name, "suffix") == 0)
        return affix(in, arg, 0);
    if (strcmp(name, "date") == 0)
        return date(ctx, in);
    if (strcmp(name, "number") == 0)
        return number(ctx, in, arg);
    if (strcmp(name, "negate") == 0)
        return sign(ctx, in, 1);
    if (strcmp(name, "abs") == 0)
        return sign(ctx, in, 0);
    if (strcmp(name, "sum") == 0)
        return sum(ctx, in, arg);
    if (strcmp(name, "convert_currency") == 0)
        return convert(ctx, in, arg);
    if (strcmp(name, "lookup") == 0)
        return lookup(ctx, in, arg);
    if (strcmp(name, "address") == 0)
        return address(ctx, in, arg);
    if (strcmp(name, "status") == 0)
        return status(ctx, in, arg);
    if (strcmp(name, "enrich") == 0) {
        const char *value = isync_enrich_lookup(json_object_get(tables, "enrichment"), in, json_string_value(arg));
        return value && *value ? json_string(value) : NULL;
    }
    if (strcmp(name, "tax") == 0) {
        const char *value = isync_tax_map_lookup(json_object_get(tables, "tax_map"), in, tax_address(ctx->payload),
                                                 json_string_value(arg));
        return value && *value ? json_string(value) : NULL;
    }
    fail(ctx, "unknown transform \"%s\"", name);
    return NULL;
}
