#include "connectors/xref.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/atomic_file.h"
#include "base/clock.h"
#include "base/log.h"
#include "base/sha256.h"
#include "queue/event.h"

#define LIVE "customers" /* the symlink naming the live generation */
#define OLD_DOCUMENT "customers.json"
#define MIGRATED "customers.json.migrated"
#define REPLACE_LOCK "replace.lock"
#define GEN_PREFIX "gen-"
#define GEN_SIZE 64
#define KEY_SIZE 256
#define PATH_SIZE (PATH_MAX + 160)
#define RECORD_TRIES 10 /* a record that saw this many replaces in a row gives up */
#define REPLACE_WAIT_MS 60000 /* the longest wait for another replace */
#define EVERY_ENTRY (-1LL) /* a since_ms that carries over every entry */

/* The two maps: the folder of a generation and the field naming the key in an entry. */
typedef struct {
    const char *folder;
    const char *field;
} key_kind;

static const key_kind PROFILES = {"profiles", "profile_id"};
static const key_kind EMAILS = {"emails", "email"};

void isync_xref_init(isync_xref *xref, const char *spool_dir, int durable)
{
    snprintf(xref->dir, sizeof xref->dir, "%s/xref", spool_dir);
    xref->durable = durable;
    atomic_init(&xref->checked, 0);
}

void isync_xref_free(isync_xref *xref)
{
    (void)xref;
}

void isync_email_key(const char *email, char *out, size_t size)
{
    size_t used = 0;
    while (*email && isspace((unsigned char)*email)) {
        email++;
    }
    for (; *email && used + 1 < size; email++) {
        out[used++] = (char)tolower((unsigned char)*email);
    }
    while (used > 0 && isspace((unsigned char)out[used - 1])) {
        used--;
    }
    out[used] = '\0';
}

static int present(const char *text)
{
    return text && *text;
}

/* ---- entries ---- */

/* <xref>/<gen>/<folder>/<first 32 hex digits of SHA-256(key)>.json; gen
 * LIVE reads through the symlink. */
static isync_status entry_path(const isync_xref *xref, const char *gen, const key_kind *kind, const char *key,
                               char path[PATH_SIZE], isync_error *err)
{
    char hex[ISYNC_SHA256_HEX_SIZE];
    if (isync_sha256_hex(key, strlen(key), hex) != ISYNC_OK) {
        return isync_fail(err, ISYNC_ERR_NOMEM, 0, "customer index: cannot hash a key");
    }
    hex[32] = '\0';
    snprintf(path, PATH_SIZE, "%s/%s/%s/%s.json", xref->dir, gen, kind->folder, hex);
    return ISYNC_OK;
}

/* The CUNO of key in generation gen: ISYNC_OK, ISYNC_ERR_NOTFOUND (no
 * entry), ISYNC_ERR_CORRUPT (unreadable, another key, or too long). */
static isync_status read_entry(const isync_xref *xref, const char *gen, const key_kind *kind, const char *key,
                               char *cuno, size_t size, isync_error *err)
{
    char path[PATH_SIZE];
    isync_status st = entry_path(xref, gen, kind, key, path, err);
    if (st != ISYNC_OK) {
        return st;
    }
    json_t *entry = json_load_file(path, 0, NULL);
    if (!entry && access(path, F_OK) != 0) {
        return isync_fail(err, ISYNC_ERR_NOTFOUND, 0, "not in the customer index");
    }
    const char *stored = json_string_value(json_object_get(entry, kind->field));
    const char *value = json_string_value(json_object_get(entry, "cuno"));
    int whole = stored && strcmp(stored, key) == 0 && present(value) && strlen(value) < size;
    if (whole) {
        snprintf(cuno, size, "%s", value);
    }
    json_decref(entry);
    return whole ? ISYNC_OK
                 : isync_fail(err, ISYNC_ERR_CORRUPT, 0, "customer index entry %s is damaged", strrchr(path, '/') + 1);
}

