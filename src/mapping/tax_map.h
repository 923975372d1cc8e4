/* Tax mapping: X-Cart's tax surcharges (code such as "CDEV.STAX" or
 * "VAT", per jurisdiction) to Infor tax codes and GL accounts, from the
 * business setting "tax_map":
 *   {"VAT@DE": {"tax_code": "DE19", "gl_account": "2400"},
 *    "STAX@US-CA": {"tax_code": "CA", "gl_account": "2410"},
 *    "VAT": {...}, "*": {...}}
 * The jurisdiction of a surcharge is its "jurisdiction" ("US-CA", "DE") when
 * given, else the country and state of the address passed in. Keys tried:
 * CODE@COUNTRY-STATE, CODE@COUNTRY, CODE, "*"; an entry that lacks the
 * attribute asked for lets the next key answer ("*" can hold a default GL
 * account). The jurisdiction's country may be alpha-2 or alpha-3 and its
 * state a name: both are normalised (USA-California -> US-CA) through
 * isync_state_code; a state it does not know is used as given when it
 * has at most 3 characters, else left out. */
#ifndef ISYNC_TAX_MAP_H
#define ISYNC_TAX_MAP_H

#include <jansson.h>

#include "base/error.h"

/* Checks the shape; problems use paths like "tax_map.VAT@DE.tax_code". */
void isync_tax_map_validate(json_t *map, isync_problems *problems);

/* attribute ("tax_code", "gl_account", ...) for surcharge, or NULL when no
 * key fits. address may be NULL. */
const char *isync_tax_map_lookup(json_t *map, json_t *surcharge, json_t *address, const char *attribute);

#endif
