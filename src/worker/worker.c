#include "worker/worker.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/inotify.h>
#include <time.h>
#include <unistd.h>

#include "base/clock.h"
#include "infor/http.h"
#include "queue/spool.h"
#include "worker/leader.h"
#include "base/log.h"

#define FOLLOWER_POLL_MS 500 /* how fast a follower notices a dead leader */
#define IDLE_POLL_MS 1000 /* upper bound on any wait, to re-check files */
#define PRUNE_INTERVAL_S 600
#define BATCH 64 /* events per pass before re-checking deferred */

static struct {
    pthread_mutex_t lock;
    pthread_cond_t ended_cond;
    pthread_t thread;
    int running; /* a thread was started in this process */
    int ended; /* the thread returned */
    atomic_bool stop; /* shutdown began */
    atomic_bool leader; /* the thread holds the leader lock */
    pid_t owner_pid;
    int wake_pipe[2];
    int lock_fd;
    isync_worker_settings settings;
    time_t spool_checked_at; /* watch_spool(): once a second */
    int spool_problem; /* errno of the problem logged last, 0: none */
} worker = {
    .lock = PTHREAD_MUTEX_INITIALIZER,
    .ended_cond = PTHREAD_COND_INITIALIZER,
    .wake_pipe = {-1, -1},
    .lock_fd = -1,
};

/* A forked child must not keep the leader lock alive through its inherited
 * descriptor (flock belongs to the open file, shared with the child). Only
 * close(2) here: whatever runs in a child right after fork must be
 * async-signal-safe. The pid check at the next request cleans up the rest. */
static void close_lock_in_child(void)
{
    if (worker.lock_fd >= 0) {
        close(worker.lock_fd);
        worker.lock_fd = -1;
    }
}

static pthread_once_t atfork_once = PTHREAD_ONCE_INIT;

static void register_atfork(void)
{
    pthread_atfork(NULL, NULL, close_lock_in_child);
}

static void block_signals(void)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGHUP);
    sigaddset(&set, SIGQUIT);
    sigaddset(&set, SIGUSR1);
    sigaddset(&set, SIGUSR2);
    sigaddset(&set, SIGPROF);
    sigaddset(&set, SIGALRM);
    sigaddset(&set, SIGCHLD);
    sigaddset(&set, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
}

/* Waits until fd or other_fd (-1: none) is readable, the wake pipe is
 * written, or timeout_ms; reads what made them readable. */
static void wait_for(int fd, int other_fd, long timeout_ms)
{
    struct pollfd fds[3] = {
        {.fd = worker.wake_pipe[0], .events = POLLIN},
        {.fd = fd, .events = POLLIN},
        {.fd = other_fd, .events = POLLIN},
    };
    if (timeout_ms < 0 || timeout_ms > IDLE_POLL_MS) {
        timeout_ms = IDLE_POLL_MS;
    }
    int n = poll(fds, 3, (int)timeout_ms); /* a negative fd is ignored */
    for (int i = 1; n > 0 && i < 3; i++) {
        char drain[4096];
        while ((fds[i].revents & POLLIN) && read(fds[i].fd, drain, sizeof drain) > 0) {
        }
    }
}

static int try_lead(void)
{
    char path[ISYNC_PATH_SIZE + 16];
    if (worker.lock_fd < 0) {
        snprintf(path, sizeof path, "%s/leader.lock", worker.settings.spool_dir);
        worker.lock_fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
        if (worker.lock_fd < 0) {
            return 0;
        }
    }
    return flock(worker.lock_fd, LOCK_EX | LOCK_NB) == 0;
}

/* The spool looked at once a second, by a follower too (a read-only spool
 * makes no leader): a problem is logged when it starts or changes kind, and
 * once when it is over, not once per attempt. */
static void watch_spool(void)
{
    isync_spool spool = {.dir = worker.settings.spool_dir};
    isync_error err;
    time_t now = time(NULL);
    if (now == worker.spool_checked_at) {
        return;
    }
    worker.spool_checked_at = now;
    if (isync_spool_check(&spool, &err) == ISYNC_OK) {
        if (worker.spool_problem) {
            isync_log(ISYNC_LOG_WARNING, "spool %s is usable again", spool.dir);
            worker.spool_problem = 0;
        }
        return;
    }
    int kind = err.sys_errno ? err.sys_errno : -1;
    if (kind != worker.spool_problem) {
        isync_log(ISYNC_LOG_ERROR, "%s: events cannot be taken or delivered until this is fixed", err.message);
        worker.spool_problem = kind;
    }
}

