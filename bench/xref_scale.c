/* The customer index at scale: prints figures, passes or fails nothing.
 *
 * Per-key layout (src/connectors/xref.c) against the single document of
 * earlier versions (<spool>/xref/customers.json, read whole and rewritten
 * on every change), side by side in one run, with and without fsync:
 *   - recording customer number N into an index already holding N-1
 *     (time, bytes handed to write(2) = /proc/self/io wchar, and bytes the
 *     process caused to reach the disk = write_bytes),
 *   - looking a customer up with a new handle, as each delivery does (the
 *     old layout loads the whole document on a handle's first lookup; its
 *     record time is the rewrite alone, the load counted here).
 * Medians over the repetitions. Usage (bench/xref_scale.sh builds it):
 *   xref_scale <dir> [customers=100000] [repetitions=7] [lookups=201] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/atomic_file.h"
#include "base/clock.h"
#include "base/sha256.h"
#include "connectors/xref.h"

#define CUNO_SIZE 16

typedef struct {
    long long wchar; /* bytes passed to write(2) and the like */
    long long write_bytes; /* bytes this process caused to be sent to storage */
} io_counters;

static io_counters read_io(void)
{
    io_counters io = {0, 0};
    char line[128];
    FILE *f = fopen("/proc/self/io", "r");
    while (f && fgets(line, sizeof line, f)) {
        sscanf(line, "wchar: %lld", &io.wchar);
        sscanf(line, "write_bytes: %lld", &io.write_bytes);
    }
    if (f) {
        fclose(f);
    }
    return io;
}

static double now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *values, int count)
{
    qsort(values, (size_t)count, sizeof *values, by_value);
    return count % 2 ? values[count / 2] : (values[count / 2 - 1] + values[count / 2]) / 2;
}

/* Customer n as the shop and Infor know it. */
static void customer(int n, char id[16], char email[64], char cuno[CUNO_SIZE])
{
    snprintf(id, 16, "%d", n);
    snprintf(email, 64, "buyer.%d@example.com", n);
    snprintf(cuno, CUNO_SIZE, "XC%08d", n);
}

/* The maps of customers 1..count (a rebuild's input, or the old document's content). */
static json_t *maps(int count)
{
    char id[16], email[64], cuno[CUNO_SIZE];
    json_t *profiles = json_object(), *emails = json_object();
    for (int n = 1; n <= count; n++) {
        customer(n, id, email, cuno);
        json_object_set_new(profiles, id, json_string(cuno));
        json_object_set_new(emails, email, json_string(cuno));
    }
    return json_pack("{s:o, s:o}", "profiles", profiles, "emails", emails);
}

typedef struct {
    double record_us[64];
    double record_bytes[64];
    double record_disk[64];
    double lookup_us[1024];
    int lookups;
} figures;

static void die(const char *what, const isync_error *err)
{
    fprintf(stderr, "xref_scale: %s: %s\n", what, err ? err->message : "failed");
    exit(1);
}

/* ---- per-key layout ---- */

static void forget(const char *spool, int n)
{
    char id[16], email[64], cuno[CUNO_SIZE], hex[ISYNC_SHA256_HEX_SIZE], path[700];
    customer(n, id, email, cuno);
    isync_sha256_hex(id, strlen(id), hex);
    hex[32] = '\0';
    snprintf(path, sizeof path, "%s/xref/customers/profiles/%s.json", spool, hex);
    unlink(path);
    isync_sha256_hex(email, strlen(email), hex);
    hex[32] = '\0';
    snprintf(path, sizeof path, "%s/xref/customers/emails/%s.json", spool, hex);
    unlink(path);
}

static void per_key(const char *spool, int count, int durable, int reps, int lookups, figures *f)
{
    char id[16], email[64], cuno[CUNO_SIZE], found[CUNO_SIZE];
    isync_xref xref;
    isync_error err;
    for (int r = 0; r < reps; r++) {
        customer(count, id, email, cuno);
        isync_xref_init(&xref, spool, durable);
        io_counters before = read_io();
        double start = now_us();
        if (isync_xref_record(&xref, id, email, cuno, &err) != ISYNC_OK) {
            die("record", &err);
        }
        f->record_us[r] = now_us() - start;
        io_counters after = read_io();
        f->record_bytes[r] = (double)(after.wchar - before.wchar);
        f->record_disk[r] = (double)(after.write_bytes - before.write_bytes);
        isync_xref_free(&xref);
        forget(spool, count); /* back to count - 1 customers */
    }
    for (int l = 0; l < lookups; l++) {
        customer(1 + (int)((long long)l * 7919 % (count - 1)), id, email, cuno);
        double start = now_us();
        isync_xref_init(&xref, spool, durable);
        if (isync_xref_profile(&xref, id, found, sizeof found, &err) != ISYNC_OK || strcmp(found, cuno) != 0) {
            die("lookup", &err);
        }
        isync_xref_free(&xref);
        f->lookup_us[l] = now_us() - start;
    }
    f->lookups = lookups;
}

/* ---- the single document of earlier versions, as xref.c did it ---- */

