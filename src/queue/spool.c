#include "queue/spool.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "base/atomic_file.h"
#include "base/clock.h"
#include "base/file_read.h"
#include "base/sha256.h"

#define MAGIC "ISYNC1"
/* A writer that has not renamed its tmp file within this time has died. */
#define TMP_ABANDONED_S 60

static const char *const state_dirs[ISYNC_STATE_COUNT] = {
    "ready", "active", "deferred", "dead", "corrupt", "done", "inbound", "held",
};

const char *isync_state_name(isync_state state)
{
    return (state >= 0 && state < ISYNC_STATE_COUNT) ? state_dirs[state] : "unknown";
}

char *isync_spool_path(const isync_spool *spool, const char *name)
{
    char *path = NULL;
    if (asprintf(&path, "%s/%s", spool->dir, name) < 0) {
        return NULL;
    }
    return path;
}

static int event_path(const isync_spool *spool, isync_state state, const char *id, char *out, size_t size)
{
    int n = snprintf(out, size, "%s/%s/%s", spool->dir, state_dirs[state], id);
    return n > 0 && (size_t)n < size;
}

int isync_id_valid(const char *id)
{
    size_t len = id ? strlen(id) : 0;
    if (len != ISYNC_ID_LEN || id[13] != '-') {
        return 0;
    }
    for (size_t i = 0; i < len; i++) {
        if (i != 13 && !((id[i] >= '0' && id[i] <= '9') || (id[i] >= 'a' && id[i] <= 'f'))) {
            return 0;
        }
    }
    return 1;
}

static isync_status make_dir(const char *path, isync_error *err)
{
    if (mkdir(path, 0700) == 0 || errno == EEXIST) {
        struct stat st;
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
            return ISYNC_OK;
        }
        errno = ENOTDIR;
    }
    return isync_fail(err, ISYNC_ERR_IO, errno, "spool directory %s: %s", path, strerror(errno));
}

/* mkdir -p for the spool root: admins name a path like /var/spool/infor_sync. */
static isync_status make_dirs(const char *path, isync_error *err)
{
    char buf[4096];
    size_t len = strlen(path);
    if (len == 0 || len >= sizeof buf) {
        return isync_fail(err, ISYNC_ERR_CONFIG, 0, "spool directory path \"%s\" is empty or too long", path);
    }
    memcpy(buf, path, len + 1);
    for (char *p = buf + 1; *p; p++) {
        if (*p == '/') {
            *p = '\0';
            if (mkdir(buf, 0700) != 0 && errno != EEXIST) {
                return isync_fail(err, ISYNC_ERR_IO, errno, "spool directory %s: %s", buf, strerror(errno));
            }
            *p = '/';
        }
    }
    return make_dir(buf, err);
}

isync_status isync_spool_open(isync_spool *spool, const char *dir, int durable, isync_error *err)
{
    static const char *const extra_dirs[] = {"tmp", "keys", "records", "orders", "payments"};
    char path[4096];

    memset(spool, 0, sizeof *spool);
    if (make_dirs(dir, err) != ISYNC_OK) {
        return err ? err->status : ISYNC_ERR_IO;
    }
    spool->dir = strdup(dir);
    spool->durable = durable;
    if (!spool->dir) {
        return isync_fail(err, ISYNC_ERR_NOMEM, 0, "out of memory");
    }
    size_t extra = sizeof extra_dirs / sizeof extra_dirs[0];
    for (size_t i = 0; i < ISYNC_STATE_COUNT + extra; i++) {
        const char *name = i < ISYNC_STATE_COUNT ? state_dirs[i] : extra_dirs[i - ISYNC_STATE_COUNT];
        snprintf(path, sizeof path, "%s/%s", dir, name);
        isync_status st = make_dir(path, err);
        if (st != ISYNC_OK) {
            isync_spool_close(spool);
            return st;
        }
    }
    return ISYNC_OK;
}

void isync_spool_close(isync_spool *spool)
{
    free(spool->dir);
    spool->dir = NULL;
}

/* Microseconds since the epoch, strictly increasing within the process: two
 * events enqueued one after the other sort in that order. */
static unsigned long long id_time_us(void)
{
    static _Atomic unsigned long long last_us;
    unsigned long long now = (unsigned long long)isync_now_us();
    unsigned long long seen = atomic_load(&last_us);
    unsigned long long next;
    do {
        next = now > seen ? now : seen + 1;
    } while (!atomic_compare_exchange_weak(&last_us, &seen, next));
    return next;
}

