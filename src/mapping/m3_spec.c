#include "mapping/m3_spec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "generated/builtin_data.h"

struct isync_m3_spec {
    json_t *programs; /* {"OIS100MI": {"AddBatchHead": {"in": [...]}, ...}} */
    /* {"OIS100MI": {"AddBatchHead": {"fields": {"CUNO": index in specs}, "mandatory": ["CUNO", ...]}}}:
     * a template check looks up every field it maps, without formatting a key */
    json_t *index;
    isync_m3_field_spec *specs; /* every input field of every transaction; texts borrowed from programs */
    size_t count;
};

static void field_of(json_t *entry, isync_m3_field_spec *field)
{
    const char *type = json_string_value(json_object_get(entry, "type"));
    const char *description = json_string_value(json_object_get(entry, "description"));
    field->name = json_string_value(json_object_get(entry, "name"));
    field->description = description ? description : "";
    field->type = type && *type ? type[0] : 'A';
    field->length = (int)json_integer_value(json_object_get(entry, "length"));
    field->mandatory = json_is_true(json_object_get(entry, "mandatory"));
}

static size_t count_inputs(json_t *programs)
{
    const char *program, *transaction;
    json_t *transactions, *body;
    size_t count = 0;
    json_object_foreach(programs, program, transactions)
    {
        json_object_foreach(transactions, transaction, body)
        {
            count += json_array_size(json_object_get(body, "in"));
        }
    }
    return count;
}

/* {"fields": {NAME: index}, "mandatory": [NAME, ...]} of one transaction. */
static json_t *index_inputs(isync_m3_spec *spec, json_t *inputs)
{
    json_t *by_name = json_object(), *mandatory = json_array(), *entry;
    size_t index;
    json_array_foreach(inputs, index, entry)
    {
        const char *name = json_string_value(json_object_get(entry, "name"));
        if (name) {
            field_of(entry, &spec->specs[spec->count]);
            json_object_set_new(by_name, name, json_integer((json_int_t)spec->count++));
            if (json_is_true(json_object_get(entry, "mandatory"))) {
                json_array_append_new(mandatory, json_string(name));
            }
        }
    }
    return json_pack("{s:o, s:o}", "fields", by_name, "mandatory", mandatory);
}

static int index_transactions(isync_m3_spec *spec)
{
    const char *program, *transaction;
    json_t *transactions, *body;
    spec->specs = calloc(count_inputs(spec->programs) + 1, sizeof *spec->specs);
    spec->index = json_object();
    if (!spec->specs || !spec->index) {
        return 0;
    }
    json_object_foreach(spec->programs, program, transactions)
    {
        json_t *by_transaction = json_object();
        json_object_foreach(transactions, transaction, body)
        {
            json_t *inputs = json_object_get(body, "in");
            if (transaction[0] != '_' && json_is_array(inputs)) {
                json_object_set_new(by_transaction, transaction, index_inputs(spec, inputs));
            }
        }
        json_object_set_new(spec->index, program, by_transaction);
    }
    return 1;
}

isync_status isync_m3_spec_parse(const char *text, isync_m3_spec **out, isync_error *err)
{
    json_error_t jerr;
    json_t *root = json_loads(text, 0, &jerr);
    *out = NULL;
    if (!root) {
        return isync_fail(err, ISYNC_ERR_CONFIG, 0, "M3 field specification: line %d: %s", jerr.line, jerr.text);
    }
    json_t *programs = json_object_get(root, "programs");
    if (!json_is_object(programs)) {
        json_decref(root);
        return isync_fail(err, ISYNC_ERR_CONFIG, 0, "M3 field specification: no \"programs\" object");
    }
    isync_m3_spec *spec = calloc(1, sizeof *spec);
    if (!spec) {
        json_decref(root);
        return isync_fail(err, ISYNC_ERR_NOMEM, 0, "out of memory");
    }
    spec->programs = json_incref(programs);
    json_decref(root);
    if (!index_transactions(spec)) {
        isync_m3_spec_free(spec);
        return isync_fail(err, ISYNC_ERR_NOMEM, 0, "out of memory");
    }
    *out = spec;
    return ISYNC_OK;
}

