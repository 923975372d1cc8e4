#include "mapping/address.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "base/utf8.h"
#include "generated/iso3166.h"

#define MAX_WRAPPED 32 /* lines kept while laying out; more only counts */
#define MAX_PARTS 8
#define PART_SIZE 1024
#define KEY_SIZE 128

/* ---- countries and states ---------------------------------------------- */

const char *isync_country_alpha3(const char *alpha2)
{
    for (size_t i = 0; alpha2 && i < isync_country_count; i++) {
        if (strcasecmp(isync_countries[i].alpha2, alpha2) == 0) {
            return isync_countries[i].alpha3;
        }
    }
    return NULL;
}

const char *isync_country_alpha2(const char *alpha3)
{
    for (size_t i = 0; alpha3 && i < isync_country_count; i++) {
        if (strcasecmp(isync_countries[i].alpha3, alpha3) == 0) {
            return isync_countries[i].alpha2;
        }
    }
    return NULL;
}

/* The alpha-2 code of an alpha-2 or alpha-3 country code; NULL when neither. */
static const char *country_alpha2(const char *code)
{
    if (strlen(code) == 2 && isync_country_alpha3(code)) {
        return isync_country_alpha2(isync_country_alpha3(code));
    }
    return strlen(code) == 3 ? isync_country_alpha2(code) : NULL;
}

/* Appends the folded form of one code point (lower-case ASCII letters and digits). */
static size_t fold_code_point(unsigned cp, char *key, size_t used, size_t size)
{
    const char *folded = "";
    char ascii[2] = {0, 0};
    if (cp < 0x80 && isalnum((int)cp)) {
        ascii[0] = (char)tolower((int)cp);
        folded = ascii;
    } else if (cp >= ISYNC_LATIN_FOLD_FIRST && cp < ISYNC_LATIN_FOLD_FIRST + ISYNC_LATIN_FOLD_COUNT) {
        folded = isync_latin_fold[cp - ISYNC_LATIN_FOLD_FIRST];
    }
    for (; *folded && used + 1 < size; folded++) {
        key[used++] = *folded;
    }
    return used;
}

/* A name as a lookup key: "Baden-Württemberg" -> "badenwurttemberg". Letters
 * outside Latin-1 and Latin Extended-A are dropped. */
static void fold_key(const char *name, char *key, size_t size)
{
    size_t used = 0;
    while (*name) {
        unsigned cp;
        name += isync_utf8_decode(name, &cp);
        used = fold_code_point(cp, key, used, size);
    }
    key[used] = '\0';
}

/* "by", "DE-BY" -> the row of that code (current or former). */
static const isync_state_row *state_by_code(const char *country, const char *state)
{
    size_t country_len = strlen(country);
    if (strncasecmp(state, country, country_len) == 0 && state[country_len] == '-') {
        state += country_len + 1;
    }
    if (!*state || strlen(state) > 3) {
        return NULL;
    }
    for (size_t i = 0; i < isync_state_count; i++) {
        const isync_state_row *row = &isync_states[i];
        if (strcmp(row->country, country) == 0 &&
            (strcasecmp(row->code, state) == 0 || (row->former_code[0] && strcasecmp(row->former_code, state) == 0))) {
            return row;
        }
    }
    return NULL;
}

static const isync_state_row *state_by_name(const char *country, const char *state)
{
    char key[KEY_SIZE];
    fold_key(state, key, sizeof key);
    for (size_t i = 0; key[0] && i < isync_state_count; i++) {
        if (strcmp(isync_states[i].country, country) == 0 && strcmp(isync_states[i].key, key) == 0) {
            return &isync_states[i];
        }
    }
    return NULL;
}

const char *isync_state_code(const char *country_alpha2, const char *state)
{
    if (!country_alpha2 || !state) {
        return NULL;
    }
    char country[3];
    snprintf(country, sizeof country, "%s", country_alpha2);
    for (char *c = country; *c; c++) {
        *c = (char)toupper((unsigned char)*c);
    }
    while (isspace((unsigned char)*state)) {
        state++;
    }
    const isync_state_row *row = state_by_code(country, state);
    if (!row) {
        row = state_by_name(country, state);
    }
    return row ? row->code : NULL;
}

static int has_state_table(const char *country)
{
    for (size_t i = 0; i < isync_state_count; i++) {
        if (strcmp(isync_states[i].country, country) == 0) {
            return 1;
        }
    }
    return 0;
}

/* ---- text -------------------------------------------------------------- */

