/* The durable spool: event files, states, idempotency keys, recovery. */
#include "unit.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <openssl/evp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/clock.h"
#include "queue/spool.h"

typedef struct {
    char root[64]; /* mkdtemp folder, removed afterwards */
    char dir[128]; /* the spool inside it */
    isync_spool spool;
} fixture;

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    isync_error err;
    assert_non_null(f);
    snprintf(f->root, sizeof f->root, "/tmp/test_spool_XXXXXX");
    assert_non_null(mkdtemp(f->root));
    snprintf(f->dir, sizeof f->dir, "%s/spool", f->root);
    assert_int_equal(isync_spool_open(&f->spool, f->dir, 0, &err), ISYNC_OK);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    isync_spool_close(&f->spool);
    nftw(f->root, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    free(f);
    return 0;
}

static void path_of(const fixture *f, const char *sub, const char *name, char *out, size_t size)
{
    snprintf(out, size, "%s/%s/%s", f->dir, sub, name);
}

static int exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

static void write_file(const char *path, const char *data, size_t len)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, data, len), (ssize_t)len);
    close(fd);
}

/* The whole file; malloc'ed, NUL-terminated. */
static char *slurp(const char *path, size_t *len)
{
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    char *data = malloc((size_t)st.st_size + 1);
    assert_non_null(data);
    int fd = open(path, O_RDONLY);
    assert_true(fd >= 0);
    assert_int_equal(read(fd, data, (size_t)st.st_size), st.st_size);
    close(fd);
    data[st.st_size] = '\0';
    *len = (size_t)st.st_size;
    return data;
}

static void set_age(const char *path, time_t seconds_ago)
{
    struct timespec times[2];
    times[0].tv_sec = times[1].tv_sec = time(NULL) - seconds_ago;
    times[0].tv_nsec = times[1].tv_nsec = 0;
    assert_int_equal(utimensat(AT_FDCWD, path, times, AT_SYMLINK_NOFOLLOW), 0);
}

static void new_id(char id[ISYNC_ID_SIZE])
{
    isync_error err;
    assert_int_equal(isync_spool_new_id(id, &err), ISYNC_OK);
    assert_true(isync_id_valid(id));
}

/* Puts an event with a fresh id into ready/. */
static void put_event(fixture *f, const char *body, const char *key, char id[ISYNC_ID_SIZE])
{
    char existing[ISYNC_ID_SIZE];
    isync_error err;
    new_id(id);
    assert_int_equal(isync_spool_put(&f->spool, id, body, strlen(body), key, existing, &err), ISYNC_OK);
}

/* keys/<sha256 hex of the key> */
static void key_file(const fixture *f, const char *key, char *out, size_t size)
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int md_len = 0;
    char hex[65];
    EVP_Digest(key, strlen(key), md, &md_len, EVP_sha256(), NULL);
    for (unsigned i = 0; i < 32; i++) {
        snprintf(hex + 2 * i, 3, "%02x", md[i]);
    }
    path_of(f, "keys", hex, out, size);
}

static size_t count_entries(const fixture *f, const char *sub)
{
    char path[256];
    size_t n = 0;
    snprintf(path, sizeof path, "%s/%s", f->dir, sub);
    DIR *dir = opendir(path);
    assert_non_null(dir);
    for (struct dirent *e; (e = readdir(dir)) != NULL;) {
        n += e->d_name[0] != '.';
    }
    closedir(dir);
    return n;
}

static void test_put_read_round_trip(void **state)
{
    fixture *f = *state;
    char id[ISYNC_ID_SIZE], *body = NULL;
    size_t len = 0;
    isync_error err;
    const char text[] = "{\"v\":1,\"payload\":{\"name\":\"M\xc3\xbcller\"}}";

    put_event(f, text, NULL, id);
    assert_int_equal(isync_spool_read(&f->spool, ISYNC_STATE_READY, id, &body, &len, &err), ISYNC_OK);
    assert_int_equal(len, strlen(text));
    assert_memory_equal(body, text, len);
    assert_int_equal(body[len], '\0');
    free(body);

    /* not in another state */
    assert_int_equal(isync_spool_read(&f->spool, ISYNC_STATE_DONE, id, &body, &len, &err), ISYNC_ERR_NOTFOUND);
    assert_null(body);
    /* nothing left behind in tmp/ */
    assert_int_equal(count_entries(f, "tmp"), 0);
}

