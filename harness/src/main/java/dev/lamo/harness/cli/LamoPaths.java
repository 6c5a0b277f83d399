package dev.lamo.harness.cli;

import java.nio.file.Path;

/**
 * Where the command line finds its defaults: the checkout (or {@code LAMO_HOME}) holds the fetched corpus in
 * {@code .corpus} ({@code LAMO_CORPUS} overrides) and the default language model, shipped in the repository, in
 * {@code models/default-lm}.
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

    /** The shipped default language model, relative to the checkout. */
    static final String DEFAULT_LM = "models/default-lm";

    static Path defaultLanguageModel() {
        return home().resolve(DEFAULT_LM);
    }

    /** The shipped default language model, or a one-line error saying how to get it back. */
    static Path requireDefaultLanguageModel() {
        Path model = defaultLanguageModel();
        if (!java.nio.file.Files.isRegularFile(model.resolve("config.json"))) {
            throw new BadInputException("no default language model at " + model + " (it ships with the checkout: restore it "
                    + "with 'git checkout -- " + DEFAULT_LM + "' or remake it with scripts/make-default-lm.sh), or pass --lm DIR");
        }
        return model;
    }
}
