package dev.lamo.policies.dt;

import ai.djl.ndarray.NDArray;

/**
 * One batch of Decision Transformer inputs, already normalised and scaled.
 *
 * @param states    (B, K, S) normalised states, or (B, K, F, 84, 84) uint8 frames on the Atari path
 * @param actions   (B, K, A) actions, or (B, K) int64 action indices on the Atari path
 * @param returns   (B, K, 1) returns-to-go divided by the return scale
 * @param timesteps (B, K) int64 episode steps
 * @param mask      (B, K) float, 1 for real steps and 0 for padding (left padding; right padding in Atari training)
 */
public record DtInputs(NDArray states, NDArray actions, NDArray returns, NDArray timesteps, NDArray mask) {
}
