#include "base/json_members.h"

#include <stdio.h>
#include <string.h>

json_t *isync_json_object_member(json_t *parent, const char *name)
{
    json_t *member = json_object_get(parent, name);
    if (!json_is_object(member)) {
        json_object_set_new(parent, name, json_object());
        member = json_object_get(parent, name);
    }
    return member;
}

void isync_complain_to_problems(void *problems, const char *path, const char *message)
{
    isync_problems_add(problems, path, "%s", message);
}

void isync_json_check_texts(json_t *obj, const char *prefix, int key_max, const char *message,
                            isync_complain_fn *complain, void *sink)
{
    char path[256];
    const char *key;
    json_t *value;
    json_object_foreach(obj, key, value)
    {
        if (!json_is_string(value)) {
            snprintf(path, sizeof path, "%s.%.*s", prefix, key_max, key);
            complain(sink, path, message);
        }
    }
}

static int is_allowed(const char *const *allowed, const char *key)
{
    for (size_t i = 0; allowed[i]; i++) {
        if (strcmp(allowed[i], key) == 0) {
            return 1;
        }
    }
    return 0;
}

void isync_json_check_keys(json_t *obj, const char *prefix, const char *const *allowed, const char *message,
                           isync_complain_fn *complain, void *sink)
{
    char path[256], text[256];
    const char *key;
    json_t *value;
    json_object_foreach(obj, key, value)
    {
        if (!is_allowed(allowed, key)) {
            snprintf(path, sizeof path, "%s%s%.100s", prefix, *prefix ? "." : "", key);
            snprintf(text, sizeof text, message, key);
            complain(sink, path, text);
        }
    }
}

void isync_json_check_tables(json_t *value, const char *name, const char *not_tables, const char *not_text,
                             isync_complain_fn *complain, void *sink)
{
    const char *table;
    json_t *entries;
    char path[192];
    if (!json_is_object(value)) {
        complain(sink, name, not_tables);
        return;
    }
    json_object_foreach(value, table, entries)
    {
        snprintf(path, sizeof path, "%s.%.100s", name, table);
        if (!json_is_object(entries)) {
            complain(sink, path, "must be a table {\"key\": \"value\"}");
            continue;
        }
        snprintf(path, sizeof path, "%s.%.50s", name, table);
        isync_json_check_texts(entries, path, 50, not_text, complain, sink);
    }
}
