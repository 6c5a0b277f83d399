package dev.lamo.harness.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamo.envs.Json;
import dev.lamo.results.bench.HarnessBenchmark;
import dev.lamo.results.records.Records;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A {@code lamo bench harness --json} record: env steps/s against concurrency, labelled by runtime and device. */
final class BenchWatch {

    private final String id;
    private final Path file;
    private final FolderFile<HarnessBenchmark> record;
    private final FolderFile<JsonNode> raw;

    BenchWatch(String id, Path file) {
        this.id = id;
        this.file = file;
        this.record = new FolderFile<>(file, f -> Records.read(f, HarnessBenchmark.class, HarnessBenchmark.SCHEMA,
                HarnessBenchmark.VERSION));
        this.raw = new FolderFile<>(file, Json::readObjectFile);
    }

    String id() {
        return id;
    }

    /** The record as a row, or null when the file is gone or not a readable bench record. */
    Views.BenchRow row() {
        record.refresh();
        raw.refresh();
        HarnessBenchmark b = record.value();
        if (b == null) {
            return null;
        }
        List<Integer> concurrency = new ArrayList<>();
        List<Double> rate = new ArrayList<>();
        if (b.harness() != null) {
            for (HarnessBenchmark.Point p : b.harness()) {
                concurrency.add(p.concurrency());
                rate.add(Views.finite(p.envStepsPerSecond()));
            }
        }
        // runtime and device are not fields of schema version 1; newer writers may add them
        String runtime = text("runtime");
        String device = text("device");
        String label = (runtime != null ? runtime : "runtime not recorded") + " · "
                + (device != null ? device : b.cores() + " cores") + " · " + file.getFileName();
        return new Views.BenchRow(id, file.toString(), label, b.policy(), b.env(), b.cores(), runtime, device, concurrency,
                rate, b.sequentialEnvStepsPerSecond(), b.speedup());
    }

    private String text(String key) {
        JsonNode r = raw.value();
        return r != null && r.hasNonNull(key) ? r.get(key).asText() : null;
    }
}
