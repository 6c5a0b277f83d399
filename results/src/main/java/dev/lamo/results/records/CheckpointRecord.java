package dev.lamo.results.records;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code checkpoint.json} inside {@code checkpoints/step_N/}: the step, the files that make up the
 * checkpoint, and what the trainer measured at that point (for SAC, its evaluation return).
 */
public record CheckpointRecord(String schema, int schemaVersion, String algorithm, long step, List<String> files,
                               Map<String, Object> measurements) implements VersionedRecord {

    public static final String SCHEMA = "lamo.checkpoint";
    public static final int VERSION = 1;

    public CheckpointRecord {
        files = files == null ? List.of() : List.copyOf(files);
        measurements = measurements == null ? Map.of() : new LinkedHashMap<>(measurements);
    }

    public static CheckpointRecord of(String algorithm, long step, List<String> files, Map<String, Object> measurements) {
        return new CheckpointRecord(SCHEMA, VERSION, algorithm, step, files, measurements);
    }
}
