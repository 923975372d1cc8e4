#include "queue/event.h"

#include "base/clock.h"
#include "base/utf8.h"
#include "mapping/m3_spec.h"
#include "connectors/status_map.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Infor field lengths the order.placed payload feeds (m3-transactions.json). */
#define CUOR_LENGTH 20 /* OIS100MI/AddBatchHead CUOR <- order_number */
#define CUNO_LENGTH 10 /* OIS100MI/AddBatchHead CUNO <- infor_customer */
#define IRNO_LENGTH 40 /* OIS215MI/AddPayment IRNO <- payment transaction_id */
#define MAIL_LENGTH 50 /* CRS610MI/Add MAIL <- customer email */
/* A profile id becomes a customer number: the prefix ("XC") and the id
 * zero-padded to 10 characters, so at most 8 digits with the default prefix. */
#define PROFILE_ID_DIGITS 8

static const char *const known_types[] = {"order.placed",     "order.status_changed", "payment.captured",
                                          "payment.refunded", "payment.voided",       "customer.created",
                                          "customer.updated"};

int isync_event_type_known(const char *type)
{
    for (size_t i = 0; i < sizeof known_types / sizeof known_types[0]; i++) {
        if (strcmp(type, known_types[i]) == 0) {
            return 1;
        }
    }
    return 0;
}

const char *isync_event_types(void)
{
    return "order.placed, order.status_changed, payment.captured, payment.refunded, "
           "payment.voided, "
           "customer.created, customer.updated";
}

static int parse_digits(const char *p, int count, int *value)
{
    *value = 0;
    for (int i = 0; i < count; i++) {
        if (!isdigit((unsigned char)p[i])) {
            return 0;
        }
        *value = *value * 10 + (p[i] - '0');
    }
    return 1;
}

static int days_in_month(int year, int month)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

/* Time part after the date: "THH:MM[:SS[.fff]][Z|+HH:MM|+HHMM]". */
static int valid_time_part(const char *p)
{
    int hour, minute, second = 0;
    if (*p == '\0') {
        return 1;
    }
    if ((*p != 'T' && *p != ' ') || !parse_digits(p + 1, 2, &hour) || p[3] != ':' || !parse_digits(p + 4, 2, &minute) ||
        hour > 23 || minute > 59) {
        return 0;
    }
    p += 6;
    if (*p == ':') {
        if (!parse_digits(p + 1, 2, &second) || second > 60) {
            return 0;
        }
        p += 3;
        if (*p == '.') {
            p++;
            if (!isdigit((unsigned char)*p)) {
                return 0;
            }
            while (isdigit((unsigned char)*p)) {
                p++;
            }
        }
    }
    if (*p == 'Z') {
        return p[1] == '\0';
    }
    if (*p == '+' || *p == '-') {
        int oh, om;
        if (!parse_digits(p + 1, 2, &oh)) {
            return 0;
        }
        p += 3;
        if (*p == ':') {
            p++;
        }
        return parse_digits(p, 2, &om) && p[2] == '\0' && oh <= 14 && om <= 59;
    }
    return *p == '\0';
}

int isync_iso8601_to_m3_date(const char *text, char out[9])
{
    int year, month, day;
    if (strlen(text) < 10 || !parse_digits(text, 4, &year) || text[4] != '-' || !parse_digits(text + 5, 2, &month) ||
        text[7] != '-' || !parse_digits(text + 8, 2, &day) || year < 1900 || month < 1 || month > 12 || day < 1 ||
        day > days_in_month(year, month) || !valid_time_part(text + 10)) {
        return 0;
    }
    /* the digits were checked: copy them rather than reformat */
    memcpy(out, text, 4);
    memcpy(out + 4, text + 5, 2);
    memcpy(out + 6, text + 8, 2);
    out[8] = '\0';
    return 1;
}

/* ---- payload checks: each adds to problems and never stops early ---- */

/* prefix.key; a path too long for out is cut (it only names the field in a message). */
static void join_path(char *out, size_t size, const char *prefix, const char *key)
{
    if (snprintf(out, size, "%s%s%s", prefix, *prefix ? "." : "", key) >= (int)size) {
        out[size - 1] = '\0';
    }
}

/* A problem at prefix.key. The path is only written when there is a
 * problem: a valid payload costs no formatting. */
