/* The worker thread (worker.c) while another process leads: what a following
 * php-fpm child keeps in memory, and that it still takes over. */
#include "unit.h"

#include <fcntl.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/log.h"
#include "queue/spool.h"
#include "worker/worker.h"

#define STATE_ITEMS 20000 /* a big catalogue's stock poll state: about 1.4 MB of JSON */
#define FOLLOWER_MAX_BYTES (2L << 20)

/* Under AddressSanitizer malloc is ASan's: mallinfo2() sees none of it, so
 * the memory half of the test cannot measure anything there. */
#if defined(__SANITIZE_ADDRESS__)
#define HEAP_MEASURABLE 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HEAP_MEASURABLE 0
#endif
#endif
#ifndef HEAP_MEASURABLE
#define HEAP_MEASURABLE 1
#endif

static char root[64];
static char spool_dir[96];

/* Bytes malloc has handed out, over every arena (the worker's thread has its own). */
static long heap_in_use(void)
{
    struct mallinfo2 mi = mallinfo2();
    return (long)(mi.uordblks + mi.hblkhd);
}

static void write_poll_state(void)
{
    char path[160];
    snprintf(path, sizeof path, "%s/poll", spool_dir);
    mkdir(path, 0700);
    snprintf(path, sizeof path, "%s/poll/state.json", spool_dir);
    FILE *file = fopen(path, "w");
    assert_non_null(file);
    fputs("{\"next\":{\"stock\":0},\"stock\":{", file);
    for (int i = 1; i <= STATE_ITEMS; i++) {
        fprintf(file, "%s\"SCALE-%06d\":{\"quantity\":\"%d\",\"warehouses\":{\"100\":\"%d\",\"200\":\"%d\"}}",
                i > 1 ? "," : "", i, 10 + i % 90, i % 50, 10 + i % 40);
    }
    fputs("}}", file);
    assert_int_equal(fclose(file), 0);
}

/* Another process leading: a lock on its own open file, as flock sees it. */
static int hold_leader_lock(void)
{
    char path[160];
    snprintf(path, sizeof path, "%s/leader.lock", spool_dir);
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    assert_true(fd >= 0);
    assert_int_equal(flock(fd, LOCK_EX | LOCK_NB), 0);
    return fd;
}

static isync_worker_settings settings(void)
{
    isync_worker_settings s;
    memset(&s, 0, sizeof s);
    snprintf(s.spool_dir, sizeof s.spool_dir, "%s", spool_dir);
    s.connect_timeout_ms = 1000;
    s.request_timeout_ms = 1000;
    s.retry_base_ms = 1000;
    s.retry_cap_ms = 1000;
    s.retry_max_age_s = 3600;
    s.shutdown_timeout_ms = 2000;
    s.done_retention_s = 3600;
    s.max_in_flight = 1;
    return s;
}

/* The most the heap grew above base while the thread follows for ms. */
static long follow_for(long base, long ms)
{
    long most = 0;
    long until = isync_now_ms() + ms;
    while (isync_now_ms() < until) {
        long grown = heap_in_use() - base;
        most = grown > most ? grown : most;
        assert_false(isync_worker_is_leader());
        usleep(10000);
    }
    return most;
}

static long wait_for_lead(long timeout_ms)
{
    long start = isync_now_ms();
    while (!isync_worker_is_leader() && isync_now_ms() - start < timeout_ms) {
        usleep(5000);
    }
    return isync_worker_is_leader() ? isync_now_ms() - start : -1;
}

static void test_follower_keeps_no_leader_state_and_takes_over(void **state)
{
    (void)state;
    isync_spool spool;
    isync_error err;
    char log_path[160];
    assert_int_equal(isync_spool_open(&spool, spool_dir, 0, &err), ISYNC_OK);
    isync_spool_close(&spool);
    write_poll_state();
    snprintf(log_path, sizeof log_path, "%s/worker.log", root);
    isync_log_configure(log_path, ISYNC_LOG_ERROR);
    int lock_fd = hold_leader_lock();
    isync_worker_settings s = settings();

    long base = heap_in_use();
    assert_int_equal(isync_worker_start(&s, &err), ISYNC_OK);
    /* three times the follower's poll: it has tried the lock and set itself up */
    long follower_grew = follow_for(base, 1500);
    if (HEAP_MEASURABLE) {
        assert_true(follower_grew < FOLLOWER_MAX_BYTES);
    }

    close(lock_fd); /* the leading process dies */
    long took_ms = wait_for_lead(15000); /* it polls the lock every 500 ms; a loaded machine is slower */
    assert_true(took_ms >= 0);
    /* leading, it reads the poll state: what the follower did without */
    long until = isync_now_ms() + 15000;
    while (HEAP_MEASURABLE && heap_in_use() - base < FOLLOWER_MAX_BYTES && isync_now_ms() < until) {
        usleep(5000);
    }
    if (HEAP_MEASURABLE) {
        assert_true(heap_in_use() - base >= FOLLOWER_MAX_BYTES);
    }
    assert_int_equal(isync_worker_stop(5000), 1);
}

static int setup(void **state)
{
    (void)state;
    snprintf(root, sizeof root, "/tmp/isync_worker_XXXXXX");
    assert_non_null(mkdtemp(root));
    snprintf(spool_dir, sizeof spool_dir, "%s/spool", root);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    isync_log_configure("", ISYNC_LOG_ERROR);
    snprintf(cmd, sizeof cmd, "rm -rf %s", root);
    return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_follower_keeps_no_leader_state_and_takes_over, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
