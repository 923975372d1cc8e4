/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 9058ca5ee1f7c3d11a261af81795ea65e2786bf5 */

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_InforSync_enqueue, 0, 2, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, type, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, payload, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, idempotencyKey, IS_STRING, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_InforSync_status, 0, 0, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_InforSync_flush, 0, 0, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, timeoutMs, IS_LONG, 0, "5000")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_InforSync_dead_letters, 0, 0, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, limit, IS_LONG, 0, "100")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_InforSync_retry_dead, 0, 0, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, id, IS_STRING, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_InforSync_discard_dead, 0, 1, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, id, IS_STRING, 0)
ZEND_END_ARG_INFO()

#define arginfo_InforSync_held arginfo_InforSync_dead_letters

#define arginfo_InforSync_release arginfo_InforSync_discard_dead

#define arginfo_InforSync_discard_held arginfo_InforSync_discard_dead

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_InforSync_event, 0, 1, IS_ARRAY, 1)
	ZEND_ARG_TYPE_INFO(0, id, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_InforSync_inbound, 0, 0, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, limit, IS_LONG, 0, "100")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, types, IS_ARRAY, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_InforSync_ack, 0, 1, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, ids, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

#define arginfo_InforSync_config arginfo_InforSync_status

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_InforSync_save_config, 0, 1, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, config, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_InforSync_save_credentials, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, ionapi, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_InforSync_rebuild_customer_index, 0, 0, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_InforSync_map_preview, 0, 2, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, type, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, payload, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_InforSync_suggest_mapping, 0, 3, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, samplePayload, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, program, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, transaction, IS_STRING, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_InforSync_ValidationException_getErrors arginfo_InforSync_status

#define arginfo_class_InforSync_SpoolException_getDirectory arginfo_InforSync_rebuild_customer_index

#define arginfo_class_InforSync_ConfigurationException_getSetting arginfo_InforSync_rebuild_customer_index


ZEND_FUNCTION(InforSync_enqueue);
ZEND_FUNCTION(InforSync_status);
ZEND_FUNCTION(InforSync_flush);
ZEND_FUNCTION(InforSync_dead_letters);
ZEND_FUNCTION(InforSync_retry_dead);
ZEND_FUNCTION(InforSync_discard_dead);
ZEND_FUNCTION(InforSync_held);
ZEND_FUNCTION(InforSync_release);
ZEND_FUNCTION(InforSync_discard_held);
ZEND_FUNCTION(InforSync_event);
ZEND_FUNCTION(InforSync_inbound);
ZEND_FUNCTION(InforSync_ack);
ZEND_FUNCTION(InforSync_config);
ZEND_FUNCTION(InforSync_save_config);
ZEND_FUNCTION(InforSync_save_credentials);
ZEND_FUNCTION(InforSync_rebuild_customer_index);
ZEND_FUNCTION(InforSync_map_preview);
ZEND_FUNCTION(InforSync_suggest_mapping);
ZEND_METHOD(InforSync_ValidationException, getErrors);
ZEND_METHOD(InforSync_SpoolException, getDirectory);
ZEND_METHOD(InforSync_ConfigurationException, getSetting);


