package dev.lamo.policies.offline;

import dev.lamo.policies.nn.NamedParameters;
import dev.lamo.policies.nn.TorchInit;
import java.util.List;
import java.util.random.RandomGenerator;

/** CORL's CQL initialisations of an {@code Mlp} (layers {@code fc0..}, then {@code out}). */
final class Initialisation {

    private Initialisation() {
    }

    /** Orthogonal weights with gain √2 inside and 0.01 on the output layer, zero biases. */
    static void orthogonal(NamedParameters p, RandomGenerator rng) {
        for (String name : weights(p)) {
            long[] shape = p.array(name).getShape().getShape();
            double gain = name.startsWith("out") ? 1e-2 : Math.sqrt(2);
            p.set(name, TorchInit.orthogonal(rng, (int) shape[0], (int) shape[1], gain));
            zeroBias(p, name);
        }
    }

    /** PyTorch's default inside, Xavier-uniform with gain 0.01 and a zero bias on the output layer. */
    static void smallOutput(NamedParameters p, RandomGenerator rng) {
        TorchInit.linearLayers(p, rng);
        for (String name : weights(p)) {
            if (name.startsWith("out")) {
                long[] shape = p.array(name).getShape().getShape();
                p.set(name, TorchInit.xavierUniform(rng, (int) shape[0], (int) shape[1], 1e-2));
                zeroBias(p, name);
            }
        }
    }

    private static List<String> weights(NamedParameters p) {
        return p.names().stream().filter(n -> n.endsWith("weight") && p.array(n).getShape().dimension() == 2).toList();
    }

    private static void zeroBias(NamedParameters p, String weight) {
        String bias = weight.substring(0, weight.length() - "weight".length()) + "bias";
        if (p.asMap().containsKey(bias)) {
            p.set(bias, new float[(int) p.array(bias).size()]);
        }
    }
}
