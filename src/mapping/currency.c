#include "mapping/currency.h"

#include <ctype.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "queue/event.h"

/* Limits that keep amount × rate exact within 38 digits: 10^20 · 10^18. */
#define AMOUNT_MAX_DIGITS 20
#define RATE_MAX_DIGITS 18
#define MAX_DECIMALS 18
#define RATE_SIGNIFICANT 10
#define DECIMAL_TEXT 64

typedef struct {
    char code[4];
    char text[DECIMAL_TEXT]; /* canonical, as dumped */
    isync_decimal value;
} rate_entry;

struct isync_rates {
    char base[4];
    char date[11];
    size_t count;
    rate_entry *rates;
};

/* ISO 4217 active codes with their minor units (funds codes such as BOV and
 * CHE included, precious metals and test codes not). */
static const struct {
    const char code[4];
    int minor_units;
} currencies[] = {
    {"AED", 2}, {"AFN", 2}, {"ALL", 2}, {"AMD", 2}, {"ANG", 2}, {"AOA", 2}, {"ARS", 2}, {"AUD", 2}, {"AWG", 2},
    {"AZN", 2}, {"BAM", 2}, {"BBD", 2}, {"BDT", 2}, {"BGN", 2}, {"BHD", 3}, {"BIF", 0}, {"BMD", 2}, {"BND", 2},
    {"BOB", 2}, {"BOV", 2}, {"BRL", 2}, {"BSD", 2}, {"BTN", 2}, {"BWP", 2}, {"BYN", 2}, {"BZD", 2}, {"CAD", 2},
    {"CDF", 2}, {"CHE", 2}, {"CHF", 2}, {"CHW", 2}, {"CLF", 4}, {"CLP", 0}, {"CNY", 2}, {"COP", 2}, {"COU", 2},
    {"CRC", 2}, {"CUC", 2}, {"CUP", 2}, {"CVE", 2}, {"CZK", 2}, {"DJF", 0}, {"DKK", 2}, {"DOP", 2}, {"DZD", 2},
    {"EGP", 2}, {"ERN", 2}, {"ETB", 2}, {"EUR", 2}, {"FJD", 2}, {"FKP", 2}, {"GBP", 2}, {"GEL", 2}, {"GHS", 2},
    {"GIP", 2}, {"GMD", 2}, {"GNF", 0}, {"GTQ", 2}, {"GYD", 2}, {"HKD", 2}, {"HNL", 2}, {"HTG", 2}, {"HUF", 2},
    {"IDR", 2}, {"ILS", 2}, {"INR", 2}, {"IQD", 3}, {"IRR", 2}, {"ISK", 0}, {"JMD", 2}, {"JOD", 3}, {"JPY", 0},
    {"KES", 2}, {"KGS", 2}, {"KHR", 2}, {"KMF", 0}, {"KPW", 2}, {"KRW", 0}, {"KWD", 3}, {"KYD", 2}, {"KZT", 2},
    {"LAK", 2}, {"LBP", 2}, {"LKR", 2}, {"LRD", 2}, {"LSL", 2}, {"LYD", 3}, {"MAD", 2}, {"MDL", 2}, {"MGA", 2},
    {"MKD", 2}, {"MMK", 2}, {"MNT", 2}, {"MOP", 2}, {"MRU", 2}, {"MUR", 2}, {"MVR", 2}, {"MWK", 2}, {"MXN", 2},
    {"MXV", 2}, {"MYR", 2}, {"MZN", 2}, {"NAD", 2}, {"NGN", 2}, {"NIO", 2}, {"NOK", 2}, {"NPR", 2}, {"NZD", 2},
    {"OMR", 3}, {"PAB", 2}, {"PEN", 2}, {"PGK", 2}, {"PHP", 2}, {"PKR", 2}, {"PLN", 2}, {"PYG", 0}, {"QAR", 2},
    {"RON", 2}, {"RSD", 2}, {"RUB", 2}, {"RWF", 0}, {"SAR", 2}, {"SBD", 2}, {"SCR", 2}, {"SDG", 2}, {"SEK", 2},
    {"SGD", 2}, {"SHP", 2}, {"SLE", 2}, {"SLL", 2}, {"SOS", 2}, {"SRD", 2}, {"SSP", 2}, {"STN", 2}, {"SVC", 2},
    {"SYP", 2}, {"SZL", 2}, {"THB", 2}, {"TJS", 2}, {"TMT", 2}, {"TND", 3}, {"TOP", 2}, {"TRY", 2}, {"TTD", 2},
    {"TWD", 2}, {"TZS", 2}, {"UAH", 2}, {"UGX", 0}, {"USD", 2}, {"USN", 2}, {"UYI", 0}, {"UYU", 2}, {"UYW", 4},
    {"UZS", 2}, {"VED", 2}, {"VES", 2}, {"VND", 0}, {"VUV", 0}, {"WST", 2}, {"XAF", 0}, {"XCD", 2}, {"XCG", 2},
    {"XOF", 0}, {"XPF", 0}, {"YER", 2}, {"ZAR", 2}, {"ZMW", 2}, {"ZWG", 2}, {"ZWL", 2},
};

