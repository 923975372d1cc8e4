#include "mapping/suggest_words.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static const char *const STOPWORDS[] = {"of", "the", "an",  "at", "to", "for", "in",
                                        "on", "by",  "and", "or", "is", NULL};

static int is_stopword(const char *word)
{
    for (size_t i = 0; STOPWORDS[i]; i++) {
        if (strcmp(word, STOPWORDS[i]) == 0) {
            return 1;
        }
    }
    return 0;
}

static int ends_with(const char *word, const char *suffix)
{
    size_t n = strlen(word), m = strlen(suffix);
    return n >= m && strcmp(word + n - m, suffix) == 0;
}

/* Light stemming: plurals, -ing, -ed ("Customers" -> customer, "Ordered" -> order). */
static void stem(char *word)
{
    size_t n = strlen(word);
    if (n > 4 && ends_with(word, "ies")) {
        strcpy(word + n - 3, "y");
    } else if (n > 4 && ends_with(word, "sses")) {
        word[n - 2] = '\0';
    } else if (n > 3 && word[n - 1] == 's' && !ends_with(word, "ss") && !ends_with(word, "us")) {
        word[n - 1] = '\0';
    } else if (n > 5 && ends_with(word, "ing")) {
        word[n - 3] = '\0';
    } else if (n > 4 && ends_with(word, "ed")) {
        word[n - 2] = '\0';
    }
}

static void add_word(word_list *list, char *word)
{
    if (word[0] == '\0' || (word[1] == '\0' && !isdigit((unsigned char)word[0]))) {
        return; /* single letters ("e" of "e-mail") carry nothing */
    }
    if (strcmp(word, "no") == 0 || strcmp(word, "nr") == 0 || strcmp(word, "num") == 0) {
        strcpy(word, "number");
    }
    if (is_stopword(word) || list->count == MAX_WORDS) {
        return;
    }
    stem(word);
    snprintf(list->word[list->count++], WORD_LEN, "%s", word);
}

/* Lower-case words of a key or a description: split at anything but letters
 * and digits and at camelCase humps ("customerId" -> customer, id). */
void suggest_split_words(const char *text, word_list *out)
{
    char word[WORD_LEN];
    size_t len = 0;
    out->count = 0;
    for (const char *p = text;; p++) {
        unsigned char c = (unsigned char)*p;
        int hump = len > 0 && isupper(c) && islower((unsigned char)p[-1]);
        if (!isalnum(c) || hump) {
            word[len] = '\0';
            add_word(out, word);
            len = 0;
        }
        if (c == '\0') {
            break;
        }
        if (isalnum(c) && len + 1 < WORD_LEN) {
            word[len++] = (char)tolower(c);
        }
    }
}

/* Words too general to match inside another ("zipcode" is no "tax code"). */
static const char WHOLE_ONLY[] = "code|number|type|text|line|date";

/* Equal, or the shorter (4+ letters) begins or ends the longer: "price" ~ "salesprice". */
static int words_match(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > lb) {
        const char *t = a;
        a = b;
        b = t;
        size_t lt = la;
        la = lb;
        lb = lt;
    }
    if (la == lb || la < 4 || suggest_in_bar_list(WHOLE_ONLY, a)) {
        return strcmp(a, b) == 0;
    }
    return strncmp(a, b, la) == 0 || strcmp(b + lb - la, a) == 0;
}

int suggest_has_word(const word_list *list, const char *word)
{
    for (size_t i = 0; i < list->count; i++) {
        if (words_match(list->word[i], word)) {
            return 1;
        }
    }
    return 0;
}

/* The words of wanted, in this order and next to each other, somewhere in list:
 * "customer order number" has "order number", not "customer number". */
int suggest_has_phrase(const word_list *list, const word_list *wanted)
{
    if (wanted->count == 0 || wanted->count > list->count) {
        return 0;
    }
    for (size_t start = 0; start + wanted->count <= list->count; start++) {
        size_t i = 0;
        while (i < wanted->count && words_match(list->word[start + i], wanted->word[i])) {
            i++;
        }
        if (i == wanted->count) {
            return 1;
        }
    }
    return 0;
}

int suggest_shares_a_word(const word_list *a, const word_list *b)
{
    for (size_t i = 0; i < a->count; i++) {
        if (suggest_has_word(b, a->word[i])) {
            return 1;
        }
    }
    return 0;
}

/* Dice coefficient of two word lists. */
double suggest_word_similarity(const word_list *a, const word_list *b)
{
    size_t matched = 0;
    if (a->count == 0 || b->count == 0) {
        return 0.0;
    }
    for (size_t i = 0; i < a->count; i++) {
        matched += (size_t)suggest_has_word(b, a->word[i]);
    }
    return 2.0 * (double)matched / (double)(a->count + b->count);
}

