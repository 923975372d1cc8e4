/* The mapping engine seen from PHP: enqueue-time checks, map_preview(),
 * suggest_mapping(), the mapping part of status(). */
#ifndef INFOR_SYNC_PHP_MAPPING_H
#define INFOR_SYNC_PHP_MAPPING_H

#include <jansson.h>

#include "php.h"
#include "php_infor_sync.h"

/* Applies the template of type to a validated payload; throws a
 * ValidationException listing every problem (except those only the worker
 * can settle: values known at delivery time, a missing exchange rate).
 * Returns 0, or -1 with an exception thrown. */
int infor_sync_check_mapping(const char *type, json_t *payload);

/* status()['mapping']: the worker's view when a leader published one, else this process's. */
void infor_sync_add_mapping_status(zval *status, json_t *leader_mapping, json_t *leader_rates);

void infor_sync_mapping_free(zend_infor_sync_globals *globals);

/* php --ri: the templates in use and refused files. */
void infor_sync_mapping_info(void);

/* infor_sync.c */
ZEND_COLD void infor_sync_throw_mapping_problems(const char *what, json_t *problems);
ZEND_COLD void infor_sync_throw_configuration(const char *setting, const char *message);

#endif
