#include "unit.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "infor/ionapi.h"

#define PASSWORD_FILE                                                                   \
    "{\"ti\":\"TEN_PRD\",\"cn\":\"xcart\",\"dt\":\"12\",\"ci\":\"TEN_PRD~client\","      \
    "\"cs\":\"s3cr3t-client\",\"iu\":\"https://mingle-ionapi.example.com/\","            \
    "\"pu\":\"https://mingle-sso.example.com:443/TEN_PRD/as/\",\"oa\":\"authorization.oauth2\"," \
    "\"ot\":\"token.oauth2\",\"or\":\"revoke_token.oauth2\",\"ev\":\"U1\",\"v\":\"1.0\","  \
    "\"saak\":\"TEN_PRD#key\",\"sask\":\"s3cr3t-service\"}"

#define CLIENT_CREDENTIALS_FILE                                                         \
    "{\"ti\":\"TEN_TST\",\"cn\":\"backend\",\"ci\":\"TEN_TST~svc\",\"cs\":\"sec\","     \
    "\"iu\":\"https://ionapi.example.com\",\"pu\":\"https://sso.example.com/TEN_TST/as/\"," \
    "\"ot\":\"token.oauth2\"}"

/* Writes text to a fresh temporary file with the given mode; path is malloc'ed. */
static char *write_temp(const char *text, mode_t mode)
{
    char *path = strdup("/tmp/test_ionapi_XXXXXX");
    assert_non_null(path);
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    size_t len = strlen(text);
    assert_int_equal(write(fd, text, len), (ssize_t)len);
    assert_int_equal(fchmod(fd, mode), 0);
    close(fd);
    return path;
}

static void remove_temp(char *path)
{
    unlink(path);
    free(path);
}

static void test_password_grant_file(void **state)
{
    (void)state;
    isync_ionapi cred;
    isync_error err;
    char *path = write_temp(PASSWORD_FILE, 0600);

    assert_int_equal(isync_ionapi_load(path, &cred, &err), ISYNC_OK);
    assert_string_equal(cred.ti, "TEN_PRD");
    assert_string_equal(cred.cn, "xcart");
    assert_string_equal(cred.ci, "TEN_PRD~client");
    assert_string_equal(cred.cs, "s3cr3t-client");
    assert_string_equal(cred.iu, "https://mingle-ionapi.example.com");
    assert_string_equal(cred.pu, "https://mingle-sso.example.com:443/TEN_PRD/as/");
    assert_string_equal(cred.ot, "token.oauth2");
    assert_string_equal(cred.or_, "revoke_token.oauth2");
    assert_string_equal(cred.saak, "TEN_PRD#key");
    assert_string_equal(cred.sask, "s3cr3t-service");
    assert_int_equal(cred.grant, ISYNC_GRANT_PASSWORD);
    assert_int_equal(cred.readable_by_others, 0);

    char *url = isync_ionapi_token_url(&cred);
    assert_string_equal(url, "https://mingle-sso.example.com:443/TEN_PRD/as/token.oauth2");
    free(url);
    isync_ionapi_free(&cred);
    remove_temp(path);
}

static void test_client_credentials_file(void **state)
{
    (void)state;
    isync_ionapi cred;
    isync_error err;

    assert_int_equal(isync_ionapi_parse(CLIENT_CREDENTIALS_FILE, "cc.ionapi", &cred, &err), ISYNC_OK);
    assert_int_equal(cred.grant, ISYNC_GRANT_CLIENT_CREDENTIALS);
    assert_null(cred.saak);
    assert_null(cred.sask);
    assert_null(cred.or_);
    assert_string_equal(cred.iu, "https://ionapi.example.com");
    isync_ionapi_free(&cred);
}

