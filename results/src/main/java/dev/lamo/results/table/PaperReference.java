package dev.lamo.results.table;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamo.envs.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * LaMo's published numbers (Tables 1, 3, 8 and 9 of the ICLR 2024 paper), kept as a data file beside the code.
 * They are reference columns only: measured on the paper's data and environments, not ours. Only tasks whose
 * normalised score means the same thing here carry them; Kitchen-style and Atari-style rows never do.
 */
public final class PaperReference {

    /** Tasks whose scores normalise with the same reference returns as the paper's. */
    public static final Set<String> COMPARABLE_ENVS = Set.of("hopper", "halfcheetah", "walker2d", "reacher2d");

    private static final String RESOURCE = "/dev/lamo/results/paper/lamo-iclr2024.json";

    private record Entry(String table, String env, String dataset, double ratio, Map<String, PaperScore> scores) {
    }

    private final String source;
    private final String measuredOn;
    private final List<Entry> entries;

    private PaperReference(String source, String measuredOn, List<Entry> entries) {
        this.source = source;
        this.measuredOn = measuredOn;
        this.entries = entries;
    }

    public static PaperReference lamoIclr2024() {
        try (InputStream in = PaperReference.class.getResourceAsStream(RESOURCE)) {
            JsonNode doc = Json.mapper().readTree(in);
            List<Entry> entries = new ArrayList<>();
            for (JsonNode row : doc.get("rows")) {
                Map<String, PaperScore> scores = new LinkedHashMap<>();
                row.get("scores").fields().forEachRemaining(f -> scores.put(f.getKey(),
                        new PaperScore(f.getValue().get(0).asDouble(), f.getValue().size() > 1 ? f.getValue().get(1).asDouble() : null)));
                entries.add(new Entry(row.get("table").asText(), row.get("env").asText(), row.get("dataset").asText(),
                        row.get("ratio").asDouble(), scores));
            }
            return new PaperReference(doc.get("source").asText(), doc.get("measured_on").asText(), List.copyOf(entries));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    public String source() {
        return source;
    }

    public String measuredOn() {
        return measuredOn;
    }

    /** The paper's row for our row, matched by environment, dataset kind (from the dataset id) and ratio. */
    public Match find(RowKey key) {
        String kind = key.datasetKind();
        if (!COMPARABLE_ENVS.contains(key.env()) || kind == null) {
            return null;
        }
        for (Entry e : entries) {
            if (e.env.equals(key.env()) && e.dataset.equals(kind) && Math.abs(e.ratio - key.ratio()) < 1e-9) {
                return new Match(e.table, e.scores);
            }
        }
        return null;
    }

    /** A matched row: which of the paper's tables, and its numbers per algorithm. */
    public record Match(String table, Map<String, PaperScore> scores) {
    }
}
