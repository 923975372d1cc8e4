/*
 * Error codes: XIM0002 unknown customer, MM00101 unknown item, XRE0103 other record does not
 * exist, WST0101 wrong batch order status, WNU0101 bad number, WAD0101 address already exists,
 * XAU0008 (m3.c) company.
 * Addresses (AddBatchAddress) belong to the batch order, keyed by ADRT + ADID; ADRT 1 is the
 * delivery address, 3 the invoice address, any type 1-99 is accepted.
 * Real orders are created with line status 22 (allocated); a shipped line is 77 (delivered),
 * a closed one 99. GetHead shows the lowest (ORSL) and highest (ORST, STAT) line status.
 */
#include "ois100mi.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "state.h"
#include "util.h"

#define MAX_TERMS 8
#define FIRST_PICKING_STATUS "33"

static const char *const discounts[] = {"DIA1", "DIA2", "DIA3", "DIA4", "DIA5", "DIA6"};

static void set_default(json_t *obj, const char *field, const char *value)
{
    if (!*jstr(obj, field))
        json_object_set_new(obj, field, json_string(value));
}

static void set_str(json_t *obj, const char *field, const char *value)
{
    json_object_set_new(obj, field, json_string(value));
}

static void set_amount(json_t *obj, const char *field, double v)
{
    char buf[32];

    snprintf(buf, sizeof buf, "%.2f", v);
    set_str(obj, field, buf);
}

/* ORQT * SAPR minus the discount amounts DIA1..DIA6. */
static double line_amount(const json_t *eff)
{
    double amt = strtod(jstr(eff, "ORQT"), NULL) * strtod(jstr(eff, "SAPR"), NULL);

    for (size_t i = 0; i < 6; i++)
        amt -= strtod(jstr(eff, discounts[i]), NULL);
    return amt;
}

/* Sum over the lines that are not closed. */
static double order_amount(const json_t *batch)
{
    double sum = 0;
    size_t i;
    json_t *line;

    json_array_foreach(json_object_get(batch, "lines"), i, line) if (strcmp(jstr(line, "ORST"), LINE_CLOSED) != 0)
        sum += line_amount(json_object_get(line, "eff"));
    return sum;
}

/* Lowest and highest line status of a real order (statuses are two digits). */
static void status_range(const json_t *order, const char **lowest, const char **highest)
{
    size_t i;
    json_t *line;

    *lowest = *highest = LINE_ALLOCATED;
    json_array_foreach(json_object_get(order, "lines"), i, line)
    {
        const char *st = jstr(line, "ORST");
        if (i == 0 || strcmp(st, *lowest) < 0)
            *lowest = st;
        if (i == 0 || strcmp(st, *highest) > 0)
            *highest = st;
    }
}

static int check_known(struct mi_call *c, const char *field, int (*known)(const char *), const char *what)
{
    const char *v = mi_in(c, field);

    if (*v && !known(v)) {
        mi_nok(c, "XRE0103", field, "%s %s does not exist", what, v);
        return 0;
    }
    return 1;
}

static int check_number(struct mi_call *c, const char *field, int positive)
{
    const char *v = mi_in(c, field);

    if (*v && (!mi_is_number(v) || (positive && strtod(v, NULL) <= 0))) {
        mi_nok(c, "WNU0101", field, "Input field %s is invalid: %s", field, v);
        return 0;
    }
    return 1;
}

static json_t *find_batch(struct mi_call *c)
{
    json_t *b = state_batch(mi_in(c, "ORNO"));

    if (!b)
        mi_nok(c, "XRE0103", "ORNO", "Batch order %s does not exist", mi_in(c, "ORNO"));
    return b;
}

/* A batch order that has not been confirmed yet. */
static json_t *open_batch(struct mi_call *c)
{
    json_t *b = find_batch(c);

    if (b && !strcmp(jstr(b, "STAT"), "90")) {
        mi_nok(c, "WST0101", "ORNO", "Batch order %s is already confirmed", jstr(b, "ORNO"));
        return NULL;
    }
    return b;
}

