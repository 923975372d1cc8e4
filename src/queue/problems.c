#include "queue/problems.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

json_t *isync_problems_refusable(json_t *mapping_problems)
{
    json_t *kept = json_array();
    size_t index;
    json_t *problem;
    json_array_foreach(mapping_problems, index, problem)
    {
        if (!json_is_true(json_object_get(problem, "retry")) && !json_is_true(json_object_get(problem, "setting"))) {
            json_array_append(kept, problem);
        }
    }
    return kept;
}

static size_t shown_count(const isync_problems *payload)
{
    return payload->count < ISYNC_PROBLEMS_MAX ? payload->count : ISYNC_PROBLEMS_MAX;
}

/* {"path", "message"} of one payload problem, with where the template uses that path. */
static json_t *payload_entry(const char *path, const char *message, json_t *mapping_problems)
{
    json_t *entry = json_pack("{s:s, s:s}", "path", path, "message", message);
    size_t index;
    json_t *problem;
    json_array_foreach(mapping_problems, index, problem)
    {
        const char *at = json_string_value(json_object_get(problem, "path"));
        if (at && strcmp(at, path) == 0) {
            json_object_set(entry, "field", json_object_get(problem, "field"));
            json_object_set(entry, "call", json_object_get(problem, "call"));
            json_object_set(entry, "template", json_object_get(problem, "template"));
            break;
        }
    }
    return entry;
}

/* 1 when a mapping problem is already told by the payload's problems. */
static int already_told(const isync_problems *payload, json_t *problem)
{
    const char *path = json_string_value(json_object_get(problem, "path"));
    int known = payload->count > 0 && json_is_true(json_object_get(problem, "missing"));
    for (size_t i = 0; i < shown_count(payload) && path && *path; i++) {
        known |= strcmp(path, payload->items[i].path) == 0;
    }
    return known;
}

json_t *isync_problems_merge(const isync_problems *payload, json_t *mapping_problems)
{
    json_t *merged = json_array();
    size_t index;
    json_t *problem;
    for (size_t i = 0; i < shown_count(payload); i++) {
        json_array_append_new(merged,
                              payload_entry(payload->items[i].path, payload->items[i].message, mapping_problems));
    }
    json_array_foreach(mapping_problems, index, problem)
    {
        if (!already_told(payload, problem)) {
            json_array_append(merged, problem);
        }
    }
    return merged;
}
