#include "mapping/suggest_sources.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "mapping/suggest_shapes.h"

void suggest_free_sources(source_list *list)
{
    for (size_t i = 0; i < list->count; i++) {
        free(list->items[i].path);
    }
    free(list->items);
}

static source *find_source(source_list *list, const char *path)
{
    for (size_t i = 0; i < list->count; i++) {
        if (strcmp(list->items[i].path, path) == 0) {
            return &list->items[i];
        }
    }
    return NULL;
}

static source *new_source(source_list *list, const char *path, const char *key)
{
    if (list->count == list->cap) {
        size_t cap = list->cap ? list->cap * 2 : 32;
        source *grown = realloc(list->items, cap * sizeof *grown);
        if (!grown) {
            return NULL;
        }
        list->items = grown;
        list->cap = cap;
    }
    source *s = &list->items[list->count];
    memset(s, 0, sizeof *s);
    if (!(s->path = strdup(path))) {
        return NULL;
    }
    list->count++;
    snprintf(s->key, sizeof s->key, "%s", key);
    suggest_normalise_key(key, s->norm, sizeof s->norm);
    suggest_split_words(key, &s->words);
    const char *dot = strrchr(path, '.');
    s->parent_len = dot ? (size_t)(dot - path) : 0;
    char parents[256];
    snprintf(parents, sizeof parents, "%.*s", (int)s->parent_len, path);
    suggest_split_words(parents, &s->context);
    s->shape = ~0u;
    return s;
}

/* The text of a scalar for its shape; NULL for null (no sample value). */
static const char *scalar_text(json_t *value, char *buf, size_t size)
{
    if (json_is_string(value)) {
        return json_string_value(value);
    }
    if (json_is_integer(value)) {
        snprintf(buf, size, "%lld", (long long)json_integer_value(value));
    } else if (json_is_real(value)) {
        snprintf(buf, size, "%.15g", json_real_value(value));
    } else if (json_is_boolean(value)) {
        snprintf(buf, size, "%s", json_is_true(value) ? "true" : "false");
    } else {
        return NULL;
    }
    return buf;
}

static int add_leaf(source_list *list, const char *path, const char *key, json_t *value)
{
    source *s = find_source(list, path);
    if (!s && !(s = new_source(list, path, key))) {
        return -1;
    }
    char buf[64];
    const char *text = scalar_text(value, buf, sizeof buf);
    if (!text) {
        return 0;
    }
    unsigned shape = json_is_boolean(value) ? 0u : suggest_shape_of(text);
    s->shape &= shape;
    s->any_shape |= shape;
    s->values++;
    size_t chars = isync_utf8_length(text);
    s->max_chars = chars > s->max_chars ? chars : s->max_chars;
    return 0;
}

static int walk(source_list *list, json_t *node, const char *path, const char *key);

static int walk_object(source_list *list, json_t *object, const char *path)
{
    const char *key;
    json_t *child;
    json_object_foreach(object, key, child)
    {
        char *child_path;
        if (asprintf(&child_path, "%s%s%s", path, *path ? "." : "", key) < 0) {
            return -1;
        }
        int rc = walk(list, child, child_path, key);
        free(child_path);
        if (rc != 0) {
            return rc;
        }
    }
    return 0;
}

/* Every element under one path "list[]": objects' keys as "list[].key". */
static int walk_array(source_list *list, json_t *array, const char *path, const char *key)
{
    size_t i;
    json_t *element;
    char *element_path;
    if (asprintf(&element_path, "%s[]", path) < 0) {
        return -1;
    }
    int rc = 0;
    json_array_foreach(array, i, element)
    {
        if (json_is_object(element)) {
            rc = walk_object(list, element, element_path);
        } else if (!json_is_array(element)) {
            rc = add_leaf(list, element_path, key, element);
        }
        if (rc != 0) {
            break;
        }
    }
    free(element_path);
    return rc;
}

/* X-Cart surcharges (XLite\\Model\\Order\\Surcharge): objects with a type
 * (tax, discount, shipping, handling) and an amount. Fields are not filled
 * from one of them by position but by type: the list itself is proposed for
 * sums (an order discount amount) and its first element of a type for the
 * tax transform (a tax code). */
static int is_surcharge_list(json_t *array)
{
    json_t *first = json_array_get(array, 0);
    return json_is_object(first) && json_is_string(json_object_get(first, "type")) &&
        json_object_get(first, "amount") != NULL;
}

static int add_surcharge_sources(source_list *list, json_t *array, const char *path, const char *key)
{
    size_t i;
    json_t *element;
    source *whole = find_source(list, path);
    if (!whole && !(whole = new_source(list, path, key))) {
        return -1;
    }
    whole->is_surcharges = 1;
    json_array_foreach(array, i, element)
    {
        const char *type = json_string_value(json_object_get(element, "type"));
        char *typed;
        if (!type || asprintf(&typed, "%s[type=%s]", path, type) < 0) {
            continue;
        }
        source *s = find_source(list, typed);
        if (!s && (s = new_source(list, typed, key)) != NULL) {
            snprintf(s->surcharge, sizeof s->surcharge, "%s", type);
        }
        free(typed);
        if (!s) {
            return -1;
        }
    }
    return 0;
}

/* An X-Cart address: at least three of street, city, zipcode, country. */
static int is_address_object(json_t *object)
{
    static const char *const parts[] = {"street", "city", "zipcode", "country"};
    int found = 0;
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        found += json_object_get(object, parts[i]) ? 1 : 0;
    }
    return found >= 3;
}

static int add_address(source_list *list, const char *path, const char *key)
{
    source *s = find_source(list, path);
    if (!s && !(s = new_source(list, path, key))) {
        return -1;
    }
    s->is_address = 1;
    return 0;
}

static int walk(source_list *list, json_t *node, const char *path, const char *key)
{
    if (json_is_object(node)) {
        if (is_address_object(node) && add_address(list, path, key) != 0) {
            return -1;
        }
        return walk_object(list, node, path);
    }
    if (json_is_array(node)) {
        if (is_surcharge_list(node) && add_surcharge_sources(list, node, path, key) != 0) {
            return -1;
        }
        return walk_array(list, node, path, key);
    }
    return add_leaf(list, path, key, node);
}

int suggest_collect_sources(source_list *list, json_t *sample)
{
    return walk_object(list, sample, "");
}
