/* Sources for mapping suggestions (suggest.c): the leaves of a sample
 * payload, one per path ("items[].sku" for all elements of a list), with
 * the words of their keys and the shapes and lengths of their values; X-Cart
 * addresses and surcharges as sources of their own. */
#ifndef ISYNC_SUGGEST_SOURCES_H
#define ISYNC_SUGGEST_SOURCES_H

#include <jansson.h>
#include <stddef.h>

#include "mapping/suggest_words.h"

#define KEY_LEN 64

typedef struct {
    char *path; /* template syntax: "billing_address.city", "items[].sku" */
    char key[KEY_LEN]; /* the last key as written */
    char norm[KEY_LEN]; /* normalised for the synonym table */
    word_list words; /* of the last key */
    word_list context; /* of the parent keys */
    size_t parent_len; /* path[0..parent_len): the parent path, "items[]" */
    unsigned shape; /* SHAPE_* every sample value has */
    unsigned any_shape; /* SHAPE_* some sample value has */
    size_t values; /* sample values seen */
    size_t max_chars; /* longest sample value */
    int is_address; /* an address object, for the address transform */
    char surcharge[16]; /* "tax", "discount", ...: the first X-Cart surcharge of that type
                            ("surcharges[type=tax]"), for the tax transform */
    int is_surcharges; /* the list of X-Cart surcharges itself, for the sum transform */
} source;

typedef struct {
    source *items;
    size_t count, cap;
} source_list;

/* Adds the sources of the sample object to list; -1 when out of memory. */
int suggest_collect_sources(source_list *list, json_t *sample);

void suggest_free_sources(source_list *list);

#endif
