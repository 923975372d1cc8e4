#ifndef PHP_INFOR_SYNC_H
#define PHP_INFOR_SYNC_H

extern zend_module_entry infor_sync_module_entry;
#define phpext_infor_sync_ptr &infor_sync_module_entry

#define PHP_INFOR_SYNC_VERSION "0.1.0"

#define INFOR_SYNC_WORKER_OFF 0
#define INFOR_SYNC_WORKER_ON 1
#define INFOR_SYNC_WORKER_AUTO 2

#ifdef ZTS
#include "TSRM.h"
#endif

ZEND_BEGIN_MODULE_GLOBALS(infor_sync)
    bool enabled;
    char *spool_dir;
    char *ionapi_file;
    char *config_file;
    zend_long worker_mode;      /* INFOR_SYNC_WORKER_* */
    bool durable;               /* infor_sync.durability=fsync */
    char *ca_file;
    bool verify_tls;
    zend_long connect_timeout_ms;
    zend_long request_timeout_ms;
    zend_long retry_base_ms;
    zend_long retry_cap_ms;
    zend_long retry_max_age;
    zend_long shutdown_timeout_ms;
    zend_long done_retention;
    zend_long poll_stock_interval;
    zend_long poll_items_interval;
    zend_long poll_shipments_interval;
    zend_long log_level;        /* isync_log_level */
    char *log_file;
    char *mapping_dir;
    char *m3_metadata;
    void *mapping_set;          /* isync_mapping_set of this thread's requests (php_mapping.c) */
    zend_long mapping_checked;  /* when its files were last looked at (seconds) */
    void *mapping_inputs;       /* business settings and rates as the mappings see them (php_mapping.c) */
    bool anomaly_hold;
    double anomaly_threshold;
    zend_long anomaly_min_history;
ZEND_END_MODULE_GLOBALS(infor_sync)

ZEND_EXTERN_MODULE_GLOBALS(infor_sync)
#define INFOR_SYNC_G(v) ZEND_MODULE_GLOBALS_ACCESSOR(infor_sync, v)

#if defined(ZTS) && defined(COMPILE_DL_INFOR_SYNC)
ZEND_TSRMLS_CACHE_EXTERN()
#endif

#endif
