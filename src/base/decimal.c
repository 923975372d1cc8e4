#include "base/decimal.h"

#include <string.h>

typedef unsigned __int128 u128;

#define MAX_PLACES 60 /* format() pads up to this many places */

static u128 power_of_ten(int n)
{
    u128 p = 1;
    while (n-- > 0) {
        p *= 10;
    }
    return p;
}

/* 10^38: every units value stays below it. */
static u128 limit(void)
{
    return power_of_ten(ISYNC_DECIMAL_DIGITS);
}

static isync_decimal make(u128 units, int scale, int negative)
{
    return (isync_decimal){units, scale, negative && units != 0};
}

const char *isync_decimal_status_text(isync_decimal_status st)
{
    switch (st) {
    case ISYNC_DECIMAL_OK: return "ok";
    case ISYNC_DECIMAL_SYNTAX: return "not a decimal number";
    case ISYNC_DECIMAL_OVERFLOW: return "overflow (more than 38 digits)";
    case ISYNC_DECIMAL_DIV_ZERO: return "division by zero";
    case ISYNC_DECIMAL_SPACE: return "output buffer too small";
    }
    return "unknown";
}

/* ---- text ------------------------------------------------------------------ */

/* '-'? digits ('.' digits)? */
static int valid_syntax(const char *text)
{
    const char *p = text + (*text == '-');
    size_t int_len = strspn(p, "0123456789");
    if (int_len == 0) {
        return 0;
    }
    p += int_len;
    if (*p == '.') {
        size_t frac_len = strspn(p + 1, "0123456789");
        if (frac_len == 0) {
            return 0;
        }
        p += 1 + frac_len;
    }
    return *p == '\0';
}

/* Appends one digit; 0 when it does not fit. */
static int push_digit(u128 *units, int digit)
{
    if (*units >= limit() / 10) {
        return 0; /* units · 10 + digit >= 10^38 */
    }
    *units = *units * 10 + (u128)digit;
    return 1;
}

isync_decimal_status isync_decimal_parse(const char *text, isync_decimal *out)
{
    if (!text || !valid_syntax(text)) {
        return ISYNC_DECIMAL_SYNTAX;
    }
    u128 units = 0;
    int scale = 0, in_fraction = 0;
    for (const char *p = text + (*text == '-'); *p; p++) {
        if (*p == '.') {
            in_fraction = 1;
            continue;
        }
        if ((in_fraction && scale == ISYNC_DECIMAL_DIGITS) || !push_digit(&units, *p - '0')) {
            if (in_fraction && p[strspn(p, "0")] == '\0') {
                break; /* trailing zeros that do not fit: the value is exact without them */
            }
            return ISYNC_DECIMAL_OVERFLOW;
        }
        scale += in_fraction;
    }
    *out = make(units, scale, *text == '-');
    return ISYNC_DECIMAL_OK;
}

/* Writes units / 10^scale, then zeros up to places (>= scale) digits. */
static isync_decimal_status write_digits(isync_decimal value, int places, char *out, size_t size)
{
    char digits[ISYNC_DECIMAL_DIGITS + 2];
    int n = 0;
    u128 units = value.units;
    do {
        digits[n++] = (char)('0' + (int)(units % 10));
        units /= 10;
    } while (units || n <= value.scale);
    size_t needed = (size_t)value.negative + (size_t)n + (places ? 1 + (size_t)(places - value.scale) : 0) + 1;
    if (needed > size) {
        return ISYNC_DECIMAL_SPACE;
    }
    size_t used = 0;
    if (value.negative) {
        out[used++] = '-';
    }
    for (int i = n - 1; i >= 0; i--) {
        out[used++] = digits[i];
        if (i == value.scale && value.scale > 0) {
            out[used++] = '.';
        }
    }
    if (places && value.scale == 0) {
        out[used++] = '.';
    }
    for (int i = value.scale; i < places; i++) {
        out[used++] = '0';
    }
    out[used] = '\0';
    return ISYNC_DECIMAL_OK;
}

isync_decimal_status isync_decimal_text(isync_decimal value, char *out, size_t size)
{
    return write_digits(value, value.scale, out, size);
}

isync_decimal_status isync_decimal_format(isync_decimal value, int places, char *out, size_t size)
{
    if (places < 0 || places > MAX_PLACES) {
        return ISYNC_DECIMAL_OVERFLOW;
    }
    if (places < value.scale) {
        isync_decimal_status st = isync_decimal_quantize(value, places, &value);
        if (st != ISYNC_DECIMAL_OK) {
            return st;
        }
    }
    return write_digits(value, places, out, size);
}

