package dev.lamo.harness.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Objects;
import java.util.function.Function;

/**
 * A small record file of a watched folder (config.json, status.json, summary.json), read again only when its
 * modification time or size changes. A file that is missing reads as null; one that does not parse keeps the reason.
 */
final class FolderFile<T> {

    private final Path file;
    private final Function<Path, T> reader;
    private Object stamp;
    private T value;
    private String problem;
    private FileTime modified;

    FolderFile(Path file, Function<Path, T> reader) {
        this.file = file;
        this.reader = reader;
    }

    /** Re-reads the file if it changed; true when the value or problem changed. */
    boolean refresh() {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            boolean changed = value != null || problem != null;
            stamp = null;
            value = null;
            problem = null;
            modified = null;
            return changed;
        }
        Object newStamp = java.util.List.of(a.lastModifiedTime(), a.size(), String.valueOf(a.fileKey()));
        if (Objects.equals(newStamp, stamp)) {
            return false;
        }
        stamp = newStamp;
        modified = a.lastModifiedTime();
        try {
            value = reader.apply(file);
            problem = null;
        } catch (UncheckedIOException | IllegalArgumentException e) { // RecordFormatException is one
            value = null;
            problem = e.getMessage();
        }
        return true;
    }

    T value() {
        return value;
    }

    String problem() {
        return problem;
    }

    FileTime modified() {
        return modified;
    }
}
