/* Address normalisation: X-Cart addresses into M3's address fields. */
#include "unit.h"

#include <stdio.h>
#include <string.h>

#include "mapping/address.h"
#include "generated/iso3166.h"

static json_t *parse(const char *text)
{
    json_error_t jerr;
    json_t *json = json_loads(text, 0, &jerr);
    if (!json) {
        fail_msg("test JSON does not parse: %s", jerr.text);
    }
    return json;
}

/* Normalises text (alpha-2 countries); notes into *notes. */
static isync_address normalise(const char *text, int iso3, isync_problems *notes)
{
    isync_address out;
    json_t *address = parse(text);
    memset(notes, 0, sizeof *notes);
    isync_status st = isync_address_normalise(address, iso3, &out, notes);
    json_decref(address);
    if (st != ISYNC_OK) {
        fail_msg("address refused: %s: %s", notes->items[0].path, notes->items[0].message);
    }
    return out;
}

static size_t chars(const char *text)
{
    size_t n = 0;
    for (; *text; text++) {
        n += ((unsigned char)*text & 0xC0) != 0x80;
    }
    return n;
}

static void test_long_german_street_over_four_lines(void **state)
{
    isync_problems notes;
    isync_address a = normalise(
        "{\"firstname\":\"Jürgen\",\"lastname\":\"Müller-Lüdenscheidt\","
        "\"street\":\"Karl-Liebknecht-Straße 123, Hinterhaus, 3. Obergeschoss links bei Familie "
        "Müller-Lüdenscheidt\",\"city\":\"Berlin\",\"state\":\"Berlin\",\"zipcode\":\"10178\","
        "\"country\":\"DE\",\"phone\":\"+49 30 12345678\"}",
        0, &notes);
    assert_int_equal(notes.count, 0);
    assert_string_equal(a.name, "Jürgen Müller-Lüdenscheidt");
    /* each part of the street on its own line; the third wrapped at a word */
    assert_string_equal(a.line[0], "Karl-Liebknecht-Straße 123");
    assert_string_equal(a.line[1], "Hinterhaus");
    assert_string_equal(a.line[2], "3. Obergeschoss links bei Familie");
    assert_string_equal(a.line[3], "Müller-Lüdenscheidt");
    assert_string_equal(a.town, "Berlin");
    assert_string_equal(a.postcode, "10178");
    assert_string_equal(a.country, "DE");
    assert_string_equal(a.state, "BE");
    assert_string_equal(a.phone, "+49 30 12345678");
    for (int i = 0; i < ISYNC_ADDRESS_LINES; i++) {
        assert_true(chars(a.line[i]) <= ISYNC_ADDRESS_LINE_LEN);
    }
}

static void test_too_long_for_four_lines_is_cut_and_noted(void **state)
{
    isync_problems notes;
    isync_address a = normalise(
        "{\"firstname\":\"Jürgen\",\"lastname\":\"Müller-Lüdenscheidt\","
        "\"company\":\"Müller-Lüdenscheidt Feinkost und Delikatessen GmbH & Co. KG\","
        "\"street\":\"Karl-Liebknecht-Straße 123, Hinterhaus, 3. Obergeschoss links bei Familie "
        "Müller-Lüdenscheidt\",\"city\":\"Berlin\",\"zipcode\":\"10178\",\"country\":\"DEU\"}",
        0, &notes);
    /* the company first; everything runs together; "bei Familie Müller-Lüdenscheidt"
     * (31 characters) is what does not fit */
    assert_string_equal(a.line[0], "Müller-Lüdenscheidt Feinkost und");
    assert_string_equal(a.line[1], "Delikatessen GmbH & Co. KG,");
    assert_string_equal(a.line[2], "Karl-Liebknecht-Straße 123,");
    assert_string_equal(a.line[3], "Hinterhaus, 3. Obergeschoss links");
    assert_int_equal(notes.count, 1);
    assert_string_equal(notes.items[0].path, "CUA4");
    assert_non_null(strstr(notes.items[0].message, "31 characters left out"));
    /* the name is still the person's, and alpha-3 input gives alpha-2 output */
    assert_string_equal(a.name, "Jürgen Müller-Lüdenscheidt");
    assert_string_equal(a.country, "DE");
}