int isync_currency_minor_units(const char *code)
{
    for (size_t i = 0; code && i < sizeof currencies / sizeof currencies[0]; i++) {
        if (strcmp(currencies[i].code, code) == 0) {
            return currencies[i].minor_units;
        }
    }
    return -1;
}

/* ---- exact decimals (base/decimal) ------------------------------------- */

/* Parses a canonical decimal, trailing zeros of the fraction dropped; 0 when
 * it has more than max_digits digits or places. */
static int decimal_parse(const char *canonical, int max_digits, isync_decimal *out)
{
    isync_decimal value;
    if (isync_decimal_parse(canonical, &value) != ISYNC_DECIMAL_OK) {
        return 0;
    }
    value = isync_decimal_trim(value);
    if (isync_decimal_digits(value) > max_digits || value.scale > max_digits) {
        return 0;
    }
    *out = value;
    return 1;
}

/* ---- the table --------------------------------------------------------- */

static int is_iso_date(const char *text)
{
    int year, month, day, used = 0;
    if (strlen(text) != 10 || sscanf(text, "%4d-%2d-%2d%n", &year, &month, &day, &used) != 3 || used != 10 ||
        text[4] != '-' || text[7] != '-' || !isdigit((unsigned char)text[0])) {
        return 0;
    }
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (month < 1 || month > 12 || day < 1 || day > days[month - 1]) {
        return 0;
    }
    return month != 2 || day <= 28 + leap;
}

/* A rate given as a string or JSON number, as canonical decimal text. */
static int rate_text(json_t *value, char *out, size_t size)
{
    char raw[DECIMAL_TEXT];
    if (json_is_string(value) && json_string_length(value) < sizeof raw) {
        snprintf(raw, sizeof raw, "%s", json_string_value(value));
    } else if (json_is_integer(value)) {
        snprintf(raw, sizeof raw, "%" JSON_INTEGER_FORMAT, json_integer_value(value));
    } else if (json_is_real(value)) {
        /* 15 significant digits give back the decimal a JSON number was written as */
        snprintf(raw, sizeof raw, "%.15g", json_real_value(value));
    } else {
        return 0;
    }
    return isync_decimal_normalise(raw, out, size);
}