static void note(isync_problems *notes, const char *field, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void note(isync_problems *notes, const char *field, const char *fmt, ...)
{
    if (notes) {
        char message[sizeof notes->items[0].message];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(message, sizeof message, fmt, ap);
        va_end(ap);
        isync_problems_add(notes, field, "%s", message);
    }
}

/* Copies text with whitespace runs as one space and none at either end;
 * what does not fit in size is left out by whole UTF-8 characters. */
static void squeeze_spaces(const char *text, char *out, size_t size)
{
    size_t used = 0;
    int pending_space = 0;
    for (const char *p = text; *p;) {
        if (isspace((unsigned char)*p)) {
            pending_space = used > 0;
            p++;
            continue;
        }
        size_t char_len = isync_utf8_char_bytes(p);
        if (used + (size_t)pending_space + char_len + 1 > size) {
            break;
        }
        if (pending_space) {
            out[used++] = ' ';
            pending_space = 0;
        }
        memcpy(out + used, p, char_len);
        used += char_len;
        p += char_len;
    }
    out[used] = '\0';
}

/* A member as text ("" when missing or null; integers as digits), squeezed. */
static void member_text(json_t *address, const char *key, char *out, size_t size)
{
    json_t *value = json_object_get(address, key);
    char number[32];
    const char *text = "";
    if (json_is_string(value)) {
        text = json_string_value(value);
    } else if (json_is_integer(value)) {
        snprintf(number, sizeof number, "%" JSON_INTEGER_FORMAT, json_integer_value(value));
        text = number;
    }
    squeeze_spaces(text, out, size);
}

/* Copies at most max characters of text into out; a longer text is cut
 * after its last word that fits (when that keeps at least half), else
 * inside the word. Returns 1 when text was cut. */
static int cut_text(const char *text, size_t max, char *out, size_t size)
{
    size_t bytes = strlen(text);
    int cut = isync_utf8_length(text) > max;
    if (cut) {
        bytes = isync_utf8_prefix(text, max);
        if (text[bytes] != ' ') {
            size_t space = bytes;
            while (space > 0 && text[space] != ' ') {
                space--;
            }
            if (space > 0 && space * 2 >= bytes) {
                bytes = space;
            }
        }
        while (bytes > 0 && text[bytes - 1] == ' ') {
            bytes--;
        }
    }
    snprintf(out, size, "%.*s", (int)bytes, text);
    return cut;
}

/* Text into a field of max characters, noting a cut. */
static void fit_field(const char *text, size_t max, char *out, size_t size, const char *field, isync_problems *notes)
{
    if (cut_text(text, max, out, size)) {
        note(notes, field, "is %zu characters, cut to %zu", isync_utf8_length(text), max);
    }
}

/* ---- address lines ------------------------------------------------------ */

typedef struct {
    char line[MAX_WRAPPED][4 * ISYNC_ADDRESS_LINE_LEN + 1];
    size_t count; /* lines laid out, even beyond MAX_WRAPPED */
    size_t lost_chars; /* characters of lines beyond MAX_WRAPPED */
} layout;

static void push_line(layout *lines, const char *text, size_t bytes)
{
    if (lines->count < MAX_WRAPPED) {
        snprintf(lines->line[lines->count], sizeof lines->line[0], "%.*s", (int)bytes, text);
    } else {
        char copy[4 * ISYNC_ADDRESS_LINE_LEN + 1];
        snprintf(copy, sizeof copy, "%.*s", (int)bytes, text);
        lines->lost_chars += isync_utf8_length(copy);
    }
    lines->count++;
}

/* Greedy word wrap of squeezed text into lines of ISYNC_ADDRESS_LINE_LEN
 * characters; a word longer than a line is split between characters. */
static void wrap(const char *text, layout *lines)
{
    char current[4 * ISYNC_ADDRESS_LINE_LEN + 1] = "";
    size_t current_chars = 0;
    while (*text) {
        size_t word_bytes = strcspn(text, " ");
        char word[PART_SIZE];
        snprintf(word, sizeof word, "%.*s", (int)word_bytes, text);
        const char *rest = word;
        size_t word_chars = isync_utf8_length(word);
        if (current_chars && current_chars + 1 + word_chars > ISYNC_ADDRESS_LINE_LEN) {
            push_line(lines, current, strlen(current));
            current[0] = '\0';
            current_chars = 0;
        }
        while (word_chars > ISYNC_ADDRESS_LINE_LEN) {
            push_line(lines, rest, isync_utf8_prefix(rest, ISYNC_ADDRESS_LINE_LEN));
            rest += isync_utf8_prefix(rest, ISYNC_ADDRESS_LINE_LEN);
            word_chars -= ISYNC_ADDRESS_LINE_LEN;
        }
        size_t used = strlen(current), rest_len = strlen(rest);
        if (used + 1 + rest_len < sizeof current) { /* always: at most a line's characters */
            if (current_chars) {
                current[used++] = ' ';
            }
            memcpy(current + used, rest, rest_len + 1);
        }
        current_chars += (current_chars ? 1 : 0) + word_chars;
        text += word_bytes + (text[word_bytes] == ' ');
    }
    if (current_chars) {
        push_line(lines, current, strlen(current));
    }
}

typedef struct {
    char text[MAX_PARTS][PART_SIZE];
    size_t count;
    int has_company;
} parts;

static void add_part(parts *list, const char *text)
{
    char squeezed[PART_SIZE];
    squeeze_spaces(text, squeezed, sizeof squeezed);
    if (squeezed[0] && list->count < MAX_PARTS) {
        snprintf(list->text[list->count++], PART_SIZE, "%s", squeezed);
    }
}

/* Splits a street at line breaks and ", ". */
static void add_street(parts *list, const char *street)
{
    char piece[PART_SIZE];
    while (*street) {
        size_t len = 0;
        while (street[len] && street[len] != '\n' && !(street[len] == ',' && street[len + 1] == ' ')) {
            len++;
        }
        snprintf(piece, sizeof piece, "%.*s", (int)len, street);
        add_part(list, piece);
        street += len + (street[len] ? 1 : 0);
    }
}

static void collect_parts(json_t *address, parts *list)
{
    json_t *company = json_object_get(address, "company");
    const char *keys[] = {"street", "street2"};
    memset(list, 0, sizeof *list);
    if (json_is_string(company)) {
        add_part(list, json_string_value(company));
        list->has_company = list->count > 0;
    }
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        json_t *street = json_object_get(address, keys[i]);
        if (json_is_string(street)) {
            add_street(list, json_string_value(street));
        }
    }
}

