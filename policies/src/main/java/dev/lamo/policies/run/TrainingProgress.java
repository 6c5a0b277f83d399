package dev.lamo.policies.run;

/** Where a trainer reports its progress (the command line draws a bar; tests ignore it). */
@FunctionalInterface
public interface TrainingProgress {

    TrainingProgress NONE = (done, total, extra) -> { };

    /** Called after every step; implementations decide how often to draw. */
    void update(long done, long total, String extra);
}