static json_t *find_order(struct mi_call *c)
{
    json_t *b = state_order(mi_in(c, "ORNO"));

    if (!b)
        mi_nok(c, "XRE0103", "ORNO", "Order number %s does not exist", mi_in(c, "ORNO"));
    return b;
}

static json_t *find_line(struct mi_call *c, json_t *batch, size_t *index)
{
    long ponr = atol(mi_in(c, "PONR"));
    json_t *lines = json_object_get(batch, "lines");

    for (*index = 0; *index < json_array_size(lines); (*index)++) {
        json_t *line = json_array_get(lines, *index);
        if (atol(jstr(json_object_get(line, "eff"), "PONR")) == ponr)
            return line;
    }
    mi_nok(c, "XRE0103", "PONR", "Order line %s does not exist", mi_in(c, "PONR"));
    return NULL;
}

static json_t *batch_head_record(const json_t *b)
{
    json_t *rec = json_deep_copy(json_object_get(b, "eff"));

    set_str(rec, "ORNO", jstr(b, "ORNO"));
    set_str(rec, "STAT", jstr(b, "STAT"));
    set_str(rec, "ORNR", jstr(b, "ORNR"));
    return rec;
}

static json_t *order_head_record(const json_t *b)
{
    json_t *rec = json_deep_copy(json_object_get(b, "eff"));
    const char *lowest, *highest;

    status_range(b, &lowest, &highest);
    set_str(rec, "ORNO", jstr(b, "ORNR"));
    set_str(rec, "STAT", highest);
    set_str(rec, "ORSL", lowest);
    set_str(rec, "ORST", highest);
    set_amount(rec, "NTAM", order_amount(b));
    return rec;
}

static void add_batch_head(struct mi_call *c)
{
    char today[9];
    json_t *eff, *b;

    if (!state_customer(mi_in(c, "CUNO"))) {
        mi_nok(c, "XIM0002", "CUNO", "Customer number %s does not exist", mi_in(c, "CUNO"));
        return;
    }
    if (!check_known(c, "ORTP", state_is_order_type, "Order type") ||
        !check_known(c, "FACI", state_is_facility, "Facility") ||
        !check_known(c, "WHLO", state_is_warehouse, "Warehouse"))
        return;
    today_yyyymmdd(today);
    eff = json_deep_copy(c->in);
    json_object_del(eff, "CONO");
    set_default(eff, "ORTP", "DTC");
    set_default(eff, "FACI", "100");
    set_default(eff, "WHLO", "100");
    set_default(eff, "CUCD", "EUR");
    set_default(eff, "ORDT", today);
    set_str(eff, "DIVI", DIVISION);
    b = state_add_batch(json_deep_copy(c->in), eff);
    mi_add(c, json_pack("{s:s}", "ORNO", jstr(b, "ORNO")));
}

static void add_batch_line(struct mi_call *c)
{
    const json_t *item;
    json_t *b = open_batch(c), *eff;
    char ponr[16];
    int n;

    if (!b)
        return;
    item = state_item(mi_in(c, "ITNO"));
    if (!item) {
        mi_nok(c, "MM00101", "ITNO", "Item number %s does not exist", mi_in(c, "ITNO"));
        return;
    }
    if (!check_known(c, "WHLO", state_is_warehouse, "Warehouse") || !check_number(c, "ORQT", 1) ||
        !check_number(c, "SAPR", 0))
        return;
    for (size_t i = 0; i < 6; i++)
        if (!check_number(c, discounts[i], 0))
            return;
    n = (int)json_integer_value(json_object_get(b, "next_ponr"));
    json_object_set_new(b, "next_ponr", json_integer(n + 1));
    snprintf(ponr, sizeof ponr, "%d", n);
    eff = json_deep_copy(c->in);
    json_object_del(eff, "ORNO");
    json_object_del(eff, "CONO");
    set_str(eff, "PONR", ponr);
    set_str(eff, "POSX", "0");
    set_default(eff, "ITDS", jstr(item, "ITDS"));
    set_default(eff, "SAPR", jstr(item, "SAPR"));
    set_default(eff, "ORQT", "1");
    set_default(eff, "WHLO", jstr(json_object_get(b, "eff"), "WHLO"));
    json_array_append_new(json_object_get(b, "lines"),
                          json_pack("{s:o, s:o}", "sent", json_deep_copy(c->in), "eff", eff));
    mi_add(c, json_pack("{s:s, s:s}", "PONR", ponr, "POSX", "0"));
}