static void test_put_rejects_invalid_id(void **state)
{
    fixture *f = *state;
    char existing[ISYNC_ID_SIZE];
    isync_error err;
    assert_int_equal(isync_spool_put(&f->spool, "../../etc/passwd", "x", 1, NULL, existing, &err), ISYNC_ERR_INVALID);
    assert_false(isync_id_valid("0000000000000-ABCDEF0123")); /* upper case */
    assert_false(isync_id_valid("0000000000000_abcdef0123"));
    assert_false(isync_id_valid("0000000000000-abcdef012"));
    assert_false(isync_id_valid(NULL));
    assert_true(isync_id_valid("0190a1b2c3d4e-abcdef0123"));
}

static void test_file_mode_and_header(void **state)
{
    fixture *f = *state;
    char id[ISYNC_ID_SIZE], path[256], expected[256], hex[65];
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int md_len = 0;
    struct stat st;
    size_t len;
    const char *body = "{\"hello\":\"world\"}";

    put_event(f, body, NULL, id);
    path_of(f, "ready", id, path, sizeof path);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0600);

    EVP_Digest(body, strlen(body), md, &md_len, EVP_sha256(), NULL);
    assert_int_equal(md_len, 32);
    for (unsigned i = 0; i < md_len; i++) {
        snprintf(hex + 2 * i, 3, "%02x", md[i]);
    }
    snprintf(expected, sizeof expected, "ISYNC1 %s %s %zu\n%s", id, hex, strlen(body), body);
    char *data = slurp(path, &len);
    assert_string_equal(data, expected);
    free(data);

    /* the spool's own directories are private too */
    snprintf(path, sizeof path, "%s/ready", f->dir);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0700);
}

static void test_ids_sort_by_creation_time(void **state)
{
    (void)state;
    char ids[50][ISYNC_ID_SIZE];
    for (int i = 0; i < 50; i++) {
        new_id(ids[i]); /* back to back: many within one microsecond or millisecond */
    }
    /* every id sorts after the ones made before it in this process */
    for (int i = 1; i < 50; i++) {
        assert_true(strcmp(ids[i - 1], ids[i]) < 0);
    }
    /* the prefix is the time in microseconds */
    char id[ISYNC_ID_SIZE];
    new_id(id);
    unsigned long long us = strtoull(id, NULL, 16);
    unsigned long long now = (unsigned long long)time(NULL) * 1000000ULL;
    assert_true(us + 5000000 >= now && us <= now + 5000000);
    assert_int_equal(isync_spool_id_us(id), (long long)us);
}

/* The random parts (after the '-') of count new ids. */
static void random_parts(char parts[][11], int count)
{
    char id[ISYNC_ID_SIZE];
    for (int i = 0; i < count; i++) {
        new_id(id);
        memcpy(parts[i], strchr(id, '-') + 1, 11);
    }
}

/* The random parts come from a pool drawn per thread: a forked child must
 * not take the same bytes as its parent (two processes, one spool). */
static void test_forked_child_draws_its_own_random_parts(void **state)
{
    (void)state;
    char parent[60][11], child[60][11];
    int pipe_fds[2];
    random_parts(parent, 3); /* the pool is drawn, most of it left */
    assert_int_equal(pipe(pipe_fds), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        random_parts(child, 60);
        _exit(write(pipe_fds[1], child, sizeof child) == (ssize_t)sizeof child ? 0 : 1);
    }
    random_parts(parent, 60);
    close(pipe_fds[1]);
    size_t got = 0;
    ssize_t n;
    while (got < sizeof child && (n = read(pipe_fds[0], (char *)child + got, sizeof child - got)) > 0) {
        got += (size_t)n;
    }
    close(pipe_fds[0]);
    int status = -1;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    assert_int_equal(got, sizeof child);
    int same = 0;
    for (int i = 0; i < 60; i++) {
        for (int j = 0; j < 60; j++) {
            same += memcmp(parent[i], child[j], 10) == 0;
        }
    }
    assert_int_equal(same, 0); /* 40 random bits each: a chance collision is one in 10^8 */
}