isync_status isync_m3_spec_load(const char *path, isync_m3_spec **out, isync_error *err)
{
    if (!path || !*path) {
        return isync_m3_spec_parse(isync_builtin_m3_metadata, out, err);
    }
    FILE *file = fopen(path, "rb");
    if (!file) {
        *out = NULL;
        return isync_fail(err, ISYNC_ERR_CONFIG, 0, "M3 field specification %s cannot be read", path);
    }
    json_error_t jerr;
    json_t *root = json_loadf(file, 0, &jerr);
    fclose(file);
    char *text = root ? json_dumps(root, JSON_COMPACT) : NULL;
    json_decref(root);
    if (!text) {
        *out = NULL;
        return isync_fail(err, ISYNC_ERR_CONFIG, 0, "M3 field specification %s: line %d: %s", path, jerr.line,
                          jerr.text);
    }
    isync_status st = isync_m3_spec_parse(text, out, err);
    free(text);
    return st;
}

void isync_m3_spec_free(isync_m3_spec *spec)
{
    if (spec) {
        json_decref(spec->programs);
        json_decref(spec->index);
        free(spec->specs);
        free(spec);
    }
}

json_t *isync_m3_spec_inputs(const isync_m3_spec *spec, const char *program, const char *transaction)
{
    if (!spec || !program || !transaction || transaction[0] == '_') {
        return NULL;
    }
    json_t *inputs = json_object_get(json_object_get(json_object_get(spec->programs, program), transaction), "in");
    return json_is_array(inputs) ? inputs : NULL;
}

const isync_m3_transaction *isync_m3_spec_transaction(const isync_m3_spec *spec, const char *program,
                                                      const char *transaction)
{
    if (!spec || !program || !transaction) {
        return NULL;
    }
    return (const isync_m3_transaction *)json_object_get(json_object_get(spec->index, program), transaction);
}

const isync_m3_field_spec *isync_m3_transaction_field(const isync_m3_spec *spec, const isync_m3_transaction *tx,
                                                      const char *name)
{
    json_t *entry = tx ? json_object_get(json_object_get((json_t *)tx, "fields"), name) : NULL;
    return entry ? &spec->specs[json_integer_value(entry)] : NULL;
}

json_t *isync_m3_transaction_mandatory(const isync_m3_transaction *tx)
{
    return tx ? json_object_get((json_t *)tx, "mandatory") : NULL;
}

int isync_m3_spec_field(const isync_m3_spec *spec, const char *program, const char *transaction, const char *name,
                        isync_m3_field_spec *field)
{
    const isync_m3_field_spec *found = isync_m3_transaction_field(
        spec, isync_m3_spec_transaction(spec, program, transaction), name);
    if (!found) {
        return 0;
    }
    *field = *found;
    return 1;
}

json_t *isync_m3_spec_mandatory(const isync_m3_spec *spec, const char *program, const char *transaction)
{
    return isync_m3_transaction_mandatory(isync_m3_spec_transaction(spec, program, transaction));
}

/* N: optional '-', digits, optional '.' and digits; the length counts digits. */
static int number_digits(const char *value)
{
    const char *p = value;
    int digits = 0, dot = 0;
    if (*p == '-') {
        p++;
    }
    for (; *p; p++) {
        if (*p >= '0' && *p <= '9') {
            digits++;
        } else if (*p == '.' && !dot) {
            dot = 1;
        } else {
            return -1;
        }
    }
    return digits ? digits : -1;
}

static int valid_date(const char *value)
{
    if (strlen(value) != 8 || strspn(value, "0123456789") != 8) {
        return 0;
    }
    int year = atoi((char[]){value[0], value[1], value[2], value[3], 0});
    int month = atoi((char[]){value[4], value[5], 0});
    int day = atoi((char[]){value[6], value[7], 0});
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return year >= 1900 && month >= 1 && month <= 12 && day >= 1 && day <= days[month - 1] &&
        !(month == 2 && day == 29 && (year % 4 != 0 || (year % 100 == 0 && year % 400 != 0)));
}

void isync_m3_spec_check_value(const isync_m3_field_spec *field, const char *value, char *problem, size_t size)
{
    problem[0] = '\0';
    if (field->type == 'N') {
        int digits = number_digits(value);
        if (digits < 0) {
            /* the value itself is not repeated: reasons reach the log, values may be personal */
            snprintf(problem, size, "must be a number (M3 type N)");
        } else if (field->length > 0 && digits > field->length) {
            snprintf(problem, size, "has %d digits, Infor allows %d", digits, field->length);
        }
        return;
    }
    if (field->type == 'D') {
        if (!valid_date(value)) {
            snprintf(problem, size, "must be a date yyyyMMdd (M3 type D)");
        }
        return;
    }
    size_t chars = isync_utf8_length(value);
    if (field->length > 0 && chars > (size_t)field->length) {
        snprintf(problem, size, "is %zu characters, Infor allows %d", chars, field->length);
    }
}