static void test_company_on_its_own_line_when_street_runs_together(void **state)
{
    isync_problems notes;
    isync_address a = normalise(
        "{\"firstname\":\"Anna\",\"lastname\":\"Schmidt\",\"company\":\"Schmidt & Partner GmbH\","
        "\"street\":\"Leopoldstraße 25\\nRückgebäude\\n2. OG\\nc/o Kanzlei\","
        "\"city\":\"München\",\"state\":\"Bayern\",\"zipcode\":\"80802\",\"country\":\"de\"}",
        0, &notes);
    /* company + four street parts are five lines: the street parts are joined instead */
    assert_string_equal(a.line[0], "Schmidt & Partner GmbH");
    assert_string_equal(a.line[1], "Leopoldstraße 25, Rückgebäude, 2.");
    assert_string_equal(a.line[2], "OG, c/o Kanzlei");
    assert_string_equal(a.line[3], "");
    assert_int_equal(notes.count, 0);
    assert_string_equal(a.state, "BY");
    assert_string_equal(a.country, "DE");
}

static void test_non_ascii_names_and_places(void **state)
{
    isync_problems notes;
    isync_address dk = normalise("{\"firstname\":\"Søren\",\"lastname\":\"Ærø\",\"street\":\"Vestergade 4\","
                                 "\"city\":\"Ærøskøbing\",\"zipcode\":\"5970\",\"country\":\"DK\"}",
                                 1, &notes);
    assert_string_equal(dk.name, "Søren Ærø");
    assert_string_equal(dk.town, "Ærøskøbing");
    assert_string_equal(dk.country, "DNK");
    assert_int_equal(notes.count, 0);

    isync_address ch = normalise("{\"firstname\":\"Urs\",\"lastname\":\"Zünd\",\"street\":\"Bahnhofstrasse 1\","
                                 "\"city\":\"Zürich\",\"state\":\"Zürich\",\"zipcode\":\"8001\",\"country\":\"CH\"}",
                                 1, &notes);
    assert_string_equal(ch.state, "ZH");
    assert_string_equal(ch.country, "CHE");

    /* Poland has no state table: a voivodeship name cannot be an ECAR code */
    isync_address pl = normalise("{\"firstname\":\"Łucja\",\"lastname\":\"Żółć\",\"street\":\"ul. Piotrkowska 104\","
                                 "\"city\":\"Łódź\",\"state\":\"łódzkie\",\"zipcode\":\"90-926\",\"country\":\"PL\"}",
                                 0, &notes);
    assert_string_equal(pl.town, "Łódź");
    assert_string_equal(pl.state, "");
    assert_int_equal(notes.count, 1);
    assert_string_equal(notes.items[0].path, "ECAR");
    assert_non_null(strstr(notes.items[0].message, "łódzkie"));

    /* 25 characters of Japanese: TOWN keeps 20 characters (60 bytes), none split */
    isync_address jp = normalise(
        "{\"firstname\":\"太郎\",\"lastname\":\"山田\",\"street\":\"丸の内一丁目9-2\","
        "\"city\":\"東京都千代田区丸の内一丁目九番二号グラントウキョウ\",\"zipcode\":\"100-0005\","
        "\"country\":\"JP\",\"phone\":\"03-1234-5678\"}",
        0, &notes);
    assert_string_equal(jp.name, "太郎 山田");
    assert_string_equal(jp.line[0], "丸の内一丁目9-2");
    assert_string_equal(jp.town, "東京都千代田区丸の内一丁目九番二号グラン");
    assert_int_equal(strlen(jp.town), 60);
    assert_int_equal(notes.count, 1);
    assert_string_equal(notes.items[0].path, "TOWN");
    assert_string_equal(notes.items[0].message, "is 25 characters, cut to 20");
}

