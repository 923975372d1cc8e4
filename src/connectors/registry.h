/* The table of connectors: which connector delivers each event type. Adding
 * a target: its file in src/connectors/ and its rows in registry.c; nothing
 * in the leader. (Apart from connector.h so that the connectors, which need
 * the contract, are not included by the contract.) */
#ifndef ISYNC_REGISTRY_H
#define ISYNC_REGISTRY_H

#include <stddef.h>

#include "connectors/connector.h"

/* The table; *count rows. */
const isync_connector *isync_connectors(size_t *count);

/* The row for an event type, or NULL (type may be NULL). */
const isync_connector *isync_connector_find(const char *type);

/* Delivers ctx->type by its connector; an unknown type is a dead letter
 * ("no connector for event type ..."). Returns ctx->out->result. */
isync_delivery_result isync_connector_deliver(isync_connector_ctx *ctx);

#endif