/* The random part of ids, taken from the kernel 255 bytes at a time (one
 * getrandom() per 51 ids; a system call is dear in a VM). Per thread; a
 * forked child never uses what its parent had left: the generation changes
 * in the child, and a pool of an older generation is drawn again. */
static _Atomic unsigned fork_generation;
static pthread_once_t fork_handler_once = PTHREAD_ONCE_INIT;

static void child_after_fork(void)
{
    atomic_fetch_add(&fork_generation, 1);
}

static void add_fork_handler(void)
{
    pthread_atfork(NULL, NULL, child_after_fork);
}

static __thread struct {
    unsigned char bytes[255];
    size_t used;
    unsigned generation;
} random_pool = {.used = sizeof random_pool.bytes};

static int random_bytes(unsigned char *out, size_t len)
{
    pthread_once(&fork_handler_once, add_fork_handler);
    unsigned generation = atomic_load(&fork_generation);
    if (random_pool.generation != generation || random_pool.used + len > sizeof random_pool.bytes) {
        if (getrandom(random_pool.bytes, sizeof random_pool.bytes, 0) != (ssize_t)sizeof random_pool.bytes) {
            return 0;
        }
        random_pool.used = 0;
        random_pool.generation = generation;
    }
    memcpy(out, random_pool.bytes + random_pool.used, len);
    random_pool.used += len;
    return 1;
}

isync_status isync_spool_new_id(char id[ISYNC_ID_SIZE], isync_error *err)
{
    unsigned char rnd[5];
    unsigned long long us = id_time_us();

    if (!random_bytes(rnd, sizeof rnd)) {
        return isync_fail(err, ISYNC_ERR_IO, errno, "getrandom: %s", strerror(errno));
    }
    snprintf(id, ISYNC_ID_SIZE, "%013llx-%02x%02x%02x%02x%02x", us & 0xfffffffffffffULL, rnd[0], rnd[1], rnd[2], rnd[3],
             rnd[4]);
    return ISYNC_OK;
}

long long isync_spool_id_us(const char *id)
{
    char digits[14];
    snprintf(digits, sizeof digits, "%.13s", id);
    return strtoll(digits, NULL, 16);
}

/* Reads the id from an event file's header line. */
static isync_status read_header_id(const char *path, char id[ISYNC_ID_SIZE], isync_error *err)
{
    char head[128];
    struct stat st;
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        return isync_fail(err, ISYNC_ERR_IO, errno, "spool: cannot open %s: %s", path, strerror(errno));
    }
    ssize_t n = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? read(fd, head, sizeof head - 1) : -1;
    close(fd);
    if (n < (ssize_t)(sizeof MAGIC + ISYNC_ID_LEN)) {
        return isync_fail(err, ISYNC_ERR_CORRUPT, 0, "spool: %s has no valid header", path);
    }
    head[n] = '\0';
    memcpy(id, head + sizeof MAGIC, ISYNC_ID_LEN);
    id[ISYNC_ID_LEN] = '\0';
    if (strncmp(head, MAGIC " ", sizeof MAGIC) != 0 || !isync_id_valid(id)) {
        return isync_fail(err, ISYNC_ERR_CORRUPT, 0, "spool: %s has no valid header", path);
    }
    return ISYNC_OK;
}

static void key_path(const isync_spool *spool, const char *key, char *out, size_t size)
{
    char hex[ISYNC_SHA256_HEX_SIZE];
    isync_sha256_hex(key, strlen(key), hex);
    snprintf(out, size, "%s/keys/%s", spool->dir, hex);
}

