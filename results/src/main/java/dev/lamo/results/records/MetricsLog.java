package dev.lamo.results.records;

import dev.lamo.envs.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code metrics.jsonl}: one JSON object per line, each with {@code step} and {@code kind} (for example
 * {@code train}, {@code eval}, {@code episode}), appended and flushed line by line so that a crash loses at
 * most the line being written.
 */
public final class MetricsLog implements AutoCloseable {

    private final Path file;
    private final BufferedWriter writer;

    private MetricsLog(Path file, BufferedWriter writer) {
        this.file = file;
        this.writer = writer;
    }

    public static MetricsLog append(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return new MetricsLog(file, Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file + ": " + e.getMessage(), e);
        }
    }

    public synchronized void write(long step, String kind, Map<String, ?> values) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("step", step);
        line.put("kind", kind);
        line.putAll(values);
        try {
            writer.write(Json.write(line));
            writer.newLine();
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file + ": " + e.getMessage(), e);
        }
    }

    /** Every line of a metrics file, as maps. A malformed line fails with its line number. */
    public static List<Map<String, Object>> read(Path file) {
        List<Map<String, Object>> out = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new RecordFormatException(file + ": cannot read (" + e.getMessage() + ")");
        }
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.isEmpty()) {
                continue;
            }
            try {
                @SuppressWarnings("unchecked")
                Map<String, Object> m = Json.mapper().readValue(l, Map.class);
                out.add(m);
            } catch (IOException e) {
                if (i == lines.size() - 1) {
                    break; // a line cut by a crash
                }
                throw new RecordFormatException(file + " line " + (i + 1) + ": not valid JSON");
            }
        }
        return out;
    }

    /** Keeps only lines with step <= {@code step} (a resumed run rewinds to its checkpoint). */
    public static void truncateAfter(Path file, long step) {
        if (!Files.exists(file)) {
            return;
        }
        List<String> kept = new ArrayList<>();
        for (Map<String, Object> m : read(file)) {
            if (((Number) m.get("step")).longValue() <= step) {
                kept.add(Json.write(m));
            }
        }
        try {
            Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
            Files.write(tmp, kept);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite " + file + ": " + e.getMessage(), e);
        }
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
