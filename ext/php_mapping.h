/* The mapping engine seen from PHP: enqueue-time checks, map_preview(),
 * suggest_mapping(), the mapping part of status(). */
#ifndef INFOR_SYNC_PHP_MAPPING_H
#define INFOR_SYNC_PHP_MAPPING_H

#include <jansson.h>

#include "php.h"
#include "php_settings.h"
#include "queue/event.h"

/* Applies the template of type to a payload that went through
 * isync_event_validate (its problems in schema_problems) and throws one
 * ValidationException listing every problem: the payload's own, each with
 * the Infor field, call and template line when the template reads that
 * path, then the template's other problems (except those the worker settles
 * later: values known at delivery, a business setting, an exchange rate).
 * Returns 0, or -1 with the exception thrown. */
int infor_sync_check_payload(const char *type, json_t *payload, const isync_problems *schema_problems);

/* This process's view of its templates (isync_report_inputs.local_mapping):
 * new reference, NULL when the M3 field specification cannot be loaded. */
json_t *infor_sync_local_mapping(void *ctx);

void infor_sync_mapping_free(zend_infor_sync_globals *globals);

/* php --ri: the templates in use and refused files, from the report's "mapping". */
void infor_sync_mapping_info(json_t *mapping);

#endif
