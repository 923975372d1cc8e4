/* Secrets withheld from the text of Infor's answers that is kept or logged. */
#include "unit.h"

#include <stdio.h>
#include <string.h>

#include "base/redact.h"

static void expect(const char *in, const char *const *secrets, const char *out)
{
    char text[512];
    snprintf(text, sizeof text, "%s", in);
    isync_redact(text, sizeof text, secrets);
    if (strcmp(text, out) != 0) {
        fail_msg("redact(%s)\n  got      %s\n  expected %s", in, text, out);
    }
}

static void test_authorization_headers(void **state)
{
    expect("Authorization: Bearer eyJhbGciOi.J9x-y_z", NULL, "Authorization: Bearer (withheld)");
    expect("authorization:Basic VEVOfmFwcDpzM2NyM3Q= next", NULL, "authorization:Basic (withheld) next");
    expect("{\"Authorization\":\"Bearer abc.def\",\"x\":1}", NULL, "{\"Authorization\":\"Bearer (withheld)\",\"x\":1}");
    expect("headers: AUTHORIZATION = tok123", NULL, "headers: AUTHORIZATION = (withheld)");
}

static void test_bearer_tokens_anywhere(void **state)
{
    expect("token was Bearer eyJhbGciOiJSUzI1NiJ9.e30.sig; retry", NULL, "token was Bearer (withheld); retry");
    /* short words after "bearer" are not tokens */
    expect("the bearer of this note", NULL, "the bearer of this note");
}

static void test_named_values(void **state)
{
    expect("{\"access_token\":\"eyJ.abc\",\"refresh_token\": \"r-1\"}", NULL,
           "{\"access_token\":\"(withheld)\",\"refresh_token\": \"(withheld)\"}");
    expect("grant_type=password&username=TEN%23key&password=svc%20secret&client_secret=s3cr3t", NULL,
           "grant_type=password&username=TEN%23key&password=(withheld)&client_secret=(withheld)");
    expect("id_token: a.b.c", NULL, "id_token: (withheld)");
    /* a quoted value is withheld to its closing quote, blanks and all */
    expect("{\"password\":\"two words & more\",\"user\":\"u\"}", NULL, "{\"password\":\"(withheld)\",\"user\":\"u\"}");
    expect("{\"Authorization\": \"Basic a b\"}", NULL, "{\"Authorization\": \"Basic (withheld)\"}");
    expect("\"password\": hunter22, \"user\":\"u\"", NULL, "\"password\": (withheld), \"user\":\"u\"");
    /* the words alone are ordinary text */
    expect("You are not authorized; password expired", NULL, "You are not authorized; password expired");
    expect("Authorization failed for user", NULL, "Authorization failed for user");
}

static void test_known_secrets(void **state)
{
    const char *secrets[] = {"s3cr3t-client", "svc secret&=", "abc", NULL};
    expect("echo: cs=s3cr3t-client pw 'svc secret&=' abc", secrets, "echo: cs=(withheld) pw '(withheld)' abc");
    expect("nothing here", secrets, "nothing here");
}

static void test_cut_to_the_buffer(void **state)
{
    char text[24];
    snprintf(text, sizeof text, "%s", "x Bearer abcdefghijkl");
    isync_redact(text, sizeof text, NULL);
    assert_string_equal(text, "x Bearer (withheld)");
    char small[16];
    snprintf(small, sizeof small, "%s", "Bearer abcdefgh");
    isync_redact(small, sizeof small, NULL);
    assert_string_equal(small, "Bearer (withhel");
    assert_null(strstr(small, "abcdefgh"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_authorization_headers),
        cmocka_unit_test(test_bearer_tokens_anywhere),
        cmocka_unit_test(test_named_values),
        cmocka_unit_test(test_known_secrets),
        cmocka_unit_test(test_cut_to_the_buffer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
