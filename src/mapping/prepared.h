/* A mapping template prepared once when it is loaded (template.h), for the
 * evaluator in mapping.c: event paths split into steps, each value's source
 * and transforms looked up, conditions parsed, and each field's rule of the
 * M3 field specification found. Everything points into the template's JSON
 * (texts, arguments, the spec of each value), which the template keeps;
 * nothing is copied but the path steps. Read-only once made. */
#ifndef ISYNC_PREPARED_H
#define ISYNC_PREPARED_H

#include <jansson.h>

#include "mapping/m3_spec.h"
#include "mapping/transform.h"

/* Paths into an event are keys joined by '.', with [n] or [key=value]
 * selectors: the length of the first segment (a '.' inside [...] belongs to
 * the selector: "surcharges[code=CDEV.STAX]"). */
size_t isync_path_segment_length(const char *path);

/* One step of an event path: "name", "name[3]" or "name[key=value]". */
typedef struct {
    const char *name;
    size_t name_len;
    enum { ISYNC_STEP_KEY, ISYNC_STEP_INDEX, ISYNC_STEP_SELECT } kind;
    size_t index; /* ISYNC_STEP_INDEX */
    const char *key, *value; /* ISYNC_STEP_SELECT: the member and its text */
    size_t key_len, value_len;
} isync_path_step;

/* A path as written in the template ("items[0].sku", "item.price", "setting:warehouse"). */
typedef struct {
    const char *text; /* as written (borrowed), NULL for none */
    enum { ISYNC_PATH_EVENT, ISYNC_PATH_ITEM, ISYNC_PATH_SETTING } base;
    const char *setting; /* ISYNC_PATH_SETTING: the setting's name */
    isync_path_step *steps;
    size_t count;
} isync_path;

typedef struct isync_condition isync_condition;
struct isync_condition {
    enum {
        ISYNC_COND_TRUE, /* no condition: {} */
        ISYNC_COND_EXISTS,
        ISYNC_COND_MISSING,
        ISYNC_COND_NONZERO,
        ISYNC_COND_EQUALS,
        ISYNC_COND_NOT,
        ISYNC_COND_ALL,
        ISYNC_COND_ANY
    } kind;
    isync_path path; /* EXISTS, MISSING, NONZERO, EQUALS */
    const char *value; /* EQUALS */
    isync_condition *children; /* NOT (one), ALL, ANY */
    size_t count;
};

typedef struct {
    const isync_transform_def *def; /* NULL: not a transform (reported when applied) */
    const char *name;
    json_t *arg; /* borrowed, NULL for none */
} isync_prepared_transform;

typedef struct isync_value isync_value;
struct isync_value {
    enum {
        ISYNC_VALUE_TEXT, /* a plain text default: "Shipping" */
        ISYNC_VALUE_FROM,
        ISYNC_VALUE_CONST,
        ISYNC_VALUE_SETTING,
        ISYNC_VALUE_CONTEXT,
        ISYNC_VALUE_OUTPUT,
        ISYNC_VALUE_CONCAT
    } kind;
    json_t *spec; /* the value as written (borrowed) */
    json_t *arg; /* the source's argument: CONST the value, FROM the path, OUTPUT "head.ORNO" (borrowed) */
    const char *name; /* SETTING, CONTEXT, OUTPUT: the name */
    isync_path path; /* FROM */
    json_t *placeholder; /* CONTEXT, OUTPUT: "{name}" (own reference) */
    isync_value *parts; /* CONCAT */
    size_t part_count;
    const char *separator; /* CONCAT, NULL for none */
    isync_prepared_transform *transforms;
    size_t transform_count;
    isync_value *fallback; /* "default", or NULL */
};

typedef struct {
    const char *name;
    isync_value value;
    isync_condition *when; /* NULL: always */
    const isync_m3_field_spec *rule; /* in the spec the template was prepared with; NULL: none */
} isync_prepared_field;

/* A mandatory input of a call's transaction (CONO left out: the connector sets it). */
typedef struct {
    const char *name;
    size_t field; /* its index in fields, or field_count when the template does not map it */
} isync_prepared_mandatory;

typedef struct {
    json_t *call; /* as written (borrowed) */
    const char *id, *program, *transaction;
    const isync_m3_transaction *tx; /* in the spec the template was prepared with */
    int line; /* of the call in the template file */
    isync_path for_each; /* text NULL: no for_each */
    isync_condition *when;
    isync_prepared_field *fields;
    size_t field_count;
    isync_prepared_mandatory *mandatory;
    size_t mandatory_count;
} isync_prepared_call;

typedef struct isync_prepared {
    const isync_m3_spec *spec; /* the rules and transactions above are this spec's */
    isync_prepared_call *calls;
    size_t call_count;
    json_t *lookups; /* the template's "lookups" (borrowed), or NULL */
} isync_prepared;

/* Prepares root (a template that passed the checks of template.c); lines:
 * path in the template -> line. NULL when out of memory. */
isync_prepared *isync_prepared_make(json_t *root, json_t *lines, const isync_m3_spec *spec);
void isync_prepared_free(isync_prepared *prepared);

/* The mandatory inputs of tx as isync_prepared_mandatory for call's fields
 * (for a spec other than the one prepared with). New array of *count
 * entries (free()), NULL when there are none or out of memory. */
isync_prepared_mandatory *isync_prepared_mandatory_of(const isync_prepared_call *call, const isync_m3_transaction *tx,
                                                      size_t *count);

#endif
