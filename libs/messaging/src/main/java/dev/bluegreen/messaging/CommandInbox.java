package dev.bluegreen.messaging;

import dev.bluegreen.contracts.CloudEvent;
import dev.bluegreen.contracts.CloudEventCodec;
import dev.bluegreen.contracts.Command;
import dev.bluegreen.contracts.DeadLetters;
import dev.bluegreen.contracts.Incoming;
import dev.bluegreen.contracts.UpgradeLogContext;
import dev.bluegreen.tracing.EventSpan;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Everything between a command record and a service's {@link CommandHandler}, the same in every
 * phase service: decode (never throws), dead-letter what is unreadable or not meant for this
 * service with the reason, skip a {@code commandId} already done or in progress, run the handler,
 * and turn an escaping exception into a {@code PhaseFailed} fact. A bad record never makes it
 * throw, so one poison pill cannot stop the consumer. It throws only when Kafka itself refuses the
 * dead-letter or failure write: then the record must not be acknowledged, and comes again.
 *
 * <p>Done commandIds are remembered in a bounded LRU (memory stays flat on long runs). That makes
 * redelivery within one process free; across a restart the handler's own idempotency (the cloud's
 * state) is what holds.
 */
public final class CommandInbox {

  private static final Logger LOG = Logger.getLogger(CommandInbox.class);

  /**
   * The worker pool every phase service runs its commands on: {@code @Blocking(value =
   * CommandInbox.WORKERS, ordered = false)}. Its size, {@code
   * smallrye.messaging.worker.bluegreen-commands.max-concurrency}, is how many commands a service
   * works on at once (defaults in this library's {@code META-INF/microprofile-config.properties}).
   * A pool of its own, not Quarkus's default worker pool: commands block for as long as the cloud
   * takes, and must neither be capped by that pool's size nor starve the health checks and REST
   * calls that share it.
   */
  public static final String WORKERS = "bluegreen-commands";

  /** Problem code for a valid event that this service does not handle. */
  public static final String NOT_FOR_THIS_SERVICE = "NOT_FOR_THIS_SERVICE";

  private final String consumer;
  private final CommandHandler handler;
  private final EventSink sink;
  private final Clock clock;
  private final CloudEventCodec codec = new CloudEventCodec();

  /** Commands being carried out here, each with what completes when its handling ends. */
  private final Map<String, CompletableFuture<Void>> inProgress = new ConcurrentHashMap<>();

  private final Map<String, Boolean> done;

