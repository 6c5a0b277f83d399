package dev.lamo.envs.mujoco;

import dev.lamo.envs.mujoco.bindings.MuJoCo;
import dev.lamo.envs.mujoco.bindings.Mju_user_error_BytePointer;
import dev.lamo.envs.mujoco.bindings.Mju_user_warning_BytePointer;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;

/**
 * Loads the MuJoCo bindings once per process and replaces MuJoCo's process-wide error and warning
 * handlers.
 *
 * <p>MuJoCo's default error handler prints, waits for Enter and calls {@code exit(1)}, which would kill
 * the JVM; ours throws a {@link MujocoException} instead, which unwinds out of the native call. The
 * {@code mjData} involved is left inconsistent and must be discarded. The default warning handler prints
 * to standard output, which would corrupt machine-readable output; ours keeps the last message per thread
 * for diagnostics. The callback objects live in static fields: the native side keeps calling them.
 */
public final class MujocoRuntime {

    private static final ThreadLocal<String> LAST_WARNING = new ThreadLocal<>();
    private static final ErrorHandler ERROR_HANDLER;
    private static final WarningHandler WARNING_HANDLER;
    private static final int VERSION;

    static {
        Loader.load(MuJoCo.class);
        ERROR_HANDLER = new ErrorHandler();
        WARNING_HANDLER = new WarningHandler();
        MuJoCo.mju_user_error(ERROR_HANDLER);
        MuJoCo.mju_user_warning(WARNING_HANDLER);
        VERSION = MuJoCo.mj_version();
    }

    private MujocoRuntime() {
    }

    /** Makes sure the native library is loaded and the handlers are installed. Cheap after the first call. */
    public static void ensureLoaded() {
        // the static initialiser does the work
    }

    /** MuJoCo's library version as a string, for example {@code "2.2.2"}. */
    public static String version() {
        return (VERSION / 100) + "." + (VERSION / 10 % 10) + "." + (VERSION % 10);
    }

    /** The last warning MuJoCo printed on this thread, or {@code null}; clears it. */
    static String takeLastWarning() {
        String w = LAST_WARNING.get();
        LAST_WARNING.remove();
        return w;
    }

    private static final class ErrorHandler extends Mju_user_error_BytePointer {
        @Override
        public void call(BytePointer message) {
            throw new MujocoException("MuJoCo error: " + message.getString().trim());
        }
    }

    private static final class WarningHandler extends Mju_user_warning_BytePointer {
        @Override
        public void call(BytePointer message) {
            LAST_WARNING.set(message.getString().trim());
        }
    }
}
