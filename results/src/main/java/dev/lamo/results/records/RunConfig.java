package dev.lamo.results.records;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamo.envs.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code config.json} of a run directory: what was trained, on what, with which settings.
 *
 * <p>Schema version 2 records the run's {@link RunFacts} as typed fields and the run's variant label. Version-1
 * folders (an untyped {@code extra} map) are read into the same record (see {@link RunFactsV1}); their
 * {@code schemaVersion} stays 1 so that a resumed version-1 run keeps writing version 1 ({@link #write}).
 *
 * @param algorithm       {@code sac}, {@code lamo}, {@code dt}, {@code cql}, ...
 * @param variant         the label tables show, e.g. {@code lamo-nopt}; the algorithm's name for a plain run
 * @param envId           environment id
 * @param envVersion      version of the environment's semantics
 * @param dataset         offline data (null for online algorithms)
 * @param seed            training seed
 * @param steps           planned gradient (or environment) steps
 * @param hyperparameters every hyper-parameter after defaults and overrides
 * @param facts           what the trainer measured or decided (normalisation, sequence settings, shape, ...)
 * @param createdBy       lamo version that wrote it
 * @param simulator       simulator and version (for example {@code MuJoCo 2.2.2})
 * @param clipActions     whether the environment clipped actions
 */
public record RunConfig(String schema, int schemaVersion, String algorithm, String variant, String envId,
                        String envVersion, DatasetRef dataset, long seed, long steps,
                        Map<String, Object> hyperparameters, RunFacts facts, String createdBy, String simulator,
                        boolean clipActions) implements VersionedRecord {

    public static final String SCHEMA = "lamo.run_config";
    public static final int VERSION = 2;
    public static final String FILE = "config.json";

    public RunConfig {
        hyperparameters = hyperparameters == null ? Map.of() : new LinkedHashMap<>(hyperparameters);
        variant = variant == null ? algorithm : variant;
    }

    public static RunConfig of(String algorithm, String variant, String envId, String envVersion, DatasetRef dataset,
                               long seed, long steps, Map<String, Object> hyperparameters, RunFacts facts,
                               String simulator, boolean clipActions) {
        return new RunConfig(SCHEMA, VERSION, algorithm, variant, envId, envVersion, dataset, seed, steps,
                hyperparameters, facts, LamoVersion.current(), simulator, clipActions);
    }

    /** The same run planned to {@code total} steps. */
    public RunConfig withSteps(long total) {
        return new RunConfig(schema, schemaVersion, algorithm, variant, envId, envVersion, dataset, seed, total,
                hyperparameters, facts, createdBy, simulator, clipActions);
    }

    /** Reads {@code config.json} of either schema version. */
    public static RunConfig read(Path file) {
        JsonNode node = Records.read(file, JsonNode.class, SCHEMA, VERSION);
        if (node.path("schema_version").asInt() == 1) {
            node = RunFactsV1.upgrade(file.toString(), (ObjectNode) node);
        }
        try {
            return Json.mapper().treeToValue(node, RunConfig.class);
        } catch (IOException e) {
            throw new RecordFormatException(file + ": not a valid run config (" + e.getMessage().lines().findFirst()
                    .orElse("") + ")");
        }
    }

    /**
     * Writes {@code config.json}: version 2 as this record; a run read from a version-1 file rewrites that file with
     * only the planned steps changed, so that its readers keep reading what they read before.
     */
    public void write(Path file) {
        if (schemaVersion == 1) {
            ObjectNode original;
            try {
                original = (ObjectNode) Json.mapper().readTree(Files.readString(file));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
            original.put("steps", steps);
            Records.write(file, original);
        } else {
            Records.write(file, this);
        }
    }
}
