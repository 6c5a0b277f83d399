package dev.lamo.harness.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesTailTest {

    @TempDir
    Path dir;

    @Test
    void aCutLineWaitsForItsNewlineAndAMalformedLineIsSkipped() throws Exception {
        Path f = dir.resolve("m.jsonl");
        Files.writeString(f, "{\"step\":1}\n{\"step\":2}\nnot json\n{\"st");
        JsonLinesTail tail = new JsonLinesTail(f, 1 << 20);
        JsonLinesTail.Batch first = tail.poll();
        assertEquals(2, first.lines().size());
        assertEquals(1, tail.malformedLines());
        ResultFolders.append(f, "ep\":3}\n{\"step\":4}\n");
        JsonLinesTail.Batch second = tail.poll();
        assertEquals(2, second.lines().size());
        assertEquals(3, second.lines().get(0).get("step").asInt());
        assertEquals(4, second.lines().get(1).get("step").asInt());
        assertFalse(second.restarted());
        assertEquals(0, tail.poll().lines().size());
    }

    @Test
    void aReplacedOrShortenedFileIsReadAgainFromTheStart() throws Exception {
        Path f = dir.resolve("m.jsonl");
        Files.writeString(f, "{\"step\":1}\n{\"step\":2}\n{\"step\":3}\n");
        JsonLinesTail tail = new JsonLinesTail(f, 1 << 20);
        assertEquals(3, tail.poll().lines().size());
        Path tmp = dir.resolve(".m.tmp");
        Files.writeString(tmp, "{\"step\":1}\n");
        Files.move(tmp, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        JsonLinesTail.Batch b = tail.poll();
        assertTrue(b.restarted());
        assertEquals(1, b.lines().size());
    }

    @Test
    void aDeletedFileReadsEmptyAndAReturningOneFromItsStart() throws Exception {
        Path f = dir.resolve("m.jsonl");
        Files.writeString(f, "{\"step\":1}\n");
        JsonLinesTail tail = new JsonLinesTail(f, 1 << 20);
        assertEquals(1, tail.poll().lines().size());
        Files.delete(f);
        JsonLinesTail.Batch gone = tail.poll();
        assertTrue(gone.restarted());
        assertEquals(0, gone.lines().size());
        Files.writeString(f, "{\"step\":7}\n");
        assertEquals(7, tail.poll().lines().get(0).get("step").asInt());
    }

    @Test
    void aLargeFileIsReadInBoundedChunksWithoutLosingLinesAtTheirEdges() throws Exception {
        Path f = dir.resolve("m.jsonl");
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            s.append("{\"step\":").append(i).append("}\n");
        }
        Files.writeString(f, s);
        JsonLinesTail tail = new JsonLinesTail(f, 100);
        int seen = 0;
        int polls = 0;
        JsonLinesTail.Batch b;
        do {
            b = tail.poll();
            for (var line : b.lines()) {
                assertEquals(seen++, line.get("step").asInt());
            }
            polls++;
        } while (b.more());
        assertEquals(1000, seen);
        assertTrue(polls > 10, "read in several chunks, found " + polls);
        assertEquals(0, tail.malformedLines());
    }
}
