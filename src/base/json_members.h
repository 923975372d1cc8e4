/* JSON object members: an object member got or made, and the checks that an
 * object's members are texts, where each complaint goes to the caller's sink
 * (isync_problems, or a template's problems with file and line). */
#ifndef ISYNC_JSON_MEMBERS_H
#define ISYNC_JSON_MEMBERS_H

#include <jansson.h>

#include "base/error.h"

/* The member name of parent when it is an object; else a new empty object
 * put there first. Borrowed (parent owns it); NULL when out of memory. */
json_t *isync_json_object_member(json_t *parent, const char *name);

/* Where a check reports a problem: path such as "lookups.country.DE". */
typedef void isync_complain_fn(void *sink, const char *path, const char *message);

/* The sink for an isync_problems. */
void isync_complain_to_problems(void *problems, const char *path, const char *message);

/* Each member of obj that is not a string: message at "<prefix>.<key>",
 * the key cut to key_max bytes (ISYNC_WHOLE_KEY: not cut). */
#define ISYNC_WHOLE_KEY (-1)
void isync_json_check_texts(json_t *obj, const char *prefix, int key_max, const char *message,
                            isync_complain_fn *complain, void *sink);

/* Each member of obj whose key is not in allowed (NULL-terminated): message,
 * a format given the key, at "<prefix>.<key>" (at "<key>" when prefix is ""). */
void isync_json_check_keys(json_t *obj, const char *prefix, const char *const *allowed, const char *message,
                           isync_complain_fn *complain, void *sink);

/* Tables of texts, {"table": {"key": "value"}}, under name (as "lookups"):
 * not_tables when value is no object; each table an object whose members
 * are strings (not_text at "<name>.<table>.<key>", both cut to 50 bytes). */
void isync_json_check_tables(json_t *value, const char *name, const char *not_tables, const char *not_text,
                             isync_complain_fn *complain, void *sink);

#endif
