/* What the worker knows about orders it created in Infor, by X-Cart order
 * number: <spool>/orders/<sha256 of the number>.json with
 * {order_number, orno, batch_orno, cuno, delivered_at, shipped} (+ cancelled,
 * deleted once an order.status_changed cancelled it). Later
 * events of an order (status changes, payments) and the shipment poller
 * find the Infor order here. Written by the leader only. */
#ifndef ISYNC_ORDER_INDEX_H
#define ISYNC_ORDER_INDEX_H

#include <jansson.h>

#include "base/error.h"
#include "queue/spool.h"

/* Replaces the entry (atomically, durable when the spool is). info must
 * contain "order_number". */
isync_status isync_order_index_put(const isync_spool *spool, json_t *info, isync_error *err);

/* The entry, or ISYNC_ERR_NOTFOUND. *info is a new reference. */
isync_status isync_order_index_get(const isync_spool *spool, const char *order_number, json_t **info, isync_error *err);

/* Every entry whose "shipped" is false and that was not cancelled (m3_status
 * marks {"cancelled": true}), as a new array (for pollers). */
isync_status isync_order_index_open_orders(const isync_spool *spool, json_t **orders, isync_error *err);

#endif
