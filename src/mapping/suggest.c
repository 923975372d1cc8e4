/* Mapping suggestions (suggest.h): for each input field of an M3 transaction,
 * the paths of a sample X-Cart payload that could fill it, scored 0..1.
 *
 * Every leaf of the sample is a candidate "source" (lists of objects are
 * folded into one path, "items[].sku", with the values of all elements).
 * A source's score for a field adds up these signals:
 *
 *   lexical (the larger of the two, at most 0.7):
 *     synonym  0.7  the X-Cart key is in the synonym table for this field's
 *                   concept (the table entry names the M3 field, or its Infor
 *                   concept is a phrase of the field's description);
 *                   0.63 when only one of the two holds; x0.8 for a key
 *                   that holds only part of the value (firstname of a name)
 *     name     0.6 x the Dice similarity of the key's words and the words of
 *                   the field's description (lower case, lightly stemmed,
 *                   "salesprice" matches "price"); a key equal to the field
 *                   name counts as 1
 *   agreement +0.1  synonym and name similarity (>= 0.3) both fired
 *   context   +0.05 a word of the parent keys ("items", "billing_address")
 *                   is in the description, when the lexical signal fired
 *   value shape     the sample values against the field's type, length and
 *                   what its description says it holds:
 *                   +0.35 e-mail address -> e-mail field, ISO 4217 code -> currency
 *                   +0.25 ISO date -> D field, country code -> country
 *                   +0.15 money-like decimal -> price/amount, whole number ->
 *                         quantity, postcode-like -> postal code, phone-like
 *                         -> phone, short capitals -> state
 *                   +0.05 fits otherwise (text within the length, a number in
 *                         an N field)
 *                   -0.45 contradicts the field (no date for a D field, text
 *                         for a number, no e-mail address for an e-mail field)
 *                   -0.2  a date or an e-mail address in a plain text field
 *   length    x0.7  a sample value is longer than the field (not for D fields:
 *                   the date transform shortens them)
 *
 * Address objects (an object with three of street, city, zipcode, country:
 * "billing_address") are proposed as a whole for the fields the address
 * transform fills (CUNM, CUA1-4, TOWN, PONO, CSCD, ECAR, PHNO), with
 * {"address": "<FIELD>"}: 0.05 above the best key inside it for that field,
 * at least 0.8 (CUA2-4 have no key of their own; every other part needs a key
 * inside the object that scores for it). The transform normalises
 * and cuts, so the object comes before its keys.
 *
 * The sum is clamped to 0..1; a source is proposed when it reaches
 * MIN_SCORE (0.3): the value shape alone (at most 0.35) proposes only
 * e-mail addresses and currency codes. Ties keep the sample's order.
 *
 * One-to-one preference: a path that is the top proposal of two fields stays
 * top only on the field where it scores higher (the earlier field on a tie);
 * it is dropped from the other field's list so that its next candidate rises.
 * Address objects are exempt: one fills many fields, each with its part.
 * This repeats until no two fields share a top proposal, and is applied
 * before the lists are cut to max_per_field. */
#include "mapping/suggest.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mapping/suggest_shapes.h"
#include "mapping/suggest_sources.h"
#include "mapping/suggest_words.h"

#define REASON_LEN 320

#define W_SYNONYM 0.7
#define W_SYNONYM_PARTIAL 0.9 /* share of W_SYNONYM when code or concept alone matches */
#define W_PART 0.8 /* share of the synonym signal for a key holding part of the value */
#define W_NAME 0.6
#define W_AGREE 0.1
#define W_CONTEXT 0.05
#define W_SHAPE_SPECIFIC 0.35
#define W_SHAPE_STRONG 0.25
#define W_SHAPE_MEDIUM 0.15
#define W_SHAPE_WEAK 0.05
#define W_SHAPE_CONTRADICTS (-0.45)
#define W_SHAPE_ODD (-0.2)
#define LENGTH_PENALTY 0.7
#define NAME_AGREES 0.3
#define MIN_SCORE 0.3
#define ADDRESS_SCORE 0.8
#define W_ADDRESS_OVER_PART 0.05

static const char NOTE[] = "These proposals are a heuristic (field names, the Infor field descriptions, a synonym "
                           "list and the shape of the sample values): a start for a template, not a replacement "
                           "for reading it.";

