package dev.retort.engine.internal;

import java.security.CodeSource;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Where the caller's code asked for a connection: the first stack frame outside Retort, the thread,
 * and optionally the whole stack from that frame down. The async layer captures it on the caller's
 * thread, before the work moves to a worker, and hands it to the engine with {@link #using}.
 * Captured on every checkout, so only the walk happens then: the text is made when a report asks.
 */
public final class CallSite {
  private static final StackWalker WALKER =
      StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
  private static final CodeSource LIBRARY = CallSite.class.getProtectionDomain().getCodeSource();
  private static final ThreadLocal<CallSite> GIVEN = new ThreadLocal<>();

  private final StackWalker.StackFrame top;
  private final String threadName;
  private final long threadId;
  private final List<StackTraceElement> stack;
  private final String holder;
  private volatile String frame;

  private CallSite(
      StackWalker.StackFrame top,
      Thread thread,
      List<StackTraceElement> stack,
      String holder,
      String frame) {
    this.top = top;
    this.threadName = thread.getName();
    this.threadId = thread.threadId();
    this.stack = stack;
    this.holder = holder;
    this.frame = frame;
  }

  /** Captures the current thread's call site, with the stack when {@code fullStack} is set. */
  public static CallSite capture(boolean fullStack, String holder) {
    Thread current = Thread.currentThread();
    if (fullStack) {
      List<StackTraceElement> stack =
          WALKER.walk(
              frames ->
                  frames
                      .dropWhile(f -> isLibraryFrame(f.getDeclaringClass()))
                      .map(StackWalker.StackFrame::toStackTraceElement)
                      .toList());
      String frame = stack.isEmpty() ? "(unknown)" : describe(stack.get(0));
      return new CallSite(null, current, stack, holder, frame);
    }
    StackWalker.StackFrame top =
        WALKER.walk(
            frames ->
                frames
                    .filter(f -> !isLibraryFrame(f.getDeclaringClass()))
                    .findFirst()
                    .orElse(null));
    return new CallSite(top, current, List.of(), holder, top == null ? "(unknown)" : null);
  }

  /** The caller's frame, like {@code OrderService.place(OrderService.java:42)}. */
  public String frame() {
    String text = frame;
    if (text == null) {
      text = describe(top.toStackTraceElement());
      frame = text;
    }
    return text;
  }

  /** The name of the caller's thread ({@code virtual thread #id} for an unnamed one). */
  public String thread() {
    return threadName.isEmpty() ? "virtual thread #" + threadId : threadName;
  }

  /** The caller's frames, innermost first, or empty when not captured. */
  public List<StackTraceElement> stack() {
    return stack;
  }

  /** What the caller holds: "Connection" or "AsyncConnection". */
  public String holder() {
    return holder;
  }

  /** The call site handed over with {@link #using} on this thread, or the current thread's own. */
  public static CallSite current(boolean fullStack) {
    CallSite given = GIVEN.get();
    return given != null ? given : capture(fullStack, "Connection");
  }

  /** Runs {@code action} with {@code site} as what {@link #current} returns on this thread. */
  public static <T> T using(CallSite site, Supplier<T> action) {
    CallSite previous = GIVEN.get();
    GIVEN.set(site);
    try {
      return action.get();
    } finally {
      if (previous == null) {
        GIVEN.remove();
      } else {
        GIVEN.set(previous);
      }
    }
  }

  /** The stack as indented lines, or an empty string when it was not captured. */
  public String stackText(String indent) {
    StringBuilder text = new StringBuilder();
    for (StackTraceElement element : stack) {
      text.append('\n').append(indent).append("at ").append(element);
    }
    return text.toString();
  }

  /** Whether a class is Retort's own library code (any layer), not the caller's; per class once. */
  private static final ClassValue<Boolean> LIBRARY_CLASS =
      new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
          return type.getName().startsWith("dev.retort.")
              && Objects.equals(type.getProtectionDomain().getCodeSource(), LIBRARY);
        }
      };

  /** Whether the class is Retort's own library code (any layer), not the caller's. */
  private static boolean isLibraryFrame(Class<?> type) {
    return LIBRARY_CLASS.get(type);
  }

  private static String describe(StackTraceElement frame) {
    String className = frame.getClassName();
    return className.substring(className.lastIndexOf('.') + 1)
        + "."
        + frame.getMethodName()
        + "("
        + frame.getFileName()
        + ":"
        + frame.getLineNumber()
        + ")";
  }
}