/* Writes tmp/<id>, then makes it visible in `state` (ready/ or inbound/). */
static isync_status put_into(const isync_spool *spool, isync_state state, const char *id, const char *body,
                             size_t body_len, const char *idempotency_key, char existing_id[ISYNC_ID_SIZE],
                             isync_error *err)
{
    char tmp[4096], ready[4096], key[4096], sum[ISYNC_SHA256_HEX_SIZE], head[160];
    isync_status st;

    if (!isync_id_valid(id)) {
        return isync_fail(err, ISYNC_ERR_INVALID, 0, "spool: invalid event id");
    }
    snprintf(tmp, sizeof tmp, "%s/tmp/%s", spool->dir, id);
    event_path(spool, state, id, ready, sizeof ready);
    isync_sha256_hex(body, body_len, sum);
    int head_len = snprintf(head, sizeof head, MAGIC " %s %s %zu\n", id, sum, body_len);

    st = isync_create_file(tmp, head, (size_t)head_len, body, body_len, spool->durable, err);
    if (st != ISYNC_OK) {
        return st;
    }
    if (idempotency_key) {
        /* link() is the atomic "first writer wins" across processes; the key
         * file is the event itself, so it also tells a later caller the id. */
        key_path(spool, idempotency_key, key, sizeof key);
        if (link(tmp, key) != 0) {
            int saved = errno;
            unlink(tmp);
            if (saved == EEXIST) {
                st = read_header_id(key, existing_id, err);
                return st == ISYNC_OK ? ISYNC_ERR_EXISTS : st;
            }
            return isync_fail(err, ISYNC_ERR_IO, saved, "spool: cannot record idempotency key in %s/keys: %s",
                              spool->dir, strerror(saved));
        }
        if (spool->durable && (st = isync_fsync_parent(key, err)) != ISYNC_OK) {
            return st;
        }
    }
    if (rename(tmp, ready) != 0) {
        int saved = errno;
        unlink(tmp);
        return isync_fail(err, ISYNC_ERR_IO, saved, "spool: cannot rename into %s/%s: %s", spool->dir,
                          state_dirs[state], strerror(saved));
    }
    return spool->durable ? isync_fsync_parent(ready, err) : ISYNC_OK;
}

isync_status isync_spool_put(const isync_spool *spool, const char *id, const char *body, size_t body_len,
                             const char *idempotency_key, char existing_id[ISYNC_ID_SIZE], isync_error *err)
{
    return put_into(spool, ISYNC_STATE_READY, id, body, body_len, idempotency_key, existing_id, err);
}

isync_status isync_spool_put_inbound(const isync_spool *spool, const char *id, const char *body, size_t body_len,
                                     isync_error *err)
{
    return put_into(spool, ISYNC_STATE_INBOUND, id, body, body_len, NULL, NULL, err);
}

/* An event file or record: a regular file of at most ISYNC_SPOOL_MAX_FILE
 * bytes, else ISYNC_ERR_CORRUPT (a FIFO or a huge file is quarantined
 * without being read). */
static isync_status read_file(const char *path, char **data, size_t *len, isync_error *err)
{
    isync_error why;
    isync_status st = isync_read_regular_file(path, ISYNC_SPOOL_MAX_FILE, data, len, &why);
    if (st == ISYNC_OK) {
        return ISYNC_OK;
    }
    return isync_fail(err, st == ISYNC_ERR_INVALID ? ISYNC_ERR_CORRUPT : st, why.sys_errno, "spool: %s", why.message);
}

isync_status isync_spool_read(const isync_spool *spool, isync_state state, const char *id, char **body,
                              size_t *body_len, isync_error *err)
{
    char path[4096], file_id[ISYNC_ID_SIZE], sum[ISYNC_SHA256_HEX_SIZE], want_sum[ISYNC_SHA256_HEX_SIZE];
    char *data = NULL;
    size_t len = 0, want_len = 0;
    int header_len = 0;

    *body = NULL;
    *body_len = 0;
    event_path(spool, state, id, path, sizeof path);
    isync_status st = read_file(path, &data, &len, err);
    if (st != ISYNC_OK) {
        return st;
    }
    if (sscanf(data, MAGIC " %24s %64s %zu\n%n", file_id, want_sum, &want_len, &header_len) != 3 || header_len == 0 ||
        data[header_len - 1] != '\n' || strcmp(file_id, id) != 0 || len - (size_t)header_len != want_len) {
        free(data);
        return isync_fail(err, ISYNC_ERR_CORRUPT, 0, "event %s: damaged header or truncated body", id);
    }
    isync_sha256_hex(data + header_len, want_len, sum);
    if (strcmp(sum, want_sum) != 0) {
        free(data);
        return isync_fail(err, ISYNC_ERR_CORRUPT, 0, "event %s: checksum mismatch", id);
    }
    memmove(data, data + header_len, want_len + 1);
    *body = data;
    *body_len = want_len;
    return ISYNC_OK;
}

