/*
 * A GL batch is entered (STAT 10) with AddBatchHead, gets lines (PARM kept as received, a
 * fixed-format GL line), and is posted once by UpdBatch (STAT 90).
 * Error codes: WKE0101 batch key already exists, XRE0103 unknown batch,
 * WST0101 batch already updated or without lines, WLI0101 line already exists.
 */
#include "gls840mi.h"

#include <stdlib.h>
#include <string.h>

#include "state.h"
#include "util.h"

#define BATCH_ENTERED "10"
#define BATCH_UPDATED "90"

static void reply_company(struct mi_call *c)
{
    mi_add(c, json_pack("{s:s}", "CONO", COMPANY));
}

static json_t *find_batch(struct mi_call *c)
{
    json_t *b = state_gl_batch(mi_in(c, "KEY1"));

    if (!b)
        mi_nok(c, "XRE0103", "KEY1", "Batch %s does not exist", mi_in(c, "KEY1"));
    return b;
}

static json_t *open_batch(struct mi_call *c)
{
    json_t *b = find_batch(c);

    if (b && !strcmp(jstr(b, "STAT"), BATCH_UPDATED)) {
        mi_nok(c, "WST0101", "KEY1", "Batch already updated");
        return NULL;
    }
    return b;
}

static void add_batch_head(struct mi_call *c)
{
    char today[9];

    if (state_gl_batch(mi_in(c, "KEY1"))) {
        mi_nok(c, "WKE0101", "KEY1", "Batch key already exists");
        return;
    }
    today_yyyymmdd(today);
    json_array_append_new(state_gl_batches(),
                          json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:[]}", "KEY1", mi_in(c, "KEY1"), "INTN",
                                    mi_in(c, "INTN"), "DESC", mi_in(c, "DESC"), "DIVI",
                                    *mi_in(c, "DIVI") ? mi_in(c, "DIVI") : DIVISION, "USID", mi_in(c, "USID"), "STAT",
                                    BATCH_ENTERED, "RGDT", today, "UPDT", "", "lines"));
    reply_company(c);
}

static int line_exists(const json_t *batch, const char *line_no)
{
    size_t i;
    json_t *line;

    json_array_foreach(json_object_get(batch, "lines"), i,
                       line) if (atol(jstr(line, "LINE")) == atol(line_no)) return 1;
    return 0;
}

static void add_batch_line(struct mi_call *c)
{
    json_t *b = open_batch(c);

    if (!b)
        return;
    if (line_exists(b, mi_in(c, "LINE"))) {
        mi_nok(c, "WLI0101", "LINE", "Line %s already exists in batch %s", mi_in(c, "LINE"), mi_in(c, "KEY1"));
        return;
    }
    json_array_append_new(json_object_get(b, "lines"),
                          json_pack("{s:s, s:s}", "LINE", mi_in(c, "LINE"), "PARM", mi_in(c, "PARM")));
    reply_company(c);
}

static void upd_batch(struct mi_call *c)
{
    json_t *b = open_batch(c);
    char today[9];

    if (!b)
        return;
    if (json_array_size(json_object_get(b, "lines")) == 0) {
        mi_nok(c, "WST0101", "KEY1", "Batch %s has no lines", mi_in(c, "KEY1"));
        return;
    }
    today_yyyymmdd(today);
    jset(b, "STAT", BATCH_UPDATED);
    jset(b, "UPDT", today);
    reply_company(c);
}

static const struct mi_transaction transactions[] = {
    {"AddBatchHead", add_batch_head},
    {"AddBatchLine", add_batch_line},
    {"UpdBatch", upd_batch},
};

mi_fn gls840mi_find(const char *transaction)
{
    return mi_lookup(transactions, sizeof transactions / sizeof transactions[0], transaction);
}
