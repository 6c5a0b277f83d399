package dev.lamo.policies.lora;

import dev.lamo.policies.nn.Scalars;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import dev.lamo.policies.gpt2.Conv1d;

/**
 * A GPT-2 {@code Conv1D} with grouped low-rank adapters (see {@link LoraSettings}). Parameters:
 * {@code weight} (in × out) and {@code bias} of the frozen layer, {@code lora_A} (groups·r × in) and
 * {@code lora_B} (out × r), B's rows split evenly among the groups.
 *
 * <pre>
 * N = rows of x (batch × time), G = groups, r = rank, O = out / G
 * a      = dropout(x) · Aᵀ          (N, G·r)
 * a_g    = a[:, g·r : (g+1)·r]      (G, N, r)
 * Δ_g    = a_g · B_gᵀ               (G, N, O)
 * y      = x·W + b + scaling · concat_g Δ_g
 * </pre>
 */
public final class LoraConv1d extends Conv1d {

    private final LoraSettings settings;
    private final Parameter loraA;
    private final Parameter loraB;

    public LoraConv1d(int in, int out, LoraSettings settings) {
        super(in, out);
        if (out % settings.groups() != 0) {
            throw new IllegalArgumentException("LoRA groups " + settings.groups() + " must divide the output size " + out);
        }
        this.settings = settings;
        this.loraA = addParameter(Parameter.builder().setName("lora_A").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape((long) settings.groups() * settings.rank(), in)).build());
        this.loraB = addParameter(Parameter.builder().setName("lora_B").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(out, settings.rank())).build());
    }

    public Parameter loraA() {
        return loraA;
    }

    public Parameter loraB() {
        return loraB;
    }

    public LoraSettings settings() {
        return settings;
    }

    @Override
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        NDArray y = super.apply(ps, x, training);
        NDArray a = ps.getValue(loraA, x.getDevice(), training);
        NDArray b = ps.getValue(loraB, x.getDevice(), training);
        Shape shape = x.getShape();
        long rows = shape.size() / in;
        int groups = settings.groups();
        int rank = settings.rank();
        long perGroup = out / groups;
        NDArray xd = settings.dropout() > 0
                ? Dropout.dropout(x, (float) settings.dropout(), training).singletonOrThrow() : x;
        NDArray low = xd.reshape(rows, in).matMul(a.transpose())              // (N, G·r)
                .reshape(rows, groups, rank).transpose(1, 0, 2);              // (G, N, r)
        NDArray up = b.reshape(groups, perGroup, rank).transpose(0, 2, 1);    // (G, r, O)
        NDArray delta = low.matMul(up)                                        // (G, N, O)
                .transpose(1, 0, 2).reshape(y.getShape());                    // (..., G·O)
        return y.add(delta.mul(Scalars.constant(settings.scaling())));
    }
}