static void test_us_address_with_state_name(void **state)
{
    isync_problems notes;
    isync_address a = normalise(
        "{\"firstname\":\"John\",\"lastname\":\"Miller\",\"street\":\"1600 Amphitheatre Parkway\","
        "\"street2\":\"Building 40, Suite 100\",\"city\":\"Mountain View\",\"state\":\"California\","
        "\"zipcode\":\"94043\",\"country\":\"USA\",\"phone\":\"+1 (650) 253-0000\"}",
        1, &notes);
    assert_string_equal(a.line[0], "1600 Amphitheatre Parkway");
    assert_string_equal(a.line[1], "Building 40");
    assert_string_equal(a.line[2], "Suite 100");
    assert_string_equal(a.state, "CA");
    assert_string_equal(a.country, "USA");
    /* 17 characters: the separators go, no digit is lost */
    assert_string_equal(a.phone, "+16502530000");
    assert_int_equal(notes.count, 0);
}

static void test_missing_optional_fields(void **state)
{
    isync_problems notes;
    isync_address a = normalise("{\"firstname\":\"Anna\",\"lastname\":\"Schmidt\",\"street\":\"Hauptstr. 5\","
                                "\"city\":\"Köln\",\"zipcode\":50667,\"country\":\"DE\",\"state\":null}",
                                0, &notes);
    assert_string_equal(a.name, "Anna Schmidt");
    assert_string_equal(a.line[0], "Hauptstr. 5");
    assert_string_equal(a.line[1], "");
    assert_string_equal(a.postcode, "50667"); /* an integer from PHP */
    assert_string_equal(a.state, "");
    assert_string_equal(a.phone, "");
    assert_int_equal(notes.count, 0);

    /* a company without a person: the company is the name */
    isync_address b = normalise("{\"company\":\"ACME Handels GmbH\",\"street\":\"  Industriestr.   7 \","
                                "\"city\":\"Essen\",\"zipcode\":\"45127\",\"country\":\"DE\"}",
                                0, &notes);
    assert_string_equal(b.name, "ACME Handels GmbH");
    assert_string_equal(b.line[0], "ACME Handels GmbH");
    assert_string_equal(b.line[1], "Industriestr. 7");
}

static void test_fields_cut_at_words_and_noted(void **state)
{
    isync_problems notes;
    isync_address a = normalise(
        "{\"firstname\":\"Maximilian Alexander Friedrich\",\"lastname\":\"von Hohenzollern-Sigmaringen\","
        "\"street\":\"Donaudampfschifffahrtsgesellschaftskapitänswitwenrente 1\","
        "\"city\":\"Frankfurt am Main-Höchst West\",\"zipcode\":\"D-65929-1234\",\"country\":\"DE\","
        "\"phone\":\"+49 (0) 69 1234 5678 90 12\"}",
        0, &notes);
    assert_string_equal(a.name, "Maximilian Alexander Friedrich von");
    /* a 54-character word is split between characters */
    assert_string_equal(a.line[0], "Donaudampfschifffahrtsgesellschaftsk");
    assert_string_equal(a.line[1], "apitänswitwenrente 1");
    assert_string_equal(a.town, "Frankfurt am");
    assert_string_equal(a.postcode, "D-65929-12");
    assert_string_equal(a.phone, "+490691234567890");
    assert_int_equal(notes.count, 4);
    assert_string_equal(notes.items[0].path, "CUNM");
    assert_string_equal(notes.items[0].message, "is 59 characters, cut to 36");
    assert_string_equal(notes.items[1].path, "TOWN");
    assert_string_equal(notes.items[2].path, "PONO");
    assert_string_equal(notes.items[3].path, "PHNO");
}

/* Each line is valid UTF-8: no character split, whatever the input length. */
static int valid_utf8(const char *text)
{
    const unsigned char *p = (const unsigned char *)text;
    while (*p) {
        int follow = *p < 0x80 ? 0 : (*p & 0xE0) == 0xC0 ? 1 : (*p & 0xF0) == 0xE0 ? 2 : 3;
        p++;
        for (int i = 0; i < follow; i++, p++) {
            if ((*p & 0xC0) != 0x80) {
                return 0;
            }
        }
    }
    return 1;
}

