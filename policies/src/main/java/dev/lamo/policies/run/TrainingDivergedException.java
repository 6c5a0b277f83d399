package dev.lamo.policies.run;

/** Training produced non-finite values; the message says where. Checkpoints written before it stay valid. */
public class TrainingDivergedException extends RuntimeException {

    public TrainingDivergedException(String message) {
        super(message);
    }
}