/* "order_number", "orderNumber", "Order-Number" -> "ordernumber". */
void suggest_normalise_key(const char *key, char *out, size_t size)
{
    size_t used = 0;
    for (; *key && used + 1 < size; key++) {
        if (isalnum((unsigned char)*key)) {
            out[used++] = (char)tolower((unsigned char)*key);
        }
    }
    out[used] = '\0';
}

/* ---- synonyms --------------------------------------------------------------- */

const synonym suggest_synonyms[SUGGEST_SYNONYM_COUNT] = {
    {"sku|productsku|productcode|itemcode|itemnumber|itemno|itemid|partnumber|partno|"
     "articlenumber|article",
     "item number", "ITNO", NULL, 0},
    {"quantity|qty|orderedquantity|quantityordered", "ordered quantity", "ORQT", NULL, 0},
    {"amount", "ordered quantity", "ORQT", "item", 0}, /* X-Cart OrderItem::amount */
    {"price|unitprice|itemprice|netprice|saleprice|salesprice", "sales price", "SAPR", NULL, 0},
    {"ordernumber|orderno|ordernum|ordernr|orderreference|orderref", "customer order number", "CUOR", NULL, 0},
    {"currency|currencycode|currencyid", "currency", "CUCD", NULL, 0},
    {"date|orderdate|createdat|created|placedat|orderedat", "order date", "ORDT", NULL, 0},
    {"date|paymentdate|paidat|capturedat|transactiondate", "payment date", "PYDT", NULL, 0},
    {"zipcode|zip|postcode|postalcode|zippostalcode", "postal code", "PONO", NULL, 0},
    {"city|town", "city", "TOWN", NULL, 0},
    {"country|countrycode|countryid", "country", "CSCD", NULL, 0},
    {"state|statecode|stateid|region|province", "state", "ECAR", NULL, 0},
    {"street|address|address1|addressline1|street1|streetaddress", "address 1", "CUA1", NULL, 0},
    {"street2|address2|addressline2", "address 2", "CUA2", NULL, 0},
    {"phone|telephone|phonenumber|tel|mobile|mobilephone|cellphone", "phone", "PHNO", NULL, 0},
    {"fax|faxnumber", "fax", "TFNO", NULL, 0},
    {"email|mail|emailaddress|login", "mail", "MAIL", NULL, 0}, /* X-Cart's login is the e-mail */
    {"firstname|lastname|middlename", "customer name", "CUNM", NULL, 1},
    /* a bare "name" in X-Cart names a product, a surcharge, a method: not a customer */
    {"fullname|customername|company|companyname", "customer name", "CUNM", NULL, 0},
    {"name|productname|itemname|title|description", "item description", "ITDS", "item", 0},
    {"discount|discountamount|linediscount|itemdiscount", "discount amount", "DIA1", NULL, 0},
    {"transactionid|txnid|paymentid|paymenttransactionid|paymentreference|reference", "reference number", "IRNO", NULL,
     0},
    {"amount|total|totalamount|paidamount|paymentamount", "payment amount", "PMAM", NULL, 0},
    {"customernumber|customerno|customerid|customercode|accountnumber|inforcustomer", "customer number", "CUNO", NULL,
     0},
    {"payer|payernumber|inforcustomer", "payer", "PYNO", NULL, 0},
    {"paymentmethod|method|paymentmethodcode", "payment method", "PYCD", NULL, 0},
    {"shippingmethod|deliverymethod|carrier|shippingmethodname", "delivery method", "MODL", NULL, 0},
    {"language|lang|locale|languagecode", "language", "LNCD", NULL, 0},
    {"warehouse|warehouseid|warehousecode", "warehouse", "WHLO", NULL, 0},
    {"vatnumber|vatid|taxid|vatregistrationnumber", "vat registration number", "VRNO", NULL, 0},
    {"unit|uom|unitofmeasure", "unit measure", "UNMS|ALUN|SPUN", NULL, 0},
};

int suggest_in_bar_list(const char *list, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = list; *p;) {
        const char *end = strchr(p, '|');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len == n && strncmp(p, word, n) == 0) {
            return 1;
        }
        p += len + (end ? 1 : 0);
    }
    return 0;
}

_Static_assert(sizeof suggest_synonyms / sizeof suggest_synonyms[0] == SUGGEST_SYNONYM_COUNT,
               "SUGGEST_SYNONYM_COUNT counts the table");
