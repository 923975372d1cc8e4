#include "mapping/tax_map.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "base/json_members.h"
#include "mapping/address.h"

#define JURISDICTION_SIZE 16
#define KEY_SIZE 128

/* "US" or "USA" -> "US"; NULL when not an ISO 3166 code. */
static const char *alpha2_of(const char *country)
{
    if (strlen(country) == 3) {
        return isync_country_alpha2(country);
    }
    const char *alpha3 = isync_country_alpha3(country);
    return alpha3 ? isync_country_alpha2(alpha3) : NULL;
}

/* Checks the jurisdiction of a key: "DE" or "US-CA". */
static int jurisdiction_valid(const char *jurisdiction)
{
    char country[4];
    size_t country_len = strcspn(jurisdiction, "-");
    if (country_len < 2 || country_len > 3) {
        return 0;
    }
    snprintf(country, sizeof country, "%.*s", (int)country_len, jurisdiction);
    const char *state = jurisdiction + country_len;
    return alpha2_of(country) && (!*state || (state[1] && strlen(state + 1) <= 3));
}

static void validate_entry(const char *key, json_t *entry, isync_problems *problems)
{
    char path[128];
    const char *at = strchr(key, '@');
    snprintf(path, sizeof path, "tax_map.%s", key);
    if (!*key || at == key || (at && !jurisdiction_valid(at + 1))) {
        isync_problems_add(problems, path, "must be CODE, CODE@COUNTRY, CODE@COUNTRY-STATE (ISO 3166) or \"*\"");
    }
    if (!json_is_object(entry) || json_object_size(entry) == 0) {
        isync_problems_add(problems, path, "must be an object such as {\"tax_code\": \"DE19\"}");
        return;
    }
    isync_json_check_texts(entry, path, ISYNC_WHOLE_KEY, "must be a string", isync_complain_to_problems, problems);
}

void isync_tax_map_validate(json_t *map, isync_problems *problems)
{
    const char *key;
    json_t *entry;
    if (!json_is_object(map)) {
        isync_problems_add(problems, "tax_map", "must be an object keyed by tax code");
        return;
    }
    json_object_foreach(map, key, entry)
    {
        validate_entry(key, entry, problems);
    }
}

static void upper(char *text)
{
    for (; *text; text++) {
        *text = (char)toupper((unsigned char)*text);
    }
}

/* country and state as "CC" or "CC-ST": the state by its code when known. */
static void build_jurisdiction(const char *country, const char *state, char *out, size_t size)
{
    const char *alpha2 = alpha2_of(country);
    out[0] = '\0';
    if (!alpha2) {
        return;
    }
    const char *code = state && *state ? isync_state_code(alpha2, state) : NULL;
    if (code) {
        snprintf(out, size, "%s-%s", alpha2, code);
    } else if (state && *state && strlen(state) <= 3) {
        snprintf(out, size, "%s-%s", alpha2, state);
    } else {
        snprintf(out, size, "%s", alpha2);
    }
    upper(out);
}

/* The surcharge's "jurisdiction" ("US-CA", "DE", "USA-California"), else
 * the address's country and state. */
static void jurisdiction_of(json_t *surcharge, json_t *address, char *out, size_t size)
{
    const char *given = json_string_value(json_object_get(surcharge, "jurisdiction"));
    char country[8];
    if (given && *given) {
        size_t country_len = strcspn(given, "-");
        snprintf(country, sizeof country, "%.*s", (int)(country_len < 4 ? country_len : 0), given);
        build_jurisdiction(country, given[country_len] ? given + country_len + 1 : NULL, out, size);
        return;
    }
    const char *address_country = json_string_value(json_object_get(address, "country"));
    const char *address_state = json_string_value(json_object_get(address, "state"));
    build_jurisdiction(address_country ? address_country : "", address_state, out, size);
}

static const char *attribute_at(json_t *map, const char *key, const char *attribute)
{
    return json_string_value(json_object_get(json_object_get(map, key), attribute));
}

const char *isync_tax_map_lookup(json_t *map, json_t *surcharge, json_t *address, const char *attribute)
{
    const char *code = json_string_value(json_object_get(surcharge, "code"));
    char jurisdiction[JURISDICTION_SIZE], key[KEY_SIZE];
    const char *value = NULL;
    if (!json_is_object(map) || !attribute) {
        return NULL;
    }
    jurisdiction_of(surcharge, address, jurisdiction, sizeof jurisdiction);
    if (code && *code && jurisdiction[0]) {
        snprintf(key, sizeof key, "%s@%s", code, jurisdiction);
        value = attribute_at(map, key, attribute);
        if (!value && strchr(jurisdiction, '-')) {
            snprintf(key, sizeof key, "%s@%.*s", code, (int)strcspn(jurisdiction, "-"), jurisdiction);
            value = attribute_at(map, key, attribute);
        }
    }
    if (!value && code && *code) {
        value = attribute_at(map, code, attribute);
    }
    return value ? value : attribute_at(map, "*", attribute);
}
