/* MMS200MI (item master) transactions: Get, GetItmWhsBal, LstItmWhsByWhs, LstItmByItm. */
#ifndef SANDBOX_MMS200MI_H
#define SANDBOX_MMS200MI_H

#include "m3.h"

/* The implementation of an MMS200MI transaction, or NULL. */
mi_fn mms200mi_find(const char *transaction);

#endif