/* Parts before first_joined each start a line; the others are joined with ", ". */
static void lay_out(const parts *list, size_t first_joined, layout *lines)
{
    char joined[MAX_PARTS * PART_SIZE] = "";
    size_t used = 0;
    memset(lines, 0, sizeof *lines);
    for (size_t i = 0; i < list->count; i++) {
        if (i < first_joined) {
            wrap(list->text[i], lines);
        } else {
            used += (size_t)snprintf(joined + used, sizeof joined - used, "%s%s", used ? ", " : "", list->text[i]);
        }
    }
    wrap(joined, lines);
}

/* One part per line if that fits, else the street parts run together (the
 * company still on its own), else everything runs together. */
static void address_lines(json_t *address, isync_address *out, isync_problems *notes)
{
    parts list;
    layout lines;
    collect_parts(address, &list);
    size_t tries[] = {list.count, list.has_company ? 1 : 0, 0};
    for (size_t t = 0; t < sizeof tries / sizeof tries[0]; t++) {
        lay_out(&list, tries[t], &lines);
        if (lines.count <= ISYNC_ADDRESS_LINES) {
            break;
        }
    }
    for (size_t i = 0; i < ISYNC_ADDRESS_LINES && i < lines.count; i++) {
        snprintf(out->line[i], sizeof out->line[i], "%s", lines.line[i]);
    }
    if (lines.count > ISYNC_ADDRESS_LINES) {
        size_t lost = lines.lost_chars;
        for (size_t i = ISYNC_ADDRESS_LINES; i < lines.count && i < MAX_WRAPPED; i++) {
            lost += isync_utf8_length(lines.line[i]);
        }
        note(notes, "CUA4", "address does not fit in %d lines of %d characters: %zu characters left out",
             ISYNC_ADDRESS_LINES, ISYNC_ADDRESS_LINE_LEN, lost);
    }
}

/* ---- the other fields ---------------------------------------------------- */

static void customer_name(json_t *address, isync_address *out, isync_problems *notes)
{
    char first[PART_SIZE], last[PART_SIZE], name[2 * PART_SIZE + 2];
    member_text(address, "firstname", first, sizeof first);
    member_text(address, "lastname", last, sizeof last);
    snprintf(name, sizeof name, "%s%s%s", first, first[0] && last[0] ? " " : "", last);
    if (!name[0]) {
        member_text(address, "company", name, sizeof name);
    }
    fit_field(name, ISYNC_ADDRESS_NAME_LEN, out->name, sizeof out->name, "CUNM", notes);
}

