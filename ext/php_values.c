#include "php_values.h"

#include "zend_smart_str.h"

#define MAX_DEPTH 64
#define PATH_SIZE 128

/* Where a value is in the array: written out ("items[1].price") only for a
 * problem, so a valid payload costs no formatting. */
typedef struct value_path {
    const struct value_path *parent; /* NULL: the top level */
    const char *key; /* a member's key, or NULL for a list element */
    zend_ulong index;
} value_path;

static size_t path_text(const value_path *at, char *out)
{
    if (!at) {
        out[0] = '\0';
        return 0;
    }
    size_t used = path_text(at->parent, out);
    int n = at->key ? snprintf(out + used, PATH_SIZE - used, "%s%s", used ? "." : "", at->key)
                    : snprintf(out + used, PATH_SIZE - used, "[" ZEND_ULONG_FMT "]", at->index);
    return n > 0 && used + (size_t)n < PATH_SIZE ? used + (size_t)n : PATH_SIZE - 1;
}

static void add_problem(isync_problems *problems, const value_path *at, const char *fmt, ...)
    ZEND_ATTRIBUTE_FORMAT(printf, 3, 4);

/* A problem of the value at `at` ("payload" for the top level, as for an empty path). */
static void add_problem(isync_problems *problems, const value_path *at, const char *fmt, ...)
{
    char path[PATH_SIZE], message[sizeof problems->items[0].message];
    va_list ap;
    path_text(at, path);
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    isync_problems_add(problems, path[0] ? path : "payload", "%s", message);
}

/* The limits a conversion checks (NULL: none) and the JSON text counted so far. */
typedef struct {
    const infor_sync_json_limits *max;
    size_t bytes; /* a lower bound of the JSON text's length */
    int over; /* the byte limit was passed: stop */
} budget;

static json_t *to_json(zval *value, const value_path *at, int depth, budget *spent, isync_problems *problems);

/* Counts n more bytes of JSON text; 0 once past the limit (reported once, for the whole payload). */
static int spend(budget *spent, size_t n, isync_problems *problems)
{
    if (!spent->max || spent->over) {
        return !spent->over;
    }
    spent->bytes += n;
    if (spent->bytes > spent->max->bytes) {
        spent->over = 1;
        isync_problems_add(problems, "payload", "is more than the %zu bytes of JSON allowed", spent->max->bytes);
        return 0;
    }
    return 1;
}

static json_t *string_to_json(zval *value, const value_path *at, budget *spent, isync_problems *problems)
{
    size_t len = Z_STRLEN_P(value);
    if (memchr(Z_STRVAL_P(value), '\0', len)) {
        add_problem(problems, at, "must not contain a NUL byte");
        return NULL;
    }
    if (spent->max && len > spent->max->string) {
        add_problem(problems, at, "is %zu bytes long, at most %zu are allowed", len, spent->max->string);
        return NULL;
    }
    if (!spend(spent, len + 1, problems)) { /* its quotes; one byte was counted with the element */
        return NULL;
    }
    json_t *json = json_stringn(Z_STRVAL_P(value), len);
    if (!json) {
        add_problem(problems, at, "is not valid UTF-8");
    }
    return json;
}

static json_t *double_to_json(double number, const value_path *at, isync_problems *problems)
{
    smart_str text = { 0 };
    if (!zend_finite(number)) {
        add_problem(problems, at, "must be a finite number");
        return NULL;
    }
    smart_str_append_double(&text, number, (int)PG(serialize_precision), false);
    smart_str_0(&text);
    json_t *json = json_stringn(ZSTR_VAL(text.s), ZSTR_LEN(text.s));
    smart_str_free(&text);
    return json;
}

static json_t *array_to_json(HashTable *table, const value_path *at, int depth, budget *spent,
                             isync_problems *problems)
{
    uint32_t count = zend_hash_num_elements(table);
    if (spent->max && count > spent->max->elements) {
        add_problem(problems, at, "has %u elements, at most %zu are allowed", count, spent->max->elements);
        return NULL;
    }
    int is_list = zend_array_is_list(table);
    json_t *json = is_list ? json_array() : json_object();
    zend_ulong index;
    zend_string *key;
    zval *item;
    int failed = 0;

    ZEND_HASH_FOREACH_KEY_VAL_IND(table, index, key, item) {
        char key_buf[32];
        const char *key_text = key ? ZSTR_VAL(key) : key_buf;
        if (!key && !is_list) {
            snprintf(key_buf, sizeof key_buf, ZEND_ULONG_FMT, index);
        }
        value_path child_at = { at, is_list ? NULL : key_text, index };
        if (key && memchr(ZSTR_VAL(key), '\0', ZSTR_LEN(key))) {
            /* C strings would cut the key there: "sku\0x" would become "sku" */
            add_problem(problems, &child_at, "key must not contain a NUL byte");
            failed = 1;
            continue;
        }
        /* a value is one byte at least, then a comma or the closing bracket; a key adds "key": */
        if (!spend(spent, 2 + (is_list ? 0 : strlen(key_text) + 3), problems)) {
            failed = 1;
            break;
        }
        json_t *child = to_json(item, &child_at, depth + 1, spent, problems);
        if (!child) {
            failed = 1;
            continue;
        }
        if (is_list) {
            json_array_append_new(json, child);
        } else if (json_object_set_new(json, key_text, child) != 0) {
            char path[PATH_SIZE];
            path_text(at, path);
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

static json_t *to_json(zval *value, const value_path *at, int depth, budget *spent, isync_problems *problems)
{
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
        return double_to_json(Z_DVAL_P(value), at, problems);
    case IS_STRING:
        return string_to_json(value, at, spent, problems);
    case IS_ARRAY:
        if (depth >= MAX_DEPTH) {
            add_problem(problems, at, "is nested deeper than %d levels", MAX_DEPTH);
            return NULL;
        }
        return array_to_json(Z_ARRVAL_P(value), at, depth, spent, problems);
    default:
        add_problem(problems, at, "must be a string, number, bool, null or array, not %s",
                    zend_zval_type_name(value));
        return NULL;
    }
}

json_t *infor_sync_array_to_json_within(zval *value, const infor_sync_json_limits *limits, isync_problems *problems)
{
    budget spent = { limits, 0, 0 };
    memset(problems, 0, sizeof *problems);
    /* [] is the empty map here (an empty payload or configuration), not a list */
    if (Z_TYPE_P(value) == IS_ARRAY && zend_hash_num_elements(Z_ARRVAL_P(value)) == 0) {
        return json_object();
    }
    return to_json(value, NULL, 0, &spent, problems);
}

const infor_sync_json_limits infor_sync_payload_limits = { ISYNC_PAYLOAD_MAX_ELEMENTS, ISYNC_PAYLOAD_MAX_STRING,
                                                           ISYNC_PAYLOAD_MAX_BYTES };

json_t *infor_sync_array_to_json(zval *value, isync_problems *problems)
{
    return infor_sync_array_to_json_within(value, NULL, problems);
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