static void test_unknown_keys_ignored(void **state)
{
    (void)state;
    isync_ionapi cred;
    isync_error err;
    const char *text = "{\"ti\":\"T\",\"ci\":\"c\",\"cs\":\"s\",\"iu\":\"https://i\","
                       "\"pu\":\"https://p/\",\"ot\":\"t\",\"dt\":12,\"ev\":[1,2],"
                       "\"v\":{\"x\":1},\"oa\":\"a\"}";

    assert_int_equal(isync_ionapi_parse(text, "x.ionapi", &cred, &err), ISYNC_OK);
    assert_string_equal(cred.ti, "T");
    isync_ionapi_free(&cred);
}

static void test_missing_file(void **state)
{
    (void)state;
    isync_ionapi cred;
    isync_error err;

    assert_int_equal(isync_ionapi_load("/tmp/no-such-dir-isync/x.ionapi", &cred, &err),
                     ISYNC_ERR_IO);
    assert_int_equal(err.sys_errno, ENOENT);
    assert_non_null(strstr(err.message, "/tmp/no-such-dir-isync/x.ionapi"));
    assert_non_null(strstr(err.message, strerror(ENOENT)));
    assert_null(cred.ti);
}

static void test_unreadable_file(void **state)
{
    (void)state;
    isync_ionapi cred;
    isync_error err;

    if (geteuid() == 0) {
        skip(); /* root reads mode 000 files anyway */
    }
    char *path = write_temp(PASSWORD_FILE, 0000);
    assert_int_equal(isync_ionapi_load(path, &cred, &err), ISYNC_ERR_IO);
    assert_int_equal(err.sys_errno, EACCES);
    assert_non_null(strstr(err.message, path));
    remove_temp(path);
}

static void test_directory_is_not_a_file(void **state)
{
    (void)state;
    isync_ionapi cred;
    isync_error err;

    assert_int_equal(isync_ionapi_load("/tmp", &cred, &err), ISYNC_ERR_IO);
    assert_non_null(strstr(err.message, "/tmp"));
}

static void test_not_json(void **state)
{
    (void)state;
    isync_ionapi cred;
    isync_error err;
    char *path = write_temp("{\"ti\":\"T\",\n \"cs\": \"s3cr3t-value\\q\" }", 0600);

    assert_int_equal(isync_ionapi_load(path, &cred, &err), ISYNC_ERR_CONFIG);
    assert_non_null(strstr(err.message, path));
    assert_non_null(strstr(err.message, "line 2"));
    /* jansson quotes the bad token; it may be a secret. */
    assert_null(strstr(err.message, "s3cr3t"));
    assert_null(cred.ti);
    remove_temp(path);

    assert_int_equal(isync_ionapi_parse("[1,2]", "a.ionapi", &cred, &err), ISYNC_ERR_CONFIG);
    assert_non_null(strstr(err.message, "a.ionapi"));
    assert_int_equal(isync_ionapi_parse("", "b.ionapi", &cred, &err), ISYNC_ERR_CONFIG);
}

/* Removes "key":"value", from a copy of the password file. */
static char *without_key(const char *key)
{
    char needle[32];
    char *text = strdup(PASSWORD_FILE);
    snprintf(needle, sizeof needle, "\"%s\":", key);
    char *start = strstr(text, needle);
    assert_non_null(start);
    char *end = strchr(start + strlen(needle) + 1, '"'); /* closing quote of the value */
    assert_non_null(end);
    end++;
    if (*end == ',') {
        end++;
    } else if (start[-1] == ',') {
        start--;
    }
    memmove(start, end, strlen(end) + 1);
    return text;
}

static void test_each_required_key_missing(void **state)
{
    (void)state;
    static const char *const keys[] = { "ti", "ci", "cs", "iu", "pu", "ot" };
    isync_ionapi cred;
    isync_error err;
    char expected[64];

    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        char *text = without_key(keys[i]);
        assert_int_equal(isync_ionapi_parse(text, "/x/y.ionapi", &cred, &err), ISYNC_ERR_CONFIG);
        snprintf(expected, sizeof expected, "credentials file /x/y.ionapi: key \"%s\" is missing",
                 keys[i]);
        assert_string_equal(err.message, expected);
        assert_null(cred.ti);
        assert_null(cred.cs);
        free(text);
    }
}

