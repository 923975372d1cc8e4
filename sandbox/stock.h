/* Item and stock records as MMS200MI and MMS060MI answer them. */
#ifndef SANDBOX_STOCK_H
#define SANDBOX_STOCK_H

#include <jansson.h>

/* New record: the item's basic data (SAPR, a price, left out). */
json_t *stock_item_record(const json_t *item);

/* New record: an item-warehouse balance with ITDS, WHNM, AV01, AVAL, AV02, WHSL, ... */
json_t *stock_balance_record(const json_t *balance);

/* New array of per-location rows (WHLO, ITNO, WHSL, BANO, STQT, ALQT, ...) whose
 * quantities add up to the balance: a second location holds a third of the stock. */
json_t *stock_location_rows(const json_t *balance);

#endif
