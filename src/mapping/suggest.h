/* Mapping suggestions: which paths of a sample X-Cart payload could fill the
 * input fields of one M3 transaction (docs/mapping.md, "Suggestions").
 *
 * A heuristic meant to start a template, not to replace reading it. It
 * combines the similarity of the X-Cart key to the Infor field's description,
 * a table of X-Cart/ERP synonyms and the shape of the sample values (dates,
 * e-mail addresses, postcodes, money, currency and country codes, lengths);
 * see suggest.c for the weights. */
#ifndef ISYNC_SUGGEST_H
#define ISYNC_SUGGEST_H

#include <stddef.h>

#include <jansson.h>

/* Proposals for the input fields of one M3 transaction from a sample X-Cart
 * payload.
 *
 * sample_payload: a JSON object (an event payload as in docs/events.md).
 * transaction_inputs: the "in" array of one transaction of
 *   metadata/m3-transactions.json ({name, description, type, length, mandatory}).
 * max_per_field: at most this many proposals per field (0: no limit).
 *
 * Returns a new object
 *   {"heuristic": true, "note": "...",
 *    "fields": {"CUOR": [{"path": "order_number", "score": 0.93,
 *                         "reason": "synonym: ...; value shape: ..."}, ...], ...}}
 * with every input field, in the order of transaction_inputs, its proposals
 * best first (an empty list when none reaches the minimum score). Paths use the
 * template syntax: "billing_address.city", and "items[].sku" for a key of the
 * objects of a list (one path for all elements).
 * NULL when sample_payload is not an object, transaction_inputs not an array,
 * or memory runs out. */
json_t *isync_suggest_mapping(json_t *sample_payload, json_t *transaction_inputs, size_t max_per_field);

#endif
