/* OIS100MI (customer order interface) transactions over the in-memory state. */
#ifndef SANDBOX_OIS100MI_H
#define SANDBOX_OIS100MI_H

#include "m3.h"

/* The implementation of an OIS100MI transaction, or NULL. */
mi_fn ois100mi_find(const char *transaction);

#endif
