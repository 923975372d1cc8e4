/* Control API under /_sandbox/ for tests: inspect orders and stats, inject faults, reset. */
#ifndef SANDBOX_CONTROL_H
#define SANDBOX_CONTROL_H

#include "http.h"

/* sub is the path after "/_sandbox/". Loopback clients only; no authentication. */
void control_handle(struct request *rq, const char *sub, struct reply *rp);

#endif
