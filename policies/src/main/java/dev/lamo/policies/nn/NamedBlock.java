package dev.lamo.policies.nn;

import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;

/**
 * A DJL block whose children keep the names we give them. DJL's {@code addChildBlock} prefixes a running
 * number ({@code 01fc0}); checkpoints and Hugging Face tensor maps need names that say what a tensor is.
 */
public abstract class NamedBlock extends AbstractBlock {

    protected NamedBlock() {
        super((byte) 1);
    }

    /** Registers a child under exactly {@code name}; its parameters are named {@code name_<param>}. */
    protected final <B extends Block> B child(String name, B block) {
        children.add(name, block);
        return block;
    }
}