static void test_huge_street_stays_valid_utf8(void **state)
{
    char street[3000] = "";
    for (int i = 0; i < 120; i++) {
        strcat(street, i % 3 ? "Grüßgott " : "Straße-");
    }
    json_t *address = json_pack("{s:s, s:s, s:s, s:s}", "firstname", "Jörg", "street", street,
                                "city", "Köln", "country", "DE");
    isync_problems notes = {0};
    isync_address a;
    assert_int_equal(isync_address_normalise(address, 0, &a, &notes), ISYNC_OK);
    for (int i = 0; i < ISYNC_ADDRESS_LINES; i++) {
        assert_true(valid_utf8(a.line[i]));
        assert_true(chars(a.line[i]) <= ISYNC_ADDRESS_LINE_LEN);
        assert_true(chars(a.line[i]) > 0);
    }
    assert_int_equal(notes.count, 1);
    assert_string_equal(notes.items[0].path, "CUA4");
    json_decref(address);
}

static void test_invalid_addresses(void **state)
{
    isync_problems notes = {0};
    isync_address out;
    json_t *germany = parse("{\"firstname\":\"Anna\",\"country\":\"Germany\"}");
    assert_int_equal(isync_address_normalise(germany, 0, &out, &notes), ISYNC_ERR_INVALID);
    assert_int_equal(notes.count, 1);
    assert_string_equal(notes.items[0].path, "CSCD");
    json_t *none = parse("{\"firstname\":\"Anna\"}");
    assert_int_equal(isync_address_normalise(none, 0, &out, NULL), ISYNC_ERR_INVALID);
    json_t *list = parse("[\"DE\"]");
    assert_int_equal(isync_address_normalise(list, 0, &out, NULL), ISYNC_ERR_INVALID);
    json_decref(germany);
    json_decref(none);
    json_decref(list);
}

static void test_three_letter_state_codes_do_not_fit_ecar(void **state)
{
    isync_problems notes;
    isync_address au = normalise("{\"firstname\":\"Kylie\",\"lastname\":\"Smith\",\"street\":\"1 Macquarie St\","
                                 "\"city\":\"Sydney\",\"state\":\"New South Wales\",\"zipcode\":\"2000\","
                                 "\"country\":\"AU\"}",
                                 0, &notes);
    assert_string_equal(au.state, "");
    assert_int_equal(notes.count, 1);
    assert_string_equal(notes.items[0].path, "ECAR");
    assert_non_null(strstr(notes.items[0].message, "NSW"));
}

static void test_parts_by_field_name(void **state)
{
    isync_problems notes;
    isync_address a = normalise("{\"firstname\":\"John\",\"lastname\":\"Miller\",\"street\":\"10 Downing St\","
                                "\"city\":\"London\",\"zipcode\":\"SW1A 2AA\",\"country\":\"GB\","
                                "\"phone\":\"+44 20 7925 0918\",\"state\":\"\"}",
                                1, &notes);
    assert_string_equal(isync_address_part(&a, "CUNM"), "John Miller");
    assert_string_equal(isync_address_part(&a, "CUA1"), "10 Downing St");
    assert_string_equal(isync_address_part(&a, "CUA4"), "");
    assert_string_equal(isync_address_part(&a, "TOWN"), "London");
    assert_string_equal(isync_address_part(&a, "PONO"), "SW1A 2AA");
    assert_string_equal(isync_address_part(&a, "CSCD"), "GBR");
    assert_string_equal(isync_address_part(&a, "ECAR"), "");
    assert_string_equal(isync_address_part(&a, "PHNO"), "+44 20 7925 0918");
    assert_null(isync_address_part(&a, "CUA5"));
    assert_null(isync_address_part(&a, "cunm"));
}

static void test_country_table_is_complete_and_consistent(void **state)
{
    assert_int_equal(isync_country_count, 249);
    for (size_t i = 0; i < isync_country_count; i++) {
        const char *alpha2 = isync_countries[i].alpha2, *alpha3 = isync_countries[i].alpha3;
        assert_string_equal(isync_country_alpha3(alpha2), alpha3);
        assert_string_equal(isync_country_alpha2(alpha3), alpha2);
    }
    assert_string_equal(isync_country_alpha3("DE"), "DEU");
    assert_string_equal(isync_country_alpha3("ch"), "CHE");
    assert_string_equal(isync_country_alpha3("GB"), "GBR");
    assert_string_equal(isync_country_alpha3("XK") ? "?" : "none", "none"); /* not ISO */
    assert_string_equal(isync_country_alpha2("AUT"), "AT");
    assert_string_equal(isync_country_alpha2("JPN"), "JP");
    assert_string_equal(isync_country_alpha2("SSD"), "SS");
    assert_null(isync_country_alpha2("GER"));
    assert_null(isync_country_alpha3("UK"));
    assert_null(isync_country_alpha3(NULL));
}