static isync_status parse_rate(const char *code, json_t *value, const char *base, rate_entry *entry, isync_error *err)
{
    if (isync_currency_minor_units(code) < 0) {
        return isync_fail(err, ISYNC_ERR_INVALID, 0, "rates.%s: not an ISO 4217 currency code", code);
    }
    if (!rate_text(value, entry->text, sizeof entry->text)) {
        return isync_fail(err, ISYNC_ERR_INVALID, 0, "rates.%s: must be a decimal number (a string such as \"1.0842\")",
                          code);
    }
    if (isync_decimal_text_sign(entry->text) <= 0) {
        return isync_fail(err, ISYNC_ERR_INVALID, 0, "rates.%s: must be positive, not %s", code, entry->text);
    }
    if (!decimal_parse(entry->text, RATE_MAX_DIGITS, &entry->value)) {
        return isync_fail(err, ISYNC_ERR_INVALID, 0, "rates.%s: more than %d digits", code, RATE_MAX_DIGITS);
    }
    if (strcmp(code, base) == 0 && isync_decimal_compare(entry->value, isync_decimal_from_int(1)) != 0) {
        return isync_fail(err, ISYNC_ERR_INVALID, 0, "rates.%s: the base currency's rate must be 1", code);
    }
    snprintf(entry->code, sizeof entry->code, "%s", code);
    return ISYNC_OK;
}

static isync_status parse_header(json_t *root, isync_rates *rates, isync_error *err)
{
    if (!json_is_object(root)) {
        return isync_fail(err, ISYNC_ERR_INVALID, 0, "rate table: must be a JSON object");
    }
    const char *base = json_string_value(json_object_get(root, "base"));
    const char *date = json_string_value(json_object_get(root, "date"));
    if (!base) {
        return isync_fail(err, ISYNC_ERR_INVALID, 0, "base: is required (an ISO 4217 code)");
    }
    if (isync_currency_minor_units(base) < 0) {
        return isync_fail(err, ISYNC_ERR_INVALID, 0, "base: \"%.8s\" is not an ISO 4217 currency code", base);
    }
    if (!date || !is_iso_date(date)) {
        return isync_fail(err, ISYNC_ERR_INVALID, 0, "date: is required as yyyy-mm-dd");
    }
    if (!json_is_object(json_object_get(root, "rates"))) {
        return isync_fail(err, ISYNC_ERR_INVALID, 0, "rates: is required (an object)");
    }
    snprintf(rates->base, sizeof rates->base, "%s", base);
    snprintf(rates->date, sizeof rates->date, "%s", date);
    return ISYNC_OK;
}

static isync_status parse_table(json_t *root, isync_rates *rates, isync_error *err)
{
    isync_status st = parse_header(root, rates, err);
    if (st != ISYNC_OK) {
        return st;
    }
    json_t *table = json_object_get(root, "rates"), *value;
    const char *code;
    rates->rates = calloc(json_object_size(table) + 1, sizeof *rates->rates);
    if (!rates->rates) {
        return isync_fail(err, ISYNC_ERR_NOMEM, 0, "rate table: out of memory");
    }
    json_object_foreach(table, code, value)
    {
        st = parse_rate(code, value, rates->base, &rates->rates[rates->count], err);
        if (st != ISYNC_OK) {
            return st;
        }
        rates->count++;
    }
    return ISYNC_OK;
}

isync_status isync_rates_parse(const char *text, size_t len, isync_rates **out, isync_error *err)
{
    json_error_t jerr;
    *out = NULL;
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!root) {
        return isync_fail(err, ISYNC_ERR_INVALID, 0, "rate table: not JSON (line %d: %s)", jerr.line, jerr.text);
    }
    isync_rates *rates = calloc(1, sizeof *rates);
    isync_status st = rates ? parse_table(root, rates, err)
                            : isync_fail(err, ISYNC_ERR_NOMEM, 0, "rate table: out of memory");
    json_decref(root);
    if (st != ISYNC_OK) {
        isync_rates_free(rates);
        return st;
    }
    *out = rates;
    return ISYNC_OK;
}

static int is_url(const char *source)
{
    return strncmp(source, "http://", 7) == 0 || strncmp(source, "https://", 8) == 0;
}

