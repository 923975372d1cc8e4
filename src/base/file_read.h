/* Files read whole, safely: only a regular file is read (a FIFO, socket or
 * device is refused at once: opened O_NONBLOCK, checked with fstat after the
 * open, so a name swapped in between cannot block the reader), and only up
 * to a size the caller names (checked before a byte is read). */
#ifndef ISYNC_FILE_READ_H
#define ISYNC_FILE_READ_H

#include <stddef.h>

#include "base/error.h"

/* *data: malloc'ed, NUL-terminated, *len bytes. ISYNC_ERR_NOTFOUND when
 * absent, ISYNC_ERR_INVALID when not a regular file or larger than
 * max_bytes (nothing read), ISYNC_ERR_IO when a system call failed. */
isync_status isync_read_regular_file(const char *path, size_t max_bytes, char **data, size_t *len, isync_error *err);

#endif