/* ADRT as an integer 1-99 written without leading zeros into out (3 bytes); 0 after a NOK. */
static int address_type(struct mi_call *c, char out[3])
{
    const char *v = mi_in(c, "ADRT");
    char *end;
    long t = strtol(v, &end, 10);

    if (*end || t < 1 || t > 99) {
        mi_nok(c, "WNU0101", "ADRT", "Input field ADRT is invalid: %s", v);
        return 0;
    }
    snprintf(out, 3, "%ld", t);
    return 1;
}

static const json_t *find_address(const json_t *b, const char *adrt, const char *adid)
{
    size_t i;
    json_t *a;

    json_array_foreach(json_object_get(b, "addresses"), i,
                       a) if (!strcmp(jstr(a, "ADRT"), adrt) && !strcmp(jstr(a, "ADID"), adid)) return a;
    return NULL;
}

/* Stores an address with the batch order; the same ORNO + ADRT + ADID twice is refused. */
static void add_batch_address(struct mi_call *c)
{
    json_t *b = open_batch(c), *addr;
    char adrt[3];

    if (!b || !address_type(c, adrt))
        return;
    if (find_address(b, adrt, mi_in(c, "ADID"))) {
        mi_nok(c, "WAD0101", "ADRT", "Record already exists");
        return;
    }
    addr = json_deep_copy(c->in);
    json_object_del(addr, "ORNO");
    json_object_del(addr, "CONO");
    set_str(addr, "ADRT", adrt);
    set_str(addr, "ADID", mi_in(c, "ADID"));
    json_array_append_new(json_object_get(b, "addresses"), addr);
}

static void confirm(struct mi_call *c)
{
    json_t *b = open_batch(c);

    if (!b)
        return;
    if (json_array_size(json_object_get(b, "lines")) == 0) {
        mi_nok(c, "WST0101", "ORNO", "Batch order %s has no lines", jstr(b, "ORNO"));
        return;
    }
    mi_add(c, json_pack("{s:s, s:s}", "ORNO", state_confirm(b), "STAT", "90"));
}

static void get_order_no(struct mi_call *c)
{
    json_t *b = find_batch(c);

    if (!b)
        return;
    if (!*jstr(b, "ORNR")) {
        mi_nok(c, "WST0101", "ORNO", "Batch order %s is not confirmed", jstr(b, "ORNO"));
        return;
    }
    mi_add(c, json_pack("{s:s}", "ORNR", jstr(b, "ORNR")));
}

static void get_batch_head(struct mi_call *c)
{
    json_t *b = find_batch(c);

    if (b)
        mi_add(c, batch_head_record(b));
}

static void lst_batch_head(struct mi_call *c)
{
    size_t i;
    json_t *b;

    json_array_foreach(state_batches(), i, b) if (!strcmp(jstr(json_object_get(b, "eff"), "CUNO"), mi_in(c, "CUNO")))
        mi_add(c, batch_head_record(b));
}

static void lst_batch_line(struct mi_call *c)
{
    json_t *b = find_batch(c), *line;
    size_t i;

    if (!b)
        return;
    json_array_foreach(json_object_get(b, "lines"), i, line) mi_add(c, json_deep_copy(json_object_get(line, "eff")));
}

