package dev.bluegreen.messaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bluegreen.contracts.CloudEvent;
import dev.bluegreen.contracts.CloudEventCodec;
import dev.bluegreen.contracts.Command;
import dev.bluegreen.contracts.DeadLetters;
import dev.bluegreen.contracts.TraceContext;
import dev.bluegreen.contracts.UpgradeLogContext;
import dev.bluegreen.contracts.events.DecommissionBlue;
import dev.bluegreen.contracts.events.GreenClusterReady;
import dev.bluegreen.contracts.events.Phase;
import dev.bluegreen.contracts.events.PhaseFailed;
import dev.bluegreen.contracts.events.ProvisionGreen;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/**
 * The inbox's routing, dedupe and failure rules, without a broker (Kafka is the sink's concern).
 */
class CommandInboxTest {

  private static final Instant NOW = Instant.parse("2026-11-25T09:00:00Z");
  private final CloudEventCodec codec = new CloudEventCodec();
  private final RecordingSink sink = new RecordingSink();
  private final List<Command> handled = new ArrayList<>();
  private RuntimeException failWith;
  private java.util.Map<String, String> logContextDuringHandling;

  private final CommandHandler provisioner =
      new CommandHandler() {
        @Override
        public Set<Class<? extends Command>> accepts() {
          return Set.of(ProvisionGreen.class);
        }

        @Override
        public Phase phaseOf(Command command) {
          return Phase.PROVISIONING;
        }

        @Override
        public void handle(CloudEvent<? extends Command> command, Facts facts) {
          handled.add(command.data());
          logContextDuringHandling = org.slf4j.MDC.getCopyOfContextMap();
          if (failWith != null) {
            throw failWith;
          }
          ProvisionGreen c = (ProvisionGreen) command.data();
          facts.publish(
              new GreenClusterReady(
                  c.commandId(),
                  c.upgradeId(),
                  c.cluster(),
                  c.greenCluster(),
                  c.targetVersion(),
                  null,
                  null));
        }
      };

  private final CommandInbox inbox =
      new CommandInbox("provisioner", provisioner, sink, Clock.fixed(NOW, ZoneOffset.UTC), 100);

  private static ProvisionGreen provision(String commandId) {
    return new ProvisionGreen(commandId, "upg-1", "payments-prod", "payments-prod-g1", "1.31");
  }

  private ConsumerRecord<String, byte[]> recordOf(CloudEvent<?> event) {
    ProducerRecord<String, byte[]> r = codec.toRecord(event);
    return consumed(r.topic(), r.key(), r.value(), r.headers());
  }

  private static ConsumerRecord<String, byte[]> consumed(
      String topic, String key, byte[] value, Headers headers) {
    return new ConsumerRecord<>(
        topic,
        2,
        17L,
        0L,
        TimestampType.CREATE_TIME,
        0,
        0,
        key,
        value,
        headers,
        java.util.Optional.empty());
  }

  @Test
  void command_isHandled_andItsFactsAreCausedByIt() {
    CloudEvent<ProvisionGreen> command = CloudEvent.of("/orchestrator", provision("c-1"), NOW);

    assertEquals(CommandInbox.Outcome.HANDLED, inbox.receive(recordOf(command)));

    assertEquals(List.of(provision("c-1")), handled);
    CloudEvent<?> fact = sink.published.get(0);
    assertInstanceOf(GreenClusterReady.class, fact.data());
    assertEquals(command.id(), fact.causationId());
    assertEquals("upg-1", fact.correlationId());
    assertEquals("/bluegreen/provisioner", fact.source());
  }

  @Test
  void whileACommandIsHandled_logLinesCarryItsUpgradeClusterAndTrace_andNotAfterwards() {
    TraceContext trace = TraceContext.newTrace();
    CloudEvent<ProvisionGreen> command =
        CloudEvent.of("/orchestrator", provision("c-1"), NOW).withTrace(trace);

    inbox.receive(recordOf(command));

    assertEquals("upg-1", logContextDuringHandling.get(UpgradeLogContext.UPGRADE_ID));
    assertEquals("payments-prod", logContextDuringHandling.get(UpgradeLogContext.CLUSTER));
    assertEquals(trace.traceId(), logContextDuringHandling.get(UpgradeLogContext.TRACE_ID));
    var after = org.slf4j.MDC.getCopyOfContextMap();
    assertTrue(after == null || after.isEmpty(), "MDC left behind: " + after);
  }

  @Test
  void theFactsOfATracedCommand_continueItsTrace() {
    TraceContext trace = TraceContext.newTrace();
    inbox.receive(recordOf(CloudEvent.of("/orchestrator", provision("c-1"), NOW).withTrace(trace)));

    assertEquals(trace.traceId(), sink.published.get(0).trace().traceId());
  }

  @Test
  void sameCommandIdTwice_isHandledOnce() {
    var first = recordOf(CloudEvent.of("/orchestrator", provision("c-1"), NOW));
    var redelivered =
        recordOf(CloudEvent.of("/orchestrator", provision("c-1"), NOW.plusSeconds(5)));

    inbox.receive(first);
    assertEquals(CommandInbox.Outcome.DUPLICATE, inbox.receive(redelivered));

    assertEquals(1, handled.size());
    assertEquals(1, sink.published.size());
  }

