#include "worker/lanes.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "base/clock.h"

typedef struct {
    isync_lanes *lanes;
    void *ctx;
    void *job; /* running or waiting to run; NULL: idle */
    bool finished; /* job ran and waits to be taken back */
    bool started; /* the thread runs */
    pthread_t thread;
} lane;

struct isync_lanes {
    pthread_mutex_t lock;
    pthread_cond_t work; /* a lane got a job, or the lanes end */
    pthread_cond_t done; /* a lane finished a job */
    isync_lane_fn *run;
    int done_fd; /* eventfd written when a job finishes; -1: none */
    bool ending;
    size_t count;
    lane lane[ISYNC_LANES_MAX];
};

static void *lane_main(void *arg)
{
    lane *self = arg;
    isync_lanes *lanes = self->lanes;
    pthread_mutex_lock(&lanes->lock);
    for (;;) {
        while (!lanes->ending && (!self->job || self->finished)) {
            pthread_cond_wait(&lanes->work, &lanes->lock);
        }
        if (lanes->ending && (!self->job || self->finished)) {
            break;
        }
        void *job = self->job;
        pthread_mutex_unlock(&lanes->lock);
        lanes->run(job, self->ctx);
        pthread_mutex_lock(&lanes->lock);
        self->finished = true;
        pthread_cond_broadcast(&lanes->done);
        if (lanes->done_fd >= 0) {
            uint64_t one = 1;
            (void)!write(lanes->done_fd, &one, sizeof one);
        }
    }
    pthread_mutex_unlock(&lanes->lock);
    return NULL;
}

isync_lanes *isync_lanes_new(size_t count, isync_lane_fn *run, void *const *lane_ctx)
{
    isync_lanes *lanes = calloc(1, sizeof *lanes);
    if (!lanes) {
        return NULL;
    }
    pthread_mutex_init(&lanes->lock, NULL);
    pthread_cond_init(&lanes->work, NULL);
    pthread_cond_init(&lanes->done, NULL);
    lanes->run = run;
    lanes->done_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    lanes->count = count < 1 ? 1 : count > ISYNC_LANES_MAX ? ISYNC_LANES_MAX : count;
    for (size_t i = 0; i < lanes->count; i++) {
        lanes->lane[i].lanes = lanes;
        lanes->lane[i].ctx = lane_ctx[i];
    }
    return lanes;
}

void isync_lanes_free(isync_lanes *lanes)
{
    if (!lanes) {
        return;
    }
    while (isync_lanes_busy(lanes) > 0) {
        isync_lanes_take_finished(lanes, 1000);
    }
    pthread_mutex_lock(&lanes->lock);
    lanes->ending = true;
    pthread_cond_broadcast(&lanes->work);
    pthread_mutex_unlock(&lanes->lock);
    for (size_t i = 0; i < lanes->count; i++) {
        if (lanes->lane[i].started) {
            pthread_join(lanes->lane[i].thread, NULL);
        }
    }
    pthread_cond_destroy(&lanes->work);
    pthread_cond_destroy(&lanes->done);
    pthread_mutex_destroy(&lanes->lock);
    if (lanes->done_fd >= 0) {
        close(lanes->done_fd);
    }
    free(lanes);
}

/* An idle lane whose thread runs, else an idle one without a thread; NULL: all busy. */
static lane *idle_lane(isync_lanes *lanes)
{
    lane *fresh = NULL;
    for (size_t i = 0; i < lanes->count; i++) {
        if (!lanes->lane[i].job && lanes->lane[i].started) {
            return &lanes->lane[i];
        }
        if (!lanes->lane[i].job && !fresh) {
            fresh = &lanes->lane[i];
        }
    }
    return fresh;
}

int isync_lanes_submit(isync_lanes *lanes, void *job)
{
    int rc = 0;
    pthread_mutex_lock(&lanes->lock);
    lane *free_lane = idle_lane(lanes);
    if (free_lane && !free_lane->started) {
        free_lane->started = pthread_create(&free_lane->thread, NULL, lane_main, free_lane) == 0;
    }
    if (free_lane && free_lane->started) {
        free_lane->job = job;
        free_lane->finished = false;
        pthread_cond_broadcast(&lanes->work);
    } else {
        rc = -1;
    }
    pthread_mutex_unlock(&lanes->lock);
    return rc;
}

static void *take_one(isync_lanes *lanes)
{
    for (size_t i = 0; i < lanes->count; i++) {
        if (lanes->lane[i].job && lanes->lane[i].finished) {
            void *job = lanes->lane[i].job;
            lanes->lane[i].job = NULL;
            lanes->lane[i].finished = false;
            return job;
        }
    }
    return NULL;
}

void *isync_lanes_take_finished(isync_lanes *lanes, long wait_ms)
{
    struct timespec deadline = isync_deadline_in(wait_ms);
    pthread_mutex_lock(&lanes->lock);
    void *job = take_one(lanes);
    while (!job && wait_ms > 0 && pthread_cond_timedwait(&lanes->done, &lanes->lock, &deadline) == 0) {
        job = take_one(lanes);
    }
    if (!job) {
        job = take_one(lanes);
    }
    pthread_mutex_unlock(&lanes->lock);
    return job;
}

/* Lanes with a job (busy) or with a thread (started). */
static size_t count_lanes(isync_lanes *lanes, int started)
{
    size_t counted = 0;
    pthread_mutex_lock(&lanes->lock);
    for (size_t i = 0; i < lanes->count; i++) {
        counted += started ? lanes->lane[i].started : lanes->lane[i].job != NULL;
    }
    pthread_mutex_unlock(&lanes->lock);
    return counted;
}

size_t isync_lanes_busy(isync_lanes *lanes)
{
    return count_lanes(lanes, 0);
}

size_t isync_lanes_threads(isync_lanes *lanes)
{
    return count_lanes(lanes, 1);
}

int isync_lanes_done_fd(isync_lanes *lanes)
{
    return lanes->done_fd;
}
