/* How a payload's validation problems (isync_problems, base/error.h) and a
 * mapping template's (JSON problem objects, mapping.h) are merged into the
 * one list enqueue() refuses with and map_preview() shows. */
#ifndef ISYNC_PROBLEMS_H
#define ISYNC_PROBLEMS_H

#include <jansson.h>
#include <stddef.h>

#include "base/error.h" /* isync_problems, isync_problems_add(), isync_problems_format() */

/* The mapping problems an enqueue refuses: not those the worker settles
 * later ("retry": an exchange rate), nor those of business settings the
 * admin can still fix ("setting"). New array. */
json_t *isync_problems_refusable(json_t *mapping_problems);

/* The payload's problems ({"path", "message"}), each with the "field",
 * "call" and "template" of the first mapping problem at the same path; then
 * the mapping problems at other paths (a mapping problem marked "missing",
 * an empty mandatory field, is left out when the payload has problems: it
 * is mostly their consequence). At most ISYNC_PROBLEMS_MAX payload problems.
 * New array; mapping_problems is not changed. */
json_t *isync_problems_merge(const isync_problems *payload, json_t *mapping_problems);

#endif