/* The text of an entry, NULL when key or cuno is not UTF-8 (free() it). */
static char *entry_text(const key_kind *kind, const char *key, const char *cuno)
{
    json_t *entry = json_pack("{s:s, s:s}", kind->field, key, "cuno", cuno);
    char *text = entry ? json_dumps(entry, JSON_COMPACT) : NULL;
    json_decref(entry);
    return text;
}

/* key -> cuno in generation gen, replacing the entry atomically unless it says so already. */
static isync_status write_entry(const isync_xref *xref, const char *gen, const key_kind *kind, const char *key,
                                const char *cuno, isync_error *err)
{
    char path[PATH_SIZE], known[KEY_SIZE];
    if (read_entry(xref, gen, kind, key, known, sizeof known, NULL) == ISYNC_OK && strcmp(known, cuno) == 0) {
        return ISYNC_OK;
    }
    isync_status st = entry_path(xref, gen, kind, key, path, err);
    char *text = st == ISYNC_OK ? entry_text(kind, key, cuno) : NULL;
    if (st == ISYNC_OK && !text) {
        st = isync_fail(err, ISYNC_ERR_INVALID, 0, "customer index: a key or number is not UTF-8 text");
    }
    if (text) {
        st = isync_write_file(path, text, strlen(text), xref->durable, err);
    }
    free(text);
    return st;
}

/* ---- generations ---- */

/* The name of the live generation: ISYNC_ERR_NOTFOUND when there is none,
 * ISYNC_ERR_CORRUPT when the symlink names something else. */
static isync_status read_live(const isync_xref *xref, char gen[GEN_SIZE], isync_error *err)
{
    char path[PATH_SIZE];
    snprintf(path, sizeof path, "%s/" LIVE, xref->dir);
    ssize_t len = readlink(path, gen, GEN_SIZE - 1);
    if (len < 0) {
        return errno == ENOENT ? isync_fail(err, ISYNC_ERR_NOTFOUND, ENOENT, "no customer index yet")
                               : isync_fail(err, ISYNC_ERR_IO, errno, "cannot read %s: %s", path, strerror(errno));
    }
    gen[len] = '\0';
    if (strncmp(gen, GEN_PREFIX, strlen(GEN_PREFIX)) != 0 || strchr(gen, '/')) {
        return isync_fail(err, ISYNC_ERR_CORRUPT, 0, "%s does not name a generation of the customer index", path);
    }
    return ISYNC_OK;
}

static void new_generation_name(char gen[GEN_SIZE])
{
    static atomic_ulong counter;
    snprintf(gen, GEN_SIZE, GEN_PREFIX "%lld-%ld-%lu", isync_now_ms(), (long)getpid(),
             atomic_fetch_add(&counter, 1) + 1);
}

static isync_status make_folder(const char *path, isync_error *err)
{
    if (mkdir(path, 0700) != 0 && errno != EEXIST) {
        return isync_fail(err, ISYNC_ERR_IO, errno, "cannot create %s: %s", path, strerror(errno));
    }
    return ISYNC_OK;
}

/* A new entry of a generation being built (no fsync: build() syncs once).
 * Two spellings of one e-mail key, or a key that is not UTF-8: skipped. */
static isync_status build_entry(const isync_xref *xref, const char *gen, const key_kind *kind, const char *name,
                                const char *cuno, isync_error *err)
{
    char path[PATH_SIZE], key[KEY_SIZE];
    isync_error e;
    if (kind == &EMAILS) {
        isync_email_key(name, key, sizeof key);
    } else {
        snprintf(key, sizeof key, "%s", name);
    }
    char *text = present(key) && present(cuno) ? entry_text(kind, key, cuno) : NULL;
    isync_status st = text ? entry_path(xref, gen, kind, key, path, &e) : ISYNC_OK;
    if (text && st == ISYNC_OK) {
        st = isync_create_file(path, "", 0, text, strlen(text), 0, &e);
    }
    free(text);
    if (st == ISYNC_ERR_IO && e.sys_errno == EEXIST) {
        return ISYNC_OK;
    }
    return st == ISYNC_OK ? ISYNC_OK : isync_fail(err, st, e.sys_errno, "%s", e.message);
}

