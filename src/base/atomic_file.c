#include "base/atomic_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
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

/* head and body in one writev(2) as a rule; a short write goes on where it stopped. */
static int write_both(int fd, const char *head, size_t head_len, const char *body, size_t body_len)
{
    struct iovec parts[2] = {{(void *)head, head_len}, {(void *)body, body_len}};
    struct iovec *part = parts;
    int count = 2;
    while (count > 0) {
        ssize_t n = writev(fd, part, count);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            return -1;
        }
        for (; count > 0 && (size_t)n >= part->iov_len; part++, count--) {
            n -= (ssize_t)part->iov_len;
        }
        if (count > 0) {
            part->iov_base = (char *)part->iov_base + n;
            part->iov_len -= (size_t)n;
        }
    }
    return 0;
}

isync_status isync_create_file(const char *path, const char *head, size_t head_len, const char *body, size_t body_len,
                               int durable, isync_error *err)
{
    isync_status st = ISYNC_OK;
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        return isync_fail(err, ISYNC_ERR_IO, errno, "spool: cannot create %s: %s", path, strerror(errno));
    }
    if (write_both(fd, head, head_len, body, body_len) != 0) {
        st = isync_fail(err, ISYNC_ERR_IO, errno, "spool: cannot write %s: %s", path, strerror(errno));
    } else if (durable && fsync(fd) != 0) {
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