static void problem_at(isync_problems *problems, const char *prefix, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void problem_at(isync_problems *problems, const char *prefix, const char *key, const char *fmt, ...)
{
    char path[128], message[sizeof problems->items[0].message];
    va_list ap;
    join_path(path, sizeof path, prefix, key);
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    isync_problems_add(problems, path, "%s", message);
}

/* prefix[index], cut like join_path. */
static void index_path(char *out, size_t size, const char *prefix, size_t index)
{
    if (snprintf(out, size, "%s[%zu]", prefix, index) >= (int)size) {
        out[size - 1] = '\0';
    }
}

static const char *check_string(json_t *obj, const char *prefix, const char *key, int required, size_t max_len,
                                isync_problems *problems)
{
    json_t *value = json_object_get(obj, key);
    if (!value || json_is_null(value)) {
        if (required) {
            problem_at(problems, prefix, key, "is required");
        }
        return NULL;
    }
    if (json_is_integer(value)) {
        /* ids such as order_number are often ints in PHP: keep them as text. */
        char text[32];
        snprintf(text, sizeof text, "%" JSON_INTEGER_FORMAT, json_integer_value(value));
        json_object_set_new(obj, key, json_string(text));
        value = json_object_get(obj, key);
    }
    if (!json_is_string(value)) {
        problem_at(problems, prefix, key, "must be a string");
        return NULL;
    }
    const char *text = json_string_value(value);
    if (required && text[0] == '\0') {
        problem_at(problems, prefix, key, "must not be empty");
        return NULL;
    }
    if (max_len && isync_utf8_length(text) > max_len) {
        problem_at(problems, prefix, key, "is %zu characters, Infor allows %zu", isync_utf8_length(text), max_len);
    }
    return text;
}

enum { MONEY_ANY = 0, MONEY_NOT_NEGATIVE = 1, MONEY_POSITIVE = 2 };

static void check_decimal(json_t *obj, const char *prefix, const char *key, int required, int sign_rule,
                          isync_problems *problems)
{
    char number[32], normal[64];
    const char *text = number;
    json_t *value = json_object_get(obj, key);
    if (!value || json_is_null(value)) {
        if (required) {
            problem_at(problems, prefix, key, "is required");
        }
        return;
    }
    if (json_is_integer(value)) {
        snprintf(number, sizeof number, "%" JSON_INTEGER_FORMAT, json_integer_value(value));
    } else if (json_is_string(value) && json_string_length(value) < sizeof normal) {
        text = json_string_value(value);
    } else {
        problem_at(problems, prefix, key, "must be a decimal number (string or integer)");
        return;
    }
    if (!isync_decimal_normalise(text, normal, sizeof normal)) {
        problem_at(problems, prefix, key, "must be a decimal number like \"19.99\" (digits, '.' as separator)");
        return;
    }
    int sign = isync_decimal_text_sign(normal);
    if ((sign_rule == MONEY_NOT_NEGATIVE && sign < 0) || (sign_rule == MONEY_POSITIVE && sign <= 0)) {
        problem_at(problems, prefix, key, "must be %s", sign_rule == MONEY_POSITIVE ? "greater than 0" : "0 or more");
        return;
    }
    if (!json_is_string(value) || strcmp(text, normal) != 0) {
        json_object_set_new(obj, key, json_string(normal)); /* already canonical: left as it is */
    }
}

static void check_code(json_t *obj, const char *key, const char *const *allowed, isync_problems *problems)
{
    const char *code = check_string(obj, "", key, 0, 0, problems);
    if (!code) {
        return;
    }
    for (size_t i = 0; allowed[i]; i++) {
        if (strcmp(code, allowed[i]) == 0) {
            return;
        }
    }
    isync_problems_add(problems, key, "unknown X-Cart status code \"%.16s\"", code);
}

static int all_upper_letters(const char *text, size_t len)
{
    if (strlen(text) != len) {
        return 0;
    }
    for (size_t i = 0; i < len; i++) {
        if (text[i] < 'A' || text[i] > 'Z') {
            return 0;
        }
    }
    return 1;
}

/* An address object under key: the required fields present, state and
 * phone optional, country an ISO code. */
static void check_address_fields(json_t *payload, const char *key, int required, const char *const *required_fields,
                                 isync_problems *problems)
{
    json_t *address = json_object_get(payload, key);
    if (!address || json_is_null(address)) {
        if (required) {
            isync_problems_add(problems, key, "is required");
        }
        return;
    }
    if (!json_is_object(address)) {
        char keys[128] = "";
        for (size_t i = 0; required_fields[i]; i++) {
            snprintf(keys + strlen(keys), sizeof keys - strlen(keys), "%s%s", i ? ", " : "", required_fields[i]);
        }
        isync_problems_add(problems, key, "must be an array with keys %s", keys);
        return;
    }
    for (size_t i = 0; required_fields[i]; i++) {
        check_string(address, key, required_fields[i], 1, 0, problems);
    }
    check_string(address, key, "company", 0, 0, problems);
    check_string(address, key, "street2", 0, 0, problems);
    check_string(address, key, "state", 0, 0, problems);
    check_string(address, key, "phone", 0, 0, problems);
    const char *country = json_string_value(json_object_get(address, "country"));
    if (country && *country && !all_upper_letters(country, 2)) {
        problem_at(problems, key, "country", "must be an ISO 3166-1 alpha-2 code like \"DE\"");
    }
}

static void check_address(json_t *payload, const char *key, int required, isync_problems *problems)
{
    static const char *const required_fields[] = {"firstname", "lastname", "street", "city",
                                                  "zipcode",   "country",  NULL};
    check_address_fields(payload, key, required, required_fields, problems);
}

static void check_bool(json_t *obj, const char *prefix, const char *key, isync_problems *problems)
{
    json_t *value = json_object_get(obj, key);
    if (value && !json_is_null(value) && !json_is_boolean(value)) {
        problem_at(problems, prefix, key, "must be true or false");
    }
}

/* "DE" or "US-CA": an ISO 3166-1 alpha-2 country, optionally an ISO 3166-2 subdivision. */
static int is_jurisdiction(const char *text)
{
    size_t sub = 0;
    if (strlen(text) < 2 || text[0] < 'A' || text[0] > 'Z' || text[1] < 'A' || text[1] > 'Z') {
        return 0;
    }
    if (text[2] == '\0') {
        return 1;
    }
    sub = strspn(text + 3, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
    return text[2] == '-' && sub >= 1 && sub <= 3 && text[3 + sub] == '\0';
}

static void check_surcharge_type(json_t *surcharge, const char *prefix, isync_problems *problems)
{
    static const char *const types[] = {"tax", "shipping", "discount", "handling", NULL};
    const char *type = check_string(surcharge, prefix, "type", 1, 0, problems);
    if (!type || !*type) {
        return;
    }
    for (size_t i = 0; types[i]; i++) {
        if (strcmp(type, types[i]) == 0) {
            return;
        }
    }
    problem_at(problems, prefix, "type", "must be one of tax, shipping, discount, handling (X-Cart's surcharge types)");
}

/* One X-Cart surcharge (XLite\Model\Base\Surcharge); the amount may be negative (discounts). */
static void check_surcharge(json_t *surcharge, const char *prefix, isync_problems *problems)
{
    if (!json_is_object(surcharge)) {
        isync_problems_add(problems, prefix, "must be an array with keys type, code, amount");
        return;
    }
    check_surcharge_type(surcharge, prefix, problems);
    check_string(surcharge, prefix, "code", 1, 0, problems);
    check_string(surcharge, prefix, "name", 0, 0, problems);
    check_decimal(surcharge, prefix, "amount", 1, MONEY_ANY, problems);
    check_bool(surcharge, prefix, "include", problems);
    const char *jurisdiction = check_string(surcharge, prefix, "jurisdiction", 0, 0, problems);
    if (jurisdiction && *jurisdiction && !is_jurisdiction(jurisdiction)) {
        problem_at(problems, prefix, "jurisdiction",
                   "must be a country or country-subdivision code like \"DE\" or \"US-CA\"");
    }
}

/* The optional list under prefix.key (its path written to path when it is
 * a list); NULL when it is absent or null, or not a list (then a problem
 * saying `what`). */
static json_t *optional_list(json_t *obj, const char *prefix, const char *key, char *path, size_t size,
                             const char *what, isync_problems *problems)
{
    json_t *list = json_object_get(obj, key);
    if (!list || json_is_null(list)) {
        return NULL;
    }
    if (!json_is_array(list)) {
        problem_at(problems, prefix, key, "%s", what);
        return NULL;
    }
    join_path(path, size, prefix, key);
    return list;
}

/* Optional list of surcharges under prefix.surcharges. */
static void check_surcharges(json_t *obj, const char *prefix, isync_problems *problems)
{
    char path[128], element[128];
    json_t *list = optional_list(obj, prefix, "surcharges", path, sizeof path,
                                 "must be a list of surcharges (arrays with keys type, code, amount)", problems);
    json_t *surcharge;
    size_t index;

    json_array_foreach(list, index, surcharge)
    {
        index_path(element, sizeof element, path, index);
        check_surcharge(surcharge, element, problems);
    }
}

/* Optional list of strings, such as an order line's categories. */
static void check_string_list(json_t *obj, const char *prefix, const char *key, isync_problems *problems)
{
    char path[128], element[128];
    json_t *list = optional_list(obj, prefix, key, path, sizeof path, "must be a list of strings", problems);
    json_t *value;
    size_t index;

    json_array_foreach(list, index, value)
    {
        if (!json_is_string(value)) {
            index_path(element, sizeof element, path, index);
            isync_problems_add(problems, element, "must be a string");
        }
    }
}

/* The optional X-Cart OrderItem details a template may map. */
static void check_item_details(json_t *item, const char *prefix, isync_problems *problems)
{
    check_decimal(item, prefix, "net_price", 0, MONEY_NOT_NEGATIVE, problems);
    check_decimal(item, prefix, "total", 0, MONEY_NOT_NEGATIVE, problems);
    check_string(item, prefix, "product_class", 0, 0, problems);
    check_string(item, prefix, "variant_sku", 0, 0, problems);
    check_string_list(item, prefix, "categories", problems);
    check_surcharges(item, prefix, problems);
}

static void check_items(json_t *payload, isync_problems *problems)
{
    json_t *items = json_object_get(payload, "items");
    size_t index;
    json_t *item;
    char prefix[64];

    if (!json_is_array(items) || json_array_size(items) == 0) {
        isync_problems_add(problems, "items", items ? "must be a non-empty list of order lines" : "is required");
        return;
    }
    json_array_foreach(items, index, item)
    {
        snprintf(prefix, sizeof prefix, "items[%zu]", index);
        if (!json_is_object(item)) {
            isync_problems_add(problems, prefix, "must be an array with keys sku, price, quantity");
            continue;
        }
        check_string(item, prefix, "sku", 1, 0, problems); /* ITNO's length: the template's check */
        check_string(item, prefix, "name", 0, 0, problems);
        check_decimal(item, prefix, "price", 1, MONEY_NOT_NEGATIVE, problems);
        check_decimal(item, prefix, "quantity", 1, MONEY_POSITIVE, problems);
        check_decimal(item, prefix, "discount", 0, MONEY_NOT_NEGATIVE, problems);
        check_item_details(item, prefix, problems);
    }
}

/* An X-Cart profile id: digits, normalised without leading zeros. It
 * becomes part of the Infor customer number, hence the length limit. */
static void check_profile_id(json_t *payload, const char *key, int required, isync_problems *problems)
{
    const char *id = check_string(payload, "", key, required, 0, problems);
    if (!id || !*id) {
        return;
    }
    size_t len = strlen(id);
    if (strspn(id, "0123456789") != len) {
        isync_problems_add(problems, key, "must be an X-Cart profile id (digits)");
        return;
    }
    while (len > 1 && *id == '0') {
        id++;
        len--;
    }
    if (strcmp(id, "0") == 0) {
        isync_problems_add(problems, key, "must be an X-Cart profile id greater than 0");
    } else if (len > PROFILE_ID_DIGITS) {
        isync_problems_add(problems, key,
                           "is longer than %d digits: it must fit the 10-character Infor customer "
                           "number after the customer_prefix",
                           PROFILE_ID_DIGITS);
    } else if (id != json_string_value(json_object_get(payload, key))) {
        json_object_set_new(payload, key, json_string(id));
    }
}

static void check_email(json_t *payload, size_t max_len, isync_problems *problems)
{
    const char *email = check_string(payload, "", "email", 1, max_len, problems);
    if (email && *email && !strchr(email, '@')) {
        isync_problems_add(problems, "email", "is not an e-mail address");
    }
}

/* customer.created (address required) and customer.updated. */
static void validate_customer(json_t *payload, int created, isync_problems *problems)
{
    static const char *const address_fields[] = {"street", "city", "zipcode", "country", NULL};
    check_profile_id(payload, "profile_id", 1, problems);
    check_email(payload, MAIL_LENGTH, problems);
    check_string(payload, "", "firstname", 1, 0, problems);
    check_string(payload, "", "lastname", 1, 0, problems);
    check_string(payload, "", "company", 0, 0, problems);
    check_string(payload, "", "phone", 0, 0, problems);
    check_address_fields(payload, "address", created, address_fields, problems);
    check_string(payload, "", "infor_customer", 0, CUNO_LENGTH, problems);
}

static void validate_order_placed(json_t *payload, isync_problems *problems)
{
    static const char *const payment_codes[] = {"Q", "A", "PP", "P", "D", "C", "R", NULL};
    static const char *const shipping_codes[] = {"N", "P", "S", "D", "WND", "R", "WFA", "NBA", NULL};
    char m3_date[9];

    check_string(payload, "", "order_id", 1, 0, problems);
    check_string(payload, "", "order_number", 1, CUOR_LENGTH, problems);
    const char *date = check_string(payload, "", "date", 1, 0, problems);
    if (date && *date && !isync_iso8601_to_m3_date(date, m3_date)) {
        isync_problems_add(problems, "date", "must be an ISO 8601 date or date-time like \"2026-11-26T14:03:00Z\"");
    }
    check_profile_id(payload, "customer_id", 0, problems);
    check_email(payload, 0, problems);
    check_string(payload, "", "infor_customer", 0, CUNO_LENGTH, problems);
    const char *currency = check_string(payload, "", "currency", 1, 0, problems);
    if (currency && *currency && !all_upper_letters(currency, 3)) {
        isync_problems_add(problems, "currency", "must be an ISO 4217 code like \"EUR\"");
    }
    check_decimal(payload, "", "total_amount", 1, MONEY_NOT_NEGATIVE, problems);
    check_string(payload, "", "status", 0, 0, problems);
    check_code(payload, "payment_status", payment_codes, problems);
    check_code(payload, "shipping_status", shipping_codes, problems);
    check_string(payload, "", "payment_method", 0, 0, problems);
    check_string(payload, "", "transaction_id", 0, 0, problems);
    check_address(payload, "billing_address", 1, problems);
    check_address(payload, "shipping_address", 0, problems);
    check_items(payload, problems);
    check_surcharges(payload, "", problems);
}

static void check_date(json_t *payload, int required, isync_problems *problems)
{
    char m3_date[9];
    const char *date = check_string(payload, "", "date", required, 0, problems);
    if (date && *date && !isync_iso8601_to_m3_date(date, m3_date)) {
        isync_problems_add(problems, "date", "must be an ISO 8601 date or date-time like \"2026-11-26T14:03:00Z\"");
    }
}

/* order.status_changed: the order's new X-Cart payment and/or shipping status. */
static void validate_status_changed(json_t *payload, isync_problems *problems)
{
    check_string(payload, "", "order_number", 1, CUOR_LENGTH, problems);
    check_code(payload, "payment_status", isync_xc_payment_codes, problems);
    check_code(payload, "shipping_status", isync_xc_shipping_codes, problems);
    check_code(payload, "previous_payment_status", isync_xc_payment_codes, problems);
    check_code(payload, "previous_shipping_status", isync_xc_shipping_codes, problems);
    json_t *payment = json_object_get(payload, "payment_status");
    json_t *shipping = json_object_get(payload, "shipping_status");
    if ((!payment || json_is_null(payment)) && (!shipping || json_is_null(shipping))) {
        isync_problems_add(problems, "payment_status",
                           "is required when shipping_status is not given (at least one of them)");
    }
    check_date(payload, 0, problems);
}

/* payment.captured / payment.refunded / payment.voided: one X-Cart payment transaction. */
static void validate_payment(json_t *payload, isync_problems *problems)
{
    check_string(payload, "", "order_number", 1, CUOR_LENGTH, problems);
    check_string(payload, "", "transaction_id", 1, IRNO_LENGTH, problems);
    check_decimal(payload, "", "amount", 1, MONEY_POSITIVE, problems);
    const char *currency = check_string(payload, "", "currency", 1, 0, problems);
    if (currency && *currency && !all_upper_letters(currency, 3)) {
        isync_problems_add(problems, "currency", "must be an ISO 4217 code like \"EUR\"");
    }
    check_date(payload, 1, problems);
    check_string(payload, "", "method", 0, 0, problems);
    check_string(payload, "", "infor_customer", 0, CUNO_LENGTH, problems);
}

static int is_payment_type(const char *type)
{
    return strcmp(type, "payment.captured") == 0 || strcmp(type, "payment.refunded") == 0 ||
        strcmp(type, "payment.voided") == 0;
}

isync_status isync_event_validate(const char *type, json_t *payload, isync_problems *problems)
{
    memset(problems, 0, sizeof *problems);
    if (!json_is_object(payload)) {
        isync_problems_add(problems, "payload", "must be an array with string keys");
        return ISYNC_ERR_INVALID;
    }
    if (strcmp(type, "order.placed") == 0) {
        validate_order_placed(payload, problems);
    } else if (strcmp(type, "customer.created") == 0 || strcmp(type, "customer.updated") == 0) {
        validate_customer(payload, strcmp(type, "customer.created") == 0, problems);
    } else if (strcmp(type, "order.status_changed") == 0) {
        validate_status_changed(payload, problems);
    } else if (is_payment_type(type)) {
        validate_payment(payload, problems);
    } else {
        isync_problems_add(problems, "type", "unknown event type \"%.40s\"", type);
    }
    return problems->count ? ISYNC_ERR_INVALID : ISYNC_OK;
}

static void add_key(json_t *keys, const char *kind, const char *value)
{
    char key[160];
    if (value && *value) {
        snprintf(key, sizeof key, "%s:%s", kind, value);
        for (char *p = key + strlen(kind) + 1; *p; p++) {
            *p = (char)tolower((unsigned char)*p);
        }
        json_array_append_new(keys, json_string(key));
    }
}

json_t *isync_event_entity_keys(json_t *envelope)
{
    json_t *keys = json_array();
    const char *type = json_string_value(json_object_get(envelope, "type"));
    json_t *payload = json_object_get(envelope, "payload");
    const char *customer = json_string_value(json_object_get(payload, "customer_id"));

    if (!type) {
        return keys;
    }
    if (strncmp(type, "order.", 6) == 0 || strncmp(type, "payment.", 8) == 0) {
        add_key(keys, "order", json_string_value(json_object_get(payload, "order_number")));
    }
    if (strncmp(type, "customer.", 9) == 0) {
        customer = json_string_value(json_object_get(payload, "profile_id"));
    }
    if (strcmp(type, "order.placed") == 0 || strncmp(type, "customer.", 9) == 0) {
        add_key(keys, "customer",
                customer && *customer ? customer : json_string_value(json_object_get(payload, "email")));
    }
    return keys;
}

json_t *isync_event_envelope(const char *id, const char *type, const char *idempotency_key, json_t *payload)
{
    char created[ISYNC_TIMESTAMP_SIZE];
    isync_utc_timestamp(created);

    return json_pack("{s:i, s:s, s:s, s:s, s:s?, s:O}", "v", 1, "id", id, "type", type, "created_at", created,
                     "idempotency_key", idempotency_key, "payload", payload);
}

isync_status isync_event_enqueue(const isync_spool *spool, const char *type, const char *idempotency_key,
                                 json_t *payload, char id[ISYNC_ID_SIZE], isync_error *err)
{
    char new_id[ISYNC_ID_SIZE], existing[ISYNC_ID_SIZE], text[8192];
    isync_status st = isync_spool_new_id(new_id, err);
    if (st != ISYNC_OK) {
        return st;
    }
    /* the text straight into a buffer: no growing string, no copy of it */
    json_t *envelope = isync_event_envelope(new_id, type, idempotency_key, payload);
    size_t len = json_dumpb(envelope, text, sizeof text, JSON_COMPACT);
    if (len > ISYNC_PAYLOAD_MAX_BYTES) {
        json_decref(envelope);
        return isync_fail(err, ISYNC_ERR_INVALID, 0, "is %zu bytes as JSON, more than the %u allowed", len,
                          ISYNC_PAYLOAD_MAX_BYTES);
    }
    char *body = len > sizeof text ? malloc(len) : text;
    if (body != text && body) {
        len = json_dumpb(envelope, body, len, JSON_COMPACT);
    }
    json_decref(envelope);
    if (!body || len == 0) {
        return isync_fail(err, ISYNC_ERR_NOMEM, 0, "cannot serialise the %s event", type);
    }
    st = isync_spool_put(spool, new_id, body, len, idempotency_key, existing, err);
    if (body != text) {
        free(body);
    }
    memcpy(id, st == ISYNC_ERR_EXISTS ? existing : new_id, ISYNC_ID_SIZE);
    return st;
}
