package dev.lamo.results.records;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code status.json} of a training run or an evaluation: a heartbeat the job rewrites every few seconds (temporary
 * file, then rename), so that a reader of the folder can tell a live job from a finished, failed or killed one.
 * A job never writes {@code interrupted}: a reader concludes it when a job that has not ended stopped beating
 * (see {@link #observedState(Instant, Duration)}).
 *
 * @param kind       what runs: {@code training} or {@code evaluation}
 * @param pid        process id of the writer
 * @param host       host name of the writer
 * @param startedAt  when the job started (this process)
 * @param updatedAt  when this record was written
 * @param state      {@link State#RUNNING}, {@link State#FINISHED} or {@link State#FAILED}
 * @param reason     why it failed (null otherwise)
 * @param progress   work done so far
 * @param throughput live throughput over the last window (null where the job has none, e.g. before a first window)
 */
public record JobStatus(String schema, int schemaVersion, String kind, long pid, String host, Instant startedAt,
                        Instant updatedAt, State state, String reason, Progress progress, Throughput throughput)
        implements VersionedRecord {

    public static final String SCHEMA = "lamo.job_status";
    public static final int VERSION = 1;
    public static final String FILE = "status.json";
    /** A job that has not ended and whose heartbeat is older than this reads as interrupted. */
    public static final Duration STALE_AFTER = Duration.ofSeconds(60);

    /** States as written ({@code INTERRUPTED} only as a reader's conclusion). */
    public enum State {
        @JsonProperty("running") RUNNING,
        @JsonProperty("finished") FINISHED,
        @JsonProperty("failed") FAILED,
        @JsonProperty("interrupted") INTERRUPTED;

        /** The state as records and readers write it ({@code running}, ...). */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * Work done.
     *
     * @param unit       {@code steps} (training) or {@code episodes} (evaluation)
     * @param done       units done
     * @param total      units in all
     * @param etaSeconds estimated seconds left at the current rate (null before a rate is known)
     */
    public record Progress(String unit, long done, long total, Double etaSeconds) {
    }

    /**
     * Live throughput over the last window (fields a job does not measure are null).
     *
     * @param envStepsPerSecond environment steps per second (evaluations)
     * @param updatesPerSecond  gradient updates per second (training)
     * @param meanBatch         mean forward batch (evaluations)
     * @param forwardP50Ms      median forward time, milliseconds
     * @param forwardP99Ms      99th percentile forward time, milliseconds
     */
    public record Throughput(Double envStepsPerSecond, Double updatesPerSecond, Double meanBatch, Double forwardP50Ms,
                             Double forwardP99Ms) {
    }

    public static JobStatus of(String kind, long pid, String host, Instant startedAt, Instant updatedAt, State state,
                               String reason, Progress progress, Throughput throughput) {
        return new JobStatus(SCHEMA, VERSION, kind, pid, host, startedAt, updatedAt, state, reason, progress, throughput);
    }

    /** The state a reader should show at {@code now}: a running job whose heartbeat is stale was interrupted. */
    public State observedState(Instant now, Duration staleAfter) {
        if (state == State.RUNNING && updatedAt != null && Duration.between(updatedAt, now).compareTo(staleAfter) > 0) {
            return State.INTERRUPTED;
        }
        return state;
    }

    /** Reads {@code status.json} of a job folder. */
    public static JobStatus read(Path folder) {
        return Records.read(folder.resolve(FILE), JobStatus.class, SCHEMA, VERSION);
    }
}