static void test_empty_or_wrong_type_key(void **state)
{
    (void)state;
    isync_ionapi cred;
    isync_error err;

    assert_int_equal(isync_ionapi_parse("{\"ti\":\"T\",\"ci\":\"\",\"cs\":\"s\",\"iu\":\"https://i\","
                                        "\"pu\":\"https://p/\",\"ot\":\"t\"}",
                                        "e.ionapi", &cred, &err),
                     ISYNC_ERR_CONFIG);
    assert_non_null(strstr(err.message, "key \"ci\""));
    assert_int_equal(isync_ionapi_parse("{\"ti\":\"T\",\"ci\":\"c\",\"cs\":42,\"iu\":\"https://i\","
                                        "\"pu\":\"https://p/\",\"ot\":\"t\"}",
                                        "e.ionapi", &cred, &err),
                     ISYNC_ERR_CONFIG);
    assert_non_null(strstr(err.message, "key \"cs\""));
    assert_null(strstr(err.message, "42"));
    assert_int_equal(isync_ionapi_parse("{\"ti\":\"T\",\"ci\":\"c\",\"cs\":\"s\",\"iu\":\"/\","
                                        "\"pu\":\"https://p/\",\"ot\":\"t\"}",
                                        "e.ionapi", &cred, &err),
                     ISYNC_ERR_CONFIG);
    assert_non_null(strstr(err.message, "key \"iu\""));
}

static void test_saak_without_sask(void **state)
{
    (void)state;
    isync_ionapi cred;
    isync_error err;
    char *text = without_key("sask");

    assert_int_equal(isync_ionapi_parse(text, "p.ionapi", &cred, &err), ISYNC_ERR_CONFIG);
    assert_non_null(strstr(err.message, "\"sask\" is missing"));
    assert_null(strstr(err.message, "TEN_PRD#key"));
    assert_null(cred.saak);
    free(text);

    text = without_key("saak");
    assert_int_equal(isync_ionapi_parse(text, "p.ionapi", &cred, &err), ISYNC_ERR_CONFIG);
    assert_non_null(strstr(err.message, "\"saak\" is missing"));
    assert_null(strstr(err.message, "s3cr3t"));
    free(text);
}

static void test_trailing_slash_on_iu(void **state)
{
    (void)state;
    isync_ionapi cred;
    isync_error err;

    assert_int_equal(isync_ionapi_parse("{\"ti\":\"T\",\"ci\":\"c\",\"cs\":\"s\","
                                        "\"iu\":\"https://ionapi.example.com//\","
                                        "\"pu\":\"https://p/as\",\"ot\":\"token.oauth2\"}",
                                        "s.ionapi", &cred, &err),
                     ISYNC_OK);
    assert_string_equal(cred.iu, "https://ionapi.example.com");
    /* pu without its usual trailing slash still yields a usable URL. */
    char *url = isync_ionapi_token_url(&cred);
    assert_string_equal(url, "https://p/as/token.oauth2");
    free(url);
    isync_ionapi_free(&cred);
}

/* iu and pu must be URLs: "not a url" (or no host, or another scheme) is
 * refused naming the key, never quoting it. */
