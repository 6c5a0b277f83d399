package dev.lamo.harness.eval;

import dev.lamo.envs.Seeds;
import dev.lamo.results.records.EpisodeRecord;

/**
 * Which episode of an evaluation a record is: (checkpoint, target, index). A key is recorded at most once, and
 * the key alone derives the episode's environment seed, so no worker count or batch size changes a result.
 *
 * @param target return target, or null for policies that are not return-conditioned
 */
record EpisodeKey(long checkpointStep, Double target, int index) {

    static EpisodeKey of(EpisodeRecord r) {
        return new EpisodeKey(r.checkpointStep(), r.target(), r.index());
    }

    /** The environment seed of this episode under evaluation seed {@code seed} (the checkpoint does not enter). */
    long envSeed(long seed) {
        return envSeed(seed, target, index);
    }

    /** Seeds of evaluation episodes: (seed, target, index) only. */
    static long envSeed(long seed, Double target, int index) {
        long tag = target == null ? 0x4D41524B4F56L : Double.doubleToLongBits(target);
        return Seeds.derive(seed, tag, index);
    }
}
