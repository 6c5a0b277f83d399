package dev.lamo.harness.cli;

import dev.lamo.policies.runtime.gpu.CheckModel;
import dev.lamo.policies.runtime.gpu.CudaDevice;
import dev.lamo.policies.runtime.gpu.GpuCheck;
import dev.lamo.policies.runtime.gpu.GpuDevice;
import dev.lamo.policies.runtime.gpu.Precision;
import dev.lamo.policies.runtime.gpu.ReferenceDevice;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lamo gpu refs|check}: the GPU runtime's check. {@code refs} computes reference actions on the CPU engine for
 * models whose weights come from a seed (small DT and LaMo shapes, and LaMo on a GPT-2-small-shaped backbone);
 * {@code check} regenerates the same weights from the seed on the device and runs parity, batch invariance and graph
 * replay, one line per test, then "N passed, M failed" (exit 0 only if all passed).
 */
@Command(name = "gpu", mixinStandardHelpOptions = true,
        description = "The GPU runtime's check: 'refs' writes CPU-engine reference actions, 'check' runs the GPU tests against them.")
final class GpuCommand {

    @Spec
    CommandSpec spec;

    @Command(name = "refs", mixinStandardHelpOptions = true,
            description = "Compute reference actions on the CPU engine for seeded models (a few hundred KiB).")
    int refs(@Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write.") Path out,
             @Option(names = "--seed", defaultValue = "1", description = "Seed of the weights and windows (default: ${DEFAULT-VALUE}).")
             long seed,
             @Option(names = "--models", defaultValue = "all", paramLabel = "all|small|NAME,...", description = "Models: all, "
                     + "small (without the GPT-2-small-shaped LaMo, for the reference device), or names among dt-small, "
                     + "lamo-small, lamo-gpt2-small (default: ${DEFAULT-VALUE}).") String models) {
        PrintWriter log = spec.commandLine().getOut();
        GpuCheck.refs(out, seed, models(models), log);
        log.println("references in " + out);
        return 0;
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Run parity, batch invariance and graph replay on the device against references from 'lamo gpu refs'.")
    int check(@Option(names = "--refs", required = true, paramLabel = "DIR", description = "Folder of lamo gpu refs.") Path refs,
              @Option(names = "--precision", defaultValue = "fp32", description = "fp32, tf32 or bf16 (default: ${DEFAULT-VALUE}).")
              String precision,
              @Option(names = "--device", defaultValue = "cuda", paramLabel = "cuda|reference", description = "cuda (device 0), or "
                      + "reference: the Java reference device, to test this command without a GPU (small models only; "
                      + "default: ${DEFAULT-VALUE}).") String device) {
        Precision p;
        try {
            p = Precision.parse(precision);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        GpuDevice d = switch (device) {
            case "cuda" -> CudaDevice.shared();
            case "reference" -> new ReferenceDevice();
            default -> throw new BadInputException("--device must be cuda or reference, got '" + device + "'");
        };
        GpuCheck.Result r = GpuCheck.run(refs, d, p, !(d instanceof ReferenceDevice), spec.commandLine().getOut());
        return r.ok() ? 0 : 1;
    }

    private static List<CheckModel> models(String value) {
        if (value.equals("all")) {
            return CheckModel.ALL;
        }
        if (value.equals("small")) {
            return CheckModel.ALL.stream().filter(m -> !m.large()).toList();
        }
        List<CheckModel> out = new ArrayList<>();
        for (String name : value.split(",")) {
            try {
                out.add(CheckModel.named(name.strip()));
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--models: " + e.getMessage() + "; expected all, small or dt-small, lamo-small, "
                        + "lamo-gpt2-small");
            }
        }
        return out;
    }
}