static void get_batch_line(struct mi_call *c)
{
    size_t i;
    json_t *b = find_batch(c), *line = b ? find_line(c, b, &i) : NULL;

    if (line)
        mi_add(c, json_deep_copy(json_object_get(line, "eff")));
}

static void del_batch_line(struct mi_call *c)
{
    size_t i;
    json_t *b = open_batch(c), *line = b ? find_line(c, b, &i) : NULL;

    if (line)
        json_array_remove(json_object_get(b, "lines"), i);
}

static void del_batch_head(struct mi_call *c)
{
    json_t *b = open_batch(c);

    if (b)
        state_delete_batch(jstr(b, "ORNO"));
}

static void get_head(struct mi_call *c)
{
    json_t *b = find_order(c);

    if (b)
        mi_add(c, order_head_record(b));
}

static void lst_head(struct mi_call *c)
{
    size_t i;
    json_t *b;

    json_array_foreach(state_batches(), i, b) if (state_is_live_order(b) &&
                                                  !strcmp(jstr(json_object_get(b, "eff"), "CUNO"), mi_in(c, "CUNO")))
        mi_add(c, order_head_record(b));
}

/* ORST and the quantities that follow from it: allocated, then delivered; none when closed. */
static void add_line_status(json_t *rec, const char *status)
{
    const char *orqt = jstr(rec, "ORQT");

    set_str(rec, "ORST", status);
    set_str(rec, "ALQT", !strcmp(status, LINE_ALLOCATED) ? orqt : "0");
    set_str(rec, "DLQT", !strcmp(status, LINE_DELIVERED) ? orqt : "0");
}

static void lst_line(struct mi_call *c)
{
    json_t *b = find_order(c), *line;
    const char *itno = mi_in(c, "ITNO");
    size_t i;

    if (!b)
        return;
    json_array_foreach(json_object_get(b, "lines"), i, line)
    {
        json_t *rec = json_deep_copy(json_object_get(line, "eff"));
        if (*itno && strcmp(jstr(rec, "ITNO"), itno) != 0) {
            json_decref(rec);
            continue;
        }
        add_line_status(rec, jstr(line, "ORST"));
        set_str(rec, "CUCD", jstr(json_object_get(b, "eff"), "CUCD"));
        set_amount(rec, "NLAM", line_amount(rec));
        mi_add(c, rec);
    }
}

static void clo_line(struct mi_call *c)
{
    size_t i;
    json_t *b, *line;

    if (!mi_require(c, "ORNO") || !mi_require(c, "PONR"))
        return;
    b = find_order(c);
    line = b ? find_line(c, b, &i) : NULL;
    if (!line)
        return;
    if (!strcmp(jstr(line, "ORST"), LINE_CLOSED)) {
        mi_nok(c, "WST0101", "PONR", "Order line %s is already closed", mi_in(c, "PONR"));
        return;
    }
    if (!strcmp(jstr(line, "ORST"), LINE_DELIVERED)) {
        mi_nok(c, "WST0101", "PONR", "Order line %s is already delivered", mi_in(c, "PONR"));
        return;
    }
    set_str(line, "ORST", LINE_CLOSED);
}

/* Only an order none of whose lines has reached picking (33) can be deleted. */
static void del_head(struct mi_call *c)
{
    json_t *b = find_order(c);
    const char *lowest, *highest;

    if (!b)
        return;
    status_range(b, &lowest, &highest);
    if (strcmp(highest, FIRST_PICKING_STATUS) >= 0) {
        mi_nok(c, "WST0101", "ORNO", "Order %s cannot be deleted, highest status is %s", jstr(b, "ORNR"), highest);
        return;
    }
    state_delete_order(b);
}

