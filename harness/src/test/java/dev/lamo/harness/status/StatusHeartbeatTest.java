package dev.lamo.harness.status;

import static org.junit.jupiter.api.Assertions.*;

import dev.lamo.results.records.JobStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusHeartbeatTest {

    /** A job of 100 units whose progress the test sets. */
    private static final class Counter implements StatusHeartbeat.Source {
        final AtomicLong done = new AtomicLong();

        @Override
        public long done() {
            return done.get();
        }

        @Override
        public long total() {
            return 100;
        }

        @Override
        public JobStatus.Throughput throughput() {
            return new JobStatus.Throughput(12.5, null, 3.0, 1.5, 4.0);
        }
    }

    @Test
    void beatsWhileRunningThenRecordsTheEnd(@TempDir Path dir) throws Exception {
        Counter job = new Counter();
        Path folder = dir.resolve("new-folder");
        try (StatusHeartbeat beat = StatusHeartbeat.start(folder, "evaluation", "episodes", job, Duration.ofMillis(50))) {
            JobStatus first = JobStatus.read(folder);
            assertEquals(JobStatus.State.RUNNING, first.state(), "written at once, in a folder it created");
            assertEquals("evaluation", first.kind());
            assertEquals(ProcessHandle.current().pid(), first.pid());
            assertEquals(new JobStatus.Progress("episodes", 0, 100, null), first.progress(), "no rate, no eta yet");
            job.done.set(40);
            JobStatus later = awaitDone(folder, 40);
            assertTrue(later.updatedAt().isAfter(first.updatedAt()) || later.updatedAt().equals(first.updatedAt()));
            assertEquals(JobStatus.State.RUNNING, later.state());
            assertNotNull(later.progress().etaSeconds(), "a rate gives an eta");
            assertEquals(12.5, later.throughput().envStepsPerSecond());
            assertEquals(4.0, later.throughput().forwardP99Ms());
            job.done.set(100);
            beat.finished();
            JobStatus end = JobStatus.read(folder);
            assertEquals(JobStatus.State.FINISHED, end.state());
            assertEquals(100, end.progress().done());
            Thread.sleep(200);
            assertEquals(JobStatus.State.FINISHED, JobStatus.read(folder).state(), "no beat after the end");
            assertEquals(JobStatus.State.FINISHED, end.observedState(Instant.now().plusSeconds(3600), JobStatus.STALE_AFTER),
                    "a finished job never reads as interrupted");
        }
    }

    @Test
    void aFailureKeepsItsReasonAndAStaleRunningStatusReadsAsInterrupted(@TempDir Path dir) {
        Counter job = new Counter();
        try (StatusHeartbeat beat = StatusHeartbeat.start(dir, "training", "steps", job, Duration.ofHours(1))) {
            JobStatus running = JobStatus.read(dir);
            assertEquals(JobStatus.State.RUNNING, running.observedState(running.updatedAt().plusSeconds(59), JobStatus.STALE_AFTER));
            assertEquals(JobStatus.State.INTERRUPTED,
                    running.observedState(running.updatedAt().plusSeconds(61), JobStatus.STALE_AFTER));
            beat.failed("out of memory");
        }
        JobStatus failed = JobStatus.read(dir);
        assertEquals(JobStatus.State.FAILED, failed.state());
        assertEquals("out of memory", failed.reason());
    }

    private static JobStatus awaitDone(Path folder, long done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            JobStatus s = JobStatus.read(folder);
            if (s.progress().done() == done) {
                return s;
            }
            Thread.sleep(20);
        }
        fail("no beat reported " + done + " done");
        return null;
    }
}
