/* order.placed -> an M3 customer order through the batch order interface:
 *   OIS100MI/AddBatchHead -> AddBatchAddress.., AddBatchLine per item -> Confirm -> GetOrderNo.
 * For a batch order just created, the calls between the head and Confirm go
 * in bulk requests (M3 runs them in order, up to 50 a request): four round
 * trips for an order of any size. A resumed delivery goes one call at a
 * time after asking Infor what exists.
 *
 * The fields of every call come from the mapping template (mapping.h),
 * applied at delivery time; problems make the event a dead letter before
 * anything is sent.
 *
 * Exactly once: progress ({"step","cuno","batch_orno","outputs","calls_done",
 * "lines_done","orno"}) is saved after every confirmed step. A resumed delivery (an earlier attempt
 * may have reached Infor without us hearing the answer) first asks Infor
 * what exists: LstBatchHead by customer and CUOR for the head, LstBatchLine
 * for the lines, GetOrderNo for the confirmation.
 *
 * The customer (CUNO): the payload's infor_customer; else, when customer
 * sync is on (customer_template set), the customer resolved or created by
 * m3_customer from customer_id / email / billing_address (guest_rule for
 * guests); else default_customer. Kept in the progress ("cuno"), so a
 * resumed delivery uses the customer it started with. */
#ifndef ISYNC_M3_ORDER_H
#define ISYNC_M3_ORDER_H

#include <jansson.h>

#include "connectors/connector.h"

/* The connector of order.placed (connector.h). ctx->tmpl (else the
 * order.placed template of ctx->env->templates) gives the calls:
 * AddBatchHead, other OIS100MI/AddBatch* calls in order, Confirm,
 * GetOrderNo (template.c checks the shape). ctx->xref: the customer index
 * (customer sync). ctx->resuming: an earlier attempt of this event may have
 * sent calls. */
isync_delivery_result isync_m3_order_deliver(isync_connector_ctx *ctx);

#endif
