/* The compact JSON text of a value, byte for byte what jansson's
 * json_dumpb(value, buf, size, JSON_COMPACT) writes, in one pass over the
 * text: what the spool writes for every event (jansson checks every code
 * point through a callback per piece, five times the work). */
#ifndef ISYNC_JSON_COMPACT_H
#define ISYNC_JSON_COMPACT_H

#include <jansson.h>
#include <stddef.h>

/* Writes at most size bytes of value's text into buf (no NUL); returns the
 * text's whole length (more than size: buf was too small, call again with
 * that size), 0 when value cannot be written (a real that is not finite). */
size_t isync_json_compact(const json_t *value, char *buf, size_t size);

#endif
