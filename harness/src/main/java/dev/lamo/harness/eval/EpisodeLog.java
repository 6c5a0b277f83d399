package dev.lamo.harness.eval;

import dev.lamo.envs.Json;
import dev.lamo.results.records.EpisodeRecord;
import dev.lamo.results.records.EpisodeRecords;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code episodes.jsonl}: one record per finished episode, appended and flushed as it finishes, so that a
 * crash or {@code kill -9} loses at most the line being written (which {@link #readAll} then drops).
 */
final class EpisodeLog implements AutoCloseable {

    static final String FILE = "episodes.jsonl";

    private final BufferedWriter writer;

    private EpisodeLog(BufferedWriter writer) {
        this.writer = writer;
    }

    /**
     * Opens for appending; a partial last line from a crash is removed first.
     *
     * @param existing the folder's complete records, as {@link #readAll} found them
     */
    static EpisodeLog append(Path dir, List<EpisodeRecord> existing) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(FILE);
            if (Files.exists(file)) {
                // rewrite without a cut line, so that appended lines start on a line of their own
                List<String> lines = new ArrayList<>();
                for (EpisodeRecord r : existing) {
                    lines.add(Json.write(r));
                }
                Path tmp = dir.resolve("." + FILE + ".tmp");
                Files.write(tmp, lines);
                Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            return new EpisodeLog(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + dir.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    synchronized void write(EpisodeRecord record) {
        try {
            writer.write(Json.write(record));
            writer.newLine();
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every complete record; a cut last line is ignored, a malformed earlier line is an error. */
    static List<EpisodeRecord> readAll(Path dir) {
        Path file = dir.resolve(FILE);
        return Files.exists(file) ? EpisodeRecords.read(file) : new ArrayList<>();
    }

    @Override
    public void close() {
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
