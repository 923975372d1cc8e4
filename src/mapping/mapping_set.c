#include "mapping/mapping_set.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "generated/builtin_data.h"
#include "worker/business_config.h"
#include "base/file_read.h"
#include "base/log.h"

#define MAX_TEMPLATES 16

typedef struct {
    char event[48];
    isync_template *builtin;
    isync_template *custom; /* the admin's last good file, or NULL */
    isync_file_stamp stamp; /* of the admin's file when last read */
    json_t *errors; /* problems of the admin's file, or NULL */
} slot;

struct isync_mapping_set {
    char dir[512];
    isync_m3_spec *spec;
    slot slots[MAX_TEMPLATES];
    size_t count;
};

static void errors_to_log(const char *path, json_t *problems)
{
    size_t index;
    json_t *problem;
    json_array_foreach(problems, index, problem)
    {
        isync_log(ISYNC_LOG_ERROR, "mapping template %s: %s: %s (keeping the last good template)", path,
                  json_string_value(json_object_get(problem, "template")),
                  json_string_value(json_object_get(problem, "message")));
    }
}

static isync_status load_builtins(isync_mapping_set *set, isync_error *err)
{
    for (const isync_builtin_file *file = isync_builtin_templates; file->name && set->count < MAX_TEMPLATES; file++) {
        slot *s = &set->slots[set->count];
        char origin[96];
        json_t *problems = json_array();
        snprintf(origin, sizeof origin, "built-in %s", file->name);
        isync_status st = isync_template_parse(file->text, strlen(file->text), file->name, origin, set->spec,
                                               &s->builtin, problems);
        if (st != ISYNC_OK) {
            json_t *first = json_array_get(problems, 0);
            isync_fail(err, ISYNC_ERR_CONFIG, 0, "built-in mapping template %s: %s: %s", file->name,
                       json_string_value(json_object_get(first, "template")),
                       json_string_value(json_object_get(first, "message")));
            json_decref(problems);
            return st;
        }
        json_decref(problems);
        snprintf(s->event, sizeof s->event, "%s", s->builtin->event);
        set->count++;
    }
    return ISYNC_OK;
}

isync_status isync_mapping_set_open(const char *dir, const char *metadata, isync_mapping_set **out, isync_error *err)
{
    isync_mapping_set *set = calloc(1, sizeof *set);
    *out = NULL;
    if (!set) {
        return isync_fail(err, ISYNC_ERR_NOMEM, 0, "out of memory");
    }
    snprintf(set->dir, sizeof set->dir, "%s", dir ? dir : "");
    isync_status st = isync_m3_spec_load(metadata, &set->spec, err);
    if (st == ISYNC_OK) {
        st = load_builtins(set, err);
    }
    if (st != ISYNC_OK) {
        isync_mapping_set_free(set);
        return st;
    }
    isync_mapping_set_refresh(set);
    *out = set;
    return ISYNC_OK;
}

void isync_mapping_set_free(isync_mapping_set *set)
{
    if (!set) {
        return;
    }
    for (size_t i = 0; i < set->count; i++) {
        isync_template_free(set->slots[i].builtin);
        isync_template_free(set->slots[i].custom);
        json_decref(set->slots[i].errors);
    }
    isync_m3_spec_free(set->spec);
    free(set);
}

/* A template file larger than this is refused unread (templates are a few KiB). */
#define TEMPLATE_MAX_BYTES (4u << 20)

static int slot_stale(const isync_mapping_set *set, const slot *s)
{
    char path[700];
    isync_file_stamp stamp;
    snprintf(path, sizeof path, "%s/%s.json", set->dir, s->event);
    isync_file_stamp_read(path, &stamp);
    return !isync_file_stamp_equal(&stamp, &s->stamp);
}

int isync_mapping_set_stale(const isync_mapping_set *set)
{
    for (size_t i = 0; set->dir[0] && i < set->count; i++) {
        if (slot_stale(set, &set->slots[i])) {
            return 1;
        }
    }
    return 0;
}

/* Returns 1 when the slot's template in use or its errors changed. */
static int refresh_slot(isync_mapping_set *set, slot *s)
{
    char path[700], name[64];
    isync_file_stamp stamp;
    if (!slot_stale(set, s)) {
        return 0;
    }
    snprintf(name, sizeof name, "%s.json", s->event);
    snprintf(path, sizeof path, "%s/%s", set->dir, name);
    isync_file_stamp_read(path, &stamp);
    s->stamp = stamp;
    json_decref(s->errors);
    s->errors = NULL;
    if (!stamp.exists) {
        isync_template_free(s->custom);
        s->custom = NULL;
        isync_log(ISYNC_LOG_INFO, "mapping %s: the built-in template is in use", s->event);
        return 1;
    }
    size_t len = 0;
    char *text = NULL;
    isync_error err;
    json_t *problems = json_array();
    isync_template *fresh = NULL;
    if (isync_read_regular_file(path, TEMPLATE_MAX_BYTES, &text, &len, &err) != ISYNC_OK) {
        json_array_append_new(
            problems,
            json_pack("{s:s, s:s, s:s+}", "template", name, "path", "", "message", "cannot be read: ", err.message));
    } else {
        isync_template_parse(text, len, name, path, set->spec, &fresh, problems);
    }
    free(text);
    if (fresh) {
        isync_template_free(s->custom);
        s->custom = fresh;
        json_decref(problems);
        isync_log(ISYNC_LOG_INFO, "mapping %s: using %s", s->event, path);
    } else {
        s->errors = problems;
        errors_to_log(path, problems);
    }
    return 1;
}

int isync_mapping_set_refresh(isync_mapping_set *set)
{
    int changed = 0;
    if (!set->dir[0]) {
        return 0;
    }
    for (size_t i = 0; i < set->count; i++) {
        changed += refresh_slot(set, &set->slots[i]);
    }
    return changed;
}

const isync_template *isync_mapping_set_get(const isync_mapping_set *set, const char *event)
{
    for (size_t i = 0; set && i < set->count; i++) {
        if (strcmp(set->slots[i].event, event) == 0) {
            return set->slots[i].custom ? set->slots[i].custom : set->slots[i].builtin;
        }
    }
    return NULL;
}

const isync_m3_spec *isync_mapping_set_spec(const isync_mapping_set *set)
{
    return set->spec;
}

json_t *isync_mapping_set_status(const isync_mapping_set *set)
{
    json_t *templates = json_object();
    for (size_t i = 0; i < set->count; i++) {
        const slot *s = &set->slots[i];
        const isync_template *in_use = s->custom ? s->custom : s->builtin;
        json_t *entry = json_pack("{s:s}", "origin", in_use->origin);
        if (s->errors) {
            json_object_set(entry, "errors", s->errors);
        }
        json_object_set_new(templates, s->event, entry);
    }
    return json_pack("{s:s?, s:o}", "dir", set->dir[0] ? set->dir : NULL, "templates", templates);
}