static void old_document(const char *path, int count, int durable, int reps, int lookups, figures *f)
{
    char id[16], email[64], cuno[CUNO_SIZE];
    isync_error err;
    for (int r = 0; r < reps; r++) {
        customer(count, id, email, cuno);
        json_t *doc = json_load_file(path, 0, NULL); /* the delivery's lookup loaded it (timed below) */
        io_counters before = read_io();
        double start = now_us();
        json_object_set_new(json_object_get(doc, "profiles"), id, json_string(cuno));
        json_object_set_new(json_object_get(doc, "emails"), email, json_string(cuno));
        if (isync_write_json_file(path, doc, durable, &err) != ISYNC_OK) {
            die("old document", &err);
        }
        f->record_us[r] = now_us() - start;
        io_counters after = read_io();
        f->record_bytes[r] = (double)(after.wchar - before.wchar);
        f->record_disk[r] = (double)(after.write_bytes - before.write_bytes);
        json_object_del(json_object_get(doc, "profiles"), id); /* back to count - 1 */
        json_object_del(json_object_get(doc, "emails"), email);
        isync_write_json_file(path, doc, 0, &err);
        json_decref(doc);
    }
    for (int l = 0; l < lookups && l < 1024; l++) {
        customer(1 + (int)((long long)l * 7919 % (count - 1)), id, email, cuno);
        double start = now_us();
        json_t *doc = json_load_file(path, 0, NULL);
        const char *found = json_string_value(json_object_get(json_object_get(doc, "profiles"), id));
        if (!found || strcmp(found, cuno) != 0) {
            die("old lookup", NULL);
        }
        json_decref(doc);
        f->lookup_us[l] = now_us() - start;
    }
    f->lookups = lookups;
}

/* ---- output ---- */

static void print_time(const char *label, double us_new, double us_old)
{
    printf("  %-34s %12.3f ms %14.3f ms %10.0fx\n", label, us_new / 1000, us_old / 1000, us_old / us_new);
}

static void print_bytes(const char *label, double new_bytes, double old_bytes)
{
    printf("  %-34s %12.0f B  %14.0f B  %10.0fx\n", label, new_bytes, old_bytes,
           new_bytes > 0 ? old_bytes / new_bytes : 0);
}

static void compare(const char *title, int reps, figures *fresh, figures *old)
{
    printf("%s\n  %-34s %15s %17s %11s\n", title, "", "per key (new)", "one document (old)", "old/new");
    print_time("record one more customer: time", median(fresh->record_us, reps), median(old->record_us, reps));
    print_bytes("  bytes written (write(2))", median(fresh->record_bytes, reps), median(old->record_bytes, reps));
    print_bytes("  bytes to storage (pages dirtied)", median(fresh->record_disk, reps), median(old->record_disk, reps));
    print_time("lookup with a new handle", median(fresh->lookup_us, fresh->lookups),
               median(old->lookup_us, old->lookups));
}

int main(int argc, char **argv)
{
    char spool[512], doc_path[600], dir[560];
    isync_error err;
    if (argc < 2) {
        fprintf(stderr, "usage: xref_scale <dir> [customers] [repetitions] [lookups]\n");
        return 2;
    }
    int count = argc > 2 ? atoi(argv[2]) : 100000;
    int reps = argc > 3 ? atoi(argv[3]) : 7;
    int lookups = argc > 4 ? atoi(argv[4]) : 201;
    if (count < 2 || reps < 1 || reps > 64 || lookups < 1 || lookups > 1024) {
        fprintf(stderr, "xref_scale: customers >= 2, 1..64 repetitions, 1..1024 lookups\n");
        return 2;
    }
    snprintf(spool, sizeof spool, "%s/spool", argv[1]);
    snprintf(dir, sizeof dir, "%s/old", argv[1]);
    snprintf(doc_path, sizeof doc_path, "%s/customers.json", dir);
    mkdir(spool, 0700);
    mkdir(dir, 0700);

    json_t *all = maps(count - 1);
    isync_xref xref;
    isync_xref_init(&xref, spool, 1);
    double start = now_us();
    if (isync_xref_replace(&xref, json_object_get(all, "profiles"), json_object_get(all, "emails"), isync_now_ms(),
                           &err) != ISYNC_OK) {
        die("rebuild", &err);
    }
    double rebuild_us = now_us() - start;
    isync_xref_free(&xref);
    if (isync_write_json_file(doc_path, all, 1, &err) != ISYNC_OK) {
        die("old document", &err);
    }
    struct stat doc;
    stat(doc_path, &doc);
    json_decref(all);

    printf("customer index with %d customers already in it; medians of %d records, %d lookups\n", count - 1, reps,
           lookups);
    printf("(per key: a rebuild of those took %.1f s with fsync; one document: %lld bytes)\n\n", rebuild_us / 1e6,
           (long long)doc.st_size);
    for (int durable = 1; durable >= 0; durable--) {
        figures fresh = {0}, old = {0};
        per_key(spool, count, durable, reps, lookups, &fresh);
        old_document(doc_path, count, durable, reps, lookups > 21 ? 21 : lookups, &old);
        compare(durable ? "durability=fsync" : "durability=none", reps, &fresh, &old);
        printf("\n");
    }
    return 0;
}
