/* The credentials file the settings page uploads (credentials.c): checks
 * naming the key at fault, the atomic 0600 write, the summary without secrets. */
#include "unit.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "infor/credentials.h"

#define PASSWORD_FILE                                                                   \
    "{\"ti\":\"TEN_PRD\",\"cn\":\"xcart\",\"dt\":\"12\",\"ci\":\"TEN_PRD~client\","      \
    "\"cs\":\"s3cr3t-client\",\"iu\":\"https://mingle-ionapi.example.com/\","            \
    "\"pu\":\"https://mingle-sso.example.com:443/TEN_PRD/as/\",\"oa\":\"authorization.oauth2\"," \
    "\"ot\":\"token.oauth2\",\"or\":\"revoke_token.oauth2\",\"ev\":\"U1\",\"v\":\"1.0\","  \
    "\"saak\":\"TEN_PRD#key\",\"sask\":\"s3cr3t-service\"}"

#define CLIENT_CREDENTIALS_FILE                                                         \
    "{\"ti\":\"TEN_TST\",\"ci\":\"TEN_TST~svc\",\"cs\":\"s3cr3t-cc\","                  \
    "\"iu\":\"https://ionapi.example.com\",\"pu\":\"https://sso.example.com/TEN_TST/as/\"," \
    "\"ot\":\"token.oauth2\"}"

