/* GLS840MI (GL batch interface): AddBatchHead, AddBatchLine, UpdBatch. */
#ifndef SANDBOX_GLS840MI_H
#define SANDBOX_GLS840MI_H

#include "m3.h"

/* The implementation of a GLS840MI transaction, or NULL. */
mi_fn gls840mi_find(const char *transaction);

#endif
