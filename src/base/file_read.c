#include "base/file_read.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static isync_status read_all(int fd, const char *path, size_t size, char **data, size_t *len, isync_error *err)
{
    char *buf = malloc(size + 1);
    if (!buf) {
        return isync_fail(err, ISYNC_ERR_NOMEM, 0, "out of memory reading %s", path);
    }
    size_t got = 0;
    while (got < size) {
        ssize_t n = read(fd, buf + got, size - got);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            int saved = errno;
            free(buf);
            return isync_fail(err, ISYNC_ERR_IO, saved, "cannot read %s: %s", path, strerror(saved));
        }
        if (n == 0) {
            break; /* shrank meanwhile: what is there */
        }
        got += (size_t)n;
    }
    buf[got] = '\0';
    *data = buf;
    *len = got;
    return ISYNC_OK;
}

static isync_status check_file(int fd, const char *path, size_t max_bytes, size_t *size, isync_error *err)
{
    struct stat st;
    if (fstat(fd, &st) != 0) {
        return isync_fail(err, ISYNC_ERR_IO, errno, "cannot stat %s: %s", path, strerror(errno));
    }
    if (!S_ISREG(st.st_mode)) {
        return isync_fail(err, ISYNC_ERR_INVALID, 0, "%s is not a regular file", path);
    }
    if ((unsigned long long)st.st_size > max_bytes) {
        return isync_fail(err, ISYNC_ERR_INVALID, 0, "%s is %lld bytes, more than the %zu allowed", path,
                          (long long)st.st_size, max_bytes);
    }
    *size = (size_t)st.st_size;
    return ISYNC_OK;
}

isync_status isync_read_regular_file(const char *path, size_t max_bytes, char **data, size_t *len, isync_error *err)
{
    size_t size = 0;
    *data = NULL;
    *len = 0;
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        isync_status code = errno == ENOENT ? ISYNC_ERR_NOTFOUND : ISYNC_ERR_IO;
        return isync_fail(err, code, errno, "cannot open %s: %s", path, strerror(errno));
    }
    isync_status st = check_file(fd, path, max_bytes, &size, err);
    if (st == ISYNC_OK) {
        st = read_all(fd, path, size, data, len, err);
    }
    close(fd);
    return st;
}
