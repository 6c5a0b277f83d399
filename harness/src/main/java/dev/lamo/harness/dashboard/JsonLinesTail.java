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

    /** New complete lines since the last poll, as JSON trees. */
    record Batch(List<JsonNode> lines, boolean restarted, boolean more) {
    }

    /** Takes one complete line (without its newline); false when it is not a record (counted as malformed). */
    @FunctionalInterface
    interface LineHandler {
        boolean line(byte[] bytes, int offset, int length);

        /** The file was replaced, shortened or deleted: drop what was built from it (called before its new lines). */
        default void restarted() {
        }
    }

    /** What a poll with a handler read: whether the file restarted (before any line) and whether more is waiting. */
    record Progress(boolean restarted, boolean more) {
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
        List<JsonNode> lines = new ArrayList<>();
        Progress p = poll((bytes, offset, length) -> {
            try {
                JsonNode node = Json.mapper().readTree(bytes, offset, length);
                if (node != null && node.isObject()) {
                    lines.add(node);
                    return true;
                }
            } catch (IOException e) {
                // malformed: counted by the caller of the handler
            }
            return false;
        });
        return new Batch(lines, p.restarted(), p.more());
    }

    /** Reads what was appended since the last poll and hands each complete line to {@code handler}. */
    Progress poll(LineHandler handler) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            boolean had = offset > 0 || fileKey != null;
            reset();
            if (had) {
                handler.restarted();
            }
            return new Progress(had, false);
        } catch (IOException e) {
            return new Progress(false, false);
        }
        boolean restarted = false;
        Object key = attributes.fileKey();
        if ((fileKey != null && key != null && !Objects.equals(fileKey, key)) || attributes.size() < offset) {
            reset();
            restarted = true;
            handler.restarted();
        }
        fileKey = key;
        long size = attributes.size();
        if (size == offset) {
            return new Progress(restarted, false);
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
            split(buffer, handler);
        } catch (NoSuchFileException e) {
            reset();
            handler.restarted();
            return new Progress(true, false);
        } catch (IOException e) {
            return new Progress(restarted, false);
        }
        return new Progress(restarted, offset < size);
    }

    private void split(ByteBuffer buffer, LineHandler out) {
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

    /** Hands over a trimmed, non-empty line straight from the bytes read (no String per line). */
    private void parse(byte[] bytes, int offset, int length, LineHandler out) {
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
        if (out.line(bytes, start, end - start)) {
            return;
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
