#ifndef PHP_INFOR_SYNC_H
#define PHP_INFOR_SYNC_H

extern zend_module_entry infor_sync_module_entry;
#define phpext_infor_sync_ptr &infor_sync_module_entry

#define PHP_INFOR_SYNC_VERSION "0.1.0"

#endif