static const zend_function_entry ext_functions[] = {
	ZEND_NS_FALIAS("InforSync", enqueue, InforSync_enqueue, arginfo_InforSync_enqueue)
	ZEND_NS_FALIAS("InforSync", status, InforSync_status, arginfo_InforSync_status)
	ZEND_NS_FALIAS("InforSync", flush, InforSync_flush, arginfo_InforSync_flush)
	ZEND_NS_FALIAS("InforSync", dead_letters, InforSync_dead_letters, arginfo_InforSync_dead_letters)
	ZEND_NS_FALIAS("InforSync", retry_dead, InforSync_retry_dead, arginfo_InforSync_retry_dead)
	ZEND_NS_FALIAS("InforSync", discard_dead, InforSync_discard_dead, arginfo_InforSync_discard_dead)
	ZEND_NS_FALIAS("InforSync", held, InforSync_held, arginfo_InforSync_held)
	ZEND_NS_FALIAS("InforSync", release, InforSync_release, arginfo_InforSync_release)
	ZEND_NS_FALIAS("InforSync", discard_held, InforSync_discard_held, arginfo_InforSync_discard_held)
	ZEND_NS_FALIAS("InforSync", event, InforSync_event, arginfo_InforSync_event)
	ZEND_NS_FALIAS("InforSync", inbound, InforSync_inbound, arginfo_InforSync_inbound)
	ZEND_NS_FALIAS("InforSync", ack, InforSync_ack, arginfo_InforSync_ack)
	ZEND_NS_FALIAS("InforSync", config, InforSync_config, arginfo_InforSync_config)
	ZEND_NS_FALIAS("InforSync", save_config, InforSync_save_config, arginfo_InforSync_save_config)
	ZEND_NS_FALIAS("InforSync", save_credentials, InforSync_save_credentials, arginfo_InforSync_save_credentials)
	ZEND_NS_FALIAS("InforSync", rebuild_customer_index, InforSync_rebuild_customer_index, arginfo_InforSync_rebuild_customer_index)
	ZEND_NS_FALIAS("InforSync", map_preview, InforSync_map_preview, arginfo_InforSync_map_preview)
	ZEND_NS_FALIAS("InforSync", suggest_mapping, InforSync_suggest_mapping, arginfo_InforSync_suggest_mapping)
	ZEND_FE_END
};


static const zend_function_entry class_InforSync_Exception_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_InforSync_ValidationException_methods[] = {
	ZEND_ME(InforSync_ValidationException, getErrors, arginfo_class_InforSync_ValidationException_getErrors, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_InforSync_SpoolException_methods[] = {
	ZEND_ME(InforSync_SpoolException, getDirectory, arginfo_class_InforSync_SpoolException_getDirectory, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_InforSync_ConfigurationException_methods[] = {
	ZEND_ME(InforSync_ConfigurationException, getSetting, arginfo_class_InforSync_ConfigurationException_getSetting, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};

static zend_class_entry *register_class_InforSync_Exception(zend_class_entry *class_entry_RuntimeException)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "InforSync", "Exception", class_InforSync_Exception_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_RuntimeException);

	return class_entry;
}

static zend_class_entry *register_class_InforSync_ValidationException(zend_class_entry *class_entry_InforSync_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "InforSync", "ValidationException", class_InforSync_ValidationException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_InforSync_Exception);
	class_entry->ce_flags |= ZEND_ACC_FINAL;

	zval property_errors_default_value;
	ZVAL_EMPTY_ARRAY(&property_errors_default_value);
	zend_string *property_errors_name = zend_string_init("errors", sizeof("errors") - 1, 1);
	zend_declare_typed_property(class_entry, property_errors_name, &property_errors_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_ARRAY));
	zend_string_release(property_errors_name);

	return class_entry;
}

static zend_class_entry *register_class_InforSync_SpoolException(zend_class_entry *class_entry_InforSync_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "InforSync", "SpoolException", class_InforSync_SpoolException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_InforSync_Exception);
	class_entry->ce_flags |= ZEND_ACC_FINAL;

	zval property_directory_default_value;
	ZVAL_EMPTY_STRING(&property_directory_default_value);
	zend_string *property_directory_name = zend_string_init("directory", sizeof("directory") - 1, 1);
	zend_declare_typed_property(class_entry, property_directory_name, &property_directory_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_directory_name);

	return class_entry;
}

static zend_class_entry *register_class_InforSync_ConfigurationException(zend_class_entry *class_entry_InforSync_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "InforSync", "ConfigurationException", class_InforSync_ConfigurationException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_InforSync_Exception);
	class_entry->ce_flags |= ZEND_ACC_FINAL;

	zval property_setting_default_value;
	ZVAL_EMPTY_STRING(&property_setting_default_value);
	zend_string *property_setting_name = zend_string_init("setting", sizeof("setting") - 1, 1);
	zend_declare_typed_property(class_entry, property_setting_name, &property_setting_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_setting_name);

	return class_entry;
}
