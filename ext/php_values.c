#include "php_values.h"

#include "zend_smart_str.h"

#define MAX_DEPTH 64

static json_t *to_json(zval *value, char *path, size_t path_len, int depth,
                       isync_problems *problems);

static json_t *double_to_json(double number, const char *path, isync_problems *problems)
{
    smart_str text = { 0 };
    if (!zend_finite(number)) {
        isync_problems_add(problems, path, "must be a finite number");
        return NULL;
    }
    smart_str_append_double(&text, number, (int)PG(serialize_precision), false);
    smart_str_0(&text);
    json_t *json = json_stringn(ZSTR_VAL(text.s), ZSTR_LEN(text.s));
    smart_str_free(&text);
    return json;
}

static json_t *array_to_json(HashTable *table, char *path, size_t path_len, int depth,
                             isync_problems *problems)
{
    int is_list = zend_array_is_list(table);
    json_t *json = is_list ? json_array() : json_object();
    zend_ulong index;
    zend_string *key;
    zval *item;
    int failed = 0;

    ZEND_HASH_FOREACH_KEY_VAL_IND(table, index, key, item) {
        char key_buf[32];
        const char *key_text = key ? ZSTR_VAL(key) : key_buf;
        if (!key) {
            snprintf(key_buf, sizeof key_buf, ZEND_ULONG_FMT, index);
        }
        int n = is_list ? snprintf(path + path_len, 128 - path_len, "[" ZEND_ULONG_FMT "]", index)
                        : snprintf(path + path_len, 128 - path_len, "%s%s", path_len ? "." : "", key_text);
        size_t child_len = n > 0 && path_len + (size_t)n < 128 ? path_len + (size_t)n : path_len;
        json_t *child = to_json(item, path, child_len, depth + 1, problems);
        path[path_len] = '\0';
        if (!child) {
            failed = 1;
            continue;
        }
        if (is_list) {
            json_array_append_new(json, child);
        } else if (json_object_set_new(json, key_text, child) != 0) {
            isync_problems_add(problems, path, "key \"%.40s\" is not valid UTF-8", key_text);
            failed = 1;
        }
    } ZEND_HASH_FOREACH_END();
    if (failed) {
        json_decref(json);
        return NULL;
    }
    return json;
}

static json_t *to_json(zval *value, char *path, size_t path_len, int depth,
                       isync_problems *problems)
{
    const char *where = path_len ? path : "payload";
    ZVAL_DEREF(value);
    switch (Z_TYPE_P(value)) {
    case IS_NULL:
        return json_null();
    case IS_FALSE:
        return json_false();
    case IS_TRUE:
        return json_true();
    case IS_LONG:
        return json_integer((json_int_t)Z_LVAL_P(value));
    case IS_DOUBLE:
        return double_to_json(Z_DVAL_P(value), where, problems);
    case IS_STRING: {
        json_t *json = json_stringn(Z_STRVAL_P(value), Z_STRLEN_P(value));
        if (!json) {
            isync_problems_add(problems, where, "is not valid UTF-8");
        }
        return json;
    }
    case IS_ARRAY:
        if (depth >= MAX_DEPTH) {
            isync_problems_add(problems, where, "is nested deeper than %d levels", MAX_DEPTH);
            return NULL;
        }
        return array_to_json(Z_ARRVAL_P(value), path, path_len, depth, problems);
    default:
        isync_problems_add(problems, where, "must be a string, number, bool, null or array, not %s",
                           zend_zval_type_name(value));
        return NULL;
    }
}

json_t *infor_sync_array_to_json(zval *value, isync_problems *problems)
{
    char path[128] = "";
    memset(problems, 0, sizeof *problems);
    /* [] is the empty map here (an empty payload or configuration), not a list */
    if (Z_TYPE_P(value) == IS_ARRAY && zend_hash_num_elements(Z_ARRVAL_P(value)) == 0) {
        return json_object();
    }
    return to_json(value, path, 0, 0, problems);
}

void infor_sync_json_to_zval(json_t *json, zval *out)
{
    switch (json_typeof(json)) {
    case JSON_OBJECT: {
        const char *key;
        json_t *item;
        array_init_size(out, (uint32_t)json_object_size(json));
        json_object_foreach(json, key, item) {
            zval child;
            infor_sync_json_to_zval(item, &child);
            zend_symtable_str_update(Z_ARRVAL_P(out), key, strlen(key), &child);
        }
        break;
    }
    case JSON_ARRAY: {
        size_t index;
        json_t *item;
        array_init_size(out, (uint32_t)json_array_size(json));
        json_array_foreach(json, index, item) {
            zval child;
            infor_sync_json_to_zval(item, &child);
            add_next_index_zval(out, &child);
        }
        break;
    }
    case JSON_STRING:
        ZVAL_STRINGL(out, json_string_value(json), json_string_length(json));
        break;
    case JSON_INTEGER:
        ZVAL_LONG(out, (zend_long)json_integer_value(json));
        break;
    case JSON_REAL:
        ZVAL_DOUBLE(out, json_real_value(json));
        break;
    case JSON_TRUE:
        ZVAL_TRUE(out);
        break;
    case JSON_FALSE:
        ZVAL_FALSE(out);
        break;
    default:
        ZVAL_NULL(out);
        break;
    }
}
