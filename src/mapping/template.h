/* Mapping templates (docs/mapping.md): one JSON file per event type that
 * names the Infor calls and where each field comes from. Parsing checks
 * everything that can be checked without an event, and reports each
 * problem with the file and line. */
#ifndef ISYNC_TEMPLATE_H
#define ISYNC_TEMPLATE_H

#include <jansson.h>

#include "base/error.h"
#include "mapping/m3_spec.h"

typedef struct {
    char name[64]; /* "order.placed.json" */
    char origin[600]; /* "built-in order.placed.json" or the admin's file path */
    char event[48]; /* "order.placed" */
    json_t *root; /* the template as written */
    json_t *lines; /* path in the template -> line */
    struct isync_prepared *prepared; /* the template prepared for evaluation (prepared.h) */
} isync_template;

/* spec: the M3 field specification the template is checked against; the
 * prepared template points into it, so it must outlive the template.
 * problems (an array) gets {"template":"order.placed.json:41","path":"calls[4].fields.ITNO",
 * "message":".."} per problem. Returns ISYNC_ERR_INVALID when there is any. */
isync_status isync_template_parse(const char *text, size_t len, const char *name, const char *origin,
                                  const isync_m3_spec *spec, isync_template **out, json_t *problems);
void isync_template_free(isync_template *tmpl);

/* "order.placed.json:41" for a path inside the template. */
void isync_template_where(const isync_template *tmpl, const char *path, char *out, size_t size);

#endif