/* One term of a search query: FIELD:value, FIELD:"quoted value", value* (prefix). */
struct term {
    char field[16]; /* "" = ORNO, CUOR or CUNO */
    char value[128];
    int prefix;
};

static int parse_term(const char **q, struct term *t)
{
    const char *s = *q;
    size_t n = strcspn(s, " :\"");

    memset(t, 0, sizeof *t);
    if (s[n] == ':') {
        if (n == 0 || n >= sizeof t->field)
            return 0;
        for (size_t i = 0; i < n; i++)
            t->field[i] = (char)(s[i] >= 'a' && s[i] <= 'z' ? s[i] - 32 : s[i]);
        s += n + 1;
    }
    if (*s == '"') {
        const char *end = strchr(s + 1, '"');
        if (!end || (size_t)(end - s - 1) >= sizeof t->value)
            return 0;
        memcpy(t->value, s + 1, (size_t)(end - s - 1));
        s = end + 1;
    } else {
        n = strcspn(s, " ");
        if (n >= sizeof t->value)
            return 0;
        memcpy(t->value, s, n);
        s += n;
    }
    n = strlen(t->value);
    if (n > 0 && t->value[n - 1] == '*') {
        t->value[n - 1] = '\0';
        t->prefix = 1;
    }
    *q = s;
    return t->value[0] != '\0' || t->prefix;
}

/* Terms separated by blanks, all must match; "AND" between terms is allowed. -1 on bad syntax. */
static int parse_query(const char *q, struct term *terms)
{
    int n = 0;

    for (;;) {
        q += strspn(q, " ");
        if (!*q)
            return n;
        if (!strncasecmp(q, "AND ", 4)) {
            q += 4;
            continue;
        }
        if (n == MAX_TERMS || !parse_term(&q, &terms[n++]))
            return -1;
    }
}

static int value_matches(const char *v, const struct term *t)
{
    return t->prefix ? !strncasecmp(v, t->value, strlen(t->value)) : !strcasecmp(v, t->value);
}

static int term_matches(const json_t *rec, const struct term *t)
{
    if (t->field[0])
        return value_matches(jstr(rec, t->field), t);
    return value_matches(jstr(rec, "ORNO"), t) || value_matches(jstr(rec, "CUOR"), t) ||
        value_matches(jstr(rec, "CUNO"), t);
}

static void search_head(struct mi_call *c)
{
    struct term terms[MAX_TERMS];
    int n = parse_query(mi_in(c, "SQRY"), terms);
    size_t i;
    json_t *b;

    if (n <= 0) {
        mi_nok(c, "WSQ0101", "SQRY", "Invalid search query: %s", mi_in(c, "SQRY"));
        return;
    }
    json_array_foreach(state_batches(), i, b)
    {
        json_t *rec;
        int all = 1;
        if (!state_is_live_order(b))
            continue;
        rec = order_head_record(b);
        for (int k = 0; k < n && all; k++)
            all = term_matches(rec, &terms[k]);
        if (all)
            mi_add(c, rec);
        else
            json_decref(rec);
    }
}

static const struct mi_transaction transactions[] = {
    {"AddBatchHead", add_batch_head},
    {"AddBatchLine", add_batch_line},
    {"AddBatchAddress", add_batch_address},
    {"Confirm", confirm},
    {"GetOrderNo", get_order_no},
    {"GetBatchHead", get_batch_head},
    {"LstBatchHead", lst_batch_head},
    {"LstBatchLine", lst_batch_line},
    {"GetBatchLine", get_batch_line},
    {"DelBatchLine", del_batch_line},
    {"DelBatchHead", del_batch_head},
    {"GetHead", get_head},
    {"LstHead", lst_head},
    {"LstLine", lst_line},
    {"SearchHead", search_head},
    {"CloLine", clo_line},
    {"DelHead", del_head},
};

mi_fn ois100mi_find(const char *transaction)
{
    return mi_lookup(transactions, sizeof transactions / sizeof transactions[0], transaction);
}
