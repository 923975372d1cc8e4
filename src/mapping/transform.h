/* The transforms of mapping templates (docs/mapping.md#transforms): each
 * takes a JSON value (text, number, object or list) and gives another. */
#ifndef ISYNC_TRANSFORM_H
#define ISYNC_TRANSFORM_H

#include <jansson.h>

#include "mapping/address.h"
#include "worker/business_config.h"
#include "mapping/currency.h"

typedef struct {
    const isync_business_config *cfg;
    const isync_rates *rates; /* NULL: none loaded */
    json_t *payload; /* the event: its currency, its addresses (tax jurisdiction) */
    json_t *template_lookups; /* the template's "lookups" (may be NULL) */
    json_t *notes; /* array: a transform appends {"message": ..} (truncations, cuts) */
    json_t *currency_used; /* set to {"from","to","rate","date"} by a conversion */
    char error[512]; /* why a transform failed */
    int retry; /* the failure goes away by itself (no exchange rate yet) */
    /* the last address normalised (its parts are asked for one after the other) */
    json_t *address_of; /* which address (a reference: the owner of the ctx drops it), or NULL */
    int address_iso3;
    isync_address address;
    isync_problems address_notes;
    isync_status address_status;
} isync_transform_ctx;

/* Applies transform name (with its argument, NULL if none) to in (borrowed).
 * Returns a new reference, or NULL: empty when ctx->error is "", failed when
 * it is not. */
json_t *isync_transform_apply(isync_transform_ctx *ctx, const char *name, json_t *arg, json_t *in);

/* 1 when name is a transform. */
int isync_transform_known(const char *name);

/* A transform looked up by name once (when a template is prepared), applied
 * to many values: NULL when name is not a transform. */
typedef struct isync_transform_def isync_transform_def;
const isync_transform_def *isync_transform_find(const char *name);

/* isync_transform_apply() for a transform looked up already (def NULL: an
 * unknown transform, name says which). */
json_t *isync_transform_run(isync_transform_ctx *ctx, const isync_transform_def *def, const char *name, json_t *arg,
                            json_t *in);

/* A scalar as text ("" for null, objects, lists); malloc'ed. */
char *isync_json_text(json_t *value);

/* The same text without a copy: a string's own (borrowed from value), else
 * written into buf. */
#define ISYNC_JSON_TEXT_SIZE 64
const char *isync_json_text_in(json_t *value, char buf[ISYNC_JSON_TEXT_SIZE]);

#endif
