/* ISO 3166 data for the address transform, generated into iso3166.c by
 * scripts/gen-iso3166.py: country code pairs, the subdivisions of the
 * countries with known state codes (one row per lookup key), and the
 * folding of accented Latin letters used to build those keys. */
#ifndef ISYNC_ISO3166_H
#define ISYNC_ISO3166_H

#include <stddef.h>

typedef struct {
    char alpha2[3];
    char alpha3[4];
} isync_country_row;

typedef struct {
    char country[3];
    char code[4];        /* the ISO 3166-2 suffix */
    char former_code[4]; /* the code before an ISO change, "" if none */
    const char *key;     /* a name folded: lower-case ASCII letters and digits */
} isync_state_row;

extern const isync_country_row isync_countries[];
extern const size_t isync_country_count;
extern const isync_state_row isync_states[];
extern const size_t isync_state_count;

#define ISYNC_LATIN_FOLD_FIRST 0xC0
#define ISYNC_LATIN_FOLD_COUNT (0x180 - 0xC0)
extern const char *const isync_latin_fold[ISYNC_LATIN_FOLD_COUNT];

#endif
