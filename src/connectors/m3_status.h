/* order.status_changed -> the Infor customer order the order.placed event
 * created (found in the order index, <spool>/orders/).
 *
 * The new X-Cart payment and shipping statuses are translated by the
 * business setting status_map into an action:
 *   "none"   -> delivered without a call;
 *   "cancel" -> OIS100MI/LstLine (ORNO), then
 *               every line below status 33 (nothing allocated yet): DelHead (ORNO);
 *               otherwise CloLine (ORNO, PONR, POSX) for each line below 77
 *               (not invoiced); lines at 77 or above (invoiced, closed: 99)
 *               are left as they are.
 * The order index entry is marked {"cancelled": true, "deleted": ..}.
 *
 * Exactly once: a replay finds the entry marked and calls nothing; a
 * resumed attempt lists the lines again, so closed lines (99) are skipped.
 * Progress {"step":"delete"} is saved before DelHead: a resumed attempt
 * that then finds no order (LstLine refused) knows its DelHead ran.
 * An order not in the index yet is retried later. */
#ifndef ISYNC_M3_STATUS_H
#define ISYNC_M3_STATUS_H

#include <jansson.h>

#include "connectors/connector.h"

/* Lines below this status are deleted with the head (nothing allocated). */
#define ISYNC_CANCEL_DELETE_BELOW 33
/* Lines below this status are closed; invoiced (77) and closed (99) stay. */
#define ISYNC_CANCEL_CLOSE_BELOW 77

/* The connector of order.status_changed (connector.h); the calls' fields
 * come from the order.status_changed template, the order index from ctx->spool. */
isync_delivery_result isync_m3_status_deliver(isync_connector_ctx *ctx);

#endif
