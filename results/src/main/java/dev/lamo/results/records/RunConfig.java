package dev.lamo.results.records;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code config.json} of a run directory: what was trained, on what, with which settings.
 *
 * @param algorithm       {@code sac}, {@code lamo}, {@code dt}, {@code cql}, ...
 * @param envId           environment id
 * @param envVersion      version of the environment's semantics
 * @param dataset         offline data (null for online algorithms)
 * @param seed            training seed
 * @param steps           planned gradient (or environment) steps
 * @param hyperparameters every hyper-parameter after defaults and overrides
 * @param extra           algorithm-specific facts (state normalisation, language model provenance, ...)
 * @param createdBy       lamo version that wrote it
 * @param simulator       simulator and version (for example {@code MuJoCo 2.2.2})
 * @param clipActions     whether the environment clipped actions
 */
public record RunConfig(String schema, int schemaVersion, String algorithm, String envId, String envVersion,
                        DatasetRef dataset, long seed, long steps, Map<String, Object> hyperparameters,
                        Map<String, Object> extra, String createdBy, String simulator, boolean clipActions)
        implements VersionedRecord {

    public static final String SCHEMA = "lamo.run_config";
    public static final int VERSION = 1;

    public RunConfig {
        hyperparameters = hyperparameters == null ? Map.of() : new LinkedHashMap<>(hyperparameters);
        extra = extra == null ? Map.of() : new LinkedHashMap<>(extra);
    }

    public static RunConfig of(String algorithm, String envId, String envVersion, DatasetRef dataset, long seed,
                               long steps, Map<String, Object> hyperparameters, Map<String, Object> extra,
                               String simulator, boolean clipActions) {
        return new RunConfig(SCHEMA, VERSION, algorithm, envId, envVersion, dataset, seed, steps, hyperparameters, extra,
                LamoVersion.current(), simulator, clipActions);
    }
}
