#include "delivery.h"

#include <string.h>

void isync_delivery_outcome_init(isync_delivery_outcome *out)
{
    memset(out, 0, sizeof *out);
    out->retry_after_s = -1;
}

void isync_delivery_outcome_clear(isync_delivery_outcome *out)
{
    json_decref(out->infor_error);
    json_decref(out->infor_refs);
    isync_delivery_outcome_init(out);
}
