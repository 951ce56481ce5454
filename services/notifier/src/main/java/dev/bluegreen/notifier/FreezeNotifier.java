package dev.bluegreen.notifier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bluegreen.contracts.CloudEvent;
import dev.bluegreen.contracts.events.FleetFreeze;
import dev.bluegreen.notifier.SlackNotifier.Outcome;
import dev.bluegreen.notifier.core.BlockKitMessage;
import dev.bluegreen.notifier.core.FreezeNews;
import dev.bluegreen.notifier.core.Route;
import dev.bluegreen.notifier.core.Routing;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Everything between a fleet freeze record ({@code fleet.freezes.v1}) and the channels, as {@link
 * CampaignNotifier} does for campaign decisions: decode (never throws), dead-letter what is
 * unreadable or not a fleet freeze, tell whether it is news ({@link FreezeNews.Desk}), post it to
 * every route that takes its severity (a freeze concerns every cluster, so team channels too), with
 * retries, dead-letter a delivery that keeps failing, skip one already done.
 */
public final class FreezeNotifier {

  private static final Logger LOG = Logger.getLogger(FreezeNotifier.class);

  /** Problem code of a valid event on the fleet freeze topic that is not a fleet freeze. */
  public static final String NOT_A_FLEET_FREEZE = "NOT_A_FLEET_FREEZE";

  private final Routing routing;
  private final BlockKitMessage messages;
  private final WebhookDelivery delivery;
  private final FreezeNews.Desk desk;
  private final ObjectMapper json = new ObjectMapper();

  public FreezeNotifier(
      Routing routing, BlockKitMessage messages, WebhookDelivery delivery, FreezeNews.Desk desk) {
    this.routing = routing;
    this.messages = messages;
    this.delivery = delivery;
    this.desk = desk;
  }

  /** Takes one record off the fleet freeze topic. */
  public Outcome receive(ConsumerRecord<String, byte[]> record) throws InterruptedException {
    Optional<CloudEvent<?>> decoded = delivery.decode(record);
    if (decoded.isEmpty()) {
      return Outcome.DEAD_LETTERED;
    }
    CloudEvent<?> event = decoded.get();
    if (!(event.data() instanceof FleetFreeze freeze)) {
      return delivery.refuse(
          record, NOT_A_FLEET_FREEZE, event.type().ceType() + " is not a fleet freeze");
    }
    Optional<FreezeNews> news = desk.read(freeze);
    if (news.isEmpty()) {
      return Outcome.NOT_ROUTED;
    }
    List<Route> routes = routing.routesForFleet(news.get().severity());
    if (routes.isEmpty()) {
      LOG.debugf("no route wants fleet freeze news %s (%s)", event.id(), news.get().headline());
      return Outcome.NOT_ROUTED;
    }
    return delivery.toEach(record, event, routes, render(news.get()));
  }

  private byte[] render(FreezeNews news) {
    try {
      return json.writeValueAsBytes(messages.render(news));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a Slack message", e);
    }
  }
}
