package dev.lamo.envs.data;

import java.util.Arrays;

/**
 * The rows of a D4RL file that {@code d4rl.qlearning_dataset(env)} (with {@code terminate_on_end=False}) keeps,
 * which LaMo's conversion script then cuts into trajectories: the file's last row is never kept (its next
 * observation would be past the end), and neither is the row that ends a timed-out episode (its timeout flag,
 * or, in files without timeouts, the {@code maxEpisodeSteps}-th step since the last end). So LaMo's 1000-step
 * cuts of timed-out data do not fall on the true episode boundaries (spec §5.1's quirk).
 */
public final class QlearningRows {

    private QlearningRows() {
    }

    /** Indices of the kept rows, ascending. */
    public static int[] kept(boolean[] terminals, boolean[] timeouts, int maxEpisodeSteps) {
        int n = terminals.length;
        int[] kept = new int[Math.max(0, n - 1)];
        int count = 0;
        int episodeStep = 0;
        for (int i = 0; i < n - 1; i++) {
            boolean finalTimestep = timeouts != null ? timeouts[i] : episodeStep == maxEpisodeSteps - 1;
            if (finalTimestep) {
                episodeStep = 0;
                continue;
            }
            if (terminals[i]) {
                episodeStep = 0;
            }
            kept[count++] = i;
            episodeStep++;
        }
        return Arrays.copyOf(kept, count);
    }
}
