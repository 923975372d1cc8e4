/* The templates in use, per event type: the built-in one, or the admin's
 * file <infor_sync.mapping_dir>/<event type>.json. A changed file is read
 * again on refresh; a file with errors leaves the last good template in
 * use and its errors in the status. One set per thread (not shared). */
#ifndef ISYNC_MAPPING_SET_H
#define ISYNC_MAPPING_SET_H

#include <jansson.h>

#include "base/error.h"
#include "mapping/m3_spec.h"
#include "mapping/template.h"

typedef struct isync_mapping_set isync_mapping_set;

/* dir: the admin's directory, NULL or "" for none; metadata: the M3 field
 * specification file, NULL or "" for the built-in one. */
isync_status isync_mapping_set_open(const char *dir, const char *metadata, isync_mapping_set **out, isync_error *err);
void isync_mapping_set_free(isync_mapping_set *set);

/* Reads the admin's files again when they changed (a stat each). Returns
 * the number of event types whose template changed or failed to load. */
int isync_mapping_set_refresh(isync_mapping_set *set);

/* 1 when an admin's file changed since the last refresh (a stat each; reads nothing). */
int isync_mapping_set_stale(const isync_mapping_set *set);

/* The template in use for an event type, NULL when it has none. */
const isync_template *isync_mapping_set_get(const isync_mapping_set *set, const char *event);

const isync_m3_spec *isync_mapping_set_spec(const isync_mapping_set *set);

/* {"dir": .., "templates": {"order.placed": {"origin": .., "errors": [..]}}}; errors only
 * when the admin's file was refused. New reference. */
json_t *isync_mapping_set_status(const isync_mapping_set *set);

#endif
