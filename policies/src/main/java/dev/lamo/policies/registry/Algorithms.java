package dev.lamo.policies.registry;

import dev.lamo.policies.dt.DtConfig;
import dev.lamo.policies.dt.DtPolicy;
import dev.lamo.policies.dt.DtTrainer;
import dev.lamo.policies.offline.FramePolicy;
import dev.lamo.policies.offline.OfflineActorPolicy;
import dev.lamo.policies.offline.OfflineAlgorithms;
import dev.lamo.policies.offline.OfflineTrainer;
import dev.lamo.policies.sac.SacConfig;
import dev.lamo.policies.sac.SacPolicy;
import dev.lamo.policies.sac.SacTrainer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place that maps algorithm names and variant labels to what they are. Built in: LaMo and DT (with the
 * ablation variants {@code lamo-nopt}, {@code lamo-full}, {@code lamo-frozen} and {@code dt-original}), the offline
 * baselines CQL, TD3+BC, IQL and BC, and online SAC. Adding an algorithm means registering it here (or, in tests,
 * with {@link #register}) from its own package.
 */
public final class Algorithms {

    private static final Map<String, Algorithm> ALGORITHMS = new LinkedHashMap<>();
    private static final Map<String, Variant> VARIANTS = new LinkedHashMap<>();

    static {
        for (String name : List.of("lamo", "dt")) {
            register(new Algorithm(name, name.equals("lamo") ? "LaMo: a pre-trained LM backbone, LoRA, MLP embeddings"
                    : "Decision Transformer from scratch (LaMo code's variant)", true, true, name.equals("lamo"),
                    DtTrainer::defaultSteps, env -> DtConfig.defaults(name, env, List.of()),
                    DtTrainer::train, DtPolicy::new, Algorithm.EngineModel.DECISION_TRANSFORMER,
                    DtTrainer::updatesIgnoreTotal));
        }
        for (String name : OfflineAlgorithms.NAMES) {
            register(new Algorithm(name, OfflineAlgorithms.summary(name), true, false, false, OfflineTrainer::defaultSteps,
                    env -> OfflineAlgorithms.defaults(name, env), OfflineTrainer::train,
                    (run, checkpoint) -> run.facts().observation().isFrames() ? new FramePolicy(run, checkpoint)
                            : new OfflineActorPolicy(run, checkpoint), Algorithm.EngineModel.OFFLINE_ACTOR,
                    // IQL's cosine actor schedule reads the total; the others are not worth a per-name rule yet
                    run -> false));
        }
        register(new Algorithm(SacTrainer.ALGORITHM, "Soft Actor-Critic, online (makes datasets)", false, false, false,
                env -> SacTrainer.DEFAULT_STEPS, env -> SacConfig.defaults(), SacTrainer::train, SacPolicy::new,
                Algorithm.EngineModel.SAC_ACTOR, run -> false));
        register(new Variant("lamo-nopt", "lamo", List.of("pretrained=false"),
                "LaMo with a randomly initialised frozen backbone (paper Tables 15/16: without pre-training)"));
        register(new Variant("lamo-full", "lamo", List.of("finetune=full"),
                "LaMo fine-tuning every backbone weight instead of LoRA"));
        register(new Variant("lamo-frozen", "lamo", List.of("finetune=frozen"),
                "LaMo with the backbone frozen and no LoRA (embeddings and heads only)"));
        register(new Variant("dt-original", "dt", List.of("variant=dt-original"),
                "the original DT code's model and optimiser (timestep embedding before the LayerNorm)"));
    }

    private Algorithms() {
    }

    /** Registers an algorithm, and the variant of the same name that runs it as it is. */
    public static synchronized void register(Algorithm algorithm) {
        if (ALGORITHMS.containsKey(algorithm.name()) || VARIANTS.containsKey(algorithm.name())) {
            throw new IllegalArgumentException("algorithm '" + algorithm.name() + "' is already registered");
        }
        ALGORITHMS.put(algorithm.name(), algorithm);
        VARIANTS.put(algorithm.name(), new Variant(algorithm.name(), algorithm.name(), List.of(), algorithm.summary()));
    }

    /** Registers a variant of a registered algorithm. */
    public static synchronized void register(Variant variant) {
        if (!ALGORITHMS.containsKey(variant.algorithm())) {
            throw new IllegalArgumentException("variant '" + variant.label() + "': no algorithm '" + variant.algorithm() + "'");
        }
        if (VARIANTS.containsKey(variant.label())) {
            throw new IllegalArgumentException("variant '" + variant.label() + "' is already registered");
        }
        VARIANTS.put(variant.label(), variant);
    }

    /** The algorithm of a name, or a one-line error listing the known ones. */
    public static synchronized Algorithm get(String name) {
        Algorithm a = ALGORITHMS.get(name);
        if (a == null) {
            throw new IllegalArgumentException("--algo " + name + ": expected one of " + String.join(", ", names()));
        }
        return a;
    }

    /** The variant of a label (an algorithm's name is a variant too), or a one-line error listing the known ones. */
    public static synchronized Variant variant(String label) {
        Variant v = VARIANTS.get(label);
        if (v == null) {
            throw new IllegalArgumentException("--variant " + label + ": expected one of " + String.join(", ", labels()));
        }
        return v;
    }

    public static synchronized boolean contains(String name) {
        return ALGORITHMS.containsKey(name);
    }

    /** Algorithm names, in registration order. */
    public static synchronized List<String> names() {
        return new ArrayList<>(ALGORITHMS.keySet());
    }

    /** Variant labels, in registration order (the algorithms' own first). */
    public static synchronized List<String> labels() {
        return new ArrayList<>(VARIANTS.keySet());
    }

    /** Whether the policies of an algorithm or variant act towards a return target. */
    public static boolean isReturnConditioned(String algorithmOrVariant) {
        return get(variant(algorithmOrVariant).algorithm()).returnConditioned();
    }
}
