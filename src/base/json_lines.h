/* Where each value of a JSON text is: jansson reports lines for syntax
 * errors only, but a template's problems must name the line of the field
 * at fault. Scans text that jansson already accepted. */
#ifndef ISYNC_JSON_LINES_H
#define ISYNC_JSON_LINES_H

#include <jansson.h>

/* New object: path -> line (1-based) for every value, paths written as
 * "calls[4].fields.ITNO" (the root is ""). NULL when out of memory. */
json_t *isync_json_lines(const char *text, size_t len);

/* The line of path, else of its nearest recorded parent; 0 if none. */
int isync_json_line(json_t *lines, const char *path);

#endif
