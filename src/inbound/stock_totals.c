#include "inbound/stock_totals.h"

#include <stdlib.h>
#include <string.h>

/* Where itno is or would go: the first entry not before it. */
static size_t position(const isync_stock_totals *totals, const char *itno)
{
    size_t low = 0, high = totals->count;
    while (low < high) {
        size_t middle = low + (high - low) / 2;
        if (strcmp(totals->items[middle].itno, itno) < 0) {
            low = middle + 1;
        } else {
            high = middle;
        }
    }
    return low;
}

static int grow(isync_stock_totals *totals)
{
    if (totals->count < totals->capacity) {
        return 0;
    }
    size_t capacity = totals->capacity ? 2 * totals->capacity : 256;
    isync_stock_total *items = realloc(totals->items, capacity * sizeof *items);
    if (!items) {
        return -1;
    }
    totals->items = items;
    totals->capacity = capacity;
    return 0;
}

isync_stock_total_status isync_stock_totals_add(isync_stock_totals *totals, const char *itno, isync_decimal quantity)
{
    size_t len = strlen(itno);
    if (len >= ISYNC_ITNO_SIZE) {
        return ISYNC_STOCK_TOTAL_LONG_ITNO;
    }
    size_t at = totals->count;
    int order = at ? strcmp(totals->items[at - 1].itno, itno) : -1;
    if (order >= 0) { /* not after the last item: the list's own order is not relied upon */
        at = order == 0 ? at - 1 : position(totals, itno);
    }
    if (at < totals->count && strcmp(totals->items[at].itno, itno) == 0) {
        isync_decimal sum;
        if (isync_decimal_add(totals->items[at].quantity, quantity, &sum) != ISYNC_DECIMAL_OK) {
            return ISYNC_STOCK_TOTAL_OVERFLOW;
        }
        totals->items[at].quantity = sum;
        return ISYNC_STOCK_TOTAL_OK;
    }
    if (grow(totals) != 0) {
        return ISYNC_STOCK_TOTAL_NOMEM;
    }
    memmove(&totals->items[at + 1], &totals->items[at], (totals->count - at) * sizeof totals->items[0]);
    memcpy(totals->items[at].itno, itno, len + 1);
    totals->items[at].quantity = quantity;
    totals->count++;
    return ISYNC_STOCK_TOTAL_OK;
}

isync_stock_total *isync_stock_totals_find(const isync_stock_totals *totals, const char *itno)
{
    size_t at = position(totals, itno);
    return at < totals->count && strcmp(totals->items[at].itno, itno) == 0 ? &totals->items[at] : NULL;
}

void isync_stock_totals_free(isync_stock_totals *totals)
{
    free(totals->items);
    memset(totals, 0, sizeof *totals);
}

isync_decimal isync_stock_quantity_of(const char *text)
{
    char trimmed[ISYNC_DECIMAL_TEXT + 8];
    isync_decimal value = isync_decimal_from_int(0);
    text += strspn(text, " ");
    size_t len = strcspn(text, " ");
    if (len < sizeof trimmed && text[len + strspn(text + len, " ")] == '\0') {
        memcpy(trimmed, text, len);
        trimmed[len] = '\0';
        isync_decimal_parse(trimmed, &value); /* left 0 when it fails */
    }
    return value;
}
