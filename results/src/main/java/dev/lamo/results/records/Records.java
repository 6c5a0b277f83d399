package dev.lamo.results.records;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lamo.envs.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Reading and writing versioned JSON records: atomic writes, schema checks on read. */
public final class Records {

    private Records() {
    }

    /** Writes a record as indented JSON under a temporary name, then renames it into place. */
    public static void write(Path file, Object record) {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(tmp, Json.writePretty(record) + "\n");
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a record, checking its schema name and that its version is at most {@code supportedVersion}.
     */
    public static <T> T read(Path file, Class<T> type, String schema, int supportedVersion) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new RecordFormatException(file + ": file not found");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return parse(file.toString(), text, type, schema, supportedVersion);
    }

    /** Parses one record from text (for example one line of a JSON-lines file); {@code source} names it in errors. */
    public static <T> T parse(String source, String text, Class<T> type, String schema, int supportedVersion) {
        JsonNode node;
        try {
            node = Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new RecordFormatException(source + ": not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (node == null || !node.isObject()) {
            throw new RecordFormatException(source + ": expected a JSON object with a \"schema\" field");
        }
        String found = node.path("schema").asText(null);
        if (!schema.equals(found)) {
            throw new RecordFormatException(source + ": expected a record of schema '" + schema + "', found "
                    + (found == null ? "no schema field" : "'" + found + "'"));
        }
        int version = node.path("schema_version").asInt(-1);
        if (version < 1) {
            throw new RecordFormatException(source + ": record of schema '" + schema + "' has no valid schema_version");
        }
        if (version > supportedVersion) {
            throw new RecordFormatException(source + ": record schema '" + schema + "' version " + version
                    + " is newer than this lamo understands (" + supportedVersion + "); update lamo");
        }
        try {
            return Json.mapper().treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new RecordFormatException(source + ": malformed '" + schema + "' record (" + e.getOriginalMessage() + ")");
        }
    }
}
