package dev.lamo.harness.cli;

import java.nio.file.Path;

/**
 * Where the command line finds its defaults: the checkout (or {@code LAMO_HOME}) holds the fetched corpus in
 * {@code .corpus} ({@code LAMO_CORPUS} overrides) and the cached default language model in
 * {@code .lamo/lm/default}.
 */
final class LamoPaths {

    private LamoPaths() {
    }

    static Path home() {
        String p = System.getProperty("lamo.home");
        if (p == null) {
            p = System.getenv("LAMO_HOME");
        }
        return Path.of(p == null ? "." : p).toAbsolutePath().normalize();
    }

    static Path corpus() {
        String c = System.getenv("LAMO_CORPUS");
        return c != null ? Path.of(c) : home().resolve(".corpus");
    }

    static Path defaultLanguageModel() {
        return home().resolve(".lamo/lm/default");
    }

    /** The cached default language model, or a one-line error saying how to make it. */
    static Path requireDefaultLanguageModel() {
        Path model = defaultLanguageModel();
        if (!java.nio.file.Files.isRegularFile(model.resolve("config.json"))) {
            throw new BadInputException("no default language model at " + model + "; make it with 'lamo lm pretrain --corpus "
                    + corpus() + " --out " + model + "' (or run lamo quickstart), or pass --lm DIR");
        }
        return model;
    }
}
