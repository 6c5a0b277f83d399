package dev.lamo.harness.train;

import dev.lamo.harness.status.StatusHeartbeat;
import dev.lamo.policies.run.TrainingProgress;
import dev.lamo.results.records.JobStatus;

/**
 * What a training run's {@code status.json} reports, fed from the trainer's own progress callback (called after
 * every step), so no trainer knows about the status file.
 */
final class TrainingBeat implements StatusHeartbeat.Source {

    private volatile long done;
    private volatile long total;
    private long windowStart = System.nanoTime();
    private long windowDone;

    /**
     * @param done  steps done before this process started (a resumed run's), as far as known
     * @param total the planned steps
     */
    TrainingBeat(long done, long total) {
        this.done = done;
        this.total = total;
        this.windowDone = done;
    }

    /** The trainer's callback: counts steps here and passes them on to {@code next}. */
    TrainingProgress wrap(TrainingProgress next) {
        return (stepsDone, stepsTotal, extra) -> {
            done = stepsDone;
            total = stepsTotal;
            next.update(stepsDone, stepsTotal, extra);
        };
    }

    @Override
    public long done() {
        return done;
    }

    @Override
    public long total() {
        return total;
    }

    /** Updates per second since the previous call (called from the heartbeat's thread only). */
    @Override
    public JobStatus.Throughput throughput() {
        long now = System.nanoTime();
        long d = done;
        double seconds = (now - windowStart) / 1e9;
        Double rate = seconds > 0 && d >= windowDone ? (d - windowDone) / seconds : null;
        windowStart = now;
        windowDone = d;
        return new JobStatus.Throughput(null, rate, null, null, null);
    }
}
