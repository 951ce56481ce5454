package dev.bluegreen.notifier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bluegreen.contracts.AuditEntry;
import dev.bluegreen.contracts.CloudEvent;
import dev.bluegreen.contracts.UpgradeLogContext;
import dev.bluegreen.notifier.core.BlockKitMessage;
import dev.bluegreen.notifier.core.Route;
import dev.bluegreen.notifier.core.Routing;
import dev.bluegreen.notifier.core.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Everything between an audit record and the Slack channels that want it: decode (never throws),
 * dead-letter what is unreadable, judge the severity, pick the routes, render the message once,
 * post it to each route with retries, and dead-letter a delivery that keeps failing. A delivery
 * already done for the same {@code ce_id} is skipped (bounded memory).
 *
 * <p>It throws only when Kafka refuses a dead-letter write, or when interrupted (shutdown): then
 * the record must not be acknowledged, and comes again.
 */
public final class SlackNotifier {

  private static final Logger LOG = Logger.getLogger(SlackNotifier.class);

  /** Problem code of a dead letter whose webhook kept failing or refused the message. */
  public static final String WEBHOOK_FAILED = "WEBHOOK_FAILED";

  /** Problem code of a valid event that is not an audit entry (it has no business here). */
  public static final String NOT_AN_AUDIT_ENTRY = "NOT_AN_AUDIT_ENTRY";

  /** Extra dead-letter header: the route whose delivery failed (a replay may target only it). */
  public static final String ROUTE_HEADER = "notifier_route";

  /** Waits between attempts; {@code Thread::sleep} in production. */
  @FunctionalInterface
  public interface Pause {
    void pause(Duration duration) throws InterruptedException;
  }

  /** What became of one record; for logs and tests. */
  public enum Outcome {
    POSTED,
    NOT_ROUTED,
    DUPLICATE,
    DEAD_LETTERED
  }

  private final Routing routing;
  private final BlockKitMessage messages;
  private final WebhookDelivery delivery;
  private final ObjectMapper json = new ObjectMapper();

  public SlackNotifier(Routing routing, BlockKitMessage messages, WebhookDelivery delivery) {
    this.routing = routing;
    this.messages = messages;
    this.delivery = delivery;
  }

  /** Takes one record off the audit topic. */
  public Outcome receive(ConsumerRecord<String, byte[]> record) throws InterruptedException {
    Optional<CloudEvent<?>> event = delivery.decode(record);
    if (event.isEmpty()) {
      return Outcome.DEAD_LETTERED;
    }
    // Every log line about this entry names its upgrade, cluster and trace.
    try (UpgradeLogContext ignored = UpgradeLogContext.of(event.get())) {
      return receive(record, event.get());
    }
  }

  private Outcome receive(ConsumerRecord<String, byte[]> record, CloudEvent<?> event)
      throws InterruptedException {
    if (!(event.data() instanceof AuditEntry entry)) {
      return delivery.refuse(
          record, NOT_AN_AUDIT_ENTRY, event.type().ceType() + " is not an audit entry");
    }

    Severity severity = Severity.of(entry);
    // Routed by the logical cluster (the subject): a route for "search-002" follows it through
    // every generation, whatever its EKS cluster is called this year.
    String cluster = event.subject();
    List<Route> routes = routing.routesFor(cluster, severity);
    if (routes.isEmpty()) {
      LOG.debugf("no route wants %s (%s, %s)", event.id(), cluster, severity);
      return Outcome.NOT_ROUTED;
    }
    return delivery.toEach(record, event, routes, render(entry, severity, cluster));
  }

  private byte[] render(AuditEntry entry, Severity severity, String logicalCluster) {
    try {
      return json.writeValueAsBytes(
          messages.render(entry, severity, routing.teamOf(logicalCluster)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a Slack message", e);
    }
  }
}
