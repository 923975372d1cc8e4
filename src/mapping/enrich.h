/* Product attribute enrichment: Infor-specific attributes of an order line
 * (GL account, cost centre, item group, warehouse, ...) from the business
 * setting "enrichment", a list of rules tried in order:
 *   [{"match": {"sku": "TSHIRT-*", "product_class": "Apparel", "category": "Mugs"},
 *     "set": {"gl_account": "3010", "item_group": "APP"}}, ...]
 * A rule fits a line when every criterion it names fits: sku a pattern with
 * * and ? (case-insensitive), product_class equal (case-insensitive), category
 * one of the line's categories (case-insensitive). An empty match fits all.
 * Patterns are fnmatch(3) globs with FNM_CASEFOLD ([...] classes work too);
 * case-insensitive comparisons fold ASCII letters only. A line's categories
 * are "categories" (a list of names or of objects with "name" or "path")
 * or "category" (one). */
#ifndef ISYNC_ENRICH_H
#define ISYNC_ENRICH_H

#include <jansson.h>

#include "base/error.h"

/* Checks the rules' shape; problems use paths like "enrichment[2].match.sku". */
void isync_enrich_validate(json_t *rules, isync_problems *problems);

/* The attribute for item (an order line: sku, product_class, categories):
 * from the first fitting rule that sets it; NULL when none does. */
const char *isync_enrich_lookup(json_t *rules, json_t *item, const char *attribute);

#endif
