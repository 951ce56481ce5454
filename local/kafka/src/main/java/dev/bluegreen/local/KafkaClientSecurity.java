package dev.bluegreen.local;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * The client settings of a SASL/SCRAM-SHA-512 principal, as the local tools use them. The password
 * is handed in, never logged; {@link #fromEnvironment} reads the same variables the services read
 * ({@code BLUEGREEN_KAFKA_USERNAME}, {@code BLUEGREEN_KAFKA_PASSWORD}).
 */
public final class KafkaClientSecurity {

  private KafkaClientSecurity() {}

  /** The mechanism of the client listener. */
  public static final String MECHANISM = "SCRAM-SHA-512";

  /** Settings for {@code user} with {@code password} over SASL_PLAINTEXT. */
  public static Map<String, Object> scram(String user, String password) {
    Map<String, Object> p = new HashMap<>();
    p.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
    p.put(SaslConfigs.SASL_MECHANISM, MECHANISM);
    p.put(SaslConfigs.SASL_JAAS_CONFIG, jaas(user, password));
    return p;
  }

  /** The JAAS line of a SCRAM login (letters and digits only in user and password). */
  public static String jaas(String user, String password) {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
        + user
        + "\" password=\""
        + password
        + "\";";
  }

  /**
   * SCRAM settings when {@code BLUEGREEN_KAFKA_USERNAME} and {@code BLUEGREEN_KAFKA_PASSWORD} are
   * set; none (PLAINTEXT) otherwise.
   */
  public static Map<String, Object> fromEnvironment() {
    String user = System.getenv("BLUEGREEN_KAFKA_USERNAME");
    String password = System.getenv("BLUEGREEN_KAFKA_PASSWORD");
    if (user == null || user.isBlank() || password == null || password.isBlank()) {
      return Map.of();
    }
    return scram(user, password);
  }
}
