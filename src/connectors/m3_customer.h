/* Customers in M3 (CRS610MI): customer.created / customer.updated, the
 * customer of an order.placed, and the rebuild of the customer index.
 *
 * Customer numbers are deterministic, which makes "look up before
 * creating" and exactly-once simple: a registered X-Cart profile is
 * customer_prefix + the profile id zero-padded to 10 characters
 * (XC00000123); a guest under guest_rule "per_email" is "XG" + 8 base32
 * characters of SHA-256 of the lowercased e-mail; under "shared" the
 * guest_customer setting. A customer is looked up in this order: the
 * payload's infor_customer, the index by profile id, by e-mail, then
 * GetBasicData of the deterministic number; missing in Infor -> Add with
 * the customer_template (CUTM). An Add answered "already exists" counts
 * as done (a replay or a race), so no customer is ever created twice. */
#ifndef ISYNC_M3_CUSTOMER_H
#define ISYNC_M3_CUSTOMER_H

#include <jansson.h>

#include "connectors/connector.h"

#define ISYNC_CUNO_SIZE 11
#define ISYNC_GUEST_PREFIX "XG"

/* prefix + profile id zero-padded to 10 characters. 0 when it does not fit. */
int isync_customer_number(const char *prefix, const char *profile_id, char cuno[ISYNC_CUNO_SIZE]);
/* "XG" + 8 base32 characters of SHA-256(trimmed, lowercased e-mail), or for
 * attempt n > 0 of SHA-256(e-mail "#" n): the next candidate when the number
 * already belongs to another e-mail (40 bits can collide). */
void isync_guest_customer_number(const char *email, unsigned attempt, char cuno[ISYNC_CUNO_SIZE]);

/* How many candidates a guest's e-mail may try before it is a dead letter. */
#define ISYNC_GUEST_ATTEMPTS 8

/* A customer as the shop describes it; strings borrowed from a payload. */
typedef struct {
    const char *profile_id; /* NULL or "": a guest */
    const char *email;
    const char *firstname;
    const char *lastname;
    const char *company;
    const char *phone;
    json_t *address; /* street, city, zipcode, country, state; NULL: none */
    const char *infor_customer; /* a CUNO the shop already knows */
} isync_customer;

/* order.placed: customer_id, email, billing_address (name, phone, company). */
void isync_customer_from_order(json_t *payload, isync_customer *customer);
/* customer.created / customer.updated. */
void isync_customer_from_event(json_t *payload, isync_customer *customer);

/* The Infor customer number of a customer, created in Infor when missing
 * (ctx: the M3 client, templates, the index ctx->xref, the outcome); what
 * it learns goes into the index. */
isync_delivery_result isync_m3_customer_resolve(isync_connector_ctx *ctx, const isync_customer *customer,
                                                char cuno[ISYNC_CUNO_SIZE]);

/* The connector (connector.h) of customer.created, customer.updated and the
 * index rebuild job (ctx->type). progress: {"cuno"} once the customer is known. */
isync_delivery_result isync_m3_customer_deliver(isync_connector_ctx *ctx);

#endif
