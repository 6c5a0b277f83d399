package dev.lamo.policies.runtime.gpu;

import java.util.ArrayList;
import java.util.List;

/** The arguments of one kernel launch, in the order of the kernel's C parameters, each tagged with its C type. */
public final class KernelArgs {

    /** One argument: a device pointer or a scalar of the kernel's parameter type. */
    public sealed interface Arg {
    }

    public record Ptr(DevicePtr value) implements Arg {
    }

    public record I32(int value) implements Arg {
    }

    public record I64(long value) implements Arg {
    }

    public record F32(float value) implements Arg {
    }

    private final List<Arg> args = new ArrayList<>();

    public KernelArgs ptr(DevicePtr p) {
        args.add(new Ptr(p));
        return this;
    }

    public KernelArgs i32(int v) {
        args.add(new I32(v));
        return this;
    }

    public KernelArgs i64(long v) {
        args.add(new I64(v));
        return this;
    }

    public KernelArgs f32(float v) {
        args.add(new F32(v));
        return this;
    }

    public List<Arg> list() {
        return List.copyOf(args);
    }

    public int size() {
        return args.size();
    }

    public DevicePtr ptrAt(int i) {
        return ((Ptr) args.get(i)).value();
    }

    public int intAt(int i) {
        return ((I32) args.get(i)).value();
    }

    public long longAt(int i) {
        return ((I64) args.get(i)).value();
    }

    public float floatAt(int i) {
        return ((F32) args.get(i)).value();
    }
}
