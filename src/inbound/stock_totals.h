/* The quantities one stock poll reads for one warehouse: item number ->
 * exact decimal, kept sorted by item number. MMS060MI/List answers in item
 * order, so adding a row is an append, or an addition to the last item when
 * an item has several locations; a row out of order is inserted where it
 * belongs. No JSON and no allocation per row (src/inbound/poller.c). */
#ifndef ISYNC_STOCK_TOTALS_H
#define ISYNC_STOCK_TOTALS_H

#include <stddef.h>

#include "base/decimal.h"

#define ISYNC_ITNO_SIZE 32 /* M3's item number is 15 characters */

typedef struct {
    char itno[ISYNC_ITNO_SIZE];
    isync_decimal quantity;
} isync_stock_total;

typedef struct {
    isync_stock_total *items; /* sorted by itno (strcmp) */
    size_t count;
    size_t capacity;
} isync_stock_totals;

typedef enum {
    ISYNC_STOCK_TOTAL_OK = 0,
    ISYNC_STOCK_TOTAL_OVERFLOW, /* the item's quantity has more than 38 digits */
    ISYNC_STOCK_TOTAL_LONG_ITNO, /* an item number of ISYNC_ITNO_SIZE bytes or more */
    ISYNC_STOCK_TOTAL_NOMEM
} isync_stock_total_status;

/* Adds quantity to the item's total (a new item starts at 0). */
isync_stock_total_status isync_stock_totals_add(isync_stock_totals *totals, const char *itno, isync_decimal quantity);
/* The item's entry, or NULL. */
isync_stock_total *isync_stock_totals_find(const isync_stock_totals *totals, const char *itno);
void isync_stock_totals_free(isync_stock_totals *totals);

/* M3's quantity text ("12.500000", " 3", "") as an exact decimal; "" and
 * text that is not a number count as 0. */
isync_decimal isync_stock_quantity_of(const char *text);

#endif
