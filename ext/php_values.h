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

/* JSON -> PHP value (objects become associative arrays). */
void infor_sync_json_to_zval(json_t *json, zval *out);

#endif
