package dev.bluegreen.replay;

import java.util.Map;
import java.util.Properties;

/**
 * How replay logs in to Kafka: the same environment variables as the services (docs/security.md,
 * "Kafka"). {@code BLUEGREEN_KAFKA_SECURITY_PROTOCOL} unset or {@code PLAINTEXT}: no login; {@code
 * SASL_PLAINTEXT} or {@code SASL_SSL}: SCRAM (or {@code BLUEGREEN_KAFKA_SASL_MECHANISM}) as {@code
 * BLUEGREEN_KAFKA_USERNAME} (default {@code replay}, the read-only principal) with {@code
 * BLUEGREEN_KAFKA_PASSWORD}. The password comes from the environment only, never an argument.
 */
final class KafkaLogin {

  /** The read-only principal of replays (reads the audit logs, nothing else). */
  static final String REPLAY_USER = "replay";

  private KafkaLogin() {}

  /** The client settings for these environment variables. */
  static Properties settings(Map<String, String> env) {
    Properties p = new Properties();
    String protocol = env.getOrDefault("BLUEGREEN_KAFKA_SECURITY_PROTOCOL", "PLAINTEXT");
    if (protocol.isBlank() || protocol.equals("PLAINTEXT")) {
      return p;
    }
    if (!protocol.startsWith("SASL_")) {
      throw new IllegalArgumentException(
          "BLUEGREEN_KAFKA_SECURITY_PROTOCOL="
              + protocol
              + ": PLAINTEXT, SASL_PLAINTEXT or SASL_SSL");
    }
    String password = env.get("BLUEGREEN_KAFKA_PASSWORD");
    if (password == null || password.isBlank()) {
      throw new IllegalArgumentException(
          "BLUEGREEN_KAFKA_SECURITY_PROTOCOL=" + protocol + " needs BLUEGREEN_KAFKA_PASSWORD");
    }
    String user = env.getOrDefault("BLUEGREEN_KAFKA_USERNAME", REPLAY_USER);
    String mechanism = env.getOrDefault("BLUEGREEN_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512");
    String module =
        mechanism.startsWith("SCRAM")
            ? "org.apache.kafka.common.security.scram.ScramLoginModule"
            : "org.apache.kafka.common.security.plain.PlainLoginModule";
    p.put("security.protocol", protocol);
    p.put("sasl.mechanism", mechanism);
    p.put(
        "sasl.jaas.config",
        module
            + " required username=\""
            + quoted(user)
            + "\" password=\""
            + quoted(password)
            + "\";");
    return p;
  }

  /** The settings of this process's environment. */
  static Properties fromEnvironment() {
    return settings(System.getenv());
  }

  private static String quoted(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
