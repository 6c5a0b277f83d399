package dev.lamo.policies.nn;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;

/** A trainable tensor that belongs to no layer (a state-independent log std, a learned scalar). */
public final class FreeParameter {

    private FreeParameter() {
    }

    public static Parameter of(NDManager manager, String name, float[] initial) {
        Parameter p = Parameter.builder().setName(name).setType(Parameter.Type.OTHER)
                .build();
        p.setArray(manager.create(initial, new Shape(initial.length)));
        return p;
    }
}
