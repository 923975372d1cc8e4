#include "base/atomic_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Opens dir and runs sync (fsync or syncfs) on it. */
static isync_status sync_directory(const char *dir, int (*sync)(int), isync_error *err)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0 || sync(fd) != 0) {
        int saved = errno;
        if (fd >= 0) {
            close(fd);
        }
        return isync_fail(err, ISYNC_ERR_IO, saved, "spool: cannot sync directory %s: %s", dir, strerror(saved));
    }
    close(fd);
    return ISYNC_OK;
}

isync_status isync_fsync_dir(const char *dir, isync_error *err)
{
    return sync_directory(dir, fsync, err);
}

isync_status isync_syncfs_dir(const char *dir, isync_error *err)
{
    return sync_directory(dir, syncfs, err);
}

isync_status isync_fsync_parent(const char *path, isync_error *err)
{
    char dir[4096];
    const char *slash = strrchr(path, '/');
    size_t len = slash ? (size_t)(slash - path) : 0;
    if (len == 0 || len >= sizeof dir) {
        return ISYNC_OK;
    }
    memcpy(dir, path, len);
    dir[len] = '\0';
    return isync_fsync_dir(dir, err);
}

static isync_status write_all(int fd, const char *data, size_t len, const char *path, isync_error *err)
{
    while (len > 0) {
        ssize_t n = write(fd, data, len);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return isync_fail(err, ISYNC_ERR_IO, errno, "spool: cannot write %s: %s", path, strerror(errno));
        }
        data += n;
        len -= (size_t)n;
    }
    return ISYNC_OK;
}

isync_status isync_create_file(const char *path, const char *head, size_t head_len, const char *body, size_t body_len,
                               int durable, isync_error *err)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        return isync_fail(err, ISYNC_ERR_IO, errno, "spool: cannot create %s: %s", path, strerror(errno));
    }
    isync_status st = write_all(fd, head, head_len, path, err);
    if (st == ISYNC_OK) {
        st = write_all(fd, body, body_len, path, err);
    }
    if (st == ISYNC_OK && durable && fsync(fd) != 0) {
        st = isync_fail(err, ISYNC_ERR_IO, errno, "spool: cannot fsync %s: %s", path, strerror(errno));
    }
    if (close(fd) != 0 && st == ISYNC_OK) {
        st = isync_fail(err, ISYNC_ERR_IO, errno, "spool: cannot close %s: %s", path, strerror(errno));
    }
    if (st != ISYNC_OK) {
        unlink(path);
    }
    return st;
}

isync_status isync_write_file(const char *path, const char *data, size_t len, int durable, isync_error *err)
{
    char tmp[4200];
    static unsigned long counter;
    snprintf(tmp, sizeof tmp, "%s.%d.%lu.tmp", path, (int)getpid(), __atomic_add_fetch(&counter, 1, __ATOMIC_RELAXED));
    isync_status st = isync_create_file(tmp, "", 0, data, len, durable, err);
    if (st != ISYNC_OK) {
        return st;
    }
    if (rename(tmp, path) != 0) {
        int saved = errno;
        unlink(tmp);
        return isync_fail(err, ISYNC_ERR_IO, saved, "cannot replace %s: %s", path, strerror(saved));
    }
    return durable ? isync_fsync_parent(path, err) : ISYNC_OK;
}

isync_status isync_write_json_file(const char *path, json_t *value, int durable, isync_error *err)
{
    char *text = json_dumps(value, JSON_COMPACT);
    if (!text) {
        return isync_fail(err, ISYNC_ERR_NOMEM, 0, "cannot serialise %s", path);
    }
    isync_status st = isync_write_file(path, text, strlen(text), durable, err);
    free(text);
    return st;
}