static isync_status rename_event(const isync_spool *spool, const char *id, isync_state from, isync_state to, int sync,
                                 isync_error *err)
{
    char src[4096], dst[4096];
    event_path(spool, from, id, src, sizeof src);
    event_path(spool, to, id, dst, sizeof dst);
    if (rename(src, dst) != 0) {
        isync_status code = errno == ENOENT ? ISYNC_ERR_NOTFOUND : ISYNC_ERR_IO;
        return isync_fail(err, code, errno, "spool: cannot move event %s from %s to %s: %s", id, state_dirs[from],
                          state_dirs[to], strerror(errno));
    }
    return sync && spool->durable ? isync_fsync_parent(dst, err) : ISYNC_OK;
}

isync_status isync_spool_move(const isync_spool *spool, const char *id, isync_state from, isync_state to,
                              isync_error *err)
{
    return rename_event(spool, id, from, to, 1, err);
}

isync_status isync_spool_move_unsynced(const isync_spool *spool, const char *id, isync_state from, isync_state to,
                                       isync_error *err)
{
    return rename_event(spool, id, from, to, 0, err);
}

isync_status isync_spool_remove(const isync_spool *spool, isync_state state, const char *id, isync_error *err)
{
    char path[4096];
    event_path(spool, state, id, path, sizeof path);
    if (unlink(path) != 0) {
        isync_status code = errno == ENOENT ? ISYNC_ERR_NOTFOUND : ISYNC_ERR_IO;
        return isync_fail(err, code, errno, "spool: cannot remove %s: %s", path, strerror(errno));
    }
    return ISYNC_OK;
}

isync_status isync_spool_discard(const isync_spool *spool, isync_state state, const char *id, isync_error *err)
{
    isync_status st = isync_spool_remove(spool, state, id, err);
    if (st == ISYNC_OK) {
        isync_spool_record_remove(spool, id);
    }
    return st;
}

isync_status isync_spool_sync(const isync_spool *spool, isync_state state, isync_error *err)
{
    char path[4096];
    if (!spool->durable) {
        return ISYNC_OK;
    }
    snprintf(path, sizeof path, "%s/%s", spool->dir, state_dirs[state]);
    return isync_fsync_dir(path, err);
}

isync_status isync_spool_locate(const isync_spool *spool, const char *id, isync_state *state)
{
    char path[4096];
    if (!isync_id_valid(id)) {
        return ISYNC_ERR_NOTFOUND;
    }
    /* An event moving between two directories may be missed by one pass; a
     * second pass sees it in its new place. */
    for (int pass = 0; pass < 2; pass++) {
        for (int s = 0; s < ISYNC_STATE_COUNT; s++) {
            event_path(spool, (isync_state)s, id, path, sizeof path);
            if (access(path, F_OK) == 0) {
                *state = (isync_state)s;
                return ISYNC_OK;
            }
        }
    }
    return ISYNC_ERR_NOTFOUND;
}

static int compare_ids(const void *a, const void *b)
{
    return strcmp((const char *)a, (const char *)b);
}

isync_status isync_spool_list(const isync_spool *spool, isync_state state, size_t limit, char (**ids)[ISYNC_ID_SIZE],
                              size_t *count, isync_error *err)
{
    char path[4096];
    size_t used = 0, cap = 64;
    char(*list)[ISYNC_ID_SIZE] = malloc(cap * ISYNC_ID_SIZE);
    struct dirent *entry;

    *ids = NULL;
    *count = 0;
    snprintf(path, sizeof path, "%s/%s", spool->dir, state_dirs[state]);
    DIR *dir = opendir(path);
    if (!dir || !list) {
        int saved = errno;
        free(list);
        if (dir) {
            closedir(dir);
        }
        return isync_fail(err, ISYNC_ERR_IO, saved, "spool: cannot read %s: %s", path, strerror(saved));
    }
    while ((entry = readdir(dir)) != NULL) {
        if (!isync_id_valid(entry->d_name)) {
            continue;
        }
        if (used == cap) {
            void *bigger = realloc(list, cap * 2 * ISYNC_ID_SIZE);
            if (!bigger) {
                break;
            }
            list = bigger;
            cap *= 2;
        }
        memcpy(list[used++], entry->d_name, ISYNC_ID_SIZE);
    }
    closedir(dir);
    qsort(list, used, ISYNC_ID_SIZE, compare_ids);
    *ids = list;
    *count = (limit > 0 && used > limit) ? limit : used;
    return ISYNC_OK;
}