static void test_idempotency_key(void **state)
{
    fixture *f = *state;
    char first[ISYNC_ID_SIZE], second[ISYNC_ID_SIZE], other[ISYNC_ID_SIZE], existing[ISYNC_ID_SIZE];
    char path[256];
    isync_error err;

    put_event(f, "{\"n\":1}", "order-1001", first);
    new_id(second);
    memset(existing, 0, sizeof existing);
    assert_int_equal(isync_spool_put(&f->spool, second, "{\"n\":2}", 7, "order-1001", existing, &err),
                     ISYNC_ERR_EXISTS);
    assert_string_equal(existing, first);
    path_of(f, "ready", second, path, sizeof path);
    assert_false(exists(path));
    assert_int_equal(isync_spool_count(&f->spool, ISYNC_STATE_READY), 1);
    assert_int_equal(count_entries(f, "tmp"), 0);
    assert_int_equal(count_entries(f, "keys"), 1);

    /* the first event is untouched */
    char *body = NULL;
    size_t len;
    assert_int_equal(isync_spool_read(&f->spool, ISYNC_STATE_READY, first, &body, &len, &err), ISYNC_OK);
    assert_string_equal(body, "{\"n\":1}");
    free(body);

    /* still found once the event has moved on (delivered) */
    assert_int_equal(isync_spool_move(&f->spool, first, ISYNC_STATE_READY, ISYNC_STATE_DONE, &err), ISYNC_OK);
    new_id(second);
    assert_int_equal(isync_spool_put(&f->spool, second, "{}", 2, "order-1001", existing, &err), ISYNC_ERR_EXISTS);
    assert_string_equal(existing, first);

    /* another key is another event */
    put_event(f, "{\"n\":3}", "order-1002", other);
    assert_string_not_equal(other, first);
    assert_int_equal(count_entries(f, "keys"), 2);
    assert_int_equal(isync_spool_count(&f->spool, ISYNC_STATE_READY), 1);
}

static void expect_corrupt(fixture *f, const char *id)
{
    char *body = (char *)"untouched";
    size_t len = 99;
    isync_error err;
    isync_error_clear(&err);
    assert_int_equal(isync_spool_read(&f->spool, ISYNC_STATE_READY, id, &body, &len, &err), ISYNC_ERR_CORRUPT);
    assert_null(body);
    assert_int_equal(len, 0);
    assert_int_equal(err.status, ISYNC_ERR_CORRUPT);
    assert_non_null(strstr(err.message, id));
}

static void test_corrupt_files(void **state)
{
    fixture *f = *state;
    char id[ISYNC_ID_SIZE], path[256];
    size_t len;
    const char *body = "{\"order_number\":\"1001\",\"total\":\"19.99\"}";

    /* one byte of the body flipped */
    put_event(f, body, NULL, id);
    path_of(f, "ready", id, path, sizeof path);
    char *data = slurp(path, &len);
    data[len - 3] ^= 0x01;
    write_file(path, data, len);
    expect_corrupt(f, id);

    /* truncated body */
    write_file(path, data, len - 5);
    expect_corrupt(f, id);

    /* body longer than the header says */
    data[len - 3] ^= 0x01;
    write_file(path, data, len);
    int fd = open(path, O_WRONLY | O_APPEND);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "xx", 2), 2);
    close(fd);
    expect_corrupt(f, id);
    free(data);

    /* garbage header, an empty file, a header cut in the middle, binary noise */
    write_file(path, "hello world\n{}", 14);
    expect_corrupt(f, id);
    write_file(path, "", 0);
    expect_corrupt(f, id);
    write_file(path, "ISYNC1 ", 7);
    expect_corrupt(f, id);
    write_file(path, "ISYNC1 0190a1b2c3d4e-abcdef0123 zz 99999999999999999999999\n", 59);
    expect_corrupt(f, id);
    static const char noise[] = {'I', 'S', 'Y', 'N', 'C', '1', ' ', 0, (char)0xff, 0, '\n', 1, 2};
    write_file(path, noise, sizeof noise);
    expect_corrupt(f, id);

    /* an intact event filed under another id */
    char other[ISYNC_ID_SIZE], other_path[256];
    put_event(f, body, NULL, other);
    path_of(f, "ready", other, other_path, sizeof other_path);
    data = slurp(other_path, &len);
    write_file(path, data, len);
    free(data);
    expect_corrupt(f, id);
}

