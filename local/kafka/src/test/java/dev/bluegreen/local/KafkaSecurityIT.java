package dev.bluegreen.local;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.bluegreen.contracts.TopicReplication;
import dev.bluegreen.contracts.Topics;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The broker of the local run, started by {@code bin/local-kafka} as {@code bin/run-local} starts
 * it (SASL/SCRAM-SHA-512, StandardAuthorizer), set up by {@link CreateTopics} and {@link
 * SetUpSecurity}: real clients find that nobody gets in without a password and each service may do
 * its own job only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaSecurityIT {

  private static final Duration BROKER_START = Duration.ofSeconds(120);
  private static final Duration REFUSAL = Duration.ofSeconds(30);

  private Process broker;
  private Path home;
  private Path log;
  private String bootstrap;

  @BeforeAll
  void startBrokerAsTheLocalRunDoes() throws Exception {
    Path root = Path.of("").toAbsolutePath().getParent().getParent();
    assertTrue(Files.isRegularFile(root.resolve("bin/local-kafka")), "repo root " + root);
    home = Path.of("target/kafka-security-it-" + UUID.randomUUID()).toAbsolutePath();
    Files.createDirectories(home);
    log = home.resolve("broker.log");
    int port = freePort();
    bootstrap = "localhost:" + port;
    ProcessBuilder pb =
        new ProcessBuilder("bash", root.resolve("bin/local-kafka").toString())
            .directory(root.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().put("KAFKA_PORT", String.valueOf(port));
    pb.environment().put("KAFKA_CONTROLLER_PORT", String.valueOf(freePort()));
    pb.environment().put("KAFKA_HOME_DIR", home.toString());
    pb.environment().remove("KAFKA_SECURITY");
    broker = pb.start();
    Runtime.getRuntime().addShutdownHook(new Thread(broker::destroyForcibly));

    Instant deadline = Instant.now().plus(BROKER_START);
    while (true) {
      if (!broker.isAlive()) {
        fail("bin/local-kafka exited " + broker.exitValue() + ":\n" + brokerLog());
      }
      try (Admin admin = Admin.create(admin(5_000))) {
        CreateTopics.create(admin, TopicReplication.SINGLE_NODE);
        break;
      } catch (Exception e) {
        if (Instant.now().isAfter(deadline)) {
          fail(
              "the SASL broker did not take the admin within " + BROKER_START + ":\n" + brokerLog(),
              e);
        }
        broker.waitFor(500, TimeUnit.MILLISECONDS); // returns early if it dies
      }
    }
    SetUpSecurity.apply(bootstrap, home.resolve("credentials"));
  }

  @AfterAll
  void stopBroker() throws InterruptedException {
    if (broker != null) {
      broker.destroy();
      if (!broker.waitFor(30, TimeUnit.SECONDS)) {
        broker.destroyForcibly();
      }
    }
  }

  @Test
  void aClientWithoutCredentials_cannotConnect() {
    Map<String, Object> plain = new HashMap<>();
    plain.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    plain.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
    plain.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
    try (Admin anonymous = Admin.create(plain)) {
      Throwable refused = failure(() -> anonymous.listTopics().names().get());
      assertInstanceOf(org.apache.kafka.common.errors.TimeoutException.class, refused);
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
  void aPhaseService_cannotWriteAnotherServicesCommandTopic_butWritesItsFacts() throws Exception {
    try (KafkaProducer<String, String> provisioner = producer("provisioner", Map.of())) {
      assertInstanceOf(
          TopicAuthorizationException.class,
          failure(() -> send(provisioner, Topics.DEPLOYER_COMMANDS.name())));
      assertInstanceOf(
          TopicAuthorizationException.class,
          failure(() -> send(provisioner, Topics.PROVISIONER_COMMANDS.name())),
          "not even its own: only the orchestrator writes commands");
      send(provisioner, Topics.FACTS.name());
      send(provisioner, Topics.DEAD_LETTER.name());
    }
  }

  @Test
  void aPhaseService_readsItsOwnCommands_inItsOwnGroup_andNoOneElses() throws Exception {
    String key = "own-" + UUID.randomUUID();
    try (KafkaProducer<String, String> orchestrator = producer("orchestrator", Map.of())) {
      orchestrator.send(new ProducerRecord<>(Topics.PROVISIONER_COMMANDS.name(), key, "{}")).get();
    }
    try (KafkaConsumer<String, String> own = consumer("provisioner", "provisioner")) {
      own.subscribe(List.of(Topics.PROVISIONER_COMMANDS.name()));
      assertTrue(pollFor(own, key), "the provisioner reads its command");
    }
    try (KafkaConsumer<String, String> other = consumer("provisioner", "provisioner")) {
      other.subscribe(List.of(Topics.DEPLOYER_COMMANDS.name()));
      assertInstanceOf(TopicAuthorizationException.class, failure(() -> pollFor(other, "never")));
    }
    try (KafkaConsumer<String, String> borrowed = consumer("provisioner", "deployer")) {
      borrowed.subscribe(List.of(Topics.PROVISIONER_COMMANDS.name()));
      assertInstanceOf(
          GroupAuthorizationException.class, failure(() -> pollFor(borrowed, "never")));
    }
  }

  @Test
  void onlyTheOrchestrator_writesTheAuditLog_inItsTransactions_andTheNotifierOnlyReadsIt()
      throws Exception {
    String key = "audit-" + UUID.randomUUID();
    try (KafkaProducer<String, String> orchestrator =
        producer(
            "orchestrator",
            Map.of(
                ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                KafkaPrincipals.ORCHESTRATOR_STREAMS_APP + "-it-" + UUID.randomUUID()))) {
      orchestrator.initTransactions();
      orchestrator.beginTransaction();
      orchestrator.send(new ProducerRecord<>(Topics.AUDIT.name(), key, "{}"));
      orchestrator.commitTransaction();
    }
    try (KafkaProducer<String, String> foreignTxn =
        producer("orchestrator", Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "someone-else"))) {
      assertInstanceOf(
          TransactionalIdAuthorizationException.class,
          failure(
              () -> {
                foreignTxn.initTransactions();
                return null;
              }));
    }
    try (KafkaConsumer<String, String> notifier = consumer("notifier", "notifier")) {
      notifier.subscribe(List.of(Topics.AUDIT.name()));
      assertTrue(pollFor(notifier, key), "the notifier reads the audit log");
    }
    try (KafkaProducer<String, String> notifier = producer("notifier", Map.of())) {
      assertInstanceOf(
          TopicAuthorizationException.class, failure(() -> send(notifier, Topics.AUDIT.name())));
      assertInstanceOf(
          TopicAuthorizationException.class, failure(() -> send(notifier, Topics.FACTS.name())));
    }
    try (KafkaConsumer<String, String> notifier = consumer("notifier", "notifier")) {
      notifier.subscribe(List.of(Topics.FACTS.name()));
      assertInstanceOf(
          TopicAuthorizationException.class, failure(() -> pollFor(notifier, "never")));
    }
  }

  // ------------------------------------------------------------------ clients

  private String password(String user) {
    try {
      return SetUpSecurity.password(home.resolve("credentials"), user);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private Map<String, Object> settings(String user, String password) {
    Map<String, Object> p = new HashMap<>(KafkaClientSecurity.scram(user, password));
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    return p;
  }

  private Map<String, Object> admin(int timeoutMs) {
    Map<String, Object> p = settings(KafkaPrincipals.ADMIN, password(KafkaPrincipals.ADMIN));
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
    return p;
  }

  private KafkaProducer<String, String> producer(String user, Map<String, Object> extra) {
    Map<String, Object> p = settings(user, password(user));
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) REFUSAL.toMillis());
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) REFUSAL.toMillis());
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    p.putAll(extra);
    return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
  }

  private KafkaConsumer<String, String> consumer(String user, String group) {
    Map<String, Object> p = settings(user, password(user));
    p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
  }

  private static RecordMetadata send(KafkaProducer<String, String> producer, String topic)
      throws Exception {
    return producer
        .send(new ProducerRecord<>(topic, "k", "{}"))
        .get(REFUSAL.toSeconds(), TimeUnit.SECONDS);
  }

  /** Polls until a record with {@code key} arrives (true) or the deadline passes (false). */
  private static boolean pollFor(KafkaConsumer<String, String> consumer, String key) {
    Instant deadline = Instant.now().plus(REFUSAL);
    while (Instant.now().isBefore(deadline)) {
      for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
        if (key.equals(r.key())) {
          return true;
        }
      }
    }
    return false;
  }

  /** What {@code call} failed with, unwrapped from ExecutionException; fails if it succeeded. */
  private static Throwable failure(Callable<?> call) {
    try {
      Object result = call.call();
      return fail("expected a refusal, got " + result);
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      return e;
    }
  }

  private String brokerLog() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