/* ---- fields ------------------------------------------------------------------ */

typedef enum {
    EXPECT_TEXT,
    EXPECT_NUMBER,
    EXPECT_DATE,
    EXPECT_EMAIL,
    EXPECT_CURRENCY,
    EXPECT_COUNTRY,
    EXPECT_STATE,
    EXPECT_POSTCODE,
    EXPECT_PHONE,
    EXPECT_MONEY,
    EXPECT_QUANTITY,
} expectation;

typedef struct {
    const char *name;
    const char *description;
    char type; /* 'A', 'N', 'D' */
    long length; /* 0: unknown */
    word_list words; /* of the description */
    expectation expect;
} field;

static int describes(const field *f, const char *word)
{
    return suggest_has_word(&f->words, word);
}

/* What the field holds, from its type and description. */
static expectation expectation_of(const field *f)
{
    if (f->type == 'D') {
        return EXPECT_DATE;
    }
    if (describes(f, "mail")) {
        return EXPECT_EMAIL;
    }
    if (describes(f, "price") || describes(f, "amount")) {
        return EXPECT_MONEY;
    }
    if (describes(f, "quantity")) {
        return EXPECT_QUANTITY;
    }
    if (describes(f, "currency")) {
        return EXPECT_CURRENCY;
    }
    if (describes(f, "country")) {
        return EXPECT_COUNTRY;
    }
    if ((describes(f, "state") || describes(f, "area")) && f->length > 0 && f->length <= 3) {
        return EXPECT_STATE;
    }
    if (describes(f, "postal") || describes(f, "zip") || describes(f, "postcode")) {
        return EXPECT_POSTCODE;
    }
    if (describes(f, "phone") || describes(f, "fax") || describes(f, "facsimile")) {
        return EXPECT_PHONE;
    }
    return f->type == 'N' ? EXPECT_NUMBER : EXPECT_TEXT;
}

static int read_field(json_t *input, field *f)
{
    json_t *length = json_object_get(input, "length");
    const char *type = json_string_value(json_object_get(input, "type"));
    f->name = json_string_value(json_object_get(input, "name"));
    f->description = json_string_value(json_object_get(input, "description"));
    if (!f->name) {
        return -1;
    }
    if (!f->description) {
        f->description = "";
    }
    f->type = type ? type[0] : 'A';
    f->length = json_is_integer(length) ? (long)json_integer_value(length) : 0;
    suggest_split_words(f->description, &f->words);
    f->expect = expectation_of(f);
    return 0;
}

/* ---- scoring ----------------------------------------------------------------- */

typedef struct {
    char text[REASON_LEN];
    size_t used;
} reason;