isync_status isync_spool_requeue(const isync_spool *spool, const char *id, isync_state from, json_t *record,
                                 isync_error *err)
{
    json_object_set_new(record, "state", json_string("ready"));
    isync_status st = isync_spool_record_save(spool, id, record, err);
    if (st == ISYNC_OK) {
        st = isync_spool_move(spool, id, from, ISYNC_STATE_READY, err);
    }
    return st;
}

isync_status isync_spool_summaries(const isync_spool *spool, isync_state state, size_t limit,
                                   isync_spool_summary_fn *summary, json_t **list, isync_error *err)
{
    char(*ids)[ISYNC_ID_SIZE] = NULL;
    size_t count = 0;
    *list = NULL;
    if (isync_spool_list(spool, state, limit, &ids, &count, err) != ISYNC_OK) {
        return err ? err->status : ISYNC_ERR_IO;
    }
    *list = json_array();
    for (size_t i = 0; i < count; i++) {
        json_array_append_new(*list, summary(spool, ids[i]));
    }
    free(ids);
    return ISYNC_OK;
}

json_t *isync_spool_envelope(const isync_spool *spool, isync_state state, const char *id, isync_error *err)
{
    char *body = NULL;
    size_t len = 0;
    if (isync_spool_read(spool, state, id, &body, &len, err) != ISYNC_OK) {
        return NULL;
    }
    json_t *envelope = json_loadb(body, len, 0, NULL);
    free(body);
    return envelope;
}

static isync_status check_dir(const char *path, isync_error *err)
{
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
        int saved = errno ? errno : ENOTDIR;
        return isync_fail(err, ISYNC_ERR_NOTFOUND, saved, "spool directory %s is gone: %s", path, strerror(saved));
    }
    if (access(path, W_OK) != 0) {
        return isync_fail(err, ISYNC_ERR_IO, errno, "spool directory %s cannot be written: %s", path, strerror(errno));
    }
    return ISYNC_OK;
}

isync_status isync_spool_check(const isync_spool *spool, isync_error *err)
{
    static const char *const needed[] = {"", "/ready", "/tmp", "/records"};
    char path[4096];
    struct statvfs fs;
    for (size_t i = 0; i < sizeof needed / sizeof needed[0]; i++) {
        snprintf(path, sizeof path, "%s%s", spool->dir, needed[i]);
        errno = 0;
        isync_status st = check_dir(path, err);
        if (st != ISYNC_OK) {
            return st;
        }
    }
    if (statvfs(spool->dir, &fs) != 0) {
        return ISYNC_OK; /* nothing known about space: say nothing */
    }
    unsigned long long free_bytes = (unsigned long long)fs.f_bavail * fs.f_frsize;
    if (free_bytes < ISYNC_SPOOL_MIN_FREE || (fs.f_files > 0 && fs.f_favail == 0)) {
        return isync_fail(err, ISYNC_ERR_IO, ENOSPC,
                          "the file system of spool %s is full: %llu bytes, %llu inodes free", spool->dir, free_bytes,
                          (unsigned long long)fs.f_favail);
    }
    return ISYNC_OK;
}

long isync_spool_count(const isync_spool *spool, isync_state state)
{
    char path[4096];
    long n = 0;
    struct dirent *entry;
    snprintf(path, sizeof path, "%s/%s", spool->dir, state_dirs[state]);
    DIR *dir = opendir(path);
    if (!dir) {
        return -1;
    }
    while ((entry = readdir(dir)) != NULL) {
        n += isync_id_valid(entry->d_name);
    }
    closedir(dir);
    return n;
}

static void record_path(const isync_spool *spool, const char *id, char *out, size_t size)
{
    snprintf(out, size, "%s/records/%s.json", spool->dir, id);
}

isync_status isync_spool_record_load(const isync_spool *spool, const char *id, json_t **record, isync_error *err)
{
    char path[4096], *text = NULL;
    size_t len = 0;
    json_error_t jerr;
    record_path(spool, id, path, sizeof path);
    isync_status st = read_file(path, &text, &len, err);
    *record = st == ISYNC_OK ? json_loadb(text, len, 0, &jerr) : NULL;
    free(text);
    if (*record && json_is_object(*record)) {
        return ISYNC_OK;
    }
    json_decref(*record);
    *record = json_object();
    if (st == ISYNC_ERR_NOTFOUND) {
        return ISYNC_OK;
    }
    /* A damaged record loses progress notes, never the event: start afresh. */
    return st == ISYNC_OK ? isync_fail(err, ISYNC_ERR_CORRUPT, 0, "record of event %s is unreadable: %s", id, jerr.text)
                          : isync_fail(err, ISYNC_ERR_CORRUPT, 0, "record of event %s is unreadable", id);
}