int isync_decimal_normalise(const char *text, char *out, size_t size)
{
    if (!text || !valid_syntax(text)) {
        return 0;
    }
    int negative = *text == '-';
    const char *digits = text + negative;
    digits += strspn(digits, "0");
    if (*digits == '\0' || *digits == '.') {
        digits--; /* keep one zero before the point */
    }
    size_t len = strlen(digits);
    if (len - (strchr(digits, '.') ? 1 : 0) + 3 > size) {
        return 0;
    }
    negative &= digits[strspn(digits, "0.")] != '\0';
    out[0] = '-';
    memcpy(out + negative, digits, len + 1);
    return 1;
}

int isync_decimal_text_sign(const char *canonical)
{
    int negative = canonical[0] == '-';
    if (canonical[negative + strspn(canonical + negative, "0.")] == '\0') {
        return 0;
    }
    return negative ? -1 : 1;
}

int isync_decimal_round(const char *text, int decimals, char *out, size_t size)
{
    isync_decimal value;
    return decimals >= 0 && decimals <= MAX_PLACES && isync_decimal_parse(text, &value) == ISYNC_DECIMAL_OK &&
        isync_decimal_format(value, decimals, out, size) == ISYNC_DECIMAL_OK;
}

/* ---- values ---------------------------------------------------------------- */

isync_decimal isync_decimal_from_int(long long value)
{
    u128 magnitude = value < 0 ? (u128)(-(value + 1)) + 1 : (u128)value;
    return make(magnitude, 0, value < 0);
}

int isync_decimal_sign(isync_decimal value)
{
    return value.units == 0 ? 0 : value.negative ? -1 : 1;
}

/* Compares magnitudes: integer parts first, then the fractions at the larger scale. */
static int compare_magnitude(isync_decimal a, isync_decimal b)
{
    u128 ia = a.units / power_of_ten(a.scale), ib = b.units / power_of_ten(b.scale);
    if (ia != ib) {
        return ia < ib ? -1 : 1;
    }
    int scale = a.scale > b.scale ? a.scale : b.scale;
    u128 fa = (a.units % power_of_ten(a.scale)) * power_of_ten(scale - a.scale);
    u128 fb = (b.units % power_of_ten(b.scale)) * power_of_ten(scale - b.scale);
    return fa == fb ? 0 : fa < fb ? -1 : 1;
}

int isync_decimal_compare(isync_decimal a, isync_decimal b)
{
    int sa = isync_decimal_sign(a), sb = isync_decimal_sign(b);
    if (sa != sb) {
        return sa < sb ? -1 : 1;
    }
    return sa < 0 ? -compare_magnitude(a, b) : compare_magnitude(a, b);
}

isync_decimal isync_decimal_negate(isync_decimal value)
{
    return make(value.units, value.scale, !value.negative);
}

isync_decimal isync_decimal_abs(isync_decimal value)
{
    return make(value.units, value.scale, 0);
}

isync_decimal isync_decimal_trim(isync_decimal value)
{
    while (value.scale > 0 && value.units % 10 == 0) {
        value.units /= 10;
        value.scale--;
    }
    return value;
}

int isync_decimal_digits(isync_decimal value)
{
    int n = 0;
    for (u128 u = value.units; u; u /= 10) {
        n++;
    }
    return n;
}

/* ---- arithmetic ------------------------------------------------------------ */

/* value with scale raised to scale (>= value.scale); 0 on overflow. */
static int rescale_up(isync_decimal *value, int scale)
{
    for (; value->scale < scale; value->scale++) {
        if (!push_digit(&value->units, 0)) {
            return 0;
        }
    }
    return 1;
}

isync_decimal_status isync_decimal_add(isync_decimal a, isync_decimal b, isync_decimal *out)
{
    int scale = a.scale > b.scale ? a.scale : b.scale;
    if (!rescale_up(&a, scale) || !rescale_up(&b, scale)) {
        return ISYNC_DECIMAL_OVERFLOW;
    }
    if (a.negative == b.negative) {
        u128 sum = a.units + b.units; /* both < 10^38: no wrap */
        if (sum >= limit()) {
            return ISYNC_DECIMAL_OVERFLOW;
        }
        *out = make(sum, scale, a.negative);
    } else if (a.units >= b.units) {
        *out = make(a.units - b.units, scale, a.negative);
    } else {
        *out = make(b.units - a.units, scale, b.negative);
    }
    return ISYNC_DECIMAL_OK;
}