  /**
   * @param consumer the service's name: its consumer group, CloudEvent source and dlq_consumer
   * @param rememberedCommands how many done commandIds to remember
   */
  public CommandInbox(
      String consumer,
      CommandHandler handler,
      EventSink sink,
      Clock clock,
      int rememberedCommands) {
    this.consumer = consumer;
    this.handler = handler;
    this.sink = sink;
    this.clock = clock;
    this.done =
        Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
              @Override
              protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > rememberedCommands;
              }
            });
  }

  /** What became of one record; for logs and tests. */
  public enum Outcome {
    HANDLED,
    DUPLICATE,
    DEAD_LETTERED,
    FAILED
  }

  /** Takes one record off the command topic. Throws only when Kafka refuses our writes. */
  public Outcome receive(ConsumerRecord<String, byte[]> record) {
    Incoming incoming = codec.decode(record.headers(), record.value());
    if (incoming instanceof Incoming.Invalid invalid) {
      LOG.warnf(
          "dead-lettering record %s-%d@%d: %s",
          record.topic(), record.partition(), record.offset(), invalid.reason());
      return deadLetter(record, invalid.problem().name(), invalid.reason());
    }
    CloudEvent<?> event = ((Incoming.Valid) incoming).event();
    // One span per command, a child of the span that sent it (ce_traceparent); cloud calls made
    // meanwhile are its children, and the facts it publishes carry it as their parent. Every log
    // line while the command is handled names its upgrade, cluster and trace.
    try (EventSpan span = startSpan(record, event);
        UpgradeLogContext ignored = UpgradeLogContext.of(event)) {
      Outcome outcome = receive(record, event, span);
      span.attribute("bluegreen.outcome", outcome.name());
      return outcome;
    }
  }

  /** Tracer name of the command-handling spans. */
  public static final String INSTRUMENTATION = "dev.bluegreen.messaging";

  private EventSpan startSpan(ConsumerRecord<String, byte[]> record, CloudEvent<?> event) {
    Attributes attributes =
        Attributes.builder()
            .put("messaging.system", "kafka")
            .put("messaging.operation.type", "process")
            .put("messaging.destination.name", record.topic())
            .put("messaging.message.id", event.id())
            .put("messaging.consumer.group.name", consumer)
            .put("bluegreen.upgrade.id", String.valueOf(event.correlationId()))
            .put("bluegreen.cluster", event.subject())
            .build();
    return EventSpan.start(
        INSTRUMENTATION,
        consumer + " " + event.type().name(),
        SpanKind.CONSUMER,
        event.trace(),
        attributes);
  }

  private Outcome receive(
      ConsumerRecord<String, byte[]> record, CloudEvent<?> event, EventSpan span) {
    if (!(event.data() instanceof Command command)
        || !handler.accepts().contains(command.getClass())) {
      return deadLetter(
          record, NOT_FOR_THIS_SERVICE, consumer + " does not handle " + event.type().ceType());
    }
    String commandId = command.commandId();
    if (done.containsKey(commandId)) {
      LOG.infof("skipping duplicate command %s", commandId);
      return Outcome.DUPLICATE;
    }
    CompletableFuture<Void> handling = new CompletableFuture<>();
    CompletableFuture<Void> running = inProgress.putIfAbsent(commandId, handling);
    if (running != null) {
      // The same command again while it is carried out here: a rebalance (a broker restart, a
      // member leaving) hands the partition back from its last commit. Its record is acknowledged
      // only once the first delivery is done: acknowledged now, the consumer would commit past a
      // command still in flight, and a crash before it ends would lose it for good (seen in
      // bin/chaos: 84 upgrades left in DECOMMISSIONING).
      LOG.infof(
          "command %s is already being carried out here; its redelivery waits for it", commandId);
      awaitQuietly(running);
      return Outcome.DUPLICATE;
    }
    @SuppressWarnings("unchecked")
    CloudEvent<? extends Command> commandEvent = (CloudEvent<? extends Command>) event;
    Facts facts = new Facts(commandEvent, sink, "/bluegreen/" + consumer, clock, span.trace());
    try {
      handler.handle(commandEvent, facts);
      done.put(commandId, Boolean.TRUE);
      return Outcome.HANDLED;
    } catch (RuntimeException e) {
      LOG.errorf(e, "command %s failed unexpectedly", commandId);
      span.failed(e);
      return reportFailure(command, facts, e);
    } finally {
      inProgress.remove(commandId);
      handling.complete(null);
    }
  }

  private static void awaitQuietly(CompletableFuture<Void> handling) {
    try {
      handling.get();
    } catch (InterruptedException e) {
      // Shutting down: the record stays unacknowledged and comes back to whoever reads next.
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the first delivery ran", e);
    } catch (java.util.concurrent.ExecutionException e) {
      // Never completed exceptionally; nothing to do.
    }
  }

  private Outcome reportFailure(Command command, Facts facts, RuntimeException e) {
    try {
      facts.publish(
          PhaseReport.failure(
              command,
              handler.phaseOf(command),
              e.getClass().getSimpleName(),
              consumer + " failed unexpectedly: " + e.getMessage(),
              true,
              null));
    } catch (RuntimeException publishFailure) {
      done.remove(command.commandId());
      throw new IllegalStateException(
          "could not report the failure of " + command.commandId(), publishFailure);
    }
    return Outcome.FAILED;
  }

  private Outcome deadLetter(ConsumerRecord<String, byte[]> record, String problem, String reason) {
    sink.deadLetter(
        record.key(),
        record.value(),
        DeadLetters.headers(
            record.headers(),
            problem,
            reason,
            record.topic(),
            record.partition(),
            record.offset(),
            consumer));
    return Outcome.DEAD_LETTERED;
  }
}
