/* OIS215MI (cash desk payments) transaction AddPayment. */
#ifndef SANDBOX_OIS215MI_H
#define SANDBOX_OIS215MI_H

#include "m3.h"

/* The implementation of an OIS215MI transaction, or NULL. */
mi_fn ois215mi_find(const char *transaction);

#endif