static int watch_ready_dir(void)
{
    char path[ISYNC_PATH_SIZE + 16];
    int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (fd < 0) {
        isync_log(ISYNC_LOG_WARNING, "inotify unavailable (%s): new events are seen within %d ms", strerror(errno),
                  IDLE_POLL_MS);
        return -1;
    }
    snprintf(path, sizeof path, "%s/ready", worker.settings.spool_dir);
    if (inotify_add_watch(fd, path, IN_MOVED_TO | IN_CLOSE_WRITE) < 0) {
        isync_log(ISYNC_LOG_WARNING, "cannot watch %s: %s", path, strerror(errno));
        close(fd);
        return -1;
    }
    return fd;
}

static void lead(isync_leader *leader)
{
    int watch_fd = watch_ready_dir();
    time_t last_prune = 0;

    worker.leader = true;
    isync_leader_begin(leader);
    while (!worker.stop) {
        watch_spool();
        long due_ms = isync_leader_promote_due(leader);
        size_t taken = isync_leader_deliver_ready(leader, BATCH);
        if (time(NULL) - last_prune >= PRUNE_INTERVAL_S) {
            isync_leader_prune(leader);
            last_prune = time(NULL);
        }
        /* the pollers that are due run between deliveries too: a backlog does not starve them */
        long poll_ms = worker.stop ? -1 : isync_leader_poll(leader);
        if (poll_ms >= 0 && (due_ms < 0 || poll_ms < due_ms)) {
            due_ms = poll_ms;
        }
        if (taken == 0 && !worker.stop) {
            /* what is left in ready/ waits for a delivery of its order or
             * customer, a new event, or the next deferred one or poll */
            int done_fd = isync_leader_done_fd(leader);
            if (isync_leader_in_flight(leader) > 0 && done_fd < 0) {
                isync_leader_collect(leader, due_ms < 0 || due_ms > IDLE_POLL_MS ? IDLE_POLL_MS : due_ms);
            } else {
                wait_for(watch_fd, done_fd, due_ms);
                isync_leader_collect(leader, 0);
            }
            isync_leader_refresh(leader); /* a long poll on a lane does not hold new settings back */
        }
    }
    isync_leader_end(leader);
    if (watch_fd >= 0) {
        close(watch_fd);
    }
    worker.leader = false;
}

/* Whether the spool can be used at all: checked once at the start, so that a
 * follower of an unusable spool says so instead of waiting for a lock it can
 * never open. */
static int spool_usable(void)
{
    isync_spool spool;
    isync_error err;
    if (isync_spool_open(&spool, worker.settings.spool_dir, worker.settings.durable, &err) != ISYNC_OK) {
        isync_log(ISYNC_LOG_ERROR, "%s", err.message);
        return 0;
    }
    isync_spool_close(&spool);
    return 1;
}

/* Leads once the lock is taken, until shutdown. The leader's state (templates,
 * M3 specification, poll state: megabytes with a big catalogue) is built only
 * then: a following child keeps none of it (docs/performance.md, "Memory of a
 * php-fpm child"). Returns 0 when the lead could not be taken up. */
static int lead_when_free(void)
{
    while (!worker.stop) {
        if (!try_lead()) {
            watch_spool();
            wait_for(-1, -1, FOLLOWER_POLL_MS);
            continue;
        }
        isync_leader *leader = isync_leader_new(&worker.settings, &worker.stop);
        if (leader) {
            lead(leader);
        }
        /* closing the descriptor releases the flock for the next leader */
        close(worker.lock_fd);
        worker.lock_fd = -1;
        isync_leader_free(leader);
        return leader != NULL;
    }
    return 1;
}

static void *worker_main(void *arg)
{
    (void)arg;
    block_signals();
    if (!spool_usable() || !lead_when_free()) {
        isync_log(ISYNC_LOG_ERROR, "worker cannot use spool %s; nothing will be delivered by pid %d",
                  worker.settings.spool_dir, (int)getpid());
    }
    pthread_mutex_lock(&worker.lock);
    worker.ended = 1;
    pthread_cond_broadcast(&worker.ended_cond);
    pthread_mutex_unlock(&worker.lock);
    return NULL;
}