static void test_move_between_states(void **state)
{
    fixture *f = *state;
    char id[ISYNC_ID_SIZE], *body = NULL;
    size_t len;
    isync_state where;
    isync_error err;

    put_event(f, "{}", NULL, id);
    assert_int_equal(isync_spool_locate(&f->spool, id, &where), ISYNC_OK);
    assert_int_equal(where, ISYNC_STATE_READY);

    const isync_state path[] = {ISYNC_STATE_ACTIVE, ISYNC_STATE_DEFERRED, ISYNC_STATE_DEAD,
                                ISYNC_STATE_READY,  ISYNC_STATE_ACTIVE,   ISYNC_STATE_DONE};
    isync_state from = ISYNC_STATE_READY;
    for (size_t i = 0; i < sizeof path / sizeof path[0]; i++) {
        assert_int_equal(isync_spool_move(&f->spool, id, from, path[i], &err), ISYNC_OK);
        assert_int_equal(isync_spool_locate(&f->spool, id, &where), ISYNC_OK);
        assert_int_equal(where, path[i]);
        assert_int_equal(isync_spool_count(&f->spool, from), 0);
        assert_int_equal(isync_spool_count(&f->spool, path[i]), 1);
        from = path[i];
    }
    assert_int_equal(isync_spool_read(&f->spool, ISYNC_STATE_DONE, id, &body, &len, &err), ISYNC_OK);
    assert_string_equal(body, "{}");
    free(body);

    /* moving from the wrong state */
    assert_int_equal(isync_spool_move(&f->spool, id, ISYNC_STATE_READY, ISYNC_STATE_ACTIVE, &err), ISYNC_ERR_NOTFOUND);
    assert_non_null(strstr(err.message, id));

    assert_int_equal(isync_spool_remove(&f->spool, ISYNC_STATE_DONE, id, &err), ISYNC_OK);
    assert_int_equal(isync_spool_locate(&f->spool, id, &where), ISYNC_ERR_NOTFOUND);
    assert_int_equal(isync_spool_remove(&f->spool, ISYNC_STATE_DONE, id, &err), ISYNC_ERR_NOTFOUND);
    assert_int_equal(isync_spool_locate(&f->spool, "not-an-id", &where), ISYNC_ERR_NOTFOUND);
    assert_string_equal(isync_state_name(ISYNC_STATE_DEAD), "dead");
    assert_string_equal(isync_state_name(ISYNC_STATE_COUNT), "unknown");
}

static void test_list_sorted_with_limit(void **state)
{
    fixture *f = *state;
    const char *ids[] = {"0190a1b2c3d4f-0000000003", "0190a1b2c3d4e-ffffffffff", "0190a1b2c3d50-0000000001",
                         "0190a1b2c3d4e-0000000002"};
    const char *sorted[] = {"0190a1b2c3d4e-0000000002", "0190a1b2c3d4e-ffffffffff", "0190a1b2c3d4f-0000000003",
                            "0190a1b2c3d50-0000000001"};
    char existing[ISYNC_ID_SIZE], path[256];
    char(*list)[ISYNC_ID_SIZE] = NULL;
    size_t count = 0;
    isync_error err;

    for (size_t i = 0; i < 4; i++) {
        assert_int_equal(isync_spool_put(&f->spool, ids[i], "{}", 2, NULL, existing, &err), ISYNC_OK);
    }
    /* files that are not events are ignored */
    path_of(f, "ready", "README", path, sizeof path);
    write_file(path, "x", 1);
    path_of(f, "ready", ".hidden", path, sizeof path);
    write_file(path, "x", 1);

    assert_int_equal(isync_spool_list(&f->spool, ISYNC_STATE_READY, 0, &list, &count, &err), ISYNC_OK);
    assert_int_equal(count, 4);
    for (size_t i = 0; i < 4; i++) {
        assert_string_equal(list[i], sorted[i]);
    }
    free(list);

    assert_int_equal(isync_spool_list(&f->spool, ISYNC_STATE_READY, 2, &list, &count, &err), ISYNC_OK);
    assert_int_equal(count, 2);
    assert_string_equal(list[0], sorted[0]);
    assert_string_equal(list[1], sorted[1]);
    free(list);

    assert_int_equal(isync_spool_list(&f->spool, ISYNC_STATE_DEAD, 10, &list, &count, &err), ISYNC_OK);
    assert_int_equal(count, 0);
    free(list);
}

