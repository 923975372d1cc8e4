/* The customer index, one file per key (connectors/xref.h): layout,
 * damaged entries, conversion of the single document of older versions,
 * replace, and several threads recording at once. */
#include "unit.h"

#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/atomic_file.h"
#include "base/clock.h"
#include "base/sha256.h"
#include "connectors/xref.h"

#define CUNO_SIZE 11

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static void make_spool(char root[64])
{
    snprintf(root, 64, "/tmp/test_xref_XXXXXX");
    assert_non_null(mkdtemp(root));
}

static void remove_spool(const char *root)
{
    nftw(root, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* <root>/xref/customers/<folder>/<first 32 hex digits of SHA-256(key)>.json */
static void entry_file(const char *root, const char *folder, const char *key, char *path, size_t size)
{
    char hex[ISYNC_SHA256_HEX_SIZE];
    assert_int_equal(isync_sha256_hex(key, strlen(key), hex), ISYNC_OK);
    hex[32] = '\0';
    snprintf(path, size, "%s/xref/customers/%s/%s.json", root, folder, hex);
}

static char *read_text(const char *path)
{
    static char text[512];
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    size_t n = fread(text, 1, sizeof text - 1, f);
    text[n] = '\0';
    fclose(f);
    return text;
}

static void write_text(const char *path, const char *text)
{
    assert_int_equal(isync_write_file(path, text, strlen(text), 0, NULL), ISYNC_OK);
}

/* The CUNO a new handle finds for a profile id or (email) an e-mail, as the
 * leader's next delivery would, or "-". */
static const char *indexed(const char *root, const char *key, int email)
{
    static char cuno[CUNO_SIZE];
    isync_xref xref;
    isync_xref_init(&xref, root, 0);
    isync_status st = email ? isync_xref_email(&xref, key, cuno, sizeof cuno, NULL)
                            : isync_xref_profile(&xref, key, cuno, sizeof cuno, NULL);
    if (st != ISYNC_OK) {
        snprintf(cuno, sizeof cuno, "-");
    }
    isync_xref_free(&xref);
    return cuno;
}

#define profile(root, id) indexed(root, id, 0)
#define email(root, address) indexed(root, address, 1)

static void record(const char *root, const char *id, const char *address, const char *cuno)
{
    isync_xref xref;
    isync_error err;
    isync_xref_init(&xref, root, 0);
    assert_int_equal(isync_xref_record(&xref, id, address, cuno, &err), ISYNC_OK);
    isync_xref_free(&xref);
}

/* Names in <root>/xref starting with prefix (generations, leftovers). */
static int count_names(const char *root, const char *prefix, const char *suffix)
{
    char dir_path[128];
    struct dirent *entry;
    int count = 0;
    snprintf(dir_path, sizeof dir_path, "%s/xref", root);
    DIR *dir = opendir(dir_path);
    assert_non_null(dir);
    while ((entry = readdir(dir)) != NULL) {
        size_t len = strlen(entry->d_name), tail = strlen(suffix);
        count += strncmp(entry->d_name, prefix, strlen(prefix)) == 0 && len >= tail &&
                 strcmp(entry->d_name + len - tail, suffix) == 0;
    }
    closedir(dir);
    return count;
}

/* Files in the live generation's folder (entries and any temporary file). */
static int count_files(const char *root, const char *folder)
{
    char dir_path[128];
    struct dirent *entry;
    int count = 0;
    snprintf(dir_path, sizeof dir_path, "%s/xref/customers/%s", root, folder);
    DIR *dir = opendir(dir_path);
    assert_non_null(dir);
    while ((entry = readdir(dir)) != NULL) {
        count += entry->d_name[0] != '.';
    }
    closedir(dir);
    return count;
}

/* ---- layout ---- */

static void test_one_file_per_key(void **state)
{
    (void)state;
    char root[64], path[256], live[64];
    struct stat before, after;
    isync_xref xref;
    isync_error err;
    char cuno[CUNO_SIZE];
    make_spool(root);
    isync_xref_init(&xref, root, 1);

    assert_int_equal(isync_xref_profile(&xref, "123", cuno, sizeof cuno, NULL), ISYNC_ERR_NOTFOUND);
    assert_int_equal(isync_xref_record(&xref, "123", "  Anna@Example.COM ", "XC00000123", &err), ISYNC_OK);

    /* the live set is a symlink to a generation; one small file per key */
    snprintf(path, sizeof path, "%s/xref/customers", root);
    ssize_t len = readlink(path, live, sizeof live - 1);
    assert_true(len > 4);
    live[len] = '\0';
    assert_memory_equal(live, "gen-", 4);
    entry_file(root, "profiles", "123", path, sizeof path);
    assert_string_equal(read_text(path), "{\"profile_id\":\"123\",\"cuno\":\"XC00000123\"}");
    assert_int_equal(stat(path, &before), 0);
    assert_int_equal(before.st_mode & 0777, 0600);
    entry_file(root, "emails", "anna@example.com", path, sizeof path);
    assert_string_equal(read_text(path), "{\"email\":\"anna@example.com\",\"cuno\":\"XC00000123\"}");

    /* lookups: any case, trimmed; a buffer too small for the number finds nothing */
    assert_int_equal(isync_xref_email(&xref, "ANNA@example.com\n", cuno, sizeof cuno, &err), ISYNC_OK);
    assert_string_equal(cuno, "XC00000123");
    assert_int_equal(isync_xref_profile(&xref, "123", cuno, 5, NULL), ISYNC_ERR_NOTFOUND);
    assert_int_equal(isync_xref_profile(&xref, "", cuno, sizeof cuno, NULL), ISYNC_ERR_NOTFOUND);
    assert_int_equal(isync_xref_email(&xref, NULL, cuno, sizeof cuno, NULL), ISYNC_ERR_NOTFOUND);

    /* the same again writes nothing; a change replaces the one file */
    entry_file(root, "profiles", "123", path, sizeof path);
    assert_int_equal(isync_xref_record(&xref, "123", NULL, "XC00000123", &err), ISYNC_OK);
    assert_int_equal(stat(path, &after), 0);
    assert_int_equal(after.st_ino, before.st_ino);
    assert_int_equal(isync_xref_record(&xref, "123", "", "C0815", &err), ISYNC_OK);
    assert_int_equal(stat(path, &after), 0);
    assert_int_not_equal(after.st_ino, before.st_ino);
    assert_string_equal(profile(root, "123"), "C0815");
    assert_string_equal(email(root, "anna@example.com"), "XC00000123");

    /* keys are the shop's text: never a path */
    assert_int_equal(isync_xref_record(&xref, "../../etc", "a/b@c", "XC1", &err), ISYNC_OK);
    assert_string_equal(profile(root, "../../etc"), "XC1");
    assert_int_equal(count_files(root, "profiles"), 2);
    assert_int_equal(isync_xref_record(&xref, "1", NULL, "", &err), ISYNC_ERR_INVALID);
    assert_int_equal(isync_xref_record(&xref, "\xff\xfe", NULL, "XC2", &err), ISYNC_ERR_INVALID);
    isync_xref_free(&xref);
    remove_spool(root);
}

static void test_damaged_entry_is_missing(void **state)
{
    (void)state;
    char root[64], path[256];
    make_spool(root);
    record(root, "123", "anna@example.com", "XC00000123");
    record(root, "124", NULL, "XC00000124");

    entry_file(root, "profiles", "123", path, sizeof path);
    write_text(path, "{\"profile_id\":\"123\",\"cu"); /* torn */
    assert_string_equal(profile(root, "123"), "-");
    write_text(path, "{\"profile_id\":\"124\",\"cuno\":\"XC00000124\"}"); /* another key's */
    assert_string_equal(profile(root, "123"), "-");
    write_text(path, "{\"profile_id\":\"123\",\"cuno\":\"\"}");
    assert_string_equal(profile(root, "123"), "-");
    write_text(path, "{\"profile_id\":\"123\",\"cuno\":\"XC000001234567\"}"); /* longer than a CUNO */
    assert_string_equal(profile(root, "123"), "-");
    assert_string_equal(email(root, "anna@example.com"), "XC00000123"); /* the others are untouched */
    assert_string_equal(profile(root, "124"), "XC00000124");

    /* what Infor answers next is recorded over it */
    record(root, "123", NULL, "XC00000123");
    assert_string_equal(profile(root, "123"), "XC00000123");
    remove_spool(root);
}

/* ---- the single document of older versions ---- */

static void write_old_document(const char *root, const char *text)
{
    char path[128];
    snprintf(path, sizeof path, "%s/xref", root);
    mkdir(path, 0700);
    snprintf(path, sizeof path, "%s/xref/customers.json", root);
    write_text(path, text);
}

static int exists(const char *root, const char *name)
{
    char path[128];
    snprintf(path, sizeof path, "%s/xref/%s", root, name);
    return access(path, F_OK) == 0;
}

static void test_old_document_converted_once(void **state)
{
    (void)state;
    char root[64];
    make_spool(root);
    write_old_document(root, "{\"profiles\":{\"123\":\"XC00000123\",\"7\":\"XC00000007\"},"
                             "\"emails\":{\"anna@example.com\":\"XC00000123\",\"guest@example.com\":\"XG67KUYIW5\"}}");

    /* the first lookup of a new version converts it */
    assert_string_equal(profile(root, "123"), "XC00000123");
    assert_false(exists(root, "customers.json"));
    assert_true(exists(root, "customers.json.migrated"));
    assert_string_equal(profile(root, "7"), "XC00000007");
    assert_string_equal(email(root, "Guest@Example.com"), "XG67KUYIW5");
    assert_string_equal(email(root, "anna@example.com"), "XC00000123");
    assert_int_equal(count_files(root, "profiles"), 2);
    assert_int_equal(count_files(root, "emails"), 2);
    assert_int_equal(count_names(root, "gen-", ""), 1);

    /* an older version writing the document again (a mixed upgrade): merged
     * with what the new layout learnt meanwhile, by the first record */
    record(root, "8", NULL, "XC00000008");
    write_old_document(root, "{\"profiles\":{\"9\":\"XC00000009\"},\"emails\":{}}");
    record(root, "10", NULL, "XC00000010");
    assert_false(exists(root, "customers.json"));
    assert_string_equal(profile(root, "123"), "XC00000123");
    assert_string_equal(profile(root, "8"), "XC00000008");
    assert_string_equal(profile(root, "9"), "XC00000009");
    assert_string_equal(profile(root, "10"), "XC00000010");
    assert_int_equal(count_names(root, "gen-", ""), 1);
    remove_spool(root);
}

static void test_unreadable_old_document_is_set_aside(void **state)
{
    (void)state;
    char root[64];
    make_spool(root);
    write_old_document(root, "{\"profiles\":{\"123\":\"XC0000");
    assert_string_equal(profile(root, "123"), "-");
    assert_false(exists(root, "customers.json"));
    assert_true(exists(root, "customers.json.migrated"));
    record(root, "123", NULL, "XC00000123");
    assert_string_equal(profile(root, "123"), "XC00000123");
    remove_spool(root);
}

/* Several threads of one process meet the old document at once. */
typedef struct {
    const char *root;
    int found;
} first_use;

static void *look_up_first(void *arg)
{
    first_use *use = arg;
    char first[CUNO_SIZE] = "", second[CUNO_SIZE] = "";
    isync_xref xref;
    isync_xref_init(&xref, use->root, 0);
    use->found = isync_xref_profile(&xref, "123", first, sizeof first, NULL) == ISYNC_OK &&
                 isync_xref_profile(&xref, "7", second, sizeof second, NULL) == ISYNC_OK &&
                 strcmp(first, "XC00000123") == 0 && strcmp(second, "XC7") == 0;
    isync_xref_free(&xref);
    return NULL;
}

static void test_old_document_converted_by_threads_at_once(void **state)
{
    (void)state;
    char root[64];
    pthread_t threads[6];
    first_use uses[6];
    make_spool(root);
    write_old_document(root, "{\"profiles\":{\"123\":\"XC00000123\",\"7\":\"XC7\"},\"emails\":{}}");
    for (int i = 0; i < 6; i++) {
        uses[i] = (first_use){root, 0};
        assert_int_equal(pthread_create(&threads[i], NULL, look_up_first, &uses[i]), 0);
    }
    for (int i = 0; i < 6; i++) {
        pthread_join(threads[i], NULL);
        assert_true(uses[i].found);
    }
    assert_int_equal(count_names(root, "gen-", ""), 1);
    assert_false(exists(root, "customers.json"));
    remove_spool(root);
}

/* ---- replace ---- */

static void age(const char *root, const char *folder, const char *key, long seconds)
{
    char path[256];
    struct timespec times[2];
    entry_file(root, folder, key, path, sizeof path);
    clock_gettime(CLOCK_REALTIME, &times[0]);
    times[0].tv_sec -= seconds;
    times[1] = times[0];
    assert_int_equal(utimensat(AT_FDCWD, path, times, 0), 0);
}

static void test_replace_leaves_no_stale_key(void **state)
{
    (void)state;
    char root[64];
    isync_xref xref;
    isync_error err;
    make_spool(root);
    record(root, "999", "stale@example.com", "XC00000999");
    record(root, "1", "old@example.com", "XC00000001");
    age(root, "profiles", "999", 60);
    age(root, "emails", "stale@example.com", 60);
    age(root, "profiles", "1", 60);
    age(root, "emails", "old@example.com", 60);

    long long listed_since = isync_now_ms() - 30000; /* the listing began 30 s ago... */
    record(root, "77", "late@example.com", "XC00000077"); /* ...a customer recorded meanwhile */
    record(root, "2", NULL, "XC99999999"); /* the listing's number for it wins */

    json_t *profiles = json_pack("{s:s, s:s}", "1", "XC00000001", "2", "XC00000002");
    json_t *emails = json_pack("{s:s, s:s}", " Office@Example.com", "XCOMPANY01", "old@example.com", "XC00000001");
    isync_xref_init(&xref, root, 1);
    assert_int_equal(isync_xref_replace(&xref, profiles, emails, listed_since, &err), ISYNC_OK);
    isync_xref_free(&xref);
    json_decref(profiles);
    json_decref(emails);

    assert_string_equal(profile(root, "999"), "-");
    assert_string_equal(email(root, "stale@example.com"), "-");
    assert_string_equal(profile(root, "1"), "XC00000001");
    assert_string_equal(profile(root, "2"), "XC00000002");
    assert_string_equal(email(root, "office@example.com"), "XCOMPANY01");
    assert_string_equal(profile(root, "77"), "XC00000077");
    assert_string_equal(email(root, "late@example.com"), "XC00000077");
    assert_int_equal(count_files(root, "profiles"), 3);
    assert_int_equal(count_files(root, "emails"), 3);
    assert_int_equal(count_names(root, "gen-", ""), 1); /* the old generation removed */
    remove_spool(root);
}

/* A crash while the new set was being written: the old set stays live and
 * whole; the next replace removes the leftovers. */
static void test_half_written_generation_is_never_live(void **state)
{
    (void)state;
    char root[64], path[256];
    isync_xref xref;
    isync_error err;
    make_spool(root);
    record(root, "1", NULL, "XC00000001");
    snprintf(path, sizeof path, "%s/xref/gen-1-999999-1", root);
    assert_int_equal(mkdir(path, 0700), 0);
    snprintf(path, sizeof path, "%s/xref/gen-1-999999-1/profiles", root);
    assert_int_equal(mkdir(path, 0700), 0);
    snprintf(path, sizeof path, "%s/xref/gen-1-999999-1/profiles/0123.json", root);
    write_text(path, "{\"profile_id\":\"2\",\"cuno\":\"XC00000002\"}");
    snprintf(path, sizeof path, "%s/xref/gen-1-999999-1.tmp", root);
    assert_int_equal(symlink("gen-1-999999-1", path), 0);

    assert_string_equal(profile(root, "1"), "XC00000001");
    assert_string_equal(profile(root, "2"), "-");
    record(root, "3", NULL, "XC00000003");
    assert_int_equal(count_names(root, "gen-", ""), 3);

    json_t *profiles = json_pack("{s:s}", "4", "XC00000004");
    isync_xref_init(&xref, root, 0);
    assert_int_equal(isync_xref_replace(&xref, profiles, NULL, isync_now_ms(), &err), ISYNC_OK);
    isync_xref_free(&xref);
    json_decref(profiles);
    assert_int_equal(count_names(root, "gen-", ""), 1);
    assert_string_equal(profile(root, "4"), "XC00000004");
    assert_string_equal(profile(root, "1"), "-");
    remove_spool(root);
}

/* ---- several threads at once ---- */

#define THREADS 8
#define KEYS 300

typedef struct {
    const char *root;
    int thread;
    isync_status status;
} recorder;

/* Its own keys (t<thread>-<n>) and keys every thread records (shared-<n>). */
static void *record_many(void *arg)
{
    recorder *r = arg;
    char id[32], address[64], cuno[CUNO_SIZE];
    isync_xref xref;
    isync_error err;
    isync_xref_init(&xref, r->root, 0);
    r->status = ISYNC_OK;
    for (int n = 0; n < KEYS && r->status == ISYNC_OK; n++) {
        snprintf(id, sizeof id, "t%d-%d", r->thread, n);
        snprintf(address, sizeof address, "Buyer.%d.%d@Example.com", r->thread, n);
        snprintf(cuno, sizeof cuno, "C%d%05d", r->thread, n);
        r->status = isync_xref_record(&xref, id, address, cuno, &err);
        snprintf(id, sizeof id, "shared-%d", n % 20);
        snprintf(cuno, sizeof cuno, "S%05d", n % 20);
        if (r->status == ISYNC_OK) {
            r->status = isync_xref_record(&xref, id, NULL, cuno, &err);
        }
    }
    isync_xref_free(&xref);
    return NULL;
}

static void *replace_meanwhile(void *arg)
{
    recorder *r = arg;
    isync_xref xref;
    isync_error err;
    json_t *profiles = json_pack("{s:s}", "from-infor", "XC00000001");
    isync_xref_init(&xref, r->root, 0);
    /* the listing began before every record of this test (a second's margin:
     * file times come from a coarser clock) */
    long long since = isync_now_ms() - 1000;
    r->status = ISYNC_OK;
    for (int n = 0; n < 5 && r->status == ISYNC_OK; n++) {
        r->status = isync_xref_replace(&xref, profiles, NULL, since, &err);
    }
    isync_xref_free(&xref);
    json_decref(profiles);
    return NULL;
}

static void assert_every_key(const char *root)
{
    char id[32], address[64], cuno[CUNO_SIZE];
    for (int t = 0; t < THREADS; t++) {
        for (int n = 0; n < KEYS; n++) {
            snprintf(id, sizeof id, "t%d-%d", t, n);
            snprintf(address, sizeof address, "buyer.%d.%d@example.com", t, n);
            snprintf(cuno, sizeof cuno, "C%d%05d", t, n);
            assert_string_equal(profile(root, id), cuno);
            assert_string_equal(email(root, address), cuno);
        }
    }
    for (int n = 0; n < 20; n++) {
        snprintf(id, sizeof id, "shared-%d", n);
        snprintf(cuno, sizeof cuno, "S%05d", n);
        assert_string_equal(profile(root, id), cuno);
    }
}

static void run_recorders(const char *root, int with_replace)
{
    pthread_t threads[THREADS + 1];
    recorder recorders[THREADS + 1];
    int count = THREADS + (with_replace ? 1 : 0);
    for (int i = 0; i < count; i++) {
        recorders[i] = (recorder){root, i, ISYNC_OK};
        assert_int_equal(pthread_create(&threads[i], NULL, i < THREADS ? record_many : replace_meanwhile,
                                        &recorders[i]),
                         0);
    }
    for (int i = 0; i < count; i++) {
        pthread_join(threads[i], NULL);
        assert_int_equal(recorders[i].status, ISYNC_OK);
    }
}

static void test_threads_record_at_once(void **state)
{
    (void)state;
    char root[64];
    make_spool(root); /* no index yet: the threads race to make the first generation too */
    run_recorders(root, 0);
    assert_every_key(root);
    assert_int_equal(count_files(root, "profiles"), THREADS * KEYS + 20); /* no temporary file left */
    assert_int_equal(count_files(root, "emails"), THREADS * KEYS);
    assert_int_equal(count_names(root, "gen-", ""), 1);
    remove_spool(root);
}

static void test_threads_record_while_replaced(void **state)
{
    (void)state;
    char root[64];
    make_spool(root);
    record(root, "first", NULL, "XC00000000");
    run_recorders(root, 1);
    assert_every_key(root);
    assert_string_equal(profile(root, "from-infor"), "XC00000001");
    /* a record landing in a generation being removed may keep it for the next replace to sweep */
    assert_in_range(count_names(root, "gen-", ""), 1, 2);
    remove_spool(root);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_file_per_key),
        cmocka_unit_test(test_damaged_entry_is_missing),
        cmocka_unit_test(test_old_document_converted_once),
        cmocka_unit_test(test_unreadable_old_document_is_set_aside),
        cmocka_unit_test(test_old_document_converted_by_threads_at_once),
        cmocka_unit_test(test_replace_leaves_no_stale_key),
        cmocka_unit_test(test_half_written_generation_is_never_live),
        cmocka_unit_test(test_threads_record_at_once),
        cmocka_unit_test(test_threads_record_while_replaced),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
