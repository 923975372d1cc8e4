/* Conversions between PHP values and the core's jansson values. */
#ifndef INFOR_SYNC_PHP_VALUES_H
#define INFOR_SYNC_PHP_VALUES_H

#include <jansson.h>

#include "php.h"
#include "queue/event.h"

/* PHP array -> JSON object/array. Floats become their shortest decimal
 * string ("19.99", as json_encode writes them) so money keeps its exact
 * value. Anything that cannot be carried (objects, resources, invalid UTF-8,
 * NUL bytes in keys or texts,
 * INF/NAN, nesting deeper than 64) is added to problems with its path;
 * returns NULL then. */
json_t *infor_sync_array_to_json(zval *value, isync_problems *problems);

/* The most a converted value may hold. */
typedef struct {
    size_t elements; /* of one array */
    size_t string; /* bytes of one string */
    size_t bytes; /* of the JSON text (counted as strings and keys with quotes: at least the real size) */
} infor_sync_json_limits;

/* The same, refusing (with the path at fault) an array, a string or a whole
 * value over the limits: checked before each is converted, so a payload of a
 * million lines is refused at once. */
/* enqueue()'s and map_preview()'s (queue/event.h, docs/configuration.md#limits). */
extern const infor_sync_json_limits infor_sync_payload_limits;

json_t *infor_sync_array_to_json_within(zval *value, const infor_sync_json_limits *limits,
                                        isync_problems *problems);

/* JSON -> PHP value (objects become associative arrays). */
void infor_sync_json_to_zval(json_t *json, zval *out);

#endif
