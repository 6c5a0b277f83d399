package dev.lamo.harness.cli;

import dev.lamo.results.records.JobStatus;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** {@code lamo eval --status DIR} and {@code lamo train --status DIR}: a job folder's status.json, as a reader sees it now. */
final class JobStatusReport {

    private JobStatusReport() {
    }

    /** Prints the status of the job in {@code folder}; a running job silent for longer than {@code staleAfter} reads as interrupted. */
    static void print(PrintWriter out, Path folder, Instant now, Duration staleAfter) {
        Path file = folder.resolve(JobStatus.FILE);
        if (!Files.exists(file)) {
            throw new BadInputException("--status: " + file + " not found (no job has written a status in " + folder + ")");
        }
        JobStatus s;
        try {
            s = JobStatus.read(folder);
        } catch (RuntimeException e) {
            throw new BadInputException("--status: " + file + ": " + e.getMessage());
        }
        JobStatus.State state = s.observedState(now, staleAfter);
        long age = Math.max(0, Duration.between(s.updatedAt(), now).toSeconds());
        String how = switch (state) {
            case INTERRUPTED -> "interrupted (no heartbeat for " + age + " s; it was pid " + s.pid() + " on " + s.host() + ")";
            case FAILED -> "failed: " + s.reason();
            case RUNNING -> "running (pid " + s.pid() + " on " + s.host() + ", updated " + age + " s ago)";
            case FINISHED -> "finished";
        };
        out.printf("%s in %s: %s%n", s.kind(), folder, how);
        JobStatus.Progress p = s.progress();
        if (p != null) {
            String eta = state == JobStatus.State.RUNNING && p.etaSeconds() != null
                    ? String.format(", eta %.0f s", p.etaSeconds()) : "";
            out.printf("progress: %d/%d %s (%.0f%%)%s%n", p.done(), p.total(), p.unit(),
                    p.total() == 0 ? 100.0 : 100.0 * p.done() / p.total(), eta);
        }
        JobStatus.Throughput t = s.throughput();
        if (t != null && state == JobStatus.State.RUNNING) {
            StringBuilder line = new StringBuilder("throughput (last window):");
            if (t.envStepsPerSecond() != null) {
                line.append(String.format(" %.0f env steps/s", t.envStepsPerSecond()));
            }
            if (t.updatesPerSecond() != null) {
                line.append(String.format(" %.1f updates/s", t.updatesPerSecond()));
            }
            if (t.meanBatch() != null) {
                line.append(String.format(", mean batch %.1f", t.meanBatch()));
            }
            if (t.forwardP50Ms() != null) {
                line.append(String.format(", forward p50 %.2f ms p99 %.2f ms", t.forwardP50Ms(), t.forwardP99Ms()));
            }
            out.println(line);
        }
    }
}
