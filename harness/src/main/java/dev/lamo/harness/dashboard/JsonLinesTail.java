package dev.lamo.harness.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamo.envs.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads a JSON-lines file as it grows, from the offset it reached last time, never writing to it. A line without its
 * newline yet (being written, or cut by a crash) waits until it is complete; a line that is not a JSON object is
 * counted and skipped; a file that was replaced or shortened (a resumed run rewrites its metrics) is read again from
 * the start and {@link Batch#restarted()} says so; a missing file is simply empty.
 */
final class JsonLinesTail {

    /** New complete lines since the last poll. */
    record Batch(List<JsonNode> lines, boolean restarted, boolean more) {
    }

    private final Path file;
    private final int maxBytesPerPoll;
    private long offset;
    private Object fileKey;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private long malformed;

    /** @param maxBytesPerPoll bytes read at most per poll, so that a huge file is read over several polls */
    JsonLinesTail(Path file, int maxBytesPerPoll) {
        this.file = file;
        this.maxBytesPerPoll = maxBytesPerPoll;
    }

    long malformedLines() {
        return malformed;
    }

    long offset() {
        return offset;
    }

    Batch poll() {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            boolean had = offset > 0 || fileKey != null;
            reset();
            return new Batch(List.of(), had, false);
        } catch (IOException e) {
            return new Batch(List.of(), false, false);
        }
        boolean restarted = false;
        Object key = attributes.fileKey();
        if ((fileKey != null && key != null && !Objects.equals(fileKey, key)) || attributes.size() < offset) {
            reset();
            restarted = true;
        }
        fileKey = key;
        List<JsonNode> lines = new ArrayList<>();
        long size = attributes.size();
        if (size == offset) {
            return new Batch(lines, restarted, false);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(maxBytesPerPoll, size - offset));
            while (buffer.hasRemaining()) {
                int n = channel.read(buffer, offset + buffer.position());
                if (n < 0) {
                    break;
                }
            }
            buffer.flip();
            offset += buffer.remaining();
            split(buffer, lines);
        } catch (NoSuchFileException e) {
            reset();
            return new Batch(List.of(), true, false);
        } catch (IOException e) {
            return new Batch(lines, restarted, false);
        }
        return new Batch(lines, restarted, offset < size);
    }

    private void split(ByteBuffer buffer, List<JsonNode> out) {
        byte[] bytes = buffer.array();
        int end = buffer.limit();
        int lineStart = buffer.position();
        for (int i = lineStart; i < end; i++) {
            if (bytes[i] == '\n') {
                if (pending.size() > 0) {
                    pending.write(bytes, lineStart, i - lineStart);
                    byte[] line = pending.toByteArray();
                    pending.reset();
                    parse(line, 0, line.length, out);
                } else {
                    parse(bytes, lineStart, i - lineStart, out);
                }
                lineStart = i + 1;
            }
        }
        pending.write(bytes, lineStart, end - lineStart);
    }

    /** Parses straight from the bytes read (no String per line: a million-line file is mostly parsing). */
    private void parse(byte[] bytes, int offset, int length, List<JsonNode> out) {
        int start = offset;
        int end = offset + length;
        while (start < end && bytes[start] <= ' ') {
            start++;
        }
        while (end > start && bytes[end - 1] <= ' ') {
            end--;
        }
        if (start == end) {
            return;
        }
        try {
            JsonNode node = Json.mapper().readTree(bytes, start, end - start);
            if (node != null && node.isObject()) {
                out.add(node);
                return;
            }
        } catch (IOException e) {
            // counted below: one bad line must not stop the lines after it
        }
        malformed++;
    }

    private void reset() {
        offset = 0;
        fileKey = null;
        pending.reset();
        malformed = 0;
    }
}
