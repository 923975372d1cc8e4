/* Value shapes for mapping suggestions (suggest.c): what a sample value
 * looks like (a date, an e-mail address, a currency or country code, a
 * number, a postcode, a phone number). */
#ifndef ISYNC_SUGGEST_SHAPES_H
#define ISYNC_SUGGEST_SHAPES_H

enum {
    SHAPE_DATE = 1u << 0, /* ISO 8601 date or date-time */
    SHAPE_EMAIL = 1u << 1, /* x@y.z */
    SHAPE_CURRENCY = 1u << 2, /* a common ISO 4217 code */
    SHAPE_CAPS3 = 1u << 3, /* three capitals */
    SHAPE_CAPS2 = 1u << 4, /* two capitals (ISO 3166 alpha-2, state codes) */
    SHAPE_DECIMAL = 1u << 5, /* digits with a fraction: 19.99 */
    SHAPE_INTEGER = 1u << 6, /* whole number */
    SHAPE_POSTCODE = 1u << 7, /* 10115, SW1A 1AA, 1012 AB, 90210-1234 */
    SHAPE_PHONE = 1u << 8, /* +49 30 1234567, (555) 123-4567 */
    SHAPE_NUMBER = 1u << 9, /* integer or decimal */
};

/* The SHAPE_* bits of one sample value. */
unsigned suggest_shape_of(const char *s);

#endif
