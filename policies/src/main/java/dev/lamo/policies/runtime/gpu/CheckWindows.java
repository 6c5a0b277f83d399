package dev.lamo.policies.runtime.gpu;

import dev.lamo.policies.PolicyBatch;
import dev.lamo.policies.PolicyInfo;
import java.util.random.RandomGenerator;

/** Random left-padded windows for parity checks: every length from 1 to K first, then random lengths. */
public final class CheckWindows {

    private CheckWindows() {
    }

    /**
     * {@code rows} windows: raw states around the data's scale, returns up to twice the return scale, timesteps that
     * pass the end of the timestep table (so the clamp is exercised), the last step's action a zero placeholder.
     */
    public static PolicyBatch random(PolicyInfo info, int rows, int maxEpisodeLength, RandomGenerator r) {
        int k = info.contextLength();
        int s = info.observationSize();
        int a = info.actionSize();
        PolicyBatch b = new PolicyBatch(rows, k, s, a);
        b.setSize(rows);
        for (int row = 0; row < rows; row++) {
            int len = row < k ? row + 1 : 1 + r.nextInt(k);
            b.lengths()[row] = len;
            int t0 = r.nextInt(maxEpisodeLength + 3);
            for (int p = k - len; p < k; p++) {
                int i = row * k + p;
                for (int d = 0; d < s; d++) {
                    b.states()[i * s + d] = (float) r.nextGaussian();
                }
                for (int d = 0; d < a; d++) {
                    b.actions()[i * a + d] = p == k - 1 ? 0 : (float) (2 * r.nextDouble() - 1);
                }
                b.returnsToGo()[i] = (float) (2 * info.returnScale() * r.nextDouble());
                b.timesteps()[i] = t0 + p - (k - len);
            }
        }
        return b;
    }
}
