/* The M3 field specification (m3-transactions.json): for every MI
 * transaction its input fields with type (A text, N number, D date
 * yyyyMMdd), maximum length and mandatory flag. Built in (src/builtin_data.c)
 * or a tenant's own file. Read-only once loaded: safe to share. */
#ifndef ISYNC_M3_SPEC_H
#define ISYNC_M3_SPEC_H

#include <jansson.h>

#include "base/error.h"

typedef struct isync_m3_spec isync_m3_spec;

typedef struct {
    const char *name;
    const char *description;
    char type; /* 'A', 'N' or 'D' */
    int length; /* 0: unknown */
    int mandatory;
} isync_m3_field_spec;

/* path NULL or "": the built-in specification. */
isync_status isync_m3_spec_load(const char *path, isync_m3_spec **out, isync_error *err);
isync_status isync_m3_spec_parse(const char *text, isync_m3_spec **out, isync_error *err);
void isync_m3_spec_free(isync_m3_spec *spec);

/* The "in" list of a transaction (borrowed), NULL when unknown. */
json_t *isync_m3_spec_inputs(const isync_m3_spec *spec, const char *program, const char *transaction);

/* The names of the transaction's mandatory input fields (borrowed array), NULL when unknown. */
json_t *isync_m3_spec_mandatory(const isync_m3_spec *spec, const char *program, const char *transaction);

/* 1 and *field filled when the transaction has that input field. */
int isync_m3_spec_field(const isync_m3_spec *spec, const char *program, const char *transaction, const char *name,
                        isync_m3_field_spec *field);

/* A transaction looked up once for all its fields (borrowed from spec), NULL when unknown. */
typedef struct isync_m3_transaction isync_m3_transaction;
const isync_m3_transaction *isync_m3_spec_transaction(const isync_m3_spec *spec, const char *program,
                                                      const char *transaction);
/* The input field of tx by name (borrowed from spec), NULL when it has none (or tx is NULL). */
const isync_m3_field_spec *isync_m3_transaction_field(const isync_m3_spec *spec, const isync_m3_transaction *tx,
                                                      const char *name);
/* The names of tx's mandatory input fields (borrowed array), NULL when tx is NULL. */
json_t *isync_m3_transaction_mandatory(const isync_m3_transaction *tx);

/* Checks one value against its field: "" when it fits, else what is wrong
 * ("is 17 characters, Infor allows 15", "must be a date yyyyMMdd"). */
void isync_m3_spec_check_value(const isync_m3_field_spec *field, const char *value, char *problem, size_t size);

#endif
