/* The php.ini settings and the module globals, both made from the one list
 * in src/worker/settings.h; the copy a worker thread takes of them. */
#ifndef INFOR_SYNC_PHP_SETTINGS_H
#define INFOR_SYNC_PHP_SETTINGS_H

#include "php.h"

#include "worker/settings.h"

#ifdef ZTS
#include "TSRM.h"
#endif

/* infor_sync.worker */
#define INFOR_SYNC_WORKER_OFF 0
#define INFOR_SYNC_WORKER_ON 1
#define INFOR_SYNC_WORKER_AUTO 2

#define INFOR_SYNC_GLOBAL_BOOL bool
#define INFOR_SYNC_GLOBAL_LONG zend_long
#define INFOR_SYNC_GLOBAL_DOUBLE double
#define INFOR_SYNC_GLOBAL_STRING char *
#define INFOR_SYNC_GLOBAL(type, name, ini, def, check, scope, field) INFOR_SYNC_GLOBAL_##type name;

ZEND_BEGIN_MODULE_GLOBALS(infor_sync)
    ISYNC_SETTINGS(INFOR_SYNC_GLOBAL)
    void *mapping_set;          /* isync_mapping_set of this thread's requests (php_mapping.c) */
    zend_long mapping_checked;  /* when its files were last looked at (seconds) */
    void *mapping_inputs;       /* business settings and rates as the mappings see them (php_mapping.c) */
    zend_long inputs_checked;   /* when their files were last looked at (seconds); -1: not in this request */
ZEND_END_MODULE_GLOBALS(infor_sync)

ZEND_EXTERN_MODULE_GLOBALS(infor_sync)
#define INFOR_SYNC_G(v) ZEND_MODULE_GLOBALS_ACCESSOR(infor_sync, v)

#if defined(ZTS) && defined(COMPILE_DL_INFOR_SYNC)
ZEND_TSRMLS_CACHE_EXTERN()
#endif

/* MINIT / MSHUTDOWN: every INI entry of the list, PHP_INI_SYSTEM. */
void infor_sync_settings_register(int module_number);
void infor_sync_settings_unregister(int module_number);

/* "off", "on" or "auto": infor_sync.worker as php.ini spells it. */
const char *infor_sync_worker_mode_name(void);

/* The worker's copy: every WORKER-scoped setting of this request. */
void infor_sync_worker_settings(isync_worker_settings *settings);

#endif