static void test_list_many(void **state)
{
    fixture *f = *state;
    char(*list)[ISYNC_ID_SIZE] = NULL;
    size_t count = 0;
    isync_error err;
    for (int i = 0; i < 150; i++) { /* more than the first allocation */
        char id[ISYNC_ID_SIZE];
        put_event(f, "{}", NULL, id);
    }
    assert_int_equal(isync_spool_list(&f->spool, ISYNC_STATE_READY, 0, &list, &count, &err), ISYNC_OK);
    assert_int_equal(count, 150);
    for (size_t i = 1; i < count; i++) {
        assert_true(strcmp(list[i - 1], list[i]) < 0);
    }
    free(list);
}

static void test_count(void **state)
{
    fixture *f = *state;
    char id[ISYNC_ID_SIZE], path[256];
    isync_error err;
    for (int s = 0; s < ISYNC_STATE_COUNT; s++) {
        assert_int_equal(isync_spool_count(&f->spool, (isync_state)s), 0);
    }
    for (int i = 0; i < 3; i++) {
        put_event(f, "{}", NULL, id);
    }
    assert_int_equal(isync_spool_move(&f->spool, id, ISYNC_STATE_READY, ISYNC_STATE_DEAD, &err), ISYNC_OK);
    path_of(f, "ready", "notes.txt", path, sizeof path);
    write_file(path, "x", 1);
    assert_int_equal(isync_spool_count(&f->spool, ISYNC_STATE_READY), 2);
    assert_int_equal(isync_spool_count(&f->spool, ISYNC_STATE_DEAD), 1);
    assert_int_equal(isync_spool_count(&f->spool, ISYNC_STATE_DONE), 0);

    /* an unreadable state directory */
    snprintf(path, sizeof path, "%s/deferred", f->dir);
    assert_int_equal(rmdir(path), 0);
    assert_int_equal(isync_spool_count(&f->spool, ISYNC_STATE_DEFERRED), -1);
}

static void test_recover(void **state)
{
    fixture *f = *state;
    char held[ISYNC_ID_SIZE], committed[ISYNC_ID_SIZE], young_committed[ISYNC_ID_SIZE];
    char old_tmp[256], young_tmp[256], committed_tmp[256], young_committed_tmp[256], key[256], path[256];
    isync_error err;
    const char *event = "ISYNC1 x\n";

    /* an event a dead leader held */
    put_event(f, "{}", NULL, held);
    assert_int_equal(isync_spool_move(&f->spool, held, ISYNC_STATE_READY, ISYNC_STATE_ACTIVE, &err), ISYNC_OK);

    /* a writer died before linking its key: abandoned */
    path_of(f, "tmp", "0190a1b2c3d4e-0000000001", old_tmp, sizeof old_tmp);
    write_file(old_tmp, event, strlen(event));
    set_age(old_tmp, 120);
    /* a writer still busy */
    path_of(f, "tmp", "0190a1b2c3d4e-0000000002", young_tmp, sizeof young_tmp);
    write_file(young_tmp, event, strlen(event));
    set_age(young_tmp, 5);
    /* a writer died after linking the key, before the rename: committed */
    new_id(committed);
    path_of(f, "tmp", committed, committed_tmp, sizeof committed_tmp);
    write_file(committed_tmp, event, strlen(event));
    path_of(f, "keys", "0123456789abcdef", key, sizeof key);
    assert_int_equal(link(committed_tmp, key), 0);
    set_age(committed_tmp, 120);
    /* the same, but young: the writer may still rename it itself */
    new_id(young_committed);
    path_of(f, "tmp", young_committed, young_committed_tmp, sizeof young_committed_tmp);
    write_file(young_committed_tmp, event, strlen(event));
    path_of(f, "keys", "fedcba9876543210", key, sizeof key);
    assert_int_equal(link(young_committed_tmp, key), 0);

    assert_int_equal(isync_spool_recover(&f->spool, &err), 2);

    assert_int_equal(isync_spool_count(&f->spool, ISYNC_STATE_ACTIVE), 0);
    path_of(f, "ready", held, path, sizeof path);
    assert_true(exists(path));
    path_of(f, "ready", committed, path, sizeof path);
    assert_true(exists(path));
    assert_false(exists(committed_tmp));
    assert_false(exists(old_tmp));
    assert_true(exists(young_tmp));
    assert_true(exists(young_committed_tmp));
    assert_int_equal(isync_spool_count(&f->spool, ISYNC_STATE_READY), 2);

    /* nothing more to do the second time */
    assert_int_equal(isync_spool_recover(&f->spool, &err), 0);
}

