package dev.lamo.harness.status;

import dev.lamo.harness.eval.Timeouts;
import dev.lamo.results.records.JobStatus;
import dev.lamo.results.records.Records;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Writes a job's {@code status.json} (temporary file, then rename): at once, then every
 * {@link Timeouts#STATUS_EVERY} from a daemon thread while the job runs, and a last time when it finishes or fails.
 * A job killed without a last write stops beating, which a reader sees as interrupted
 * ({@link JobStatus#observedState}).
 */
public final class StatusHeartbeat implements AutoCloseable {

    /** What the job reports; called from the heartbeat's thread, so implementations read shared state safely. */
    public interface Source {

        /** Units done so far. */
        long done();

        /** Units in all. */
        long total();

        /** Throughput since the previous call (or the start). */
        JobStatus.Throughput throughput();
    }

    private final Path file;
    private final String kind;
    private final String unit;
    private final Source source;
    private final long pid = ProcessHandle.current().pid();
    private final String host = hostName();
    private final Instant startedAt = Instant.now();
    private final long startNanos = System.nanoTime();
    private final long doneAtStart;
    private final ScheduledExecutorService timer;
    private boolean ended;

    private StatusHeartbeat(Path folder, String kind, String unit, Source source, Duration every) {
        this.file = folder.resolve(JobStatus.FILE);
        this.kind = kind;
        this.unit = unit;
        this.source = source;
        this.doneAtStart = source.done();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lamo-status");
            t.setDaemon(true);
            return t;
        });
        write(JobStatus.State.RUNNING, null);
        long millis = every.toMillis();
        timer.scheduleAtFixedRate(() -> write(JobStatus.State.RUNNING, null), millis, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts beating into {@code folder/status.json} (the folder is created if needed).
     *
     * @param kind {@code training} or {@code evaluation}
     * @param unit what {@code done} and {@code total} count: {@code steps} or {@code episodes}
     */
    public static StatusHeartbeat start(Path folder, String kind, String unit, Source source) {
        return start(folder, kind, unit, source, Timeouts.STATUS_EVERY);
    }

    static StatusHeartbeat start(Path folder, String kind, String unit, Source source, Duration every) {
        try {
            Files.createDirectories(folder);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create " + folder + ": " + e.getMessage(), e);
        }
        return new StatusHeartbeat(folder, kind, unit, source, every);
    }

    /** The last write: the job finished. */
    public void finished() {
        end(JobStatus.State.FINISHED, null);
    }

    /** The last write: the job failed for {@code reason}. */
    public void failed(String reason) {
        end(JobStatus.State.FAILED, reason == null ? "unknown error" : reason);
    }

    /** Stops beating; a job that neither finished nor failed is recorded as failed (it was stopped). */
    @Override
    public void close() {
        end(JobStatus.State.FAILED, "stopped before the end");
    }

    private void end(JobStatus.State state, String reason) {
        timer.shutdownNow();
        synchronized (this) {
            if (!ended) {
                write(state, reason);
                ended = true;
            }
        }
    }

    private synchronized void write(JobStatus.State state, String reason) {
        if (ended) {
            return;
        }
        try {
            long done = source.done();
            long total = source.total();
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            double rate = (done - doneAtStart) / seconds;
            Double eta = state == JobStatus.State.RUNNING && rate > 0 ? Math.max(0, total - done) / rate : null;
            Records.write(file, JobStatus.of(kind, pid, host, startedAt, Instant.now(), state, reason,
                    new JobStatus.Progress(unit, done, total, eta), source.throughput()));
        } catch (RuntimeException e) {
            // a status that cannot be written (disk full, folder removed) must not stop the job it describes, and a
            // failure here must not end the timer's later beats
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            String env = System.getenv("HOSTNAME");
            return env != null ? env : "unknown";
        }
    }
}
