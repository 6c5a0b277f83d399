package dev.lamo.results.records;

/**
 * The data a run trained on: enough to group runs and trace them to their file.
 *
 * @param datasetId  dataset id recorded in the file
 * @param file       path as given to the trainer
 * @param sha256     sha256 of the file
 * @param ratio      fraction of trajectories kept (1 when not down-sampled)
 * @param sampleSeed seed of the down-sampling, or null
 * @param episodes   episodes used for training
 * @param transitions transitions used for training
 */
public record DatasetRef(String datasetId, String file, String sha256, double ratio, Long sampleSeed, int episodes,
                         long transitions) {
}