isync_status isync_spool_record_save(const isync_spool *spool, const char *id, json_t *record, isync_error *err)
{
    char path[4096];
    record_path(spool, id, path, sizeof path);
    return isync_write_json_file(path, record, spool->durable, err);
}

isync_status isync_spool_record_remove(const isync_spool *spool, const char *id)
{
    char path[4096];
    record_path(spool, id, path, sizeof path);
    return unlink(path) == 0 || errno == ENOENT ? ISYNC_OK : ISYNC_ERR_IO;
}

/* Calls fn for each plain entry of <dir>/<sub> with its lstat. */
static void for_each_entry(const isync_spool *spool, const char *sub,
                           void (*fn)(const isync_spool *, const char *path, const char *name, const struct stat *st,
                                      void *ctx),
                           void *ctx)
{
    char dir_path[4096], path[4400];
    struct dirent *entry;
    struct stat st;
    snprintf(dir_path, sizeof dir_path, "%s/%s", spool->dir, sub);
    DIR *dir = opendir(dir_path);
    if (!dir) {
        return;
    }
    while ((entry = readdir(dir)) != NULL) {
        if (entry->d_name[0] == '.') {
            continue;
        }
        snprintf(path, sizeof path, "%s/%s", dir_path, entry->d_name);
        if (lstat(path, &st) == 0 && S_ISREG(st.st_mode)) {
            fn(spool, path, entry->d_name, &st, ctx);
        }
    }
    closedir(dir);
}

static void recover_tmp(const isync_spool *spool, const char *path, const char *name, const struct stat *st, void *ctx)
{
    char ready[4096];
    long *recovered = ctx;
    if (time(NULL) - st->st_mtime < TMP_ABANDONED_S) {
        return; /* a writer may still be busy with it */
    }
    /* A file with a key link was committed by its key: the writer died
     * between linking the key and renaming. Deliver it. */
    if (isync_id_valid(name) && st->st_nlink > 1) {
        event_path(spool, ISYNC_STATE_READY, name, ready, sizeof ready);
        if (rename(path, ready) == 0) {
            (*recovered)++;
        }
        return;
    }
    unlink(path);
}

long isync_spool_recover(const isync_spool *spool, isync_error *err)
{
    char(*ids)[ISYNC_ID_SIZE] = NULL;
    size_t count = 0;
    long recovered = 0;

    if (isync_spool_list(spool, ISYNC_STATE_ACTIVE, 0, &ids, &count, err) != ISYNC_OK) {
        return -1;
    }
    for (size_t i = 0; i < count; i++) {
        if (isync_spool_move(spool, ids[i], ISYNC_STATE_ACTIVE, ISYNC_STATE_READY, err) == ISYNC_OK) {
            recovered++;
        }
    }
    free(ids);
    for_each_entry(spool, "tmp", recover_tmp, &recovered);
    return recovered;
}

struct prune_ctx {
    time_t cutoff;
};

static void prune_done(const isync_spool *spool, const char *path, const char *name, const struct stat *st, void *ctx)
{
    const struct prune_ctx *prune = ctx;
    /* rename() updates ctime: the time the event was delivered. */
    if (st->st_ctime < prune->cutoff && unlink(path) == 0 && isync_id_valid(name)) {
        isync_spool_record_remove(spool, name);
    }
}

static void prune_key(const isync_spool *spool, const char *path, const char *name, const struct stat *st, void *ctx)
{
    const struct prune_ctx *prune = ctx;
    (void)spool;
    (void)name;
    /* nlink 1: the event itself is gone from every state directory. */
    if (st->st_nlink == 1 && st->st_mtime < prune->cutoff) {
        unlink(path);
    }
}

void isync_spool_prune(const isync_spool *spool, long max_age_s)
{
    struct prune_ctx prune = {time(NULL) - max_age_s};
    long recovered = 0;
    for_each_entry(spool, "tmp", recover_tmp, &recovered);
    for_each_entry(spool, "done", prune_done, &prune);
    for_each_entry(spool, "keys", prune_key, &prune);
}
