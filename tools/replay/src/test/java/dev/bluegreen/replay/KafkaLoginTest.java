package dev.bluegreen.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaLoginTest {

  @Test
  void noProtocol_orPlaintext_logsInAsNoOne() {
    assertTrue(KafkaLogin.settings(Map.of()).isEmpty());
    assertTrue(
        KafkaLogin.settings(Map.of("BLUEGREEN_KAFKA_SECURITY_PROTOCOL", "PLAINTEXT")).isEmpty());
  }

  @Test
  void sasl_logsInWithScramAsReplay_byDefault() {
    Properties p =
        KafkaLogin.settings(
            Map.of(
                "BLUEGREEN_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                "BLUEGREEN_KAFKA_PASSWORD", "s3cret"));

    assertEquals("SASL_PLAINTEXT", p.get("security.protocol"));
    assertEquals("SCRAM-SHA-512", p.get("sasl.mechanism"));
    assertEquals(
        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"replay\""
            + " password=\"s3cret\";",
        p.get("sasl.jaas.config"));
  }

  @Test
  void sasl_withoutAPassword_orAnUnknownProtocol_isAClearError() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> KafkaLogin.settings(Map.of("BLUEGREEN_KAFKA_SECURITY_PROTOCOL", "SASL_SSL")));
    assertTrue(e.getMessage().contains("BLUEGREEN_KAFKA_PASSWORD"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> KafkaLogin.settings(Map.of("BLUEGREEN_KAFKA_SECURITY_PROTOCOL", "SSL")));
  }
}
