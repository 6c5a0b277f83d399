package dev.lamo.envs.arcade;

import dev.lamo.envs.EnvSpec;
import dev.lamo.envs.Seeds;
import dev.lamo.envs.Step;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import java.util.random.RandomGenerator;

/**
 * The Atari-style games as environments: each with its scripted expert and reference scores, measured by this
 * project under LaMo's protocol ({@link AleProtocol#lamo}) as the mean raw score of the uniformly random policy
 * ("random") and of the scripted expert ("scripted expert") over {@link #REFERENCE_EPISODES} episodes, seeds
 * 0, 1, ...; {@code lamo envs} lists them and {@link #measure} re-measures them. Episodes are cut at 4,096 agent
 * steps, LaMo's Breakout {@code max_timestep}, for every game.
 */
public enum ArcadeTitle {
    BREAKOUT(Breakout::new, g -> BreakoutExpert.act((Breakout) g), 1.52, 273.34),
    PONG(Pong::new, g -> PongExpert.act((Pong) g), -19.12, 16.22),
    QBERT(Qbert::new, g -> QbertExpert.act((Qbert) g), 135.25, 6229.0);

    public static final int MAX_AGENT_STEPS = 4096;
    public static final int REFERENCE_EPISODES = 100;

    private final Supplier<ArcadeGame> factory;
    private final ToIntFunction<ArcadeGame> expert;
    private final double randomScore;
    private final double expertScore;

    ArcadeTitle(Supplier<ArcadeGame> factory, ToIntFunction<ArcadeGame> expert, double randomScore, double expertScore) {
        this.factory = factory;
        this.expert = expert;
        this.randomScore = randomScore;
        this.expertScore = expertScore;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public ArcadeGame newGame() {
        return factory.get();
    }

    /** The scripted expert's action for the game's current state. */
    public int expertAction(ArcadeGame game) {
        return expert.applyAsInt(game);
    }

    /**
     * The spec: references random and scripted expert; return scale 1; return targets the expert's score (LaMo's
     * code conditions on a target near the best data return) and its half.
     */
    public EnvSpec spec() {
        double target = Math.round(expertScore);
        return new EnvSpec(id(), "v0", MAX_AGENT_STEPS, randomScore, expertScore,
                "measured here: random and scripted expert, " + REFERENCE_EPISODES + " episodes, LaMo's ALE protocol", 1.0,
                List.of(target, Math.round(target / 2.0) * 1.0), List.of(target), false,
                "Atari-style " + id() + " (210x160 frames, ALE conventions), observations 4x84x84 uint8");
    }

    public ArcadeEnv newEnv(EnvSpec spec) {
        return new ArcadeEnv(spec, newGame(), protocolOf(spec.id()));
    }

    /** Suffix of the ids that switch to Machado et al.'s conventions. */
    public static final String MACHADO_SUFFIX = "-machado";

    /**
     * The same game under Machado et al. (2018)'s conventions: sticky actions 0.25, the full 18-action set, no
     * no-op starts, 108,000 frames (27,000 agent steps). The reference scores stay those measured under LaMo's
     * protocol, and the spec says so.
     */
    public EnvSpec machadoSpec() {
        EnvSpec lamo = spec();
        AleProtocol p = AleProtocol.machado();
        return new EnvSpec(id() + MACHADO_SUFFIX, lamo.version(), p.maxAgentSteps(), lamo.refMinScore(), lamo.refMaxScore(),
                lamo.refScoreSource() + " (not re-measured under Machado et al.'s conventions)", lamo.returnScale(),
                lamo.defaultTargets(), lamo.paperTargets(), false, "Atari-style " + id() + " under Machado et al.'s "
                + "conventions (sticky actions 0.25, full action set, 108,000 frames), observations 4x84x84 uint8");
    }

    /** The evaluation protocol an arcade environment id stands for. */
    public static AleProtocol protocolOf(String id) {
        return id.endsWith(MACHADO_SUFFIX) ? AleProtocol.machado() : AleProtocol.lamo(MAX_AGENT_STEPS);
    }

    /** Mean raw score over {@code episodes} episodes (seeds 0 ..), of the random policy or the scripted expert. */
    public double measure(boolean scriptedExpert, int episodes) {
        ArcadeEnv env = newEnv(spec());
        ArcadeGame game = env.game();
        int actions = game.actionNames().size();
        double sum = 0;
        for (int e = 0; e < episodes; e++) {
            env.reset(e);
            RandomGenerator rng = Seeds.rng(Seeds.derive(e, 7));
            while (true) {
                Step<byte[]> s = env.step(scriptedExpert ? expertAction(game) : rng.nextInt(actions));
                sum += s.reward();
                if (s.done()) {
                    break;
                }
            }
        }
        return sum / episodes;
    }

    /** Whether {@code id} names one of the arcade games, under either protocol. */
    public static boolean contains(String id) {
        String game = id.endsWith(MACHADO_SUFFIX) ? id.substring(0, id.length() - MACHADO_SUFFIX.length()) : id;
        for (ArcadeTitle t : values()) {
            if (t.id().equals(game)) {
                return true;
            }
        }
        return false;
    }

    /** The game an id names ({@code breakout} or {@code breakout-machado}: BREAKOUT). */
    public static ArcadeTitle parse(String id) {
        String game = id.endsWith(MACHADO_SUFFIX) ? id.substring(0, id.length() - MACHADO_SUFFIX.length()) : id;
        for (ArcadeTitle t : values()) {
            if (t.id().equals(game)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown arcade game '" + id + "' (expected breakout, pong or qbert)");
    }
}