static void test_prune(void **state)
{
    fixture *f = *state;
    char delivered[ISYNC_ID_SIZE], waiting[ISYNC_ID_SIZE], gone[ISYNC_ID_SIZE], fresh[ISYNC_ID_SIZE];
    char path[256], record[256];
    isync_error err;
    json_t *rec = json_pack("{s:s}", "infor_order", "1000123");

    put_event(f, "{}", NULL, delivered);
    assert_int_equal(isync_spool_move(&f->spool, delivered, ISYNC_STATE_READY, ISYNC_STATE_DONE, &err), ISYNC_OK);
    assert_int_equal(isync_spool_record_save(&f->spool, delivered, rec, &err), ISYNC_OK);
    json_decref(rec);
    put_event(f, "{}", "key-waiting", waiting); /* key of a live event */
    put_event(f, "{}", "key-gone", gone); /* key whose event is gone */
    assert_int_equal(isync_spool_remove(&f->spool, ISYNC_STATE_READY, gone, &err), ISYNC_OK);
    put_event(f, "{}", "key-fresh", fresh); /* same, but recent */
    assert_int_equal(isync_spool_remove(&f->spool, ISYNC_STATE_READY, fresh, &err), ISYNC_OK);

    /* the keys are two hours old, except key-fresh */
    const char *keys[] = {"key-waiting", "key-gone", "key-fresh"};
    for (size_t i = 0; i < 3; i++) {
        key_file(f, keys[i], path, sizeof path);
        assert_true(exists(path));
        set_age(path, i == 2 ? 10 : 7200);
    }
    assert_int_equal(count_entries(f, "keys"), 3);

    /* recent enough: everything stays (done/ is judged by ctime, i.e. now) */
    isync_spool_prune(&f->spool, 100000);
    assert_int_equal(isync_spool_count(&f->spool, ISYNC_STATE_DONE), 1);
    assert_int_equal(count_entries(f, "keys"), 3);

    /* keys older than an hour whose event is gone go; live ones stay */
    isync_spool_prune(&f->spool, 3600);
    assert_int_equal(count_entries(f, "keys"), 2);
    key_file(f, "key-gone", path, sizeof path);
    assert_false(exists(path));
    assert_int_equal(isync_spool_count(&f->spool, ISYNC_STATE_DONE), 1);
    char existing[ISYNC_ID_SIZE], again[ISYNC_ID_SIZE];
    new_id(again);
    assert_int_equal(isync_spool_put(&f->spool, again, "{}", 2, "key-waiting", existing, &err), ISYNC_ERR_EXISTS);
    assert_string_equal(existing, waiting);

    /* once the delivery is older than max_age, the event and its record go */
    sleep(2);
    isync_spool_prune(&f->spool, 1);
    assert_int_equal(isync_spool_count(&f->spool, ISYNC_STATE_DONE), 0);
    snprintf(record, sizeof record, "%s/records/%s.json", f->dir, delivered);
    assert_false(exists(record));
    assert_int_equal(isync_spool_count(&f->spool, ISYNC_STATE_READY), 1);
}

