package dev.bluegreen.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Quarkus test resource: starts a real in-process KRaft broker before the application and points
 * Kafka messaging and Kafka Streams at it. Use with
 * {@code @QuarkusTestResource(KafkaBrokerTestResource.class)}; inject the broker's address in the
 * test with {@code @ConfigProperty(name = "kafka.bootstrap.servers")}, or the broker itself into a
 * field marked {@link InjectKafkaBroker}.
 */
public final class KafkaBrokerTestResource implements QuarkusTestResourceLifecycleManager {

  private KafkaBroker broker;

  @Override
  public Map<String, String> start() {
    broker = KafkaBroker.start();
    return Map.of(
        "kafka.bootstrap.servers", broker.bootstrapServers(),
        "quarkus.kafka-streams.bootstrap-servers", broker.bootstrapServers());
  }

  @Override
  public void inject(TestInjector testInjector) {
    testInjector.injectIntoFields(
        broker,
        new TestInjector.AnnotatedAndMatchesType(InjectKafkaBroker.class, KafkaBroker.class));
  }

  @Override
  public void stop() {
    if (broker != null) {
      broker.close();
    }
  }
}
