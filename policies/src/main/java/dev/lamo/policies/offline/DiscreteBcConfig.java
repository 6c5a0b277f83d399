package dev.lamo.policies.offline;

/**
 * Behaviour cloning on a pixel game, d3rlpy's {@code DiscreteBCConfig} defaults: the Nature-DQN encoder to 512
 * features, ReLU, logits over the actions; cross-entropy against the dataset's action plus {@code logit_penalty}
 * · mean(logits²) (d3rlpy's β = 0.5, which keeps the logits from growing without bound once the data are fit);
 * Adam with PyTorch's defaults (β 0.9/0.999, eps 1e-8), lr 1e-3, batch 100.
 */
public record DiscreteBcConfig(int hidden, double lr, double adamEps, double logitPenalty, int batchSize,
                               long checkpointEvery, long logEvery) implements FrameConfig {

    public static DiscreteBcConfig defaults() {
        return new DiscreteBcConfig(512, 1e-3, 1e-8, 0.5, 100, 5000, 1000);
    }

    public DiscreteBcConfig {
        OfflineSchedule.requirePositive(batchSize, checkpointEvery, logEvery);
        if (hidden < 1 || !(lr > 0) || !(adamEps > 0) || !(logitPenalty >= 0)) {
            throw new IllegalArgumentException("hidden must be >= 1, lr and adam_eps > 0, logit_penalty >= 0");
        }
    }
}
