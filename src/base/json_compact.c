#include "base/json_compact.h"

#include <stdio.h>
#include <string.h>

typedef struct {
    char *buf;
    size_t size;
    size_t len; /* the text's length so far, also beyond size */
    int failed;
} writer;

static void put(writer *w, const char *text, size_t len)
{
    if (w->len < w->size) {
        memcpy(w->buf + w->len, text, len <= w->size - w->len ? len : w->size - w->len);
    }
    w->len += len;
}

/* jansson's escapes: \\ \" \b \f \n \r \t, other control characters as
 * \u00XX (upper case); '/' and non-ASCII as they are. */
static void put_escape(writer *w, unsigned char c)
{
    static const char hex[] = "0123456789ABCDEF";
    char escape[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
    const char *named = c == '"' ? "\\\""
        : c == '\\'              ? "\\\\"
        : c == '\b'              ? "\\b"
        : c == '\f'              ? "\\f"
        : c == '\n'              ? "\\n"
        : c == '\r'              ? "\\r"
        : c == '\t'              ? "\\t"
                                 : NULL;
    put(w, named ? named : escape, named ? 2 : 6);
}

static void put_string(writer *w, const char *text, size_t len)
{
    size_t start = 0;
    put(w, "\"", 1);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c < 0x20 || c == '"' || c == '\\') {
            put(w, text + start, i - start);
            put_escape(w, c);
            start = i + 1;
        }
    }
    put(w, text + start, len - start);
    put(w, "\"", 1);
}

static void put_value(writer *w, const json_t *value);

static void put_object(writer *w, const json_t *object)
{
    const char *key;
    json_t *member;
    size_t key_len;
    int first = 1;
    put(w, "{", 1);
    json_object_keylen_foreach((json_t *)object, key, key_len, member)
    {
        if (!first) {
            put(w, ",", 1);
        }
        first = 0;
        put_string(w, key, key_len);
        put(w, ":", 1);
        put_value(w, member);
    }
    put(w, "}", 1);
}

static void put_array(writer *w, const json_t *array)
{
    size_t index;
    json_t *element;
    put(w, "[", 1);
    json_array_foreach((json_t *)array, index, element)
    {
        if (index) {
            put(w, ",", 1);
        }
        put_value(w, element);
    }
    put(w, "]", 1);
}

/* A real as jansson writes it ("%.17g", ".0" when it would read as an integer). */
static void put_real(writer *w, const json_t *real)
{
    char text[64];
    size_t len = json_dumpb(real, text, sizeof text, JSON_ENCODE_ANY | JSON_COMPACT);
    if (len == 0 || len > sizeof text) {
        w->failed = 1;
        return;
    }
    put(w, text, len);
}

static void put_value(writer *w, const json_t *value)
{
    char text[32];
    switch (json_typeof(value)) {
    case JSON_OBJECT: put_object(w, value); break;
    case JSON_ARRAY: put_array(w, value); break;
    case JSON_STRING: put_string(w, json_string_value(value), json_string_length(value)); break;
    case JSON_INTEGER:
        put(w, text, (size_t)snprintf(text, sizeof text, "%" JSON_INTEGER_FORMAT, json_integer_value(value)));
        break;
    case JSON_REAL: put_real(w, value); break;
    case JSON_TRUE: put(w, "true", 4); break;
    case JSON_FALSE: put(w, "false", 5); break;
    default: put(w, "null", 4); break;
    }
}

size_t isync_json_compact(const json_t *value, char *buf, size_t size)
{
    writer w = {buf, size, 0, !value};
    if (value) {
        put_value(&w, value);
    }
    return w.failed ? 0 : w.len;
}
