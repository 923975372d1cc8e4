/* Words for mapping suggestions (suggest.c): the words of keys and field
 * descriptions, lower case and lightly stemmed, how alike two lists of them
 * are, and the table of X-Cart/ERP synonyms for Infor M3 concepts. */
#ifndef ISYNC_SUGGEST_WORDS_H
#define ISYNC_SUGGEST_WORDS_H

#include <stddef.h>

#define MAX_WORDS 12
#define WORD_LEN 32

typedef struct {
    char word[MAX_WORDS][WORD_LEN];
    size_t count;
} word_list;

/* X-Cart (and general web shop) vocabulary -> Infor M3 concepts. terms: keys,
 * normalised (lower case, no separators), '|'-separated; concept: words the
 * field description contains; fields: the M3 field names of that concept;
 * context: a word the key's parent path must contain ("!word": must not), or
 * NULL; part: the key
 * holds only part of the value (a first name of a customer name: concat). */
typedef struct {
    const char *terms;
    const char *concept;
    const char *fields;
    const char *context;
    int part;
} synonym;

#define SUGGEST_SYNONYM_COUNT 31
extern const synonym suggest_synonyms[SUGGEST_SYNONYM_COUNT];

/* Lower-case words of a key or a description: split at anything but letters
 * and digits and at camelCase humps ("customerId" -> customer, id). */
void suggest_split_words(const char *text, word_list *out);

/* 1 when a word of list matches word (equal, or the shorter of 4+ letters
 * begins or ends the longer: "price" ~ "salesprice"). */
int suggest_has_word(const word_list *list, const char *word);

/* The words of wanted, in this order and next to each other, somewhere in list:
 * "customer order number" has "order number", not "customer number". */
int suggest_has_phrase(const word_list *list, const word_list *wanted);

/* 1 when a word of a matches one of b. */
int suggest_shares_a_word(const word_list *a, const word_list *b);

/* Dice coefficient of two word lists. */
double suggest_word_similarity(const word_list *a, const word_list *b);

/* "order_number", "orderNumber", "Order-Number" -> "ordernumber". */
void suggest_normalise_key(const char *key, char *out, size_t size);

/* 1 when word is one of the '|'-separated words of list. */
int suggest_in_bar_list(const char *list, const char *word);

#endif
