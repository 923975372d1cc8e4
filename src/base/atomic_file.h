/* Files written whole or not at all, the one home of the pattern: a new
 * file beside the target (O_EXCL, mode 0600), written, fsync'ed when
 * durable, renamed over the target, then the directory fsync'ed. Errors
 * are values (ISYNC_ERR_IO with errno); a failed write leaves no file. */
#ifndef ISYNC_ATOMIC_FILE_H
#define ISYNC_ATOMIC_FILE_H

#include <jansson.h>
#include <stddef.h>

#include "base/error.h"

/* fsync of a directory: makes the names created or renamed in it durable. */
isync_status isync_fsync_dir(const char *dir, isync_error *err);

/* syncfs(2) on the file system holding dir: everything written to it is on
 * disk (one call where an fsync per file would be thousands). */
isync_status isync_syncfs_dir(const char *dir, isync_error *err);

/* fsync of the directory path is in (nothing for a path without one). */
isync_status isync_fsync_parent(const char *path, isync_error *err);

/* Creates path O_EXCL with mode 0600 and head then body as its content,
 * fsync'ed when durable; removed again when anything fails. */
isync_status isync_create_file(const char *path, const char *head, size_t head_len, const char *body, size_t body_len,
                               int durable, isync_error *err);

/* Replaces path atomically with len bytes of data: a new file (mode 0600)
 * beside it, fsync when durable, rename, fsync of the directory. */
isync_status isync_write_file(const char *path, const char *data, size_t len, int durable, isync_error *err);

/* Writes a small JSON file atomically: tmp file, fsync when durable,
 * rename, fsync of the directory (records, leader.json, the config file). */
isync_status isync_write_json_file(const char *path, json_t *value, int durable, isync_error *err);

#endif
