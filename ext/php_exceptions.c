/* The exceptions InforSync's functions throw, and their getters. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "php.h"
#include "zend_exceptions.h"

#include "php_exceptions.h"
#include "php_settings.h"
#include "php_values.h"

#include "mapping/mapping.h"

static zend_class_entry *validation_exception_ce;
static zend_class_entry *spool_exception_ce;
static zend_class_entry *configuration_exception_ce;

void infor_sync_exceptions_init(zend_class_entry *validation, zend_class_entry *spool,
                                zend_class_entry *configuration)
{
    validation_exception_ce = validation;
    spool_exception_ce = spool;
    configuration_exception_ce = configuration;
}

ZEND_COLD void infor_sync_throw_validation(const char *what, const isync_problems *problems)
{
    char summary[2048];
    zval errors;
    size_t shown = problems->count < ISYNC_PROBLEMS_MAX ? problems->count : ISYNC_PROBLEMS_MAX;

    isync_problems_format(problems, summary, sizeof summary);
    zend_object *ex = zend_throw_exception_ex(validation_exception_ce, 0, "%s: %s", what, summary);
    array_init(&errors);
    for (size_t i = 0; i < shown; i++) {
        zval problem;
        array_init(&problem);
        add_assoc_string(&problem, "path", problems->items[i].path);
        add_assoc_string(&problem, "message", problems->items[i].message);
        add_next_index_zval(&errors, &problem);
    }
    zend_update_property(validation_exception_ce, ex, ZEND_STRL("errors"), &errors);
    zval_ptr_dtor(&errors);
}

ZEND_COLD void infor_sync_throw_mapping_problems(const char *what, json_t *problems)
{
    char summary[2048];
    zval errors;
    size_t index;
    json_t *problem;

    isync_mapping_problems_text(problems, summary, sizeof summary);
    zend_object *ex = zend_throw_exception_ex(validation_exception_ce, 0, "%s: %s", what, summary);
    array_init(&errors);
    json_array_foreach(problems, index, problem) {
        zval entry;
        infor_sync_json_to_zval(problem, &entry);
        add_next_index_zval(&errors, &entry);
    }
    zend_update_property(validation_exception_ce, ex, ZEND_STRL("errors"), &errors);
    zval_ptr_dtor(&errors);
}

ZEND_COLD void infor_sync_throw_configuration(const char *setting, const char *message)
{
    zend_object *ex = zend_throw_exception(configuration_exception_ce, message, 0);
    zend_update_property_string(configuration_exception_ce, ex, ZEND_STRL("setting"), setting);
}

ZEND_COLD void infor_sync_throw_spool(const isync_error *err)
{
    zend_object *ex = zend_throw_exception(spool_exception_ce, err->message, err->sys_errno);
    zend_update_property_string(spool_exception_ce, ex, ZEND_STRL("directory"), INFOR_SYNC_G(spool_dir));
}

static void return_property(zend_class_entry *ce, zval *return_value, zend_object *object,
                            const char *name, size_t name_len)
{
    zval rv;
    zval *value = zend_read_property(ce, object, name, name_len, true, &rv);
    RETURN_COPY_DEREF(value);
}

ZEND_METHOD(InforSync_ValidationException, getErrors)
{
    ZEND_PARSE_PARAMETERS_NONE();
    return_property(validation_exception_ce, return_value, Z_OBJ_P(ZEND_THIS), ZEND_STRL("errors"));
}

ZEND_METHOD(InforSync_SpoolException, getDirectory)
{
    ZEND_PARSE_PARAMETERS_NONE();
    return_property(spool_exception_ce, return_value, Z_OBJ_P(ZEND_THIS), ZEND_STRL("directory"));
}

ZEND_METHOD(InforSync_ConfigurationException, getSetting)
{
    ZEND_PARSE_PARAMETERS_NONE();
    return_property(configuration_exception_ce, return_value, Z_OBJ_P(ZEND_THIS), ZEND_STRL("setting"));
}