static isync_status fetch_url(const char *url, isync_http *http, isync_rates **out, isync_error *err)
{
    if (!http) {
        return isync_fail(err, ISYNC_ERR_CONFIG, 0, "rate source %s: no HTTP client", url);
    }
    isync_http_response resp;
    const char *const headers[] = {"Accept: application/json", NULL};
    isync_status st = isync_http_request(http, "GET", url, headers, NULL, 0, &resp, err);
    if (st == ISYNC_OK && resp.status != 200) {
        st = isync_fail(err, ISYNC_ERR_HTTP, 0, "rate source answered HTTP %ld", resp.status);
    }
    if (st == ISYNC_OK) {
        st = isync_rates_parse(resp.body ? resp.body : "", resp.body_len, out, err);
    }
    isync_http_response_clear(&resp);
    return st;
}

#define MAX_RATE_FILE (4 * 1024 * 1024)

static isync_status fetch_file(const char *path, isync_rates **out, isync_error *err)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        int saved = errno;
        return isync_fail(err, saved == ENOENT ? ISYNC_ERR_NOTFOUND : ISYNC_ERR_IO, saved, "rate file %s: %s", path,
                          strerror(saved));
    }
    char *text = malloc(MAX_RATE_FILE + 1);
    size_t len = text ? fread(text, 1, MAX_RATE_FILE + 1, fp) : 0;
    int failed = ferror(fp);
    fclose(fp);
    isync_status st;
    if (!text) {
        st = isync_fail(err, ISYNC_ERR_NOMEM, 0, "rate file: out of memory");
    } else if (failed) {
        st = isync_fail(err, ISYNC_ERR_IO, EIO, "rate file %s: read error", path);
    } else if (len > MAX_RATE_FILE) {
        st = isync_fail(err, ISYNC_ERR_INVALID, 0, "rate file %s: larger than 4 MiB", path);
    } else {
        st = isync_rates_parse(text, len, out, err);
    }
    free(text);
    return st;
}

isync_status isync_rates_fetch(const char *source, isync_http *http, isync_rates **out, isync_error *err)
{
    *out = NULL;
    if (!source || !*source) {
        return isync_fail(err, ISYNC_ERR_CONFIG, 0, "rate source: not set");
    }
    return is_url(source) ? fetch_url(source, http, out, err) : fetch_file(source, out, err);
}

char *isync_rates_dump(const isync_rates *rates)
{
    json_t *table = json_object();
    for (size_t i = 0; i < rates->count; i++) {
        json_object_set_new(table, rates->rates[i].code, json_string(rates->rates[i].text));
    }
    json_t *root = json_pack("{s:s, s:s, s:o}", "base", rates->base, "date", rates->date, "rates", table);
    char *text = root ? json_dumps(root, JSON_SORT_KEYS | JSON_INDENT(2)) : NULL;
    json_decref(root);
    return text;
}

void isync_rates_free(isync_rates *rates)
{
    if (rates) {
        free(rates->rates);
        free(rates);
    }
}

const char *isync_rates_base(const isync_rates *rates)
{
    return rates->base;
}

const char *isync_rates_date(const isync_rates *rates)
{
    return rates->date;
}

/* ---- conversion -------------------------------------------------------- */

/* Units of code per one base unit; 0 when the table lacks code. */
static int rate_of(const isync_rates *rates, const char *code, isync_decimal *out)
{
    if (strcmp(code, rates->base) == 0) {
        *out = isync_decimal_from_int(1);
        return 1;
    }
    for (size_t i = 0; i < rates->count; i++) {
        if (strcmp(rates->rates[i].code, code) == 0) {
            *out = rates->rates[i].value;
            return 1;
        }
    }
    return 0;
}

/* to_rate / from_rate with RATE_SIGNIFICANT significant digits, trailing zeros dropped. */
static int format_cross_rate(isync_decimal from_rate, isync_decimal to_rate, char *out, size_t size)
{
    isync_decimal rate = isync_decimal_from_int(0);
    /* the fewest decimals that show RATE_SIGNIFICANT digits (none for a rate >= 10^9) */
    for (int decimals = 0; decimals <= ISYNC_DECIMAL_DIGITS; decimals++) {
        if (isync_decimal_div(to_rate, from_rate, decimals, &rate) != ISYNC_DECIMAL_OK) {
            return 0;
        }
        if (isync_decimal_digits(rate) >= RATE_SIGNIFICANT) {
            break;
        }
    }
    return isync_decimal_text(isync_decimal_trim(rate), out, size) == ISYNC_DECIMAL_OK;
}

