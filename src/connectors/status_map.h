/* The two-way map between X-Cart's order statuses and Infor's:
 *   outbound: an X-Cart payment status (Q A PP P D C R) or shipping status
 *             (N P S D WND R WFA NBA) -> what order.status_changed does in
 *             Infor ("cancel" or "none");
 *   inbound:  an Infor order/line status (two digits, "22".."99") -> the
 *             X-Cart shipping status the status poller reports.
 * Business setting "status_map" = {"payment":{..}, "shipping":{..},
 * "infor_to_shipping":{..}}; each part, when given, replaces its default
 * as a whole, so a map that leaves a code out means "none" for it. */
#ifndef ISYNC_STATUS_MAP_H
#define ISYNC_STATUS_MAP_H

#include <jansson.h>

#include "base/error.h"

#define ISYNC_XC_PAYMENT_CODE_COUNT 7
#define ISYNC_XC_SHIPPING_CODE_COUNT 8

/* NULL-terminated, in X-Cart's order. */
extern const char *const isync_xc_payment_codes[ISYNC_XC_PAYMENT_CODE_COUNT + 1];
extern const char *const isync_xc_shipping_codes[ISYNC_XC_SHIPPING_CODE_COUNT + 1];

typedef enum { ISYNC_ACTION_NONE = 0, ISYNC_ACTION_CANCEL = 1 } isync_status_action;

typedef struct {
    int payment_set, shipping_set, infor_set; /* 0: the default applies */
    unsigned char payment[ISYNC_XC_PAYMENT_CODE_COUNT]; /* isync_status_action per code */
    unsigned char shipping[ISYNC_XC_SHIPPING_CODE_COUNT];
    char infor_to_shipping[100][4]; /* by Infor status 00..99; "": none */
} isync_status_map;

/* Index of code in codes, or -1. */
int isync_status_code_index(const char *const *codes, const char *code);

/* Validates value (null: the defaults) into *map; problems carry paths like
 * "status_map.payment.X". */
void isync_status_map_from_json(json_t *value, isync_status_map *map, isync_problems *problems);
/* The parts that were set, or null when none was (every default applies). */
json_t *isync_status_map_to_json(const isync_status_map *map);

/* The action in effect for an X-Cart payment (shipping = 0) or shipping
 * (shipping = 1) status code; unknown codes: none. */
isync_status_action isync_status_map_action(const isync_status_map *map, int shipping, const char *code);
/* The X-Cart shipping status for an Infor status, or NULL. */
const char *isync_status_map_shipping_for(const isync_status_map *map, const char *infor_status);

const char *isync_status_action_name(isync_status_action action);

#endif