static void expect_state(const char *country, const char *state, const char *code)
{
    const char *found = isync_state_code(country, state);
    if (!code) {
        if (found) {
            fail_msg("(%s, %s): expected none, got %s", country ? country : "NULL", state, found);
        }
        return;
    }
    if (!found || strcmp(found, code) != 0) {
        fail_msg("(%s, %s): expected %s, got %s", country, state, code, found ? found : "none");
    }
}

static void test_state_codes(void **state)
{
    expect_state("US", "California", "CA");
    expect_state("US", "ca", "CA");
    expect_state("US", "US-NY", "NY");
    expect_state("US", "new york", "NY");
    expect_state("US", "Washington DC", "DC");
    expect_state("US", "Puerto Rico", "PR");
    expect_state("CA", "Québec", "QC");
    expect_state("CA", "Quebec", "QC");
    expect_state("CA", "British Columbia", "BC");
    expect_state("AU", "New South Wales", "NSW");
    expect_state("AU", "vic", "VIC");
    expect_state("DE", "Bayern", "BY");
    expect_state("DE", "Bavaria", "BY");
    expect_state("de", "Baden-Württemberg", "BW");
    expect_state("DE", "baden-wuerttemberg", "BW");
    expect_state("DE", "Nordrhein-Westfalen", "NW");
    expect_state("DE", "DE-TH", "TH");
    expect_state("DE", "Thüringen", "TH");
    expect_state("AT", "Wien", "9");
    expect_state("AT", "Vienna", "9");
    expect_state("AT", "Niederösterreich", "3");
    expect_state("CH", "Genève", "GE");
    expect_state("CH", "Geneva", "GE");
    expect_state("CH", "Graubünden", "GR");
    expect_state("IT", "Milano", "MI");
    expect_state("IT", "Milan", "MI");
    expect_state("IT", "RM", "RM");
    expect_state("IT", "Lombardia", "25");
    expect_state("IT", "Forlì-Cesena", "FC");
    expect_state("ES", "Madrid", "M");
    expect_state("ES", "Comunidad de Madrid", "MD");
    expect_state("ES", "Barcelona", "B");
    expect_state("ES", "Islas Baleares", "PM");
    expect_state("ES", "Alicante", "A");
    expect_state("ES", "A Coruña", "C");
    expect_state("MX", "Jalisco", "JAL");
    expect_state("MX", "Ciudad de México", "CMX");
    expect_state("MX", "Nuevo Leon", "NLE");
    expect_state("BR", "São Paulo", "SP");
    expect_state("BR", "sao paulo", "SP");
    expect_state("IN", "Maharashtra", "MH");
    expect_state("IN", "Odisha", "OD");
    expect_state("IN", "OR", "OD");
    expect_state("IN", "Telangana", "TS");
    expect_state("IN", "Tamil Nadu", "TN");

    expect_state("DE", "Bavaria2", NULL);
    expect_state("US", "Bayern", NULL);
    expect_state("DE", "CA", NULL);
    expect_state("FR", "Île-de-France", NULL);
    expect_state("US", "", NULL);
    expect_state("JP", "東京都", NULL);
    expect_state(NULL, "CA", NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_long_german_street_over_four_lines),
        cmocka_unit_test(test_too_long_for_four_lines_is_cut_and_noted),
        cmocka_unit_test(test_company_on_its_own_line_when_street_runs_together),
        cmocka_unit_test(test_non_ascii_names_and_places),
        cmocka_unit_test(test_us_address_with_state_name),
        cmocka_unit_test(test_missing_optional_fields),
        cmocka_unit_test(test_fields_cut_at_words_and_noted),
        cmocka_unit_test(test_huge_street_stays_valid_utf8),
        cmocka_unit_test(test_invalid_addresses),
        cmocka_unit_test(test_three_letter_state_codes_do_not_fit_ecar),
        cmocka_unit_test(test_parts_by_field_name),
        cmocka_unit_test(test_country_table_is_complete_and_consistent),
        cmocka_unit_test(test_state_codes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