/* One map of a new generation. */
static isync_status build_folder(const isync_xref *xref, const char *gen, const key_kind *kind, json_t *map,
                                 isync_error *err)
{
    char path[PATH_SIZE];
    const char *name;
    json_t *value;
    snprintf(path, sizeof path, "%s/%s/%s", xref->dir, gen, kind->folder);
    isync_status st = make_folder(path, err);
    json_object_foreach(map, name, value)
    {
        if (st == ISYNC_OK) {
            st = build_entry(xref, gen, kind, name, json_string_value(value), err);
        }
    }
    return st;
}

/* The maps as the new generation gen, complete on disk (synced when durable). */
static isync_status build(const isync_xref *xref, const char *gen, json_t *profiles, json_t *emails, isync_error *err)
{
    char path[PATH_SIZE];
    snprintf(path, sizeof path, "%s/%s", xref->dir, gen);
    isync_status st = make_folder(path, err);
    if (st == ISYNC_OK) {
        st = build_folder(xref, gen, &PROFILES, profiles, err);
    }
    if (st == ISYNC_OK) {
        st = build_folder(xref, gen, &EMAILS, emails, err);
    }
    if (st == ISYNC_OK && xref->durable) {
        st = isync_syncfs_dir(path, err); /* one syncfs for the whole generation, not an fsync per file */
    }
    return st;
}

/* Makes gen live: a new symlink renamed over LIVE, the folder fsync'ed.
 * old: the generation it replaced ("" when none or unreadable). */
static isync_status publish(const isync_xref *xref, const char *gen, char old[GEN_SIZE], isync_error *err)
{
    char live[PATH_SIZE], tmp[PATH_SIZE];
    if (read_live(xref, old, NULL) != ISYNC_OK) {
        old[0] = '\0';
    }
    snprintf(live, sizeof live, "%s/" LIVE, xref->dir);
    snprintf(tmp, sizeof tmp, "%s/%s.tmp", xref->dir, gen);
    if (symlink(gen, tmp) != 0) {
        return isync_fail(err, ISYNC_ERR_IO, errno, "cannot create %s: %s", tmp, strerror(errno));
    }
    if (rename(tmp, live) != 0) {
        int saved = errno;
        unlink(tmp);
        return isync_fail(err, ISYNC_ERR_IO, saved, "cannot replace %s: %s", live, strerror(saved));
    }
    return xref->durable ? isync_fsync_dir(xref->dir, err) : ISYNC_OK;
}

/* Removes every file of the folder name in parent, then the folder. */
static isync_status empty_folder(int parent, const char *name, isync_error *err)
{
    struct dirent *entry;
    int fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
    DIR *dir = fd >= 0 ? fdopendir(fd) : NULL;
    if (!dir) {
        int saved = errno;
        if (fd >= 0) {
            close(fd);
        }
        return saved == ENOENT ? ISYNC_OK : isync_fail(err, ISYNC_ERR_IO, saved, "cannot read %s", name);
    }
    while ((entry = readdir(dir)) != NULL) {
        if (strcmp(entry->d_name, ".") != 0 && strcmp(entry->d_name, "..") != 0) {
            unlinkat(fd, entry->d_name, 0);
        }
    }
    closedir(dir);
    if (unlinkat(parent, name, AT_REMOVEDIR) != 0 && errno != ENOENT) {
        return isync_fail(err, ISYNC_ERR_IO, errno, "cannot remove %s: %s", name, strerror(errno));
    }
    return ISYNC_OK;
}

static isync_status remove_generation(const isync_xref *xref, const char *gen, isync_error *err)
{
    char path[PATH_SIZE];
    snprintf(path, sizeof path, "%s/%s", xref->dir, gen);
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) {
        return errno == ENOENT ? ISYNC_OK : isync_fail(err, ISYNC_ERR_IO, errno, "cannot read %s", path);
    }
    isync_status st = empty_folder(fd, PROFILES.folder, err);
    if (st == ISYNC_OK) {
        st = empty_folder(fd, EMAILS.folder, err);
    }
    close(fd);
    if (st == ISYNC_OK && rmdir(path) != 0 && errno != ENOENT) {
        st = isync_fail(err, ISYNC_ERR_IO, errno, "cannot remove %s: %s", path, strerror(errno));
    }
    return st;
}

