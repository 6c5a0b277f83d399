package dev.lamo.results.records;

/**
 * One line of {@code episodes.jsonl}: a finished evaluation episode. Every field except {@code wallSeconds}
 * is a deterministic function of the checkpoint, the environment, the protocol and the seed.
 *
 * @param checkpointStep  training step of the evaluated checkpoint
 * @param target          return-to-go target (null for policies that are not return-conditioned)
 * @param index           episode index within the target
 * @param envSeed         reset seed, derived only from (seed, target, index)
 * @param episodeReturn   undiscounted return
 * @param normalizedScore 100 · (return − ref min) / (ref max − ref min)
 * @param length          steps taken
 * @param terminated      ended in a terminal state
 * @param truncated       cut by the step limit
 * @param failure         why the episode failed (non-finite action, simulator error, timeout), or null
 * @param wallSeconds     wall time from reset to the last step (a timing, not a result)
 */
public record EpisodeRecord(String schema, int schemaVersion, long checkpointStep, Double target, int index, long envSeed,
                            double episodeReturn, double normalizedScore, int length, boolean terminated,
                            boolean truncated, String failure, double wallSeconds) implements VersionedRecord {

    public static final String SCHEMA = "lamo.episode";
    public static final int VERSION = 1;

    public static EpisodeRecord of(long checkpointStep, Double target, int index, long envSeed, double episodeReturn,
                                   double normalizedScore, int length, boolean terminated, boolean truncated,
                                   String failure, double wallSeconds) {
        return new EpisodeRecord(SCHEMA, VERSION, checkpointStep, target, index, envSeed, episodeReturn, normalizedScore,
                length, terminated, truncated, failure, wallSeconds);
    }

    /** The record without its timing, for comparing results across runs. */
    public EpisodeRecord withoutTiming() {
        return new EpisodeRecord(schema, schemaVersion, checkpointStep, target, index, envSeed, episodeReturn,
                normalizedScore, length, terminated, truncated, failure, 0);
    }
}
