package dev.bluegreen.orchestrator.messaging;

import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The security settings of the Kafka clients the orchestrator builds itself (the API's request
 * producer, its reader of decisions, the readiness check's admin client): {@code
 * kafka.security.protocol}, {@code kafka.sasl.*} and {@code kafka.ssl.*} of the configuration,
 * without the {@code kafka.} prefix, so they log in as the messaging channels and Kafka Streams do
 * (application.properties, docs/security.md "Kafka").
 */
public final class KafkaClientSecurity {

  private KafkaClientSecurity() {}

  /**
   * The settings of a reader of whole topics the API keeps up with (decisions, fleet freezes):
   * {@code bootstrapServers}, these security settings, committed records only, nothing committed
   * back, String keys and byte values.
   */
  public static Properties readerSettings(String bootstrapServers) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.putAll(settings());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return props;
  }

  /** The settings from the application's configuration. */
  public static Properties settings() {
    return settings(ConfigProvider.getConfig());
  }

  /** The settings from {@code config}. */
  public static Properties settings(Config config) {
    Properties p = new Properties();
    for (String name : config.getPropertyNames()) {
      if (name.equals("kafka.security.protocol")
          || name.startsWith("kafka.sasl.")
          || name.startsWith("kafka.ssl.")) {
        config
            .getOptionalValue(name, String.class)
            .ifPresent(v -> p.put(name.substring("kafka.".length()), v));
      }
    }
    return p;
  }
}
