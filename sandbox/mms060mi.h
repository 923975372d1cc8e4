/* MMS060MI (balance identities: stock per location and lot) transaction List. */
#ifndef SANDBOX_MMS060MI_H
#define SANDBOX_MMS060MI_H

#include "m3.h"

/* The implementation of an MMS060MI transaction, or NULL. */
mi_fn mms060mi_find(const char *transaction);

#endif
