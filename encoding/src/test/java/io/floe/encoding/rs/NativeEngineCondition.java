package io.floe.encoding.rs;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Registered by service loading in the native-kernel surefire run only (it enables extension autodetection):
 * where {@code floe.gf.kernel} asks for the native engine but its library was not built (no gcc) or did not load,
 * the run's tests are skipped with that reason instead of failing in GfKernels' initialisation.
 */
public final class NativeEngineCondition implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (System.getProperty("floe.gf.kernel", "").startsWith("native") && !NativeRs.LOADED) {
            return ConditionEvaluationResult.disabled(
                "native RS engine not built or not loadable (see the build's gcc warning): native-kernel run skipped");
        }
        return ConditionEvaluationResult.enabled("native engine loaded or not asked for");
    }
}
