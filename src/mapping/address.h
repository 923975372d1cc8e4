/* Address normalisation: an X-Cart address (firstname, lastname, company,
 * street, city, state, zipcode, country, phone) into M3's structured
 * address fields, the same way for billing and shipping addresses and for
 * customers (OIS100MI/AddBatchAddress, CRS610MI/Add share the lengths). */
#ifndef ISYNC_ADDRESS_H
#define ISYNC_ADDRESS_H

#include <jansson.h>

#include "base/error.h"

#define ISYNC_ADDRESS_LINES 4
#define ISYNC_ADDRESS_LINE_LEN 36 /* CUA1..CUA4 */
#define ISYNC_ADDRESS_NAME_LEN 36 /* CUNM */
#define ISYNC_ADDRESS_TOWN_LEN 20 /* TOWN */
#define ISYNC_ADDRESS_PONO_LEN 10 /* PONO */
#define ISYNC_ADDRESS_PHONE_LEN 16 /* PHNO */
#define ISYNC_ADDRESS_ECAR_LEN 2 /* ECAR */

typedef struct {
    char name[4 * ISYNC_ADDRESS_NAME_LEN + 1]; /* CUNM, UTF-8: lengths count characters */
    char line[ISYNC_ADDRESS_LINES][4 * ISYNC_ADDRESS_LINE_LEN + 1]; /* CUA1..CUA4 */
    char town[4 * ISYNC_ADDRESS_TOWN_LEN + 1]; /* TOWN */
    char postcode[4 * ISYNC_ADDRESS_PONO_LEN + 1]; /* PONO */
    char country[4]; /* CSCD: ISO 3166 alpha-2 or alpha-3 */
    char state[4]; /* ECAR: the state's code, "" if unknown */
    char phone[4 * ISYNC_ADDRESS_PHONE_LEN + 1]; /* PHNO */
} isync_address;

/* Normalises address (a JSON object as in order.placed). country_iso3: 1 for
 * ISO alpha-3 country codes, 0 for alpha-2. Text that does not fit its field
 * is cut at a word boundary where possible (never inside a UTF-8 character)
 * and reported in notes with the part's M3 field name as path ("CUA1") —
 * notes may be NULL. Returns ISYNC_ERR_INVALID (with a note) only when
 * address is not an object or its country is not an ISO 3166 code. */
isync_status isync_address_normalise(json_t *address, int country_iso3, isync_address *out, isync_problems *notes);

/* One part by its M3 field name: "CUNM", "CUA1".."CUA4", "TOWN", "PONO",
 * "CSCD", "ECAR", "PHNO"; NULL for another name. */
const char *isync_address_part(const isync_address *address, const char *field);

/* ISO 3166-1: alpha-2 <-> alpha-3 (upper case); NULL when unknown. */
const char *isync_country_alpha3(const char *alpha2);
const char *isync_country_alpha2(const char *alpha3);

/* A state or province name or code -> its code for the countries whose
 * codes are well defined (US, CA, AU, DE, AT, CH, IT, ES, MX, BR, IN):
 * ("US", "California") -> "CA", ("US", "ca") -> "CA". NULL when unknown.
 *
 * The code is the ISO 3166-2 suffix (1 to 3 characters): US/CA/BR states,
 * German Länder (BY), Swiss cantons (ZH), Italian provinces (MI; regions
 * by their numeric codes, Lombardia 25), Spanish provinces (M, B; the
 * autonomous communities MD, CT where no province has the name), Indian
 * states with the codes of ISO's 2023 change (OD, TS; the former OR, TG
 * accepted), Austrian Länder (Wien 9), Australian states (NSW) and Mexican
 * states (JAL). Names match ignoring case, accents, spaces and punctuation
 * ("baden-wuerttemberg", "Zurich"), including English names (Bavaria,
 * Vienna, Milan) and "DE-BY". Data: Debian's iso-codes, see
 * scripts/gen-iso3166.py.
 *
 * ECAR holds 2 characters, so isync_address_normalise leaves it empty
 * (with a note) for 3-letter codes (AU, MX) rather than cut them into
 * another state's code. For a country without a table a state of at most
 * 2 letters or digits is taken as given; any other text is left out with
 * a note. */
const char *isync_state_code(const char *country_alpha2, const char *state);

#endif