/* amount as a decimal of at most AMOUNT_MAX_DIGITS digits and places. */
static isync_status read_amount(const char *amount, isync_decimal *value, isync_error *err)
{
    char canonical[DECIMAL_TEXT];
    if (!amount || strlen(amount) >= sizeof canonical ||
        !isync_decimal_normalise(amount, canonical, sizeof canonical)) {
        return isync_fail(err, ISYNC_ERR_INVALID, 0, "amount \"%.40s\": not a decimal number", amount ? amount : "");
    }
    if (!decimal_parse(canonical, AMOUNT_MAX_DIGITS, value)) {
        return isync_fail(err, ISYNC_ERR_INVALID, 0, "amount %s: more than %d digits", canonical, AMOUNT_MAX_DIGITS);
    }
    return ISYNC_OK;
}

/* amount · to_rate / from_rate rounded half away from zero to decimals places. */
static int convert_text(isync_decimal amount, isync_decimal from_rate, isync_decimal to_rate, int decimals, char *out,
                        size_t size)
{
    isync_decimal product, result;
    return isync_decimal_mul(amount, to_rate, &product) == ISYNC_DECIMAL_OK &&
        isync_decimal_div(product, from_rate, decimals, &result) == ISYNC_DECIMAL_OK &&
        isync_decimal_text(result, out, size) == ISYNC_DECIMAL_OK;
}

static isync_status write_text(char *out, size_t size, const char *text, const char *what, isync_error *err)
{
    if (strlen(text) >= size) {
        return isync_fail(err, ISYNC_ERR_INVALID, 0, "%s: output buffer too small", what);
    }
    memcpy(out, text, strlen(text) + 1);
    return ISYNC_OK;
}

isync_status isync_rates_convert(const isync_rates *rates, const char *amount, const char *from, const char *to,
                                 int decimals, char *out, size_t out_size, char *rate_out, size_t rate_size,
                                 isync_error *err)
{
    isync_decimal amount_value, from_rate, to_rate;
    char result[DECIMAL_TEXT], rate[DECIMAL_TEXT];
    if (decimals < 0 || decimals > MAX_DECIMALS) {
        return isync_fail(err, ISYNC_ERR_INVALID, 0, "decimals %d: must be 0 to %d", decimals, MAX_DECIMALS);
    }
    isync_status st = read_amount(amount, &amount_value, err);
    if (st != ISYNC_OK) {
        return st;
    }
    if (!from || !rate_of(rates, from, &from_rate)) {
        return isync_fail(err, ISYNC_ERR_NOTFOUND, 0, "no exchange rate for %.8s in the %s table of %s",
                          from ? from : "(none)", rates->base, rates->date);
    }
    if (!to || !rate_of(rates, to, &to_rate)) {
        return isync_fail(err, ISYNC_ERR_NOTFOUND, 0, "no exchange rate for %.8s in the %s table of %s",
                          to ? to : "(none)", rates->base, rates->date);
    }
    if (strcmp(from, to) == 0) {
        to_rate = from_rate = isync_decimal_from_int(1);
    }
    if (!convert_text(amount_value, from_rate, to_rate, decimals, result, sizeof result)) {
        return isync_fail(err, ISYNC_ERR_INVALID, 0, "amount %s %s: too large to convert", amount, from);
    }
    if (!format_cross_rate(from_rate, to_rate, rate, sizeof rate)) {
        return isync_fail(err, ISYNC_ERR_INVALID, 0, "rate %s -> %s: out of range", from, to);
    }
    st = write_text(out, out_size, result, "converted amount", err);
    if (st == ISYNC_OK && rate_out) {
        st = write_text(rate_out, rate_size, rate, "rate", err);
    }
    return st;
}
