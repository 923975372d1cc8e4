/* CRS610MI (customer master) transactions: Add, ChgBasicData, GetBasicData, LstByNumber. */
#ifndef SANDBOX_CRS610MI_H
#define SANDBOX_CRS610MI_H

#include "m3.h"

/* The implementation of a CRS610MI transaction, or NULL. */
mi_fn crs610mi_find(const char *transaction);

#endif
