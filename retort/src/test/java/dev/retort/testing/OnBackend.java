package dev.retort.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;
import org.opentest4j.TestAbortedException;

/**
 * Marks a jqwik container whose properties run on one backend: the container is skipped when the
 * backend's server is unreachable and CI is unset, and fails under CI, as {@link
 * Backend#requireAvailable()} does for JUnit tests (jqwik reports an abort in a lifecycle method as
 * an error, so the check runs as a skip hook).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@AddLifecycleHook(OnBackend.SkipWhenUnreachable.class)
public @interface OnBackend {
  /** The backend the container's properties use. */
  Backend value();

  /** Skips the annotated container when its backend is unreachable. */
  final class SkipWhenUnreachable implements SkipExecutionHook {
    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
      return context
          .findAnnotation(OnBackend.class)
          .map(
              on -> {
                try {
                  on.value().requireAvailable();
                  return SkipResult.doNotSkip();
                } catch (TestAbortedException e) {
                  return SkipResult.skip(e.getMessage());
                } catch (AssertionError underCi) {
                  // Run the properties: they fail on the backend with this same message, where
                  // an error thrown here would stop every jqwik test.
                  return SkipResult.doNotSkip();
                }
              })
          .orElse(SkipResult.doNotSkip());
    }
  }
}