typedef struct {
    char dir[64];
    char file[128];
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    snprintf(f->dir, sizeof f->dir, "/tmp/test_credentials_XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    snprintf(f->file, sizeof f->file, "%s/xcart.ionapi", f->dir);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    char cmd[256];
    snprintf(cmd, sizeof cmd, "chmod -R u+w %s; rm -rf %s", f->dir, f->dir);
    assert_int_equal(system(cmd), 0);
    free(f);
    return 0;
}

static char *read_all(const char *path)
{
    FILE *fp = fopen(path, "r");
    assert_non_null(fp);
    static char buf[4096];
    size_t n = fread(buf, 1, sizeof buf - 1, fp);
    buf[n] = '\0';
    fclose(fp);
    return buf;
}

static int entries(const char *dir)
{
    int n = 0;
    DIR *d = opendir(dir);
    assert_non_null(d);
    for (struct dirent *e = readdir(d); e; e = readdir(d)) {
        n += e->d_name[0] != '.';
    }
    closedir(d);
    return n;
}

static void assert_no_secret(json_t *summary)
{
    char *text = json_dumps(summary, 0);
    assert_non_null(text);
    assert_null(strstr(text, "s3cr3t"));
    assert_null(strstr(text, "TEN_PRD#key"));
    assert_null(strstr(text, "~client"));
    assert_null(strstr(text, "~svc"));
    free(text);
}

static const char *text_of(json_t *obj, const char *key)
{
    return json_string_value(json_object_get(obj, key));
}

static void test_save_writes_0600_and_summarises(void **state)
{
    fixture *f = *state;
    isync_problems problems;
    isync_error err;
    json_t *summary = NULL;

    assert_int_equal(isync_credentials_save(f->file, PASSWORD_FILE, strlen(PASSWORD_FILE), 1, &summary, &problems, &err),
                     ISYNC_OK);
    assert_string_equal(read_all(f->file), PASSWORD_FILE); /* the admin's file as it was */
    struct stat st;
    assert_int_equal(stat(f->file, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0600);
    assert_int_equal(entries(f->dir), 1); /* no temporary file left */

    assert_true(json_is_true(json_object_get(summary, "ok")));
    assert_string_equal(text_of(summary, "file"), f->file);
    assert_string_equal(text_of(summary, "tenant"), "TEN_PRD");
    assert_string_equal(text_of(summary, "app"), "xcart");
    assert_string_equal(text_of(summary, "gateway"), "https://mingle-ionapi.example.com");
    assert_string_equal(text_of(summary, "token_url"), "https://mingle-sso.example.com:443/TEN_PRD/as/token.oauth2");
    assert_string_equal(text_of(summary, "grant"), "password");
    assert_string_equal(text_of(summary, "mode"), "0600");
    assert_true(json_is_false(json_object_get(summary, "readable_by_others")));
    assert_true(json_is_null(json_object_get(summary, "error")));
    assert_no_secret(summary);
    json_decref(summary);
}

/* An existing file (too open, another inode) is replaced by rename, not rewritten in place. */
static void test_save_replaces_atomically(void **state)
{
    fixture *f = *state;
    isync_problems problems;
    isync_error err;
    struct stat before, after;

    FILE *fp = fopen(f->file, "w");
    assert_non_null(fp);
    fputs(PASSWORD_FILE, fp);
    fclose(fp);
    assert_int_equal(chmod(f->file, 0644), 0);
    assert_int_equal(stat(f->file, &before), 0);
    json_t *summary = isync_credentials_summary(f->file, 1);
    assert_string_equal(text_of(summary, "mode"), "0644");
    assert_true(json_is_true(json_object_get(summary, "readable_by_others")));
    json_decref(summary);

    assert_int_equal(isync_credentials_save(f->file, CLIENT_CREDENTIALS_FILE, strlen(CLIENT_CREDENTIALS_FILE), 1, NULL,
                                            &problems, &err), ISYNC_OK);
    assert_int_equal(stat(f->file, &after), 0);
    assert_true(before.st_ino != after.st_ino);
    assert_int_equal(after.st_mode & 07777, 0600);
    assert_string_equal(read_all(f->file), CLIENT_CREDENTIALS_FILE);
    summary = isync_credentials_summary(f->file, 1);
    assert_string_equal(text_of(summary, "grant"), "client_credentials");
    assert_string_equal(text_of(summary, "tenant"), "TEN_TST");
    assert_true(json_is_null(json_object_get(summary, "app")));
    assert_no_secret(summary);
    json_decref(summary);
}

static void expect_refused(fixture *f, const char *text, const char *path, const char *fragment)
{
    isync_problems problems;
    isync_error err;
    json_t *summary = NULL;
    assert_int_equal(isync_credentials_save(f->file, text, strlen(text), 1, &summary, &problems, &err),
                     ISYNC_ERR_INVALID);
    assert_null(summary);
    assert_int_equal(problems.count, 1);
    if (strcmp(problems.items[0].path, path) != 0 || !strstr(problems.items[0].message, fragment)) {
        fail_msg("got %s: %s; expected %s: ...%s...", problems.items[0].path, problems.items[0].message, path,
                 fragment);
    }
    assert_null(strstr(problems.items[0].message, "s3cr3t"));
    assert_null(strstr(problems.items[0].message, "(uploaded)"));
}

static void test_bad_content_refused_with_the_key(void **state)
{
    fixture *f = *state;
    FILE *fp = fopen(f->file, "w");
    assert_non_null(fp);
    fputs(PASSWORD_FILE, fp);
    fclose(fp);

    expect_refused(f, "{\"ti\":\"T\",\"ci\":\"c\",\"iu\":\"https://i\",\"pu\":\"https://p/\",\"ot\":\"t\"}", "cs",
                   "key \"cs\" is missing");
    expect_refused(f, "{\"ti\":\"T\",\"ci\":\"c\",\"cs\":\"s3cr3t\",\"iu\":\"\",\"pu\":\"https://p/\",\"ot\":\"t\"}",
                   "iu", "is empty");
    expect_refused(f, "{\"ti\":\"T\",\"ci\":\"c\",\"cs\":5,\"iu\":\"https://i\",\"pu\":\"https://p/\",\"ot\":\"t\"}",
                   "cs", "not a string");
    expect_refused(f, "{\"ti\":\"T\",\"ci\":\"c\",\"cs\":\"s3cr3t\",\"iu\":\"https://i\",\"pu\":\"https://p/\","
                      "\"ot\":\"t\",\"saak\":\"k\"}", "sask", "\"sask\" is missing");
    /* with TLS verification on, the secret must not go to an http:// URL */
    expect_refused(f, "{\"ti\":\"T\",\"ci\":\"c\",\"cs\":\"s3cr3t\",\"iu\":\"https://i\","
                      "\"pu\":\"http://sso.example.com/T/as/\",\"ot\":\"t\"}",
                   "pu", "key \"pu\" is not an https:// URL");
    expect_refused(f, "{\"ti\":\"T\",\"ci\":\"c\",\"cs\":\"s3cr3t\",\"iu\":\"http://ionapi.example.com\","
                      "\"pu\":\"https://p/\",\"ot\":\"t\"}",
                   "iu", "key \"iu\" is not an https:// URL");
    expect_refused(f, "{\"ti\":\"T\",\"ci\":\"c\",\"cs\":\"s3cr3t\",\"iu\":\"https://i\",\"pu\":\"not a url\","
                      "\"ot\":\"t\"}",
                   "pu", "key \"pu\" is not a URL");
    /* jansson would quote the token near the error: a secret must not come back */
    expect_refused(f, "{\"cs\": s3cr3t-unquoted}", "ionapi", "not valid JSON");
    expect_refused(f, "[1, 2]", "ionapi", "not a JSON object");
    expect_refused(f, "", "ionapi", "not valid JSON");
    char *huge = malloc(70000);
    assert_non_null(huge);
    memset(huge, ' ', 69999);
    huge[69999] = '\0';
    expect_refused(f, huge, "ionapi", "larger than 65536 bytes");
    free(huge);

    /* the file in place is untouched */
    assert_string_equal(read_all(f->file), PASSWORD_FILE);
    assert_int_equal(entries(f->dir), 1);
}

static void test_save_errors(void **state)
{
    fixture *f = *state;
    isync_problems problems;
    isync_error err;

    assert_int_equal(isync_credentials_save("", PASSWORD_FILE, strlen(PASSWORD_FILE), 1, NULL, &problems, &err),
                     ISYNC_ERR_CONFIG);
    assert_non_null(strstr(err.message, "infor_sync.ionapi_file"));

    char missing[160];
    snprintf(missing, sizeof missing, "%s/no/such/dir/x.ionapi", f->dir);
    assert_int_equal(isync_credentials_save(missing, PASSWORD_FILE, strlen(PASSWORD_FILE), 1, NULL, &problems, &err),
                     ISYNC_ERR_IO);
    assert_non_null(strstr(err.message, missing));
    assert_null(strstr(err.message, "s3cr3t"));

    if (geteuid() != 0) { /* root writes anywhere */
        assert_int_equal(chmod(f->dir, 0500), 0);
        assert_int_equal(isync_credentials_save(f->file, PASSWORD_FILE, strlen(PASSWORD_FILE), 1, NULL, &problems, &err),
                         ISYNC_ERR_IO);
        assert_non_null(strstr(err.message, "ermission denied"));
        assert_int_equal(chmod(f->dir, 0700), 0);
    }
    assert_int_equal(entries(f->dir), 0);
}

static void test_summary_of_unusable_files(void **state)
{
    fixture *f = *state;
    json_t *summary = isync_credentials_summary("", 1);
    assert_true(json_is_false(json_object_get(summary, "ok")));
    assert_non_null(strstr(text_of(summary, "error"), "infor_sync.ionapi_file is not set"));
    json_decref(summary);

    summary = isync_credentials_summary(f->file, 1); /* not there */
    assert_true(json_is_false(json_object_get(summary, "ok")));
    assert_non_null(strstr(text_of(summary, "error"), f->file));
    assert_true(json_is_null(json_object_get(summary, "tenant")));
    assert_true(json_is_null(json_object_get(summary, "mode")));
    json_decref(summary);
}

/* With infor_sync.verify_tls=0 (a test server) an http:// URL is the
 * admin's choice; with it on, the file on disk is reported unusable. */
static void test_http_only_without_verification(void **state)
{
    fixture *f = *state;
    isync_problems problems;
    isync_error err;
    const char *text = "{\"ti\":\"T\",\"ci\":\"c\",\"cs\":\"s3cr3t\",\"iu\":\"http://127.0.0.1:8080\","
                       "\"pu\":\"http://127.0.0.1:8080/T/as/\",\"ot\":\"token.oauth2\"}";
    assert_int_equal(isync_credentials_save(f->file, text, strlen(text), 0, NULL, &problems, &err), ISYNC_OK);
    json_t *summary = isync_credentials_summary(f->file, 0);
    assert_true(json_is_true(json_object_get(summary, "ok")));
    json_decref(summary);

    summary = isync_credentials_summary(f->file, 1);
    assert_true(json_is_false(json_object_get(summary, "ok")));
    assert_non_null(strstr(text_of(summary, "error"), "key \"iu\" is not an https:// URL"));
    assert_no_secret(summary);
    json_decref(summary);

    isync_ionapi cred;
    assert_int_equal(isync_credentials_load(f->file, 1, &cred, &err), ISYNC_ERR_CONFIG);
    assert_null(cred.cs);
    assert_int_equal(isync_credentials_load(f->file, 0, &cred, &err), ISYNC_OK);
    isync_ionapi_free(&cred);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_save_writes_0600_and_summarises),
        T(test_save_replaces_atomically),
        T(test_bad_content_refused_with_the_key),
        T(test_save_errors),
        T(test_summary_of_unusable_files),
        T(test_http_only_without_verification),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