static void note(reason *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void note(reason *r, const char *fmt, ...)
{
    va_list ap;
    if (r->used > 0 && r->used + 2 < sizeof r->text) {
        r->used += (size_t)snprintf(r->text + r->used, sizeof r->text - r->used, "; ");
    }
    if (r->used + 1 >= sizeof r->text) {
        return;
    }
    va_start(ap, fmt);
    int n = vsnprintf(r->text + r->used, sizeof r->text - r->used, fmt, ap);
    va_end(ap);
    if (n > 0) {
        r->used += (size_t)n;
        r->used = r->used < sizeof r->text ? r->used : sizeof r->text - 1;
    }
}

typedef struct {
    word_list concept[SUGGEST_SYNONYM_COUNT];
} synonym_words;

/* 1: the entry names the field and its concept is in the description; 0.9:
 * one of the two; 0: the key is not a term of the entry. */
/* "item": the parent path has the word; "!item": it has not. */
static int context_fits(const char *context, const source *s)
{
    if (context[0] == '!') {
        return !suggest_has_word(&s->context, context + 1);
    }
    return suggest_has_word(&s->context, context);
}

static double synonym_strength(const synonym *entry, const word_list *concept, const source *s, const field *f)
{
    if (!suggest_in_bar_list(entry->terms, s->norm)) {
        return 0.0;
    }
    if (entry->context && !context_fits(entry->context, s)) {
        return 0.0;
    }
    int by_code = suggest_in_bar_list(entry->fields, f->name);
    int by_concept = suggest_has_phrase(&f->words, concept);
    double strength = by_code && by_concept ? 1.0 : (by_code || by_concept ? W_SYNONYM_PARTIAL : 0.0);
    return entry->part ? strength * W_PART : strength;
}

static double synonym_signal(const synonym_words *sw, const source *s, const field *f, reason *r)
{
    double best = 0.0;
    size_t best_entry = 0;
    for (size_t i = 0; i < SUGGEST_SYNONYM_COUNT; i++) {
        double strength = synonym_strength(&suggest_synonyms[i], &sw->concept[i], s, f);
        if (strength > best) {
            best = strength;
            best_entry = i;
        }
    }
    if (best > 0.0) {
        note(r, "synonym: %s ~ %s%s", s->key, suggest_synonyms[best_entry].part ? "part of " : "",
             suggest_synonyms[best_entry].concept);
    }
    return best;
}

static double name_signal(const source *s, const field *f, reason *r)
{
    if (strcasecmp(s->key, f->name) == 0) {
        note(r, "name: the field's own name");
        return 1.0;
    }
    double similarity = suggest_word_similarity(&s->words, &f->words);
    if (similarity > 0.0) {
        note(r, "name: %s ~ %s (%.2f)", s->key, f->description, similarity);
    }
    return similarity;
}

static double lexical_score(const synonym_words *sw, const source *s, const field *f, reason *r)
{
    double syn = synonym_signal(sw, s, f, r);
    double name = name_signal(s, f, r);
    double score = W_SYNONYM * syn > W_NAME * name ? W_SYNONYM * syn : W_NAME * name;
    if (syn > 0.0 && name >= NAME_AGREES) {
        score += W_AGREE;
    }
    if (score > 0.0 && suggest_shares_a_word(&s->context, &f->words)) {
        note(r, "context: %.*s", (int)s->parent_len, s->path);
        score += W_CONTEXT;
    }
    return score;
}

static double shape_text(const source *s, const field *f, reason *r)
{
    if (s->shape & SHAPE_DATE) {
        note(r, "value shape: a date in a text field");
        return W_SHAPE_ODD;
    }
    if (s->shape & SHAPE_EMAIL) {
        note(r, "value shape: an e-mail address in a non-mail field");
        return W_SHAPE_ODD;
    }
    if (f->length > 0) {
        note(r, "value shape: text \u2264 %ld", f->length);
    } else {
        note(r, "value shape: text");
    }
    return W_SHAPE_WEAK;
}

/* What a value's shape says about a field that expects something. The rows of one expectation are tried in
 * order; the first whose shape the values have (0: any values) gives the weight. Money looks at what some
 * value is (19.99 and 0 are both money), the rest at what every value is. */
typedef struct {
    expectation expect;
    unsigned shape;
    int of_any_value;
    double weight;
    const char *what;
} shape_rule;

static const shape_rule shape_rules[] = {
    {EXPECT_DATE, SHAPE_DATE, 0, W_SHAPE_STRONG, "ISO date -> D field"},
    {EXPECT_DATE, 0, 0, W_SHAPE_CONTRADICTS, "not a date (D field)"},
    {EXPECT_EMAIL, SHAPE_EMAIL, 0, W_SHAPE_SPECIFIC, "e-mail address"},
    {EXPECT_EMAIL, 0, 0, W_SHAPE_CONTRADICTS, "not an e-mail address"},
    {EXPECT_POSTCODE, SHAPE_POSTCODE, 0, W_SHAPE_MEDIUM, "postcode-like"},
    {EXPECT_POSTCODE, 0, 0, W_SHAPE_ODD, "not postcode-like"},
    {EXPECT_PHONE, SHAPE_PHONE, 0, W_SHAPE_MEDIUM, "phone-like"},
    {EXPECT_PHONE, 0, 0, W_SHAPE_ODD, "not phone-like"},
    {EXPECT_CURRENCY, SHAPE_CURRENCY, 0, W_SHAPE_SPECIFIC, "ISO 4217 currency code"},
    {EXPECT_CURRENCY, SHAPE_CAPS3, 0, W_SHAPE_MEDIUM, "three capitals"},
    {EXPECT_CURRENCY, 0, 0, W_SHAPE_CONTRADICTS, "not a currency code"},
    {EXPECT_COUNTRY, SHAPE_CAPS2 | SHAPE_CAPS3, 0, W_SHAPE_STRONG, "country code"},
    {EXPECT_COUNTRY, 0, 0, 0.0, "not a country code"},
    {EXPECT_STATE, SHAPE_CAPS2 | SHAPE_CAPS3, 0, W_SHAPE_MEDIUM, "state code"},
    {EXPECT_STATE, 0, 0, 0.0, "not a state code"},
    {EXPECT_MONEY, SHAPE_DECIMAL, 1, W_SHAPE_MEDIUM, "money-like decimal"},
    {EXPECT_MONEY, 0, 0, W_SHAPE_WEAK, "whole number"},
    {EXPECT_QUANTITY, SHAPE_INTEGER, 0, W_SHAPE_MEDIUM, "whole number -> quantity"},
    {EXPECT_QUANTITY, 0, 0, W_SHAPE_WEAK, "decimal"},
    {EXPECT_NUMBER, 0, 0, W_SHAPE_WEAK, "number -> N field"},
};

static int expects_number(expectation expect)
{
    return expect == EXPECT_MONEY || expect == EXPECT_QUANTITY || expect == EXPECT_NUMBER;
}

static double shape_signal(const source *s, const field *f, reason *r)
{
    if (s->values == 0) {
        return 0.0;
    }
    if (f->expect == EXPECT_TEXT) {
        return shape_text(s, f, r);
    }
    const shape_rule *rule = NULL;
    if (expects_number(f->expect) && !(s->shape & SHAPE_NUMBER)) {
        static const shape_rule not_a_number = {EXPECT_NUMBER, 0, 0, W_SHAPE_CONTRADICTS, "not a number"};
        rule = &not_a_number;
    }
    for (size_t i = 0; !rule && i < sizeof shape_rules / sizeof shape_rules[0]; i++) {
        unsigned shape = shape_rules[i].of_any_value ? s->any_shape : s->shape;
        if (shape_rules[i].expect == f->expect && (!shape_rules[i].shape || (shape & shape_rules[i].shape))) {
            rule = &shape_rules[i];
        }
    }
    note(r, "value shape: %s", rule->what);
    return rule->weight;
}

static double length_factor(const source *s, const field *f, reason *r)
{
    if (f->type == 'D' || f->length <= 0 || s->values == 0 || s->max_chars <= (size_t)f->length) {
        return 1.0;
    }
    note(r, "value shape: longer than %ld (%zu characters)", f->length, s->max_chars);
    return LENGTH_PENALTY;
}

static double score_source(const synonym_words *sw, const source *s, const field *f, reason *r)
{
    double score = lexical_score(sw, s, f, r);
    score += shape_signal(s, f, r);
    score *= length_factor(s, f, r);
    return score < 0.0 ? 0.0 : (score > 1.0 ? 1.0 : score);
}

/* ---- ranking ----------------------------------------------------------------- */

typedef struct {
    size_t source;
    double score;
    char reason[REASON_LEN];
} candidate;

typedef struct {
    candidate *items;
    size_t count;
} ranking;

static int by_score(const void *a, const void *b)
{
    const candidate *x = a, *y = b;
    if (x->score != y->score) {
        return x->score < y->score ? 1 : -1;
    }
    return x->source < y->source ? -1 : (x->source > y->source ? 1 : 0);
}

/* The fields the address transform fills from an X-Cart address (docs/mapping.md). */
static const char ADDRESS_PARTS[] = "CUNM|CUA1|CUA2|CUA3|CUA4|TOWN|PONO|CSCD|ECAR|PHNO";

static int is_inside(const source *child, const source *object)
{
    size_t n = strlen(object->path);
    return strncmp(child->path, object->path, n) == 0 && child->path[n] == '.';
}

/* An address object for an address part: a little above its best key for the
 * field (the transform also normalises and cuts), at least ADDRESS_SCORE. */
static double score_address(const source_list *sources, size_t object, const double *scores, const field *f, reason *r)
{
    const source *a = &sources->items[object];
    size_t best = object;
    if (!suggest_in_bar_list(ADDRESS_PARTS, f->name)) {
        return 0.0;
    }
    for (size_t i = object + 1; i < sources->count && is_inside(&sources->items[i], a); i++) {
        if (scores[i] > scores[best]) {
            best = i;
        }
    }
    if (scores[best] < MIN_SCORE) {
        best = object;
    }
    if (best == object && strncmp(f->name, "CUA", 3) != 0) {
        return 0.0; /* no key for it in this address (a name, a phone, a state) */
    }
    double score = scores[best] + W_ADDRESS_OVER_PART;
    score = score < ADDRESS_SCORE ? ADDRESS_SCORE : (score > 1.0 ? 1.0 : score);
    note(r, "address object: use the {\"address\": \"%s\"} transform", f->name);
    if (best != object) {
        note(r, "best key inside: %s", sources->items[best].path);
    }
    return score;
}

/* The surcharge sources: the tax surcharge for a tax code (through the
 * business setting tax_map), the list's discounts summed for an order
 * discount amount. */
static double score_surcharge(const source *s, const field *f, reason *r)
{
    if (s->surcharge[0] && strcmp(s->surcharge, "tax") == 0 && describes(f, "tax") && describes(f, "code")) {
        note(r,
             "X-Cart tax surcharge: use the {\"tax\": \"tax_code\"} transform (business setting "
             "tax_map)");
        return 0.85;
    }
    if (s->is_surcharges && describes(f, "discount") && describes(f, "amount")) {
        note(r,
             "X-Cart discount surcharges summed: use {\"sum\": {\"type\": \"discount\"}} and "
             "\"abs\"");
        /* an order-level discount is the sum of the order's discount surcharges in X-Cart;
         * a line field's own key (items[].discount) comes first */
        return describes(f, "order") ? 0.97 : 0.4;
    }
    return 0.0;
}

static int is_surcharge_source(const source *s)
{
    return s->surcharge[0] || s->is_surcharges;
}

static void add_candidate(ranking *out, size_t source, double score, const reason *r)
{
    if (score + 1e-9 < MIN_SCORE) {
        return;
    }
    candidate *c = &out->items[out->count++];
    c->source = source;
    c->score = score;
    memcpy(c->reason, r->text, sizeof c->reason);
}

static int rank_field(const synonym_words *sw, const source_list *sources, const field *f, ranking *out)
{
    size_t n = sources->count ? sources->count : 1;
    double *scores = calloc(n, sizeof *scores);
    out->count = 0;
    out->items = calloc(n, sizeof *out->items);
    if (!scores || !out->items) {
        free(scores);
        return -1;
    }
    for (size_t i = 0; i < sources->count; i++) {
        reason r = {.used = 0, .text = ""};
        if (is_surcharge_source(&sources->items[i])) {
            add_candidate(out, i, score_surcharge(&sources->items[i], f, &r), &r);
        } else if (!sources->items[i].is_address) {
            scores[i] = score_source(sw, &sources->items[i], f, &r);
            add_candidate(out, i, scores[i], &r);
        }
    }
    for (size_t i = 0; i < sources->count; i++) {
        reason r = {.used = 0, .text = ""};
        if (sources->items[i].is_address) {
            add_candidate(out, i, score_address(sources, i, scores, f, &r), &r);
        }
    }
    free(scores);
    qsort(out->items, out->count, sizeof *out->items, by_score);
    return 0;
}

static void drop_top(ranking *rk)
{
    memmove(&rk->items[0], &rk->items[1], (rk->count - 1) * sizeof rk->items[0]);
    rk->count--;
}

/* One pass: the first two fields sharing a top proposal; the lower-scoring one
 * (the later one on a tie) loses it. Returns 1 when something changed. */
static int resolve_one_conflict(ranking *rankings, size_t fields, const source_list *sources)
{
    for (size_t a = 0; a < fields; a++) {
        for (size_t b = a + 1; b < fields && rankings[a].count > 0; b++) {
            if (rankings[b].count == 0 || rankings[a].items[0].source != rankings[b].items[0].source ||
                sources->items[rankings[a].items[0].source].is_address) {
                continue;
            }
            int b_wins = rankings[b].items[0].score > rankings[a].items[0].score;
            drop_top(b_wins ? &rankings[a] : &rankings[b]);
            return 1;
        }
    }
    return 0;
}

static void prefer_one_to_one(ranking *rankings, size_t fields, const source_list *sources)
{
    while (resolve_one_conflict(rankings, fields, sources)) {
    }
}

/* ---- output ------------------------------------------------------------------ */

static double two_decimals(double score)
{
    return (double)(long)(score * 100.0 + 0.5) / 100.0;
}

/* The transform the proposal needs: the address transform for an address
 * object, the date transform for an ISO date into a D field. */
static json_t *transform_json(const source *s, const field *f)
{
    if (s->is_address) {
        return json_pack("[{s:s}]", "address", f->name);
    }
    if (s->surcharge[0]) {
        return json_pack("[{s:s}]", "tax", "tax_code");
    }
    if (s->is_surcharges) {
        return json_pack("[{s:{s:s}}, s]", "sum", "type", "discount", "abs");
    }
    if (f->type == 'D' && s->values > 0 && (s->shape & SHAPE_DATE)) {
        return json_pack("[s]", "date");
    }
    return NULL;
}

static json_t *proposal_json(const candidate *c, const source *s, const field *f)
{
    json_t *p = json_pack("{s:s, s:f, s:s}", "path", s->path, "score", two_decimals(c->score), "reason", c->reason);
    json_t *transform = transform_json(s, f);
    if (p && transform) {
        json_object_set_new(p, "transform", transform);
    }
    return p;
}

static json_t *proposals_json(const ranking *rk, const source_list *sources, const field *f, size_t max)
{
    json_t *list = json_array();
    size_t n = max > 0 && max < rk->count ? max : rk->count;
    for (size_t i = 0; list && i < n; i++) {
        const candidate *c = &rk->items[i];
        json_t *p = proposal_json(c, &sources->items[c->source], f);
        if (!p || json_array_append_new(list, p) != 0) {
            json_decref(list);
            return NULL;
        }
    }
    return list;
}

static json_t *result_json(const field *fields, const ranking *rankings, size_t count, const source_list *sources,
                           size_t max)
{
    json_t *by_field = json_object();
    for (size_t i = 0; by_field && i < count; i++) {
        json_t *list = proposals_json(&rankings[i], sources, &fields[i], max);
        if (!list || json_object_set_new(by_field, fields[i].name, list) != 0) {
            json_decref(by_field);
            return NULL;
        }
    }
    if (!by_field) {
        return NULL;
    }
    return json_pack("{s:b, s:s, s:o}", "heuristic", 1, "note", NOTE, "fields", by_field);
}

static void prepare_synonyms(synonym_words *sw)
{
    for (size_t i = 0; i < SUGGEST_SYNONYM_COUNT; i++) {
        suggest_split_words(suggest_synonyms[i].concept, &sw->concept[i]);
    }
}

static size_t read_fields(json_t *inputs, field *fields)
{
    size_t count = 0, i;
    json_t *input;
    json_array_foreach(inputs, i, input)
    {
        if (read_field(input, &fields[count]) == 0) {
            count++;
        }
    }
    return count;
}

static json_t *suggest(const source_list *sources, const field *fields, size_t count, size_t max)
{
    json_t *result = NULL;
    synonym_words *sw = malloc(sizeof *sw);
    ranking *rankings = calloc(count ? count : 1, sizeof *rankings);
    if (!sw || !rankings) {
        free(sw);
        free(rankings);
        return NULL;
    }
    prepare_synonyms(sw);
    size_t ranked = 0;
    while (ranked < count && rank_field(sw, sources, &fields[ranked], &rankings[ranked]) == 0) {
        ranked++;
    }
    if (ranked == count) {
        prefer_one_to_one(rankings, count, sources);
        result = result_json(fields, rankings, count, sources, max);
    }
    for (size_t i = 0; i < ranked; i++) {
        free(rankings[i].items);
    }
    free(rankings);
    free(sw);
    return result;
}

json_t *isync_suggest_mapping(json_t *sample_payload, json_t *transaction_inputs, size_t max_per_field)
{
    if (!json_is_object(sample_payload) || !json_is_array(transaction_inputs)) {
        return NULL;
    }
    source_list sources = {NULL, 0, 0};
    field *fields = calloc(json_array_size(transaction_inputs) + 1, sizeof *fields);
    json_t *result = NULL;
    if (fields && suggest_collect_sources(&sources, sample_payload) == 0) {
        size_t count = read_fields(transaction_inputs, fields);
        result = suggest(&sources, fields, count, max_per_field);
    }
    free(fields);
    suggest_free_sources(&sources);
    return result;
}
