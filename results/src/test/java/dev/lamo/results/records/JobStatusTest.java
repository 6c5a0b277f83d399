package dev.lamo.results.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobStatusTest {

    @TempDir
    Path dir;

    @Test
    void roundTripsWithIsoInstantsAndLowerCaseStates() throws Exception {
        Instant start = Instant.parse("2026-12-07T10:00:00Z");
        JobStatus status = JobStatus.of("training", 42, "host-a", start, start.plusSeconds(5), JobStatus.State.RUNNING,
                null, new JobStatus.Progress("steps", 10, 100, 45.0), new JobStatus.Throughput(null, 2.0, null, null, null));
        Records.write(dir.resolve(JobStatus.FILE), status);
        String text = Files.readString(dir.resolve(JobStatus.FILE));
        assertTrue(text.contains("\"updated_at\" : \"2026-12-07T10:00:05Z\""), text);
        assertTrue(text.contains("\"state\" : \"running\""), text);
        assertEquals(status, JobStatus.read(dir));
    }

    @Test
    void aRunningJobWithAStaleHeartbeatReadsAsInterrupted() {
        Instant beat = Instant.parse("2026-12-07T10:00:00Z");
        JobStatus running = JobStatus.of("evaluation", 1, "h", beat, beat, JobStatus.State.RUNNING, null,
                new JobStatus.Progress("episodes", 0, 4, null), null);
        assertEquals(JobStatus.State.RUNNING, running.observedState(beat.plusSeconds(59), JobStatus.STALE_AFTER));
        assertEquals(JobStatus.State.INTERRUPTED, running.observedState(beat.plusSeconds(61), JobStatus.STALE_AFTER));
        JobStatus finished = JobStatus.of("evaluation", 1, "h", beat, beat, JobStatus.State.FINISHED, null,
                new JobStatus.Progress("episodes", 4, 4, 0.0), null);
        assertEquals(JobStatus.State.FINISHED, finished.observedState(beat.plusSeconds(3600), Duration.ofSeconds(60)));
    }
}
