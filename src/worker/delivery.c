#include "worker/delivery.h"

#include <stdio.h>
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
    json_decref(out->mapping);
    isync_delivery_outcome_init(out);
}

isync_delivery_result isync_delivery_m3_failed(isync_delivery_outcome *out, const isync_m3_request *req,
                                               const isync_m3_result *res, const char *context)
{
    json_decref(out->infor_error);
    out->infor_error = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:I}", "program", req->program, "transaction",
                                 req->transaction, "type", res->error_type, "code", res->error_code, "field",
                                 res->error_field, "message", res->error_message, "http_status",
                                 (json_int_t)res->http_status);
    snprintf(out->reason, sizeof out->reason, "%s/%s%s%s: %s%s%s%s%s%s", req->program, req->transaction,
             context ? " " : "", context ? context : "", res->error_message, res->error_type[0] ? " [" : "",
             res->error_type, res->error_field[0] ? ", field " : "", res->error_field, res->error_type[0] ? "]" : "");
    out->retry_after_s = res->retry_after_s;
    out->result = res->outcome == ISYNC_M3_RETRY ? ISYNC_RETRY_LATER : ISYNC_DEAD_LETTER;
    return out->result;
}
