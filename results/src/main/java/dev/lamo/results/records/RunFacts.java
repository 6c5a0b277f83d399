package dev.lamo.results.records;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * What a trainer measured or decided about its run, beyond the hyper-parameters, and what every later reader (the
 * policy loaders, a resumed trainer, the harness, tables) needs: the observation kind, the state normalisation, the
 * sequence settings of return-conditioned policies, the network's shape and the language model it started from.
 * Fields that do not apply to an algorithm are null and left out of {@code config.json}.
 *
 * @param observation        what the policy observes
 * @param stateNormalization per-dimension mean and std subtracted from and divided into state vectors
 * @param rewardScale        factor the offline baselines multiply rewards by (CORL's normalisation; 1 when off)
 * @param datasetReturnMean  mean episode return of the training data
 * @param contextLength      K, the steps of history a Decision Transformer reads
 * @param maxEpisodeLength   size of the timestep embedding table
 * @param returnScale        divisor of returns-to-go
 * @param validationEpisodes episodes held out for the validation loss
 * @param architecture       the network's shape as its model class records it (read back through Jackson into that
 *                           class's own record)
 * @param languageModel      the language model the backbone was initialised from
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunFacts(Observation observation, StateNormalization stateNormalization, Double rewardScale,
                       Double datasetReturnMean, Integer contextLength, Integer maxEpisodeLength, Double returnScale,
                       Integer validationEpisodes, Map<String, Object> architecture, LanguageModel languageModel) {

    /** No facts (an online run, SAC, records only its observation). */
    public static RunFacts of(Observation observation) {
        return new RunFacts(observation, null, null, null, null, null, null, null, null, null);
    }

    public RunFacts withObservation(Observation o) {
        return new RunFacts(o, stateNormalization, rewardScale, datasetReturnMean, contextLength, maxEpisodeLength,
                returnScale, validationEpisodes, architecture, languageModel);
    }

    public RunFacts withStateNormalization(StateNormalization s) {
        return new RunFacts(observation, s, rewardScale, datasetReturnMean, contextLength, maxEpisodeLength, returnScale,
                validationEpisodes, architecture, languageModel);
    }

    public RunFacts withRewardScale(double scale) {
        return new RunFacts(observation, stateNormalization, scale, datasetReturnMean, contextLength, maxEpisodeLength,
                returnScale, validationEpisodes, architecture, languageModel);
    }

    public RunFacts withDatasetReturnMean(double mean) {
        return new RunFacts(observation, stateNormalization, rewardScale, mean, contextLength, maxEpisodeLength,
                returnScale, validationEpisodes, architecture, languageModel);
    }

    /** The sequence settings of a return-conditioned policy. */
    public RunFacts withSequence(int context, int maxEpisode, double scale) {
        return new RunFacts(observation, stateNormalization, rewardScale, datasetReturnMean, context, maxEpisode, scale,
                validationEpisodes, architecture, languageModel);
    }

    public RunFacts withValidationEpisodes(int episodes) {
        return new RunFacts(observation, stateNormalization, rewardScale, datasetReturnMean, contextLength,
                maxEpisodeLength, returnScale, episodes, architecture, languageModel);
    }

    public RunFacts withArchitecture(Map<String, Object> shape) {
        return new RunFacts(observation, stateNormalization, rewardScale, datasetReturnMean, contextLength,
                maxEpisodeLength, returnScale, validationEpisodes, shape, languageModel);
    }

    public RunFacts withLanguageModel(LanguageModel lm) {
        return new RunFacts(observation, stateNormalization, rewardScale, datasetReturnMean, contextLength,
                maxEpisodeLength, returnScale, validationEpisodes, architecture, lm);
    }

    /** The field a reader needs, or a one-line error naming it and the run. */
    public static <T> T require(T value, String field, String run) {
        if (value == null) {
            throw new RecordFormatException(run + ": config.json has no " + field);
        }
        return value;
    }

    /**
     * What a policy observes: float state vectors of {@code size} values, or {@code frameStack} stacked uint8 frames
     * of {@code frameBytes} each; discrete policies also name their {@code actionCount}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Observation(Kind kind, Integer size, Integer frameStack, Integer frameBytes, Integer actionCount) {

        public enum Kind {
            @com.fasterxml.jackson.annotation.JsonProperty("vector") VECTOR,
            @com.fasterxml.jackson.annotation.JsonProperty("frames") FRAMES
        }

        public static Observation vector(int size) {
            return new Observation(Kind.VECTOR, size, null, null, null);
        }

        public static Observation frames(int frameStack, int frameBytes, int actionCount) {
            return new Observation(Kind.FRAMES, null, frameStack, frameBytes, actionCount);
        }

        @JsonIgnore
        public boolean isFrames() {
            return kind == Kind.FRAMES;
        }
    }

    /** Per-dimension state normalisation: (s − mean) / std. */
    public record StateNormalization(float[] mean, float[] std) {

        @Override
        public boolean equals(Object o) {
            return o instanceof StateNormalization s && java.util.Arrays.equals(mean, s.mean)
                    && java.util.Arrays.equals(std, s.std);
        }

        @Override
        public int hashCode() {
            return 31 * java.util.Arrays.hashCode(mean) + java.util.Arrays.hashCode(std);
        }

        @Override
        public String toString() {
            return "StateNormalization" + java.util.Arrays.toString(mean) + java.util.Arrays.toString(std);
        }
    }

    /**
     * The language model a backbone started from.
     *
     * @param directory   its folder when the run was made
     * @param modelSha256 SHA-256 of its weights file
     * @param pretraining its {@code pretraining.json} (how it was made), if it had one
     */
    public record LanguageModel(String directory, String modelSha256, JsonNode pretraining) {
    }
}
