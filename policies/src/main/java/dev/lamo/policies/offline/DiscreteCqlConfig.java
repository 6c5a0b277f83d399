package dev.lamo.policies.offline;

/**
 * Conservative Q-learning for discrete actions (Kumar et al. 2020, §4 and the Atari experiments), as d3rlpy's
 * {@code DiscreteCQLConfig} defines it: a double DQN on the Nature-DQN encoder (512 features, ReLU, one linear
 * Q-value per action), Huber TD loss against r + γ (1 − done) Q_target(s', argmax_a Q(s', a)), plus
 * α · (log Σ_a exp Q(s, a) − Q(s, a_data)); lr 6.25e-5, batch 32, γ 0.99, α 1, the target network copied from
 * the online one every 8000 updates (and after the first). d3rlpy's optimizer is Adam with PyTorch's defaults
 * (eps 1e-8) and no gradient clipping ({@code clip_grad_norm} 0 = off; the CQL paper's Dopamine setup used
 * Adam eps 3.125e-4: {@code --set adam_eps=3.125e-4}). Rewards are clipped to [−1, 1] as in DQN, the CQL
 * paper's Atari runs and d3rlpy's Atari example ({@code ClipRewardScaler(-1, 1)}); {@code clip_rewards=false}
 * keeps them raw.
 */
public record DiscreteCqlConfig(int hidden, double lr, double adamEps, double gamma, double alpha,
                                long targetUpdateInterval, double clipGradNorm, boolean clipRewards, int batchSize,
                                long checkpointEvery, long logEvery) implements FrameConfig {

    public static DiscreteCqlConfig defaults() {
        return new DiscreteCqlConfig(512, 6.25e-5, 1e-8, 0.99, 1.0, 8000, 0.0, true, 32, 5000, 1000);
    }

    public DiscreteCqlConfig {
        OfflineSchedule.requirePositive(batchSize, checkpointEvery, logEvery);
        if (hidden < 1 || !(lr > 0) || !(adamEps > 0) || targetUpdateInterval < 1) {
            throw new IllegalArgumentException("hidden and target_update_interval must be >= 1, lr and adam_eps > 0");
        }
        if (!(gamma >= 0 && gamma <= 1) || !(alpha >= 0) || !(clipGradNorm >= 0)) {
            throw new IllegalArgumentException("gamma must be in [0, 1], alpha and clip_grad_norm >= 0");
        }
    }
}