static void test_record_round_trip(void **state)
{
    fixture *f = *state;
    char id[ISYNC_ID_SIZE], path[256];
    json_t *record = NULL;
    isync_error err;
    struct stat st;

    put_event(f, "{}", NULL, id);
    /* no record yet: an empty object */
    assert_int_equal(isync_spool_record_load(&f->spool, id, &record, &err), ISYNC_OK);
    assert_true(json_is_object(record));
    assert_int_equal(json_object_size(record), 0);
    json_decref(record);

    json_t *saved = json_pack("{s:i, s:s, s:{s:s}}", "attempts", 3, "last_error", "HTTP 503", "progress", "order",
                              "1000123");
    assert_int_equal(isync_spool_record_save(&f->spool, id, saved, &err), ISYNC_OK);
    assert_int_equal(isync_spool_record_load(&f->spool, id, &record, &err), ISYNC_OK);
    assert_true(json_equal(record, saved));
    json_decref(record);

    /* replacing it */
    json_object_set_new(saved, "attempts", json_integer(4));
    assert_int_equal(isync_spool_record_save(&f->spool, id, saved, &err), ISYNC_OK);
    assert_int_equal(isync_spool_record_load(&f->spool, id, &record, &err), ISYNC_OK);
    assert_int_equal(json_integer_value(json_object_get(record, "attempts")), 4);
    json_decref(record);
    json_decref(saved);

    snprintf(path, sizeof path, "%s/records/%s.json", f->dir, id);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    assert_int_equal(count_entries(f, "records"), 1); /* no tmp files left */

    /* unreadable: CORRUPT, but still an empty object to start afresh with */
    write_file(path, "{\"attempts\": 3,", 15);
    isync_error_clear(&err);
    assert_int_equal(isync_spool_record_load(&f->spool, id, &record, &err), ISYNC_ERR_CORRUPT);
    assert_true(json_is_object(record));
    assert_int_equal(json_object_size(record), 0);
    assert_non_null(strstr(err.message, id));
    json_decref(record);

    /* valid JSON but not an object */
    write_file(path, "[1,2]", 5);
    assert_int_equal(isync_spool_record_load(&f->spool, id, &record, &err), ISYNC_ERR_CORRUPT);
    assert_true(json_is_object(record));
    assert_int_equal(json_object_size(record), 0);
    json_decref(record);

    assert_int_equal(isync_spool_record_remove(&f->spool, id), ISYNC_OK);
    assert_false(exists(path));
    assert_int_equal(isync_spool_record_remove(&f->spool, id), ISYNC_OK);
}

static void test_open_below_a_file(void **state)
{
    fixture *f = *state;
    char file[256], dir[300];
    isync_spool spool;
    isync_error err;

    snprintf(file, sizeof file, "%s/plain-file", f->root);
    write_file(file, "x", 1);

    /* the spool path is the file itself */
    isync_error_clear(&err);
    assert_int_equal(isync_spool_open(&spool, file, 0, &err), ISYNC_ERR_IO);
    assert_int_equal(err.sys_errno, ENOTDIR);
    assert_non_null(strstr(err.message, file));
    assert_non_null(strstr(err.message, strerror(ENOTDIR)));
    assert_null(spool.dir);

    /* below it */
    snprintf(dir, sizeof dir, "%s/spool", file);
    isync_error_clear(&err);
    assert_int_equal(isync_spool_open(&spool, dir, 0, &err), ISYNC_ERR_IO);
    assert_int_equal(err.sys_errno, ENOTDIR);
    assert_non_null(strstr(err.message, dir));

    /* deeper below it: names the first directory that cannot be made */
    snprintf(dir, sizeof dir, "%s/a/b/c", file);
    isync_error_clear(&err);
    assert_int_equal(isync_spool_open(&spool, dir, 0, &err), ISYNC_ERR_IO);
    assert_int_equal(err.sys_errno, ENOTDIR);
    assert_non_null(strstr(err.message, file));
}

static void test_open_creates_parents_and_reopens(void **state)
{
    fixture *f = *state;
    char dir[256], sub[300];
    isync_spool spool;
    isync_error err;
    struct stat st;

    snprintf(dir, sizeof dir, "%s/var/spool/infor_sync", f->root);
    assert_int_equal(isync_spool_open(&spool, dir, 1, &err), ISYNC_OK);
    assert_string_equal(spool.dir, dir);
    assert_int_equal(spool.durable, 1);
    const char *subs[] = {"tmp", "ready", "active", "deferred", "dead", "corrupt", "done", "keys", "records"};
    for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++) {
        snprintf(sub, sizeof sub, "%s/%s", dir, subs[i]);
        assert_int_equal(stat(sub, &st), 0);
        assert_true(S_ISDIR(st.st_mode));
    }
    /* durable put works and reopening an existing spool is fine */
    char id[ISYNC_ID_SIZE], existing[ISYNC_ID_SIZE];
    new_id(id);
    assert_int_equal(isync_spool_put(&spool, id, "{}", 2, "k", existing, &err), ISYNC_OK);
    isync_spool_close(&spool);
    assert_null(spool.dir);
    assert_int_equal(isync_spool_open(&spool, dir, 1, &err), ISYNC_OK);
    assert_int_equal(isync_spool_count(&spool, ISYNC_STATE_READY), 1);
    isync_spool_close(&spool);
}

