package dev.lamo.policies.dt;

import ai.djl.ndarray.NDArray;

/**
 * One batch of Decision Transformer inputs, already normalised and scaled.
 *
 * @param states    (B, K, S) normalised states
 * @param actions   (B, K, A) actions
 * @param returns   (B, K, 1) returns-to-go divided by the return scale
 * @param timesteps (B, K) int64 episode steps
 * @param mask      (B, K) float, 1 for real steps and 0 for left padding
 */
public record DtInputs(NDArray states, NDArray actions, NDArray returns, NDArray timesteps, NDArray mask) {
}
