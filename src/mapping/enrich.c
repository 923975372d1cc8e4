#include "mapping/enrich.h"

#include <fnmatch.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "base/json_members.h"

static const char *const match_keys[] = {"sku", "product_class", "category"};

static int is_match_key(const char *key)
{
    for (size_t i = 0; i < sizeof match_keys / sizeof match_keys[0]; i++) {
        if (strcmp(key, match_keys[i]) == 0) {
            return 1;
        }
    }
    return 0;
}

static void validate_match(json_t *match, const char *prefix, isync_problems *problems)
{
    char path[128];
    const char *key;
    json_t *value;
    if (!json_is_object(match)) {
        snprintf(path, sizeof path, "%s.match", prefix);
        isync_problems_add(problems, path, "must be an object (sku, product_class, category)");
        return;
    }
    json_object_foreach(match, key, value)
    {
        snprintf(path, sizeof path, "%s.match.%s", prefix, key);
        if (!is_match_key(key)) {
            isync_problems_add(problems, path, "is not a criterion (sku, product_class, category)");
        } else if (!json_is_string(value) || json_string_length(value) == 0) {
            isync_problems_add(problems, path, "must be a non-empty string");
        }
    }
}

static void validate_set(json_t *set, const char *prefix, isync_problems *problems)
{
    char path[128];
    snprintf(path, sizeof path, "%s.set", prefix);
    if (!json_is_object(set) || json_object_size(set) == 0) {
        isync_problems_add(problems, path, "must be an object of attributes, at least one");
        return;
    }
    isync_json_check_texts(set, path, ISYNC_WHOLE_KEY, "must be a string", isync_complain_to_problems, problems);
}

static void validate_rule(json_t *rule, const char *prefix, isync_problems *problems)
{
    static const char *const rule_keys[] = {"match", "set", NULL};
    if (!json_is_object(rule)) {
        isync_problems_add(problems, prefix, "must be an object with match and set");
        return;
    }
    isync_json_check_keys(rule, prefix, rule_keys, "is not a rule key (match, set)", isync_complain_to_problems,
                          problems);
    if (json_object_get(rule, "match")) {
        validate_match(json_object_get(rule, "match"), prefix, problems);
    }
    validate_set(json_object_get(rule, "set"), prefix, problems);
}

void isync_enrich_validate(json_t *rules, isync_problems *problems)
{
    char prefix[64];
    size_t i;
    json_t *rule;
    if (!json_is_array(rules)) {
        isync_problems_add(problems, "enrichment", "must be a list of rules");
        return;
    }
    json_array_foreach(rules, i, rule)
    {
        snprintf(prefix, sizeof prefix, "enrichment[%zu]", i);
        validate_rule(rule, prefix, problems);
    }
}

/* An item's member as text; integers (SKUs sent as numbers) as digits. */
static const char *item_text(json_t *item, const char *key, char *buf, size_t size)
{
    json_t *value = json_object_get(item, key);
    if (json_is_integer(value)) {
        snprintf(buf, size, "%" JSON_INTEGER_FORMAT, json_integer_value(value));
        return buf;
    }
    return json_string_value(value);
}

/* A category given as a name or as an object with "name" or "path". */
static int category_is(json_t *category, const char *wanted)
{
    const char *name = json_string_value(category);
    if (json_is_object(category)) {
        name = json_string_value(json_object_get(category, "name"));
        const char *path = json_string_value(json_object_get(category, "path"));
        if (path && strcasecmp(path, wanted) == 0) {
            return 1;
        }
    }
    return name && strcasecmp(name, wanted) == 0;
}

/* The line's categories ("categories": a list, or "category": one) include wanted. */
static int has_category(json_t *item, const char *wanted)
{
    json_t *categories = json_object_get(item, "categories"), *category;
    size_t i;
    if (category_is(json_object_get(item, "category"), wanted)) {
        return 1;
    }
    json_array_foreach(categories, i, category)
    {
        if (category_is(category, wanted)) {
            return 1;
        }
    }
    return 0;
}

static int criterion_fits(json_t *item, const char *key, const char *wanted)
{
    char buf[32];
    if (strcmp(key, "sku") == 0) {
        const char *sku = item_text(item, "sku", buf, sizeof buf);
        return sku && fnmatch(wanted, sku, FNM_CASEFOLD) == 0;
    }
    if (strcmp(key, "product_class") == 0) {
        const char *product_class = item_text(item, "product_class", buf, sizeof buf);
        return product_class && strcasecmp(product_class, wanted) == 0;
    }
    if (strcmp(key, "category") == 0) {
        return has_category(item, wanted);
    }
    return 0; /* an unknown criterion never fits: validation reports it */
}

static int rule_fits(json_t *rule, json_t *item)
{
    json_t *match = json_object_get(rule, "match"), *wanted;
    const char *key;
    if (match && !json_is_object(match)) {
        return 0;
    }
    json_object_foreach(match, key, wanted)
    {
        if (!json_is_string(wanted) || !criterion_fits(item, key, json_string_value(wanted))) {
            return 0;
        }
    }
    return 1;
}

const char *isync_enrich_lookup(json_t *rules, json_t *item, const char *attribute)
{
    size_t i;
    json_t *rule;
    if (!json_is_object(item) || !attribute) {
        return NULL;
    }
    json_array_foreach(rules, i, rule)
    {
        const char *value = json_string_value(json_object_get(json_object_get(rule, "set"), attribute));
        if (value && rule_fits(rule, item)) {
            return value;
        }
    }
    return NULL;
}
