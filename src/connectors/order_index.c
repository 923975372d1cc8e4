#include "connectors/order_index.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/sha256.h"
#include "base/atomic_file.h"

/* Order numbers are the shop's text: hash them into a safe file name. */
static void entry_path(const isync_spool *spool, const char *order_number, char *out, size_t size)
{
    char hex[ISYNC_SHA256_HEX_SIZE];
    isync_sha256_hex(order_number, strlen(order_number), hex);
    hex[32] = '\0'; /* the first 16 bytes */
    snprintf(out, size, "%s/orders/%s.json", spool->dir, hex);
}

isync_status isync_order_index_put(const isync_spool *spool, json_t *info, isync_error *err)
{
    char path[4096];
    const char *order_number = json_string_value(json_object_get(info, "order_number"));
    if (!order_number) {
        return isync_fail(err, ISYNC_ERR_INVALID, 0, "order index entry without order_number");
    }
    entry_path(spool, order_number, path, sizeof path);
    return isync_write_json_file(path, info, spool->durable, err);
}

isync_status isync_order_index_get(const isync_spool *spool, const char *order_number, json_t **info, isync_error *err)
{
    char path[4096];
    json_error_t jerr;
    entry_path(spool, order_number, path, sizeof path);
    *info = json_load_file(path, 0, &jerr);
    if (json_is_object(*info)) {
        return ISYNC_OK;
    }
    json_decref(*info);
    *info = NULL;
    if (access(path, F_OK) != 0) {
        return isync_fail(err, ISYNC_ERR_NOTFOUND, 0, "order %s is not known to have reached Infor", order_number);
    }
    return isync_fail(err, ISYNC_ERR_CORRUPT, 0, "order index entry %s is unreadable: %s", path, jerr.text);
}

isync_status isync_order_index_open_orders(const isync_spool *spool, json_t **orders, isync_error *err)
{
    char dir_path[4096], path[4400];
    struct dirent *entry;
    snprintf(dir_path, sizeof dir_path, "%s/orders", spool->dir);
    DIR *dir = opendir(dir_path);
    *orders = NULL;
    if (!dir) {
        return isync_fail(err, ISYNC_ERR_IO, errno, "cannot read %s: %s", dir_path, strerror(errno));
    }
    *orders = json_array();
    while ((entry = readdir(dir)) != NULL) {
        size_t len = strlen(entry->d_name);
        if (len < 6 || strcmp(entry->d_name + len - 5, ".json") != 0) {
            continue;
        }
        snprintf(path, sizeof path, "%s/%s", dir_path, entry->d_name);
        json_t *info = json_load_file(path, 0, NULL);
        if (json_is_object(info) && !json_is_true(json_object_get(info, "shipped")) &&
            !json_is_true(json_object_get(info, "cancelled"))) {
            json_array_append(*orders, info);
        }
        json_decref(info);
    }
    closedir(dir);
    return ISYNC_OK;
}