static void test_open_without_permission(void **state)
{
    fixture *f = *state;
    char locked[256], dir[300];
    isync_spool spool;
    isync_error err;

    if (geteuid() == 0) {
        skip(); /* root may write anywhere */
    }
    snprintf(locked, sizeof locked, "%s/locked", f->root);
    assert_int_equal(mkdir(locked, 0500), 0);
    snprintf(dir, sizeof dir, "%s/spool", locked);
    isync_error_clear(&err);
    isync_status st = isync_spool_open(&spool, dir, 0, &err);
    chmod(locked, 0700);
    assert_int_equal(st, ISYNC_ERR_IO);
    assert_int_equal(err.sys_errno, EACCES);
    assert_non_null(strstr(err.message, dir));
    assert_non_null(strstr(err.message, strerror(EACCES)));
}

/* A reader blocked on a FIFO fails the test instead of hanging the suite. */
static void blocked(int sig)
{
    (void)sig;
    fail_msg("the read blocked");
}

static isync_status read_with_alarm(fixture *f, const char *id, isync_error *err)
{
    char *body = NULL;
    size_t len = 0;
    signal(SIGALRM, blocked);
    alarm(3);
    isync_status st = isync_spool_read(&f->spool, ISYNC_STATE_READY, id, &body, &len, err);
    alarm(0);
    free(body);
    return st;
}

static void test_fifo_in_ready_is_corrupt_at_once(void **state)
{
    fixture *f = *state;
    char path[512];
    isync_error err;
    const char *id = "0000000000001-00000000aa";
    path_of(f, "ready", id, path, sizeof path);
    assert_int_equal(mkfifo(path, 0600), 0);
    assert_int_equal(read_with_alarm(f, id, &err), ISYNC_ERR_CORRUPT);
    assert_non_null(strstr(err.message, "not a regular file"));
}

static void test_huge_file_in_ready_is_corrupt_unread(void **state)
{
    fixture *f = *state;
    char path[512];
    isync_error err;
    const char *id = "0000000000001-00000000bb";
    path_of(f, "ready", id, path, sizeof path);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
    assert_true(fd >= 0);
    assert_int_equal(ftruncate(fd, 300LL << 20), 0); /* sparse: 300 MB, no disk */
    close(fd);
    long long start = isync_now_ms();
    assert_int_equal(read_with_alarm(f, id, &err), ISYNC_ERR_CORRUPT);
    assert_non_null(strstr(err.message, "314572800 bytes, more than the 16777216 allowed"));
    assert_true(isync_now_ms() - start < 1000); /* open and fstat only; it read 300 MB before */
}

static void test_fifo_as_record_does_not_block(void **state)
{
    fixture *f = *state;
    char path[512];
    isync_error err;
    json_t *record = NULL;
    const char *id = "0000000000001-00000000cc";
    snprintf(path, sizeof path, "%s/records/%s.json", f->dir, id);
    assert_int_equal(mkfifo(path, 0600), 0);
    signal(SIGALRM, blocked);
    alarm(3);
    assert_int_equal(isync_spool_record_load(&f->spool, id, &record, &err), ISYNC_ERR_CORRUPT);
    alarm(0);
    assert_int_equal(json_object_size(record), 0);
    json_decref(record);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_put_read_round_trip),
        T(test_put_rejects_invalid_id),
        T(test_file_mode_and_header),
        cmocka_unit_test(test_ids_sort_by_creation_time),
        cmocka_unit_test(test_forked_child_draws_its_own_random_parts),
        T(test_idempotency_key),
        T(test_corrupt_files),
        T(test_move_between_states),
        T(test_list_sorted_with_limit),
        T(test_list_many),
        T(test_count),
        T(test_recover),
        T(test_prune),
        T(test_record_round_trip),
        T(test_open_below_a_file),
        T(test_open_creates_parents_and_reopens),
        T(test_open_without_permission),
        T(test_fifo_in_ready_is_corrupt_at_once),
        T(test_huge_file_in_ready_is_corrupt_unread),
        T(test_fifo_as_record_does_not_block),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
