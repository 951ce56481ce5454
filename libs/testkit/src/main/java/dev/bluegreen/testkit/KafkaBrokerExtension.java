package dev.bluegreen.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension giving plain (non-Quarkus) tests a real broker: declare a {@link KafkaBroker}
 * or {@link EventProbe} parameter. One broker serves all test classes of a test run (it lives in
 * the root context's store and is closed when the run ends); each test class gets its own probe.
 */
public final class KafkaBrokerExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(KafkaBrokerExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == KafkaBroker.class || type == EventProbe.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    KafkaBroker broker = broker(context);
    if (parameter.getParameter().getType() == KafkaBroker.class) {
      return broker;
    }
    ExtensionContext classContext =
        context.getTestClass().isPresent() && context.getParent().isPresent()
            ? classContext(context)
            : context;
    return classContext
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            "probe", k -> new ClosingProbe(broker.bootstrapServers()), ClosingProbe.class)
        .probe;
  }

  /** The one broker of this test run. */
  public static KafkaBroker broker(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            "broker", k -> new ClosingBroker(KafkaBroker.start()), ClosingBroker.class)
        .broker;
  }

  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext c = context;
    while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
      c = c.getParent().get();
    }
    return c;
  }

  private record ClosingBroker(KafkaBroker broker) implements AutoCloseable {
    @Override
    public void close() {
      broker.close();
    }
  }

  private record ClosingProbe(EventProbe probe) implements AutoCloseable {
    ClosingProbe(String bootstrapServers) {
      this(new EventProbe(bootstrapServers));
    }

    @Override
    public void close() {
      probe.close();
    }
  }
}