  @Test
  void aRedeliveryWhileTheCommandRuns_isAnsweredOnlyOnceTheFirstDeliveryIsDone() throws Exception {
    // A rebalance hands a partition back from its last commit while its command still runs
    // here. Acknowledging the redelivery at once would let the consumer commit past a command in
    // flight, lost if the process then dies.
    java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    CommandHandler slow =
        new CommandHandler() {
          @Override
          public Set<Class<? extends Command>> accepts() {
            return Set.of(ProvisionGreen.class);
          }

          @Override
          public Phase phaseOf(Command command) {
            return Phase.PROVISIONING;
          }

          @Override
          public void handle(CloudEvent<? extends Command> command, Facts facts) {
            started.countDown();
            try {
              release.await();
            } catch (InterruptedException e) {
              throw new IllegalStateException(e);
            }
            handled.add(command.data());
          }
        };
    CommandInbox slowInbox =
        new CommandInbox("provisioner", slow, sink, Clock.fixed(NOW, ZoneOffset.UTC), 100);
    var first = recordOf(CloudEvent.of("/orchestrator", provision("c-1"), NOW));
    var redelivered =
        recordOf(CloudEvent.of("/orchestrator", provision("c-1"), NOW.plusSeconds(5)));
    var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      var firstOutcome = pool.submit(() -> slowInbox.receive(first));
      started.await();
      var secondOutcome = pool.submit(() -> slowInbox.receive(redelivered));
      // Not answered while the first delivery runs (awaited with a deadline, never a sleep).
      assertThrows(
          java.util.concurrent.TimeoutException.class,
          () -> secondOutcome.get(300, java.util.concurrent.TimeUnit.MILLISECONDS));
      release.countDown();
      assertEquals(
          CommandInbox.Outcome.HANDLED,
          firstOutcome.get(10, java.util.concurrent.TimeUnit.SECONDS));
      assertEquals(
          CommandInbox.Outcome.DUPLICATE,
          secondOutcome.get(10, java.util.concurrent.TimeUnit.SECONDS));
      assertEquals(1, handled.size(), "carried out once");
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }

  @Test
  void poisonPill_isDeadLetteredWithItsOriginalBytesAndTheReason() {
    Headers headers = recordOf(CloudEvent.of("/orchestrator", provision("c-1"), NOW)).headers();
    byte[] garbage = "{not json".getBytes(StandardCharsets.UTF_8);

    var outcome =
        inbox.receive(consumed("provisioner.commands.v1", "payments-prod", garbage, headers));

    assertEquals(CommandInbox.Outcome.DEAD_LETTERED, outcome);
    assertEquals(List.of(), handled);
    DeadLetter dl = sink.deadLetters.get(0);
    assertEquals("payments-prod", dl.key);
    assertArrayEquals(garbage, dl.value);
    assertEquals("MALFORMED_JSON", CloudEventCodec.header(dl.headers, DeadLetters.PROBLEM));
    assertEquals(
        "provisioner.commands.v1", CloudEventCodec.header(dl.headers, DeadLetters.SOURCE_TOPIC));
    assertEquals("17", CloudEventCodec.header(dl.headers, DeadLetters.SOURCE_OFFSET));
    assertEquals("provisioner", CloudEventCodec.header(dl.headers, DeadLetters.CONSUMER));
  }

  @Test
  void validCommandForAnotherService_isDeadLettered() {
    var decommission =
        new DecommissionBlue(
            "c-9",
            "upg-1",
            "payments-prod",
            "payments-prod-g1",
            NOW,
            Duration.ofHours(24),
            null,
            false);

    var outcome = inbox.receive(recordOf(CloudEvent.of("/orchestrator", decommission, NOW)));

    assertEquals(CommandInbox.Outcome.DEAD_LETTERED, outcome);
    assertEquals(
        CommandInbox.NOT_FOR_THIS_SERVICE,
        CloudEventCodec.header(sink.deadLetters.get(0).headers, DeadLetters.PROBLEM));
  }

  @Test
  void handlerThatThrows_becomesARetryablePhaseFailed_andTheNextRecordStillFlows() {
    failWith = new IllegalStateException("boom");
    var outcome = inbox.receive(recordOf(CloudEvent.of("/orchestrator", provision("c-1"), NOW)));

    assertEquals(CommandInbox.Outcome.FAILED, outcome);
    PhaseFailed failed = assertInstanceOf(PhaseFailed.class, sink.published.get(0).data());
    assertEquals(Phase.PROVISIONING, failed.phase());
    assertTrue(failed.retryable());
    assertTrue(failed.reason().contains("boom"), failed.reason());

    failWith = null;
    assertEquals(
        CommandInbox.Outcome.HANDLED,
        inbox.receive(recordOf(CloudEvent.of("/orchestrator", provision("c-2"), NOW))));
  }

  private record DeadLetter(String key, byte[] value, Headers headers) {}

  /** Records what the inbox writes; Kafka's side of the sink is tested by each service's IT. */
  private static final class RecordingSink implements EventSink {
    final List<CloudEvent<?>> published = new ArrayList<>();
    final List<DeadLetter> deadLetters = new ArrayList<>();

    @Override
    public void publish(CloudEvent<?> event) {
      published.add(event);
    }

    @Override
    public void deadLetter(String key, byte[] value, Headers headers) {
      deadLetters.add(new DeadLetter(key, value, headers));
    }
  }
}
