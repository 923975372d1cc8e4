/* Exact decimal arithmetic for money, quantities and rates: the one home
 * for it in src/ (no binary floating point). A value is a sign and up to
 * 38 decimal digits (units < 10^38, fits 128 bits) with a scale of 0 to 38
 * digits after the point: value = ±units / 10^scale.
 *
 * Text is '-'? digits ('.' digits)? — no '+', exponent, grouping or
 * spaces; leading zeros are allowed and dropped. Zero is never negative.
 *
 * Rounding (quantize, divide, format) is half away from zero: 2.345 -> 2.35,
 * -2.345 -> -2.35, 0.5 -> 1.
 *
 * Errors are values: every operation that can fail returns an
 * isync_decimal_status and leaves *out untouched on failure. A result (or
 * an operand brought to the other's scale) of more than 38 digits is
 * ISYNC_DECIMAL_OVERFLOW. */
#ifndef ISYNC_DECIMAL_H
#define ISYNC_DECIMAL_H

#include <stddef.h>

#define ISYNC_DECIMAL_DIGITS 38 /* digits a value holds, scale included */
#define ISYNC_DECIMAL_TEXT 44 /* '-', 38 digits, '.', a leading "0." and NUL fit */

typedef enum {
    ISYNC_DECIMAL_OK = 0,
    ISYNC_DECIMAL_SYNTAX, /* not a decimal number */
    ISYNC_DECIMAL_OVERFLOW, /* more than 38 digits */
    ISYNC_DECIMAL_DIV_ZERO, /* division by zero */
    ISYNC_DECIMAL_SPACE /* the output buffer is too small */
} isync_decimal_status;

typedef struct {
    unsigned __int128 units; /* magnitude, < 10^38 */
    int scale; /* digits after the point, 0..38 */
    int negative; /* 0 for zero */
} isync_decimal;

/* "overflow (more than 38 digits)" and so on, for error messages. */
const char *isync_decimal_status_text(isync_decimal_status st);

/* ---- text ---- */

/* Parses text; the scale is as written ("19.90" has scale 2) except that
 * trailing zeros of the fraction that do not fit are dropped. */
isync_decimal_status isync_decimal_parse(const char *text, isync_decimal *out);
/* The value with its scale ("-19.90"). */
isync_decimal_status isync_decimal_text(isync_decimal value, char *out, size_t size);
/* Rounded to places digits after the point (half away from zero), written
 * with exactly places digits (zeros appended as needed; places 0..60). */
isync_decimal_status isync_decimal_format(isync_decimal value, int places, char *out, size_t size);

/* Canonical text of any length that fits size: optional '-', digits,
 * optional '.' digits; leading zeros trimmed, "-0.00" -> "0.00". 1 if valid. */
int isync_decimal_normalise(const char *text, char *out, size_t size);
/* -1, 0 or 1: the sign of a canonical decimal text of any length. */
int isync_decimal_text_sign(const char *canonical);
/* text rounded half away from zero to decimals (0..60) places, written with
 * exactly that many; 0 when text is not a decimal (or has more than 38
 * digits) or out is too small. */
int isync_decimal_round(const char *text, int decimals, char *out, size_t size);

/* ---- values ---- */

isync_decimal isync_decimal_from_int(long long value);
/* -1, 0 or 1. */
int isync_decimal_sign(isync_decimal value);
/* -1, 0 or 1 as a < b, a == b, a > b (1.5 == 1.50). */
int isync_decimal_compare(isync_decimal a, isync_decimal b);
isync_decimal isync_decimal_negate(isync_decimal value);
isync_decimal isync_decimal_abs(isync_decimal value);
/* Trailing zeros of the fraction dropped: 12.500 -> 12.5, 3.00 -> 3. */
isync_decimal isync_decimal_trim(isync_decimal value);
/* Digits of units without leading zeros (0 has none): 0.0120 -> 3. */
int isync_decimal_digits(isync_decimal value);

/* ---- arithmetic ---- */

/* Exact; the scale of the result is the larger of the two. */
isync_decimal_status isync_decimal_add(isync_decimal a, isync_decimal b, isync_decimal *out);
isync_decimal_status isync_decimal_sub(isync_decimal a, isync_decimal b, isync_decimal *out);
/* Exact; scale a.scale + b.scale (trailing zeros dropped when it would
 * exceed 38). */
isync_decimal_status isync_decimal_mul(isync_decimal a, isync_decimal b, isync_decimal *out);
/* a / b rounded half away from zero to places (0..38) digits after the point. */
isync_decimal_status isync_decimal_div(isync_decimal a, isync_decimal b, int places, isync_decimal *out);
/* Rounded half away from zero to places (0..38) digits after the point,
 * or zeros appended when places exceeds the scale. */
isync_decimal_status isync_decimal_quantize(isync_decimal value, int places, isync_decimal *out);

#endif