static void test_iu_pu_are_urls(void **state)
{
    (void)state;
    isync_ionapi cred;
    isync_error err;
    const struct {
        const char *iu, *pu, *key;
    } cases[] = {
        {"https://i", "not a url", "pu"},   {"not a url", "https://p/", "iu"}, {"https://", "https://p/", "iu"},
        {"ftp://i", "https://p/", "iu"},    {"https://i", "p.example.com/as/", "pu"},
        {"https://i", "https://p /as/", "pu"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[512];
        snprintf(text, sizeof text, "{\"ti\":\"T\",\"ci\":\"c\",\"cs\":\"s\",\"iu\":\"%s\",\"pu\":\"%s\",\"ot\":\"t\"}",
                 cases[i].iu, cases[i].pu);
        if (isync_ionapi_parse(text, "u.ionapi", &cred, &err) != ISYNC_ERR_CONFIG) {
            fail_msg("accepted iu=%s pu=%s", cases[i].iu, cases[i].pu);
        }
        char expected[64];
        snprintf(expected, sizeof expected, "key \"%s\" is not a URL", cases[i].key);
        if (!strstr(err.message, expected)) {
            fail_msg("iu=%s pu=%s: %s", cases[i].iu, cases[i].pu, err.message);
        }
        assert_null(cred.ti);
    }
}

/* With TLS verification on, an http:// iu or pu would send the client secret
 * and the service account's password in clear: refused naming the key. */
static void test_http_urls_refused_when_verifying(void **state)
{
    (void)state;
    isync_ionapi cred;
    isync_error err;
    const char *bad_key = NULL;

    assert_int_equal(isync_ionapi_parse("{\"ti\":\"T\",\"ci\":\"c\",\"cs\":\"s\",\"iu\":\"https://i\","
                                        "\"pu\":\"http://sso.example.com/T/as/\",\"ot\":\"t\"}",
                                        "h.ionapi", &cred, &err),
                     ISYNC_OK);
    assert_int_equal(isync_ionapi_check_https(&cred, "h.ionapi", &bad_key, &err), ISYNC_ERR_CONFIG);
    assert_string_equal(bad_key, "pu");
    assert_non_null(strstr(err.message, "key \"pu\" is not an https:// URL"));
    isync_ionapi_free(&cred);

    assert_int_equal(isync_ionapi_parse("{\"ti\":\"T\",\"ci\":\"c\",\"cs\":\"s\",\"iu\":\"HTTP://i\","
                                        "\"pu\":\"https://p/\",\"ot\":\"t\"}",
                                        "h.ionapi", &cred, &err),
                     ISYNC_OK);
    assert_int_equal(isync_ionapi_check_https(&cred, "h.ionapi", &bad_key, &err), ISYNC_ERR_CONFIG);
    assert_string_equal(bad_key, "iu");
    isync_ionapi_free(&cred);

    assert_int_equal(isync_ionapi_parse(PASSWORD_FILE, "p.ionapi", &cred, &err), ISYNC_OK);
    assert_int_equal(isync_ionapi_check_https(&cred, "p.ionapi", &bad_key, &err), ISYNC_OK);
    isync_ionapi_free(&cred);
}

static void test_world_readable_flag(void **state)
{
    (void)state;
    isync_ionapi cred;
    isync_error err;
    char *path = write_temp(CLIENT_CREDENTIALS_FILE, 0644);

    assert_int_equal(isync_ionapi_load(path, &cred, &err), ISYNC_OK);
    assert_int_equal(cred.readable_by_others, 1);
    isync_ionapi_free(&cred);

    assert_int_equal(chmod(path, 0640), 0);
    assert_int_equal(isync_ionapi_load(path, &cred, &err), ISYNC_OK);
    assert_int_equal(cred.readable_by_others, 1);
    isync_ionapi_free(&cred);

    assert_int_equal(chmod(path, 0600), 0);
    assert_int_equal(isync_ionapi_load(path, &cred, &err), ISYNC_OK);
    assert_int_equal(cred.readable_by_others, 0);
    isync_ionapi_free(&cred);
    remove_temp(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_password_grant_file),
        cmocka_unit_test(test_client_credentials_file),
        cmocka_unit_test(test_unknown_keys_ignored),
        cmocka_unit_test(test_missing_file),
        cmocka_unit_test(test_unreadable_file),
        cmocka_unit_test(test_directory_is_not_a_file),
        cmocka_unit_test(test_not_json),
        cmocka_unit_test(test_each_required_key_missing),
        cmocka_unit_test(test_empty_or_wrong_type_key),
        cmocka_unit_test(test_saak_without_sask),
        cmocka_unit_test(test_trailing_slash_on_iu),
        cmocka_unit_test(test_world_readable_flag),
        cmocka_unit_test(test_iu_pu_are_urls),
        cmocka_unit_test(test_http_urls_refused_when_verifying),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
