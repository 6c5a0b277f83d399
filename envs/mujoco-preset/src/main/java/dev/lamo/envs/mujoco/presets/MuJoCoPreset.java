package dev.lamo.envs.mujoco.presets;

import org.bytedeco.javacpp.annotation.Platform;
import org.bytedeco.javacpp.annotation.Properties;
import org.bytedeco.javacpp.tools.Info;
import org.bytedeco.javacpp.tools.InfoMap;
import org.bytedeco.javacpp.tools.InfoMapper;

/**
 * JavaCPP preset for the MuJoCo C API as packaged by Debian ({@code libmujoco-dev}, 2.2.2).
 *
 * <p>The parser reads every header of {@code mujoco.h}; the generated class
 * {@code dev.lamo.envs.mujoco.bindings.MuJoCo} holds the functions and constants, and each C struct
 * becomes one pointer class of the same name ({@code mjModel}, {@code mjData}, ...).
 */
@Properties(
        target = "dev.lamo.envs.mujoco.bindings",
        global = "dev.lamo.envs.mujoco.bindings.MuJoCo",
        value = @Platform(
                value = "linux-x86_64",
                include = {
                        "mujoco/mjexport.h",
                        "mujoco/mjtnum.h",
                        "mujoco/mjmodel.h",
                        "mujoco/mjdata.h",
                        "mujoco/mjrender.h",
                        "mujoco/mjui.h",
                        "mujoco/mjvisualize.h",
                        "mujoco/mujoco.h"},
                link = "mujoco"))
public class MuJoCoPreset implements InfoMapper {

    /** C structs declared as {@code struct X_ {...}; typedef struct X_ X;}: one Java type per pair. */
    private static final String[] STRUCTS = {
            "mjContact", "mjWarningStat", "mjTimerStat", "mjSolverStat", "mjData",
            "mjLROpt", "mjVFS", "mjOption", "mjVisual", "mjStatistic", "mjModel",
            "mjrRect", "mjrContext",
            "mjuiState", "mjuiThemeSpacing", "mjuiThemeColor", "mjuiItem", "mjuiSection", "mjUI", "mjuiDef",
            "mjvPerturb", "mjvCamera", "mjvGLCamera", "mjvGeom", "mjvLight", "mjvOption", "mjvScene", "mjvFigure"};

    /** Math aliases that mujoco.h defines as macros over libm; Java has its own. */
    private static final String[] MATH_MACROS = {
            "mju_sqrt", "mju_exp", "mju_sin", "mju_cos", "mju_tan", "mju_asin", "mju_acos", "mju_atan2",
            "mju_tanh", "mju_pow", "mju_abs", "mju_log", "mju_log10", "mju_floor", "mju_ceil", "mjMAX", "mjMIN"};

    @Override
    public void map(InfoMap infoMap) {
        infoMap.put(new Info("MJAPI", "MJLOCAL", "MUJOCO_HELPER_DLL_IMPORT", "MUJOCO_HELPER_DLL_EXPORT",
                        "MUJOCO_HELPER_DLL_LOCAL").cppTypes().annotations())
                .put(new Info("defined _WIN32 || defined __CYGWIN__").define(false))
                .put(new Info("__GNUC__ >= 4").define(false))
                .put(new Info("MJ_STATIC").define(false))
                .put(new Info("MUJOCO_DLL_EXPORTS").define(false))
                .put(new Info("mjUSEDOUBLE").define(true))
                .put(new Info("defined(__cplusplus)").define(false))
                .put(new Info("mjtNum").cast().valueTypes("double").pointerTypes("DoublePointer"))
                .put(new Info("mjtByte").cast().valueTypes("byte").pointerTypes("BytePointer"))
                // statement macros that reference local variables of the caller
                .put(new Info("mjMARKSTACK", "mjFREESTACK", "mjDISABLED", "mjENABLED").skip())
                // a table of internal function pointers, not part of the stepping API
                .put(new Info("mjCOLLISIONFUNC").skip());
        for (String name : MATH_MACROS) {
            infoMap.put(new Info(name).skip());
        }
        for (String name : STRUCTS) {
            infoMap.put(new Info("struct " + name + "_", name + "_", name).pointerTypes(name));
        }
    }
}
