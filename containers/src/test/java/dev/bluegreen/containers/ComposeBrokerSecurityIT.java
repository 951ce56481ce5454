package dev.bluegreen.containers;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;

import dev.bluegreen.contracts.Topics;
import dev.bluegreen.local.KafkaClientSecurity;
import dev.bluegreen.local.KafkaPrincipals;
import dev.bluegreen.local.SetUpSecurity;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The broker of the running compose stack (docker-compose.yml), reached on its host listener, lets
 * nobody in without a password and each service do its own job only, as the local run's broker does
 * ({@code KafkaSecurityIT} in local/kafka). It writes nothing that a running service would read:
 * every write it tries is one the broker must refuse.
 *
 * <p>{@code ci/container-stage} runs it while its stack is up, with {@code
 * -Dcompose.kafka.bootstrap=localhost:<KAFKA_PORT>} and {@code
 * -Dcompose.kafka.credentials=.local/compose/kafka/credentials} (bin/compose-credentials); without
 * them it is skipped, with the reason.
 */
@EnabledIfSystemProperty(
    named = "compose.kafka.bootstrap",
    matches = ".+",
    disabledReason =
        "skipped: no compose stack given (-Dcompose.kafka.bootstrap, -Dcompose.kafka.credentials);"
            + " ci/container-stage runs it against its stack")
class ComposeBrokerSecurityIT {

  private static final Duration REFUSAL = Duration.ofSeconds(30);

  private final String bootstrap = System.getProperty("compose.kafka.bootstrap");
  private final Path credentials =
      Path.of(System.getProperty("compose.kafka.credentials", ".local/compose/kafka/credentials"));

  @Test
  void aClientWithoutCredentials_cannotUseTheBroker() {
    Map<String, Object> plain = new HashMap<>();
    plain.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    plain.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
    plain.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
    try (Admin anonymous = Admin.create(plain)) {
      assertInstanceOf(TimeoutException.class, failure(() -> anonymous.listTopics().names().get()));
    }
  }

  @Test
  void aServiceWithTheWrongPassword_isRefused() {
    Map<String, Object> wrong = settings("provisioner", "not" + password("provisioner"));
    wrong.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
    wrong.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    try (Admin admin = Admin.create(wrong)) {
      assertInstanceOf(
          SaslAuthenticationException.class, failure(() -> admin.listTopics().names().get()));
    }
  }

  @Test
  void theProvisionersCredentials_cannotWriteTheDeployersCommands_norItsOwn() {
    try (KafkaProducer<String, String> provisioner = producer("provisioner")) {
      // It is logged in: the facts topic, which it may write, is there for it.
      assertFalse(provisioner.partitionsFor(Topics.FACTS.name()).isEmpty());
      assertInstanceOf(
          TopicAuthorizationException.class,
          failure(() -> send(provisioner, Topics.DEPLOYER_COMMANDS.name())));
      assertInstanceOf(
          TopicAuthorizationException.class,
          failure(() -> send(provisioner, Topics.PROVISIONER_COMMANDS.name())),
          "not even its own: only the orchestrator writes commands");
    }
  }

  @Test
  void theNotifiersCredentials_cannotWriteTheAuditLog_norFacts() {
    try (KafkaProducer<String, String> notifier = producer("notifier")) {
      assertInstanceOf(
          TopicAuthorizationException.class, failure(() -> send(notifier, Topics.AUDIT.name())));
      assertInstanceOf(
          TopicAuthorizationException.class, failure(() -> send(notifier, Topics.FACTS.name())));
    }
  }

  // ------------------------------------------------------------------ clients

  private String password(String user) {
    try {
      return SetUpSecurity.password(credentials, user);
    } catch (IOException e) {
      throw new IllegalStateException(
          "no password of " + user + " in " + credentials + " (bin/compose-credentials)", e);
    }
  }

  private Map<String, Object> settings(String user, String password) {
    Map<String, Object> p = new HashMap<>(KafkaClientSecurity.scram(user, password));
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    return p;
  }

  private KafkaProducer<String, String> producer(String user) {
    assertFalse(KafkaPrincipals.ADMIN.equals(user), "the tests never write as the admin");
    Map<String, Object> p = settings(user, password(user));
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) REFUSAL.toMillis());
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) REFUSAL.toMillis());
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
  }

  private static Object send(KafkaProducer<String, String> producer, String topic)
      throws Exception {
    return producer
        .send(new ProducerRecord<>(topic, "compose-broker-security-it", "{}"))
        .get(REFUSAL.toSeconds(), TimeUnit.SECONDS);
  }

  /** What {@code call} failed with, unwrapped from ExecutionException; fails if it succeeded. */
  private static Throwable failure(Callable<?> call) {
    try {
      Object result = call.call();
      return fail("expected a refusal, got " + result);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      return e;
    }
  }
}
