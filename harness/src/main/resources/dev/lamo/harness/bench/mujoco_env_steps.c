// Reference for `lamo bench env`: the same model stepped from C the way our Java environments step it:
// random controls within the control range, frame_skip physics steps per environment step, the warning
// counters read after each physics step, qpos and qvel copied out as the observation, and a reset at the
// step limit or after a bad-state warning. One thread per simulation, each with its own mjData; the
// compiled model is shared.
// usage: mujoco_env_steps MODEL.xml FRAME_SKIP THREADS SECONDS MAX_STEPS
#include <mujoco/mujoco.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const mjModel* model;
static int frame_skip, max_steps;
static double seconds;

typedef struct { int index; long steps, failures; double elapsed; } worker_t;

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + 1e-9 * ts.tv_nsec;
}

static uint64_t next_random(uint64_t* s) {  // xorshift64*
  *s ^= *s >> 12; *s ^= *s << 25; *s ^= *s >> 27;
  return *s * 2685821657736338717ULL;
}

static void* run(void* arg) {
  worker_t* w = (worker_t*)arg;
  mjData* d = mj_makeData(model);
  uint64_t rng = 0x9E3779B97F4A7C15ULL + (uint64_t)w->index;
  double* obs = (double*)malloc(sizeof(double) * (model->nq + model->nv));
  int bad_before = 0;
  long steps = 0, failures = 0;
  int episode_steps = 0;
  double start = now(), deadline = start + seconds;
  for (;;) {
    for (int i = 0; i < model->nu; i++) {
      double lo = model->actuator_ctrlrange[2 * i], hi = model->actuator_ctrlrange[2 * i + 1];
      d->ctrl[i] = lo + (hi - lo) * (double)(next_random(&rng) >> 11) / 9007199254740992.0;
    }
    int failed = 0;
    for (int k = 0; k < frame_skip && !failed; k++) {
      mj_step(model, d);
      int bad = d->warning[mjWARN_BADQPOS].number + d->warning[mjWARN_BADQVEL].number
              + d->warning[mjWARN_BADQACC].number + d->warning[mjWARN_BADCTRL].number;
      failed = bad != bad_before;
      bad_before = bad;
    }
    memcpy(obs, d->qpos, sizeof(double) * model->nq);
    memcpy(obs + model->nq, d->qvel, sizeof(double) * model->nv);
    steps++;
    if (++episode_steps == max_steps || failed) {
      failures += failed;
      mj_resetData(model, d);
      bad_before = 0;
      mj_forward(model, d);
      episode_steps = 0;
    }
    if ((steps & 63) == 0 && now() >= deadline) break;
  }
  w->elapsed = now() - start;
  w->steps = steps;
  w->failures = failures;
  free(obs);
  mj_deleteData(d);
  return NULL;
}

int main(int argc, char** argv) {
  if (argc != 6) {
    fprintf(stderr, "usage: %s MODEL.xml FRAME_SKIP THREADS SECONDS MAX_STEPS\n", argv[0]);
    return 2;
  }
  char error[1000];
  model = mj_loadXML(argv[1], NULL, error, sizeof(error));
  if (!model) {
    fprintf(stderr, "cannot load %s: %s\n", argv[1], error);
    return 2;
  }
  frame_skip = atoi(argv[2]);
  int threads = atoi(argv[3]);
  seconds = atof(argv[4]);
  max_steps = atoi(argv[5]);
  pthread_t ids[64];
  worker_t workers[64];
  if (threads < 1 || threads > 64) return 2;
  for (int t = 0; t < threads; t++) {
    workers[t].index = t;
    pthread_create(&ids[t], NULL, run, &workers[t]);
  }
  for (int t = 0; t < threads; t++) {
    pthread_join(ids[t], NULL);
    printf("%d %ld %.6f %ld\n", t, workers[t].steps, workers[t].elapsed, workers[t].failures);
  }
  mj_deleteModel((mjModel*)model);
  return 0;
}
