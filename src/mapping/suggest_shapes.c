#include "mapping/suggest_shapes.h"

#include <ctype.h>
#include <string.h>

#include "mapping/suggest_words.h"

static const char CURRENCIES[] = "EUR|USD|GBP|CHF|JPY|CNY|SEK|NOK|DKK|PLN|CZK|HUF|RON|BGN|CAD|AUD|NZD|INR|BRL|MXN|ZAR|"
                                 "RUB|TRY|SGD|HKD|KRW|AED|SAR|ILS|THB|MYR|IDR|PHP|ARS|CLP|COP|ISK|UAH|TWD|VND";

static int all_chars(const char *s, int (*test)(int))
{
    for (; *s; s++) {
        if (!test((unsigned char)*s)) {
            return 0;
        }
    }
    return 1;
}

static size_t count_digits(const char *s)
{
    size_t n = 0;
    for (; *s; s++) {
        n += isdigit((unsigned char)*s) ? 1 : 0;
    }
    return n;
}

static int digits_at(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i])) {
            return 0;
        }
    }
    return 1;
}

/* 2026-11-26, optionally followed by T or a space and a time. */
static int looks_like_date(const char *s)
{
    size_t n = strlen(s);
    if (n < 10 || !digits_at(s, 4) || s[4] != '-' || !digits_at(s + 5, 2) || s[7] != '-' || !digits_at(s + 8, 2)) {
        return 0;
    }
    return n == 10 || ((s[10] == 'T' || s[10] == ' ') && n >= 16 && digits_at(s + 11, 2) && s[13] == ':');
}

static int looks_like_email(const char *s)
{
    const char *at = strchr(s, '@');
    return at && at > s && strchr(at + 1, '.') && !strchr(at + 1, '@') && !strchr(s, ' ');
}

/* -?digits[.digits] */
static unsigned number_shape(const char *s)
{
    const char *p = s + (*s == '-' ? 1 : 0);
    size_t whole = strspn(p, "0123456789");
    if (whole == 0) {
        return 0;
    }
    if (p[whole] == '\0') {
        return SHAPE_INTEGER | SHAPE_NUMBER;
    }
    if (p[whole] != '.' || p[whole + 1] == '\0') {
        return 0;
    }
    return strspn(p + whole + 1, "0123456789") == strlen(p + whole + 1) ? SHAPE_DECIMAL | SHAPE_NUMBER : 0;
}

static int is_postcode_char(int c)
{
    return isdigit(c) || isupper(c) || c == ' ' || c == '-';
}

static int looks_like_postcode(const char *s)
{
    size_t n = strlen(s), digits = count_digits(s);
    return n >= 3 && n <= 10 && digits >= 2 && n - digits <= 4 && all_chars(s, is_postcode_char);
}

static int is_phone_char(int c)
{
    return isdigit(c) || c == ' ' || c == '-' || c == '(' || c == ')' || c == '/' || c == '.' || c == '+';
}

static int looks_like_phone(const char *s)
{
    size_t digits = count_digits(s);
    int punctuated = strpbrk(s, "+ -()/") != NULL;
    return digits >= 6 && digits <= 15 && all_chars(s, is_phone_char) && (punctuated || digits >= 9) &&
        !looks_like_date(s);
}

static unsigned capitals_shape(const char *s)
{
    size_t n = strlen(s);
    if (!all_chars(s, isupper) || (n != 2 && n != 3)) {
        return 0;
    }
    if (n == 2) {
        return SHAPE_CAPS2;
    }
    return SHAPE_CAPS3 | (suggest_in_bar_list(CURRENCIES, s) ? SHAPE_CURRENCY : 0);
}

unsigned suggest_shape_of(const char *s)
{
    unsigned shape = number_shape(s) | capitals_shape(s);
    shape |= looks_like_date(s) ? SHAPE_DATE : 0;
    shape |= looks_like_email(s) ? SHAPE_EMAIL : 0;
    shape |= looks_like_postcode(s) ? SHAPE_POSTCODE : 0;
    shape |= looks_like_phone(s) ? SHAPE_PHONE : 0;
    return shape;
}