/* Every generation but live (retired, or left by a crash) and stray symlinks, removed. */
static isync_status sweep(const isync_xref *xref, const char *live, isync_error *err)
{
    struct dirent *entry;
    isync_status st = ISYNC_OK;
    DIR *dir = opendir(xref->dir);
    if (!dir) {
        return isync_fail(err, ISYNC_ERR_IO, errno, "cannot read %s: %s", xref->dir, strerror(errno));
    }
    while ((entry = readdir(dir)) != NULL) {
        const char *name = entry->d_name;
        size_t len = strlen(name);
        if (strncmp(name, GEN_PREFIX, strlen(GEN_PREFIX)) != 0 || strcmp(name, live) == 0) {
            continue;
        }
        if (len > 4 && strcmp(name + len - 4, ".tmp") == 0) {
            unlinkat(dirfd(dir), name, 0);
        } else if (remove_generation(xref, name, err) != ISYNC_OK) {
            st = err ? err->status : ISYNC_ERR_IO;
        }
    }
    closedir(dir);
    return st;
}

/* Hard links into gen every entry of old's folder written after since_ms
 * (a file's time comes from a clock no later than isync_now_ms(), so an
 * entry written before since_ms never qualifies) that gen lacks (link(2)
 * refuses to replace one). */
static isync_status carry_folder(const isync_xref *xref, const char *old, const char *gen, const key_kind *kind,
                                 long long since_ms, isync_error *err)
{
    char from[PATH_SIZE], to[PATH_SIZE];
    struct dirent *entry;
    struct stat st;
    size_t carried = 0;
    snprintf(from, sizeof from, "%s/%s/%s", xref->dir, old, kind->folder);
    snprintf(to, sizeof to, "%s/%s/%s", xref->dir, gen, kind->folder);
    DIR *dir = opendir(from);
    int to_fd = open(to, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    isync_status result = dir && to_fd >= 0 ? ISYNC_OK : isync_fail(err, ISYNC_ERR_IO, errno, "cannot read %s", from);
    while (result == ISYNC_OK && (entry = readdir(dir)) != NULL) {
        size_t len = strlen(entry->d_name);
        if (len < 6 || strcmp(entry->d_name + len - 5, ".json") != 0 ||
            fstatat(dirfd(dir), entry->d_name, &st, 0) != 0 ||
            st.st_mtim.tv_sec * 1000LL + st.st_mtim.tv_nsec / 1000000 <= since_ms) {
            continue;
        }
        carried += linkat(dirfd(dir), entry->d_name, to_fd, entry->d_name, 0) == 0;
    }
    if (result == ISYNC_OK && carried > 0 && xref->durable && fsync(to_fd) != 0) {
        result = isync_fail(err, ISYNC_ERR_IO, errno, "cannot fsync %s: %s", to, strerror(errno));
    }
    if (dir) {
        closedir(dir);
    }
    if (to_fd >= 0) {
        close(to_fd);
    }
    return result;
}

/* Writes the maps as a new generation, makes it live, carries over what
 * the one before got after since_ms and removes it. The new name in gen.
 * Called with the replace guard held. */
static isync_status install(const isync_xref *xref, json_t *profiles, json_t *emails, long long since_ms,
                            char gen[GEN_SIZE], isync_error *err)
{
    char old[GEN_SIZE];
    isync_error after;
    new_generation_name(gen);
    isync_status st = build(xref, gen, profiles, emails, err);
    if (st == ISYNC_OK) {
        st = publish(xref, gen, old, err);
    }
    if (st != ISYNC_OK) {
        remove_generation(xref, gen, NULL);
        return st;
    }
    /* the new set is live and whole: what follows only saves calls to Infor */
    if (old[0] &&
        (carry_folder(xref, old, gen, &PROFILES, since_ms, &after) != ISYNC_OK ||
         carry_folder(xref, old, gen, &EMAILS, since_ms, &after) != ISYNC_OK)) {
        isync_log(ISYNC_LOG_WARNING, "customer index: entries recorded during the rebuild not kept: %s", after.message);
    }
    if (sweep(xref, gen, &after) != ISYNC_OK) {
        isync_log(ISYNC_LOG_WARNING, "customer index: an old generation was not removed: %s", after.message);
    }
    return ISYNC_OK;
}

/* ---- the replace guard: one replace at a time ---- */

static atomic_long replacing; /* the pid whose thread holds the guard; 0: nobody */

/* In this process: free, or held by a parent we were forked from (whose
 * thread does not exist here). */
static int take_in_process(void)
{
    long me = (long)getpid();
    long seen = atomic_load(&replacing);
    return seen != me && atomic_compare_exchange_strong(&replacing, &seen, me);
}

/* A POSIX lock on replace.lock (not inherited by a fork): ISYNC_ERR_EXISTS while another process holds it. */
static isync_status lock_between_processes(const isync_xref *xref, int *fd, isync_error *err)
{
    char path[PATH_SIZE];
    struct flock lock = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
    snprintf(path, sizeof path, "%s/" REPLACE_LOCK, xref->dir);
    *fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (*fd < 0) {
        return isync_fail(err, ISYNC_ERR_IO, errno, "cannot open %s: %s", path, strerror(errno));
    }
    if (fcntl(*fd, F_SETLK, &lock) == 0) {
        return ISYNC_OK;
    }
    int saved = errno;
    close(*fd);
    *fd = -1;
    return saved == EACCES || saved == EAGAIN ? ISYNC_ERR_EXISTS
                                              : isync_fail(err, ISYNC_ERR_IO, saved, "cannot lock %s", path);
}

static isync_status guard_take(const isync_xref *xref, int *fd, isync_error *err)
{
    long long deadline = isync_monotonic_ms() + REPLACE_WAIT_MS;
    struct timespec pause = {0, 20 * 1000000L};
    isync_status st = make_folder(xref->dir, err);
    while (st == ISYNC_OK) {
        if (take_in_process()) {
            st = lock_between_processes(xref, fd, err);
            if (st != ISYNC_ERR_EXISTS) {
                break;
            }
            atomic_store(&replacing, 0);
            st = ISYNC_OK;
        }
        if (isync_monotonic_ms() >= deadline) {
            return isync_fail(err, ISYNC_ERR_TIMEOUT, 0, "customer index: another replace runs for over %d s",
                              REPLACE_WAIT_MS / 1000);
        }
        nanosleep(&pause, NULL);
    }
    if (st != ISYNC_OK) {
        atomic_store(&replacing, 0);
    }
    return st;
}

static void guard_release(int fd)
{
    close(fd);
    atomic_store(&replacing, 0);
}

/* ---- the single document of older versions ---- */

/* Renames customers.json aside, unless it is no longer the file seen
 * (before: NULL for any) - an older version wrote it anew: merged next time. */
static isync_status retire_old_document(const isync_xref *xref, const struct stat *before, isync_error *err)
{
    char path[PATH_SIZE], aside[PATH_SIZE];
    struct stat now;
    snprintf(path, sizeof path, "%s/" OLD_DOCUMENT, xref->dir);
    snprintf(aside, sizeof aside, "%s/" MIGRATED, xref->dir);
    if (stat(path, &now) != 0 ||
        (before &&
         (now.st_ino != before->st_ino || now.st_mtim.tv_sec != before->st_mtim.tv_sec ||
          now.st_mtim.tv_nsec != before->st_mtim.tv_nsec))) {
        return ISYNC_OK;
    }
    if (rename(path, aside) != 0) {
        return isync_fail(err, ISYNC_ERR_IO, errno, "cannot rename %s: %s", path, strerror(errno));
    }
    return xref->durable ? isync_fsync_dir(xref->dir, err) : ISYNC_OK;
}

/* The old document; an unreadable one is an empty index (it was a cache). */
static json_t *load_old_document(const char *path)
{
    json_error_t jerr;
    json_t *doc = json_load_file(path, 0, &jerr);
    if (!json_is_object(doc)) {
        /* line and column only: jansson's text may quote an e-mail address */
        isync_log(ISYNC_LOG_WARNING, "customer index %s is unreadable (line %d, column %d); not converted", path,
                  jerr.line, jerr.column);
        json_decref(doc);
        doc = json_object();
    }
    return doc;
}

/* With the guard held: customers.json, if still there, into a new
 * generation merged with the entries of the live one, then set aside. */
static isync_status migrate(const isync_xref *xref, isync_error *err)
{
    char path[PATH_SIZE], gen[GEN_SIZE];
    struct stat before;
    snprintf(path, sizeof path, "%s/" OLD_DOCUMENT, xref->dir);
    if (stat(path, &before) != 0) {
        return ISYNC_OK; /* converted meanwhile */
    }
    json_t *doc = load_old_document(path);
    json_t *profiles = json_object_get(doc, "profiles"), *emails = json_object_get(doc, "emails");
    isync_status st = install(xref, profiles, emails, EVERY_ENTRY, gen, err);
    if (st == ISYNC_OK) {
        st = retire_old_document(xref, &before, err);
    }
    if (st == ISYNC_OK) {
        isync_log(ISYNC_LOG_INFO, "customer index: converted %s (%zu profile ids, %zu e-mail addresses) to %s", path,
                  json_object_size(profiles), json_object_size(emails), gen);
    }
    json_decref(doc);
    return st;
}

/* On a handle's first use: an older version's document converted, once. */
static isync_status convert_old_document(isync_xref *xref, isync_error *err)
{
    char path[PATH_SIZE];
    int fd;
    if (atomic_load(&xref->checked)) {
        return ISYNC_OK;
    }
    snprintf(path, sizeof path, "%s/" OLD_DOCUMENT, xref->dir);
    isync_status st = access(path, F_OK) == 0 ? guard_take(xref, &fd, err) : ISYNC_ERR_NOTFOUND;
    if (st == ISYNC_OK) {
        st = migrate(xref, err);
        guard_release(fd);
    }
    if (st == ISYNC_ERR_NOTFOUND) {
        st = ISYNC_OK;
    }
    if (st == ISYNC_OK) {
        atomic_store(&xref->checked, 1);
    }
    return st;
}

/* ---- lookups ---- */

static isync_status lookup(isync_xref *xref, const key_kind *kind, const char *key, char *cuno, size_t size,
                           isync_error *err)
{
    isync_error damage;
    if (!present(key)) {
        return isync_fail(err, ISYNC_ERR_NOTFOUND, 0, "no key to look up");
    }
    isync_status st = convert_old_document(xref, err);
    if (st != ISYNC_OK) {
        return st;
    }
    st = read_entry(xref, LIVE, kind, key, cuno, size, &damage);
    if (st == ISYNC_ERR_CORRUPT) {
        isync_log(ISYNC_LOG_WARNING, "%s; treated as missing", damage.message);
        st = ISYNC_ERR_NOTFOUND;
    }
    return st == ISYNC_OK ? ISYNC_OK : isync_fail(err, st, 0, "%s", damage.message);
}

isync_status isync_xref_profile(isync_xref *xref, const char *profile_id, char *cuno, size_t size, isync_error *err)
{
    return lookup(xref, &PROFILES, profile_id, cuno, size, err);
}

isync_status isync_xref_email(isync_xref *xref, const char *email, char *cuno, size_t size, isync_error *err)
{
    char key[KEY_SIZE] = "";
    if (email) {
        isync_email_key(email, key, sizeof key);
    }
    return lookup(xref, &EMAILS, key, cuno, size, err);
}

/* ---- records ---- */

/* The live generation; the first (empty) one made when there is none. */
static isync_status live_generation(const isync_xref *xref, char gen[GEN_SIZE], isync_error *err)
{
    int fd;
    isync_status st = read_live(xref, gen, err);
    if (st != ISYNC_ERR_NOTFOUND) {
        return st;
    }
    st = guard_take(xref, &fd, err);
    if (st != ISYNC_OK) {
        return st;
    }
    st = read_live(xref, gen, err);
    if (st == ISYNC_ERR_NOTFOUND) {
        st = install(xref, NULL, NULL, EVERY_ENTRY, gen, err);
    }
    guard_release(fd);
    return st;
}

/* One key into the live generation. Written there, then the symlink read
 * again: a replace that switched meanwhile may have retired the entry
 * with its generation, so it is written into the new one too. */
static isync_status record_key(const isync_xref *xref, const key_kind *kind, const char *key, const char *cuno,
                               isync_error *err)
{
    char gen[GEN_SIZE], after[GEN_SIZE];
    isync_error e;
    if (!present(key)) {
        return ISYNC_OK;
    }
    for (int tries = 0; tries < RECORD_TRIES; tries++) {
        isync_status st = live_generation(xref, gen, &e);
        if (st == ISYNC_OK) {
            st = write_entry(xref, gen, kind, key, cuno, &e);
        }
        if (st == ISYNC_OK) {
            st = read_live(xref, after, &e);
        }
        if (st == ISYNC_OK && strcmp(gen, after) == 0) {
            return ISYNC_OK;
        }
        if (st != ISYNC_OK && e.sys_errno != ENOENT) { /* ENOENT: the generation was removed under us */
            return isync_fail(err, st, e.sys_errno, "%s", e.message);
        }
    }
    return isync_fail(err, ISYNC_ERR_IO, 0, "customer index: replaced %d times while one key was recorded",
                      RECORD_TRIES);
}

isync_status isync_xref_record(isync_xref *xref, const char *profile_id, const char *email, const char *cuno,
                               isync_error *err)
{
    char key[KEY_SIZE] = "";
    if (!present(cuno)) {
        return isync_fail(err, ISYNC_ERR_INVALID, 0, "customer index: no customer number to record");
    }
    isync_status st = convert_old_document(xref, err);
    if (email) {
        isync_email_key(email, key, sizeof key);
    }
    if (st == ISYNC_OK) {
        st = record_key(xref, &PROFILES, profile_id, cuno, err);
    }
    if (st == ISYNC_OK) {
        st = record_key(xref, &EMAILS, key, cuno, err);
    }
    return st;
}

/* ---- replace ---- */

isync_status isync_xref_replace(isync_xref *xref, json_t *profiles, json_t *emails, long long listed_since_ms,
                                isync_error *err)
{
    char gen[GEN_SIZE];
    int fd;
    isync_status st = guard_take(xref, &fd, err);
    if (st != ISYNC_OK) {
        return st;
    }
    st = install(xref, profiles, emails, listed_since_ms, gen, err);
    if (st == ISYNC_OK) {
        st = retire_old_document(xref, NULL, err); /* superseded by the rebuild */
    }
    guard_release(fd);
    if (st == ISYNC_OK) {
        atomic_store(&xref->checked, 1);
    }
    return st;
}

isync_status isync_xref_request_rebuild(const isync_spool *spool, char id[ISYNC_ID_SIZE], isync_error *err)
{
    char existing[ISYNC_ID_SIZE];
    isync_status st = isync_spool_new_id(id, err);
    if (st != ISYNC_OK) {
        return st;
    }
    json_t *payload = json_object();
    json_t *envelope = isync_event_envelope(id, ISYNC_CUSTOMER_INDEX_TYPE, NULL, payload);
    char *body = json_dumps(envelope, JSON_COMPACT);
    json_decref(envelope);
    json_decref(payload);
    if (!body) {
        return isync_fail(err, ISYNC_ERR_NOMEM, 0, "out of memory");
    }
    st = isync_spool_put(spool, id, body, strlen(body), NULL, existing, err);
    free(body);
    return st;
}
