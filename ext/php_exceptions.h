/* InforSync\Exception and its subclasses: what each carries and how the
 * core's errors become one. */
#ifndef INFOR_SYNC_PHP_EXCEPTIONS_H
#define INFOR_SYNC_PHP_EXCEPTIONS_H

#include <jansson.h>

#include "php.h"

#include "base/error.h"
#include "queue/problems.h"

/* MINIT: the classes registered from the stub (infor_sync_arginfo.h). */
void infor_sync_exceptions_init(zend_class_entry *validation, zend_class_entry *spool,
                                zend_class_entry *configuration);

/* ValidationException "<what>: <summary>", getErrors(): [{path, message}, ...]. */
ZEND_COLD void infor_sync_throw_validation(const char *what, const isync_problems *problems);

/* Mapping problems (mapping.h): path and message as for any validation
 * error, plus the Infor field, the call and the template line. */
ZEND_COLD void infor_sync_throw_mapping_problems(const char *what, json_t *problems);

/* ConfigurationException, getSetting(): the php.ini setting at fault. */
ZEND_COLD void infor_sync_throw_configuration(const char *setting, const char *message);

/* SpoolException, getDirectory(): infor_sync.spool_dir. */
ZEND_COLD void infor_sync_throw_spool(const isync_error *err);

#endif