isync_status isync_worker_start(const isync_worker_settings *settings, isync_error *err)
{
    isync_status st = ISYNC_OK;
    pthread_attr_t attr;

    pthread_mutex_lock(&worker.lock);
    if (worker.running) {
        pthread_mutex_unlock(&worker.lock);
        return ISYNC_OK;
    }
    if (isync_http_global_init() != 0) {
        pthread_mutex_unlock(&worker.lock);
        return isync_fail(err, ISYNC_ERR_HTTP, 0, "libcurl global initialisation failed");
    }
    if (worker.wake_pipe[0] < 0 && pipe2(worker.wake_pipe, O_CLOEXEC | O_NONBLOCK) != 0) {
        int saved = errno;
        pthread_mutex_unlock(&worker.lock);
        return isync_fail(err, ISYNC_ERR_IO, saved, "worker: pipe: %s", strerror(saved));
    }
    pthread_once(&atfork_once, register_atfork);
    worker.settings = *settings;
    worker.stop = false;
    worker.ended = 0;
    worker.owner_pid = getpid();
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 1024 * 1024);
    int rc = pthread_create(&worker.thread, &attr, worker_main, NULL);
    pthread_attr_destroy(&attr);
    if (rc != 0) {
        st = isync_fail(err, ISYNC_ERR_IO, rc, "worker: cannot start thread: %s", strerror(rc));
    } else {
        worker.running = 1;
    }
    pthread_mutex_unlock(&worker.lock);
    return st;
}

int isync_worker_stop(long timeout_ms)
{
    int ended;

    pthread_mutex_lock(&worker.lock);
    if (!worker.running) {
        pthread_mutex_unlock(&worker.lock);
        return 1;
    }
    worker.stop = true;
    if (write(worker.wake_pipe[1], "x", 1) < 0) {
        /* the pipe is full: the thread is being woken anyway */
    }
    struct timespec deadline = isync_deadline_in(timeout_ms);
    while (!worker.ended) {
        if (pthread_cond_timedwait(&worker.ended_cond, &worker.lock, &deadline) == ETIMEDOUT) {
            break;
        }
    }
    ended = worker.ended;
    worker.running = 0;
    pthread_mutex_unlock(&worker.lock);
    if (ended) {
        pthread_join(worker.thread, NULL);
    } else {
        isync_log(ISYNC_LOG_WARNING,
                  "worker did not stop within %ld ms; detached (its event is recovered by the next "
                  "worker)",
                  timeout_ms);
        pthread_detach(worker.thread);
    }
    return ended;
}

int isync_worker_running(void)
{
    return worker.running && worker.owner_pid == getpid();
}

int isync_worker_is_leader(void)
{
    return isync_worker_running() && worker.leader;
}

pid_t isync_worker_owner_pid(void)
{
    return worker.owner_pid;
}

void isync_worker_forget_after_fork(pid_t owner_pid)
{
    if (worker.owner_pid != owner_pid) {
        return;
    }
    /* The parent's thread may hold worker.lock: start over with fresh locks. */
    pthread_mutex_init(&worker.lock, NULL);
    pthread_cond_init(&worker.ended_cond, NULL);
    if (worker.lock_fd >= 0) {
        close(worker.lock_fd);
    }
    if (worker.wake_pipe[0] >= 0) {
        close(worker.wake_pipe[0]);
        close(worker.wake_pipe[1]);
    }
    worker.lock_fd = -1;
    worker.wake_pipe[0] = worker.wake_pipe[1] = -1;
    worker.running = 0;
    worker.ended = 0;
    worker.leader = false;
    worker.stop = false;
    worker.owner_pid = 0;
}

json_t *isync_leader_info(const char *spool_dir)
{
    char path[ISYNC_PATH_SIZE + 16];
    snprintf(path, sizeof path, "%s/leader.json", spool_dir);
    json_t *info = json_load_file(path, 0, NULL);
    if (!json_is_object(info)) {
        json_decref(info);
        info = json_object();
    }
    /* Someone holds the lock if we cannot take it, even shared. */
    snprintf(path, sizeof path, "%s/leader.lock", spool_dir);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    int alive = 0;
    if (fd >= 0) {
        alive = flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK;
        close(fd);
    }
    json_object_set_new(info, "leader_alive", json_boolean(alive));
    return info;
}
