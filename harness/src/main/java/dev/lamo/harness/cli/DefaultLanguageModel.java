package dev.lamo.harness.cli;

import dev.lamo.policies.lm.LmManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The shipped default language model as the command line presents it: checked against its manifest, then described. */
final class DefaultLanguageModel {

    private DefaultLanguageModel() {
    }

    /** One line naming the model and its quality; a model whose files differ from its manifest is refused. */
    static String describe(Path model) {
        if (!Files.isRegularFile(model.resolve(LmManifest.FILE))) {
            return model.toString();
        }
        LmManifest manifest = LmManifest.read(model);
        List<String> bad = manifest.mismatches(model);
        if (!bad.isEmpty()) {
            throw new BadInputException(model.resolve(LmManifest.FILE) + ": " + bad.get(0)
                    + " (restore the folder with git, or remake it with scripts/make-default-lm.sh)");
        }
        return model + ": " + manifest.describe();
    }
}
