package dev.lamo.harness.eval;

/**
 * The evaluation cannot go on (for example its policy node left the cluster). Episodes finished so far are in
 * {@code episodes.jsonl}; unfinished ones were not written, and {@code --resume} runs them later.
 */
public final class EvaluationStoppedException extends RuntimeException {

    public EvaluationStoppedException(String message) {
        super(message);
    }
}
