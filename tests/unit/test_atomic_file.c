/* base/atomic_file: a file is replaced whole or not at all, mode 0600, and
 * no temporary file stays behind, also when the write fails. */
#include "unit.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/atomic_file.h"

typedef struct {
    char dir[64];
    char path[128];
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    snprintf(f->dir, sizeof f->dir, "/tmp/isync_atomic.XXXXXX");
    if (!mkdtemp(f->dir)) {
        free(f);
        return -1;
    }
    snprintf(f->path, sizeof f->path, "%s/settings.json", f->dir);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    int rc = system(cmd);
    free(f);
    return rc == 0 ? 0 : -1;
}

static char *slurp(const char *path)
{
    static char buf[256];
    FILE *fp = fopen(path, "r");
    if (!fp) {
        return NULL;
    }
    size_t n = fread(buf, 1, sizeof buf - 1, fp);
    fclose(fp);
    buf[n] = '\0';
    return buf;
}

static size_t entries(const char *dir)
{
    size_t count = 0;
    DIR *d = opendir(dir);
    for (struct dirent *e; d && (e = readdir(d)) != NULL;) {
        count += e->d_name[0] != '.';
    }
    if (d) {
        closedir(d);
    }
    return count;
}

static void test_writes_whole_file_0600(void **state)
{
    fixture *f = *state;
    struct stat st;
    isync_error err;
    assert_int_equal(isync_write_file(f->path, "Łódź 東京", strlen("Łódź 東京"), 1, &err), ISYNC_OK);
    assert_string_equal(slurp(f->path), "Łódź 東京");
    assert_int_equal(stat(f->path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    assert_int_equal(entries(f->dir), 1); /* no temporary file left */
}

static void test_replaces_existing_file(void **state)
{
    fixture *f = *state;
    isync_error err;
    assert_int_equal(isync_write_file(f->path, "old and longer", 14, 0, &err), ISYNC_OK);
    assert_int_equal(isync_write_file(f->path, "new", 3, 1, &err), ISYNC_OK);
    assert_string_equal(slurp(f->path), "new");
    assert_int_equal(entries(f->dir), 1);
}

static void test_missing_directory_is_an_error_value(void **state)
{
    fixture *f = *state;
    char path[160];
    isync_error err;
    snprintf(path, sizeof path, "%s/missing/x.json", f->dir);
    assert_int_equal(isync_write_file(path, "x", 1, 1, &err), ISYNC_ERR_IO);
    assert_int_equal(err.status, ISYNC_ERR_IO);
    assert_int_equal(err.sys_errno, ENOENT);
    assert_int_equal(entries(f->dir), 0);
}

static void test_failed_rename_keeps_target_and_leaves_no_tmp(void **state)
{
    fixture *f = *state;
    char inside[160];
    isync_error err;
    /* the target is a directory that is not empty: rename(2) must fail */
    assert_int_equal(mkdir(f->path, 0700), 0);
    snprintf(inside, sizeof inside, "%s/keep", f->path);
    assert_int_equal(isync_write_file(inside, "kept", 4, 0, &err), ISYNC_OK);
    assert_int_equal(isync_write_file(f->path, "lost", 4, 1, &err), ISYNC_ERR_IO);
    assert_true(err.sys_errno != 0);
    assert_string_equal(slurp(inside), "kept");
    assert_int_equal(entries(f->dir), 1);
}

static void test_create_file_is_exclusive(void **state)
{
    fixture *f = *state;
    isync_error err;
    assert_int_equal(isync_create_file(f->path, "head ", 5, "body", 4, 1, &err), ISYNC_OK);
    assert_string_equal(slurp(f->path), "head body");
    assert_int_equal(isync_create_file(f->path, "", 0, "other", 5, 0, &err), ISYNC_ERR_IO);
    assert_int_equal(err.sys_errno, EEXIST);
    assert_string_equal(slurp(f->path), "head body");
}

static void test_json_file_round_trip(void **state)
{
    fixture *f = *state;
    isync_error err;
    json_t *value = json_pack("{s:s, s:i}", "city", "Kraków", "n", 3);
    assert_int_equal(isync_write_json_file(f->path, value, 1, &err), ISYNC_OK);
    json_t *back = json_load_file(f->path, 0, NULL);
    assert_non_null(back);
    assert_true(json_equal(value, back));
    json_decref(back);
    json_decref(value);
}

static void test_fsync_dir_reports_missing_directory(void **state)
{
    fixture *f = *state;
    char missing[160];
    isync_error err;
    snprintf(missing, sizeof missing, "%s/none", f->dir);
    assert_int_equal(isync_fsync_dir(f->dir, &err), ISYNC_OK);
    assert_int_equal(isync_fsync_dir(missing, &err), ISYNC_ERR_IO);
    assert_int_equal(err.sys_errno, ENOENT);
    assert_int_equal(isync_fsync_parent("no-directory", &err), ISYNC_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_writes_whole_file_0600, setup, teardown),
        cmocka_unit_test_setup_teardown(test_replaces_existing_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_directory_is_an_error_value, setup, teardown),
        cmocka_unit_test_setup_teardown(test_failed_rename_keeps_target_and_leaves_no_tmp, setup, teardown),
        cmocka_unit_test_setup_teardown(test_create_file_is_exclusive, setup, teardown),
        cmocka_unit_test_setup_teardown(test_json_file_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fsync_dir_reports_missing_directory, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
