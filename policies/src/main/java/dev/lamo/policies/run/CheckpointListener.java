package dev.lamo.policies.run;

/** Receives a trainer's checkpoint events, on the trainer's thread. */
@FunctionalInterface
public interface CheckpointListener {

    void onCheckpoint(CheckpointEvent event);
}
