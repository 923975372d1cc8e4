/* Currency conversion into the Infor company's base currency from a rate
 * table {"base":"EUR","date":"2026-11-25","rates":{"USD":"1.0842",...}}
 * (1 base = rate units of the currency), read from a file or an http(s)
 * URL. Arithmetic is exact decimal (no binary floating point): amount and
 * rate are decimal strings, the result is rounded half away from zero. */
#ifndef ISYNC_CURRENCY_H
#define ISYNC_CURRENCY_H

#include <stddef.h>

#include "base/decimal.h" /* isync_decimal_round */
#include "base/error.h"
#include "infor/http.h"

typedef struct isync_rates isync_rates;

/* Parses and validates a rate table (base and every currency ISO 4217,
 * rates positive decimals given as strings or JSON numbers, date
 * yyyy-mm-dd). Errors say what is wrong. */
isync_status isync_rates_parse(const char *text, size_t len, isync_rates **out, isync_error *err);

/* source: a file path or an http:// / https:// URL (fetched with http, which
 * may be NULL for a file). */
isync_status isync_rates_fetch(const char *source, isync_http *http, isync_rates **out, isync_error *err);

/* The table as JSON text (for <spool>/rates.json); malloc'ed. */
char *isync_rates_dump(const isync_rates *rates);

void isync_rates_free(isync_rates *rates);

/* ISO 4217 minor units of an active currency code ("JPY" 0, "EUR" 2, "KWD"
 * 3); -1 for a code that is not one. */
int isync_currency_minor_units(const char *code);

const char *isync_rates_base(const isync_rates *rates);
const char *isync_rates_date(const isync_rates *rates);

/* amount (a canonical decimal string) in currency from -> currency to,
 * rounded to decimals places: out gets the result, rate_out the rate used
 * (units of to per one unit of from, 10 significant digits, trailing zeros
 * dropped: "0.9223390518", "162.5"). from == to:
 * the amount rounded, rate "1". ISYNC_ERR_NOTFOUND when the table lacks a
 * currency, ISYNC_ERR_INVALID for a bad amount. */
isync_status isync_rates_convert(const isync_rates *rates, const char *amount, const char *from, const char *to,
                                 int decimals, char *out, size_t out_size, char *rate_out, size_t rate_size,
                                 isync_error *err);

#endif
