package dev.lamo.harness.cli;

import dev.lamo.envs.Seeds;
import dev.lamo.envs.Step;
import dev.lamo.envs.arcade.AleProtocol;
import dev.lamo.envs.arcade.ArcadeEnv;
import dev.lamo.envs.arcade.ArcadeTitle;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.random.RandomGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lamo env frames}: plays an Atari-style game and writes what it shows and what the agent sees, as PNGs. */
@Command(name = "frames", mixinStandardHelpOptions = true,
        description = "Play an Atari-style game (random actions or its scripted expert) and write every K-th agent step "
                + "as two PNGs: the 210x160 colour screen and the newest 84x84 grey frame of the observation.")
final class EnvFramesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--env", required = true, description = "breakout, pong or qbert.")
    String envId;

    @Option(names = "--seed", defaultValue = "0", description = "Reset seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--steps", defaultValue = "200", description = "Agent steps at most (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--every", defaultValue = "10", description = "Write every K-th step (default: ${DEFAULT-VALUE}).")
    int every;

    @Option(names = "--expert", description = "Play the scripted expert instead of uniformly random actions.")
    boolean expert;

    @Option(names = "--out", required = true, description = "Output folder.")
    Path out;

    @Override
    public Integer call() throws IOException {
        if (steps < 1 || every < 1) {
            throw new BadInputException("--steps and --every must be >= 1, got " + steps + " and " + every);
        }
        ArcadeTitle title = ArcadeTitle.parse(envId);
        ArcadeEnv env = title.newEnv(title.spec());
        FramePngs pngs = new FramePngs(out, AleProtocol.FRAME_SIZE, AleProtocol.FRAME_SIZE);
        RandomGenerator rng = Seeds.rng(Seeds.derive(seed, 7));
        int actions = env.game().actionNames().size();
        byte[] observation = env.reset(seed);
        double total = 0;
        int written = 0;
        int t = 0;
        while (true) {
            if (t % every == 0) {
                pngs.write(t, env.rgbFrame(), observation);
                written++;
            }
            if (t == steps) {
                break;
            }
            Step<byte[]> s = env.step(expert ? title.expertAction(env.game()) : rng.nextInt(actions));
            observation = s.observation();
            total += s.reward();
            t++;
            if (s.done()) {
                pngs.write(t, env.rgbFrame(), observation);
                written++;
                break;
            }
        }
        spec.commandLine().getOut().printf("%s: %d steps, score %.0f, %d frame pairs in %s%n", envId, t, total, written, out);
        return 0;
    }
}