isync_decimal_status isync_decimal_sub(isync_decimal a, isync_decimal b, isync_decimal *out)
{
    return isync_decimal_add(a, isync_decimal_negate(b), out);
}

isync_decimal_status isync_decimal_mul(isync_decimal a, isync_decimal b, isync_decimal *out)
{
    if (a.scale + b.scale > ISYNC_DECIMAL_DIGITS) {
        a = isync_decimal_trim(a);
        b = isync_decimal_trim(b);
    }
    if (a.scale + b.scale > ISYNC_DECIMAL_DIGITS) {
        return ISYNC_DECIMAL_OVERFLOW;
    }
    if (a.units != 0 && b.units > (limit() - 1) / a.units) {
        return ISYNC_DECIMAL_OVERFLOW;
    }
    *out = make(a.units * b.units, a.scale + b.scale, a.negative != b.negative);
    return ISYNC_DECIMAL_OK;
}

/* The next digit of a long division: (10 · rest) / den, rest becomes the
 * remainder. Ten additions, as 10 · rest may not fit 128 bits. */
static u128 next_digit(u128 *rest, u128 den)
{
    u128 acc = 0, digit = 0;
    for (int i = 0; i < 10; i++) {
        acc += *rest; /* acc, rest < den < 10^38: no wrap */
        if (acc >= den) {
            acc -= den;
            digit++;
        }
    }
    *rest = acc;
    return digit;
}

/* round(num · 10^shift / den) half away from zero; den > 0, shift >= 0.
 * Long division a digit at a time, so num · 10^shift is never built. */
static int divide_shifted(u128 num, u128 den, int shift, u128 *q)
{
    u128 quotient = num / den, rest = num % den;
    for (int i = 0; i < shift; i++) {
        if (quotient >= limit() / 10) {
            return 0;
        }
        quotient = quotient * 10 + next_digit(&rest, den);
    }
    *q = quotient + (rest >= den - rest ? 1 : 0);
    return *q < limit();
}

/* round(num / (den · 10^drop)) half away from zero; drop >= 1. With
 * num = den·q1 + r1 and q1 = 10^drop·q2 + r2 the rest is den·r2 + r1 <
 * den·10^drop, and it is at least half the divisor exactly when
 * 2·r2 >= 10^drop (10^drop is even and r1 < den). */
static u128 divide_dropped(u128 num, u128 den, int drop)
{
    if (drop > ISYNC_DECIMAL_DIGITS) {
        return 0; /* num / den < 10^38 <= 10^drop / 2 */
    }
    u128 q1 = num / den, unit = power_of_ten(drop);
    u128 q2 = q1 / unit, r2 = q1 % unit;
    return q2 + (r2 >= unit - r2 ? 1 : 0);
}

isync_decimal_status isync_decimal_div(isync_decimal a, isync_decimal b, int places, isync_decimal *out)
{
    if (places < 0 || places > ISYNC_DECIMAL_DIGITS) {
        return ISYNC_DECIMAL_OVERFLOW;
    }
    if (b.units == 0) {
        return ISYNC_DECIMAL_DIV_ZERO;
    }
    int shift = places + b.scale - a.scale;
    u128 q;
    if (shift >= 0) {
        if (!divide_shifted(a.units, b.units, shift, &q)) {
            return ISYNC_DECIMAL_OVERFLOW;
        }
    } else {
        q = divide_dropped(a.units, b.units, -shift);
    }
    *out = make(q, places, a.negative != b.negative);
    return ISYNC_DECIMAL_OK;
}

isync_decimal_status isync_decimal_quantize(isync_decimal value, int places, isync_decimal *out)
{
    if (places < 0 || places > ISYNC_DECIMAL_DIGITS) {
        return ISYNC_DECIMAL_OVERFLOW;
    }
    if (places >= value.scale) {
        if (!rescale_up(&value, places)) {
            return ISYNC_DECIMAL_OVERFLOW;
        }
        *out = value;
        return ISYNC_DECIMAL_OK;
    }
    u128 unit = power_of_ten(value.scale - places);
    u128 q = value.units / unit, r = value.units % unit;
    *out = make(q + (r >= unit - r ? 1 : 0), places, value.negative);
    return ISYNC_DECIMAL_OK;
}