/* Spaces and separators a phone number can lose without losing a digit. */
static void compact_phone(const char *phone, char *out, size_t size)
{
    size_t used = 0;
    for (const char *p = phone; *p && used + 1 < size; p++) {
        if (!strchr(" -/.()", *p)) {
            out[used++] = *p;
        }
    }
    out[used] = '\0';
}

static void phone_number(json_t *address, isync_address *out, isync_problems *notes)
{
    char phone[PART_SIZE], compact[PART_SIZE];
    member_text(address, "phone", phone, sizeof phone);
    if (isync_utf8_length(phone) > ISYNC_ADDRESS_PHONE_LEN) {
        compact_phone(phone, compact, sizeof compact);
        snprintf(phone, sizeof phone, "%s", compact);
    }
    fit_field(phone, ISYNC_ADDRESS_PHONE_LEN, out->phone, sizeof out->phone, "PHNO", notes);
}

static void state_code(json_t *address, const char *alpha2, isync_address *out, isync_problems *notes)
{
    char state[PART_SIZE];
    member_text(address, "state", state, sizeof state);
    if (!state[0]) {
        return;
    }
    const char *code = isync_state_code(alpha2, state);
    if (!code && !has_state_table(alpha2) && strlen(state) <= ISYNC_ADDRESS_ECAR_LEN &&
        strspn(state, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") == strlen(state)) {
        code = state; /* a country without a table: a short code is taken as it is */
    }
    if (!code) {
        note(notes, "ECAR", "\"%.40s\" is not a known state of %s: left empty", state, alpha2);
        return;
    }
    if (strlen(code) > ISYNC_ADDRESS_ECAR_LEN) {
        note(notes, "ECAR", "state code %s is longer than %d characters: left empty", code, ISYNC_ADDRESS_ECAR_LEN);
        return;
    }
    snprintf(out->state, sizeof out->state, "%s", code);
    for (char *c = out->state; *c; c++) {
        *c = (char)toupper((unsigned char)*c);
    }
}

static isync_status country_code(json_t *address, int country_iso3, isync_address *out, isync_problems *notes,
                                 const char **alpha2)
{
    char country[PART_SIZE];
    member_text(address, "country", country, sizeof country);
    *alpha2 = country_alpha2(country);
    if (!*alpha2) {
        note(notes, "CSCD", "\"%.40s\" is not an ISO 3166 country code", country);
        return ISYNC_ERR_INVALID;
    }
    snprintf(out->country, sizeof out->country, "%s", country_iso3 ? isync_country_alpha3(*alpha2) : *alpha2);
    return ISYNC_OK;
}

isync_status isync_address_normalise(json_t *address, int country_iso3, isync_address *out, isync_problems *notes)
{
    char text[PART_SIZE];
    const char *alpha2;
    memset(out, 0, sizeof *out);
    if (!json_is_object(address)) {
        note(notes, "address", "must be an object");
        return ISYNC_ERR_INVALID;
    }
    isync_status st = country_code(address, country_iso3, out, notes, &alpha2);
    if (st != ISYNC_OK) {
        return st;
    }
    customer_name(address, out, notes);
    address_lines(address, out, notes);
    member_text(address, "city", text, sizeof text);
    fit_field(text, ISYNC_ADDRESS_TOWN_LEN, out->town, sizeof out->town, "TOWN", notes);
    member_text(address, "zipcode", text, sizeof text);
    fit_field(text, ISYNC_ADDRESS_PONO_LEN, out->postcode, sizeof out->postcode, "PONO", notes);
    state_code(address, alpha2, out, notes);
    phone_number(address, out, notes);
    return ISYNC_OK;
}

const char *isync_address_part(const isync_address *address, const char *field)
{
    static const char *const lines[] = {"CUA1", "CUA2", "CUA3", "CUA4"};
    for (size_t i = 0; field && i < ISYNC_ADDRESS_LINES; i++) {
        if (strcmp(field, lines[i]) == 0) {
            return address->line[i];
        }
    }
    const struct {
        const char *field;
        const char *value;
    } singles[] = {
        {"CUNM", address->name},    {"TOWN", address->town},  {"PONO", address->postcode},
        {"CSCD", address->country}, {"ECAR", address->state}, {"PHNO", address->phone},
    };
    for (size_t i = 0; field && i < sizeof singles / sizeof singles[0]; i++) {
        if (strcmp(field, singles[i].field) == 0) {
            return singles[i].value;
        }
    }
    return NULL;
}
