package dev.bluegreen.notifier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bluegreen.contracts.CloudEvent;
import dev.bluegreen.contracts.events.CampaignTransitioned;
import dev.bluegreen.notifier.core.BlockKitMessage;
import dev.bluegreen.notifier.core.CampaignNews;
import dev.bluegreen.notifier.core.Route;
import dev.bluegreen.notifier.core.Routing;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Everything between a campaign decision ({@code campaign.audit.v1}) and the channels that want it,
 * as {@link SlackNotifier} does for upgrades: decode (never throws), dead-letter what is unreadable
 * or not a campaign decision, tell whether it is news ({@link CampaignNews.Desk}), pick the routes
 * (campaign channels get every campaign's news; team channels the news about their members), post
 * with retries, dead-letter a delivery that keeps failing, skip one already done.
 */
public final class CampaignNotifier {

  private static final Logger LOG = Logger.getLogger(CampaignNotifier.class);

  /** Problem code of a valid event on the campaign audit topic that is not a campaign decision. */
  public static final String NOT_A_CAMPAIGN_ENTRY = "NOT_A_CAMPAIGN_ENTRY";

  private final Routing routing;
  private final BlockKitMessage messages;
  private final WebhookDelivery delivery;
  private final CampaignNews.Desk desk;
  private final ObjectMapper json = new ObjectMapper();

  public CampaignNotifier(
      Routing routing, BlockKitMessage messages, WebhookDelivery delivery, CampaignNews.Desk desk) {
    this.routing = routing;
    this.messages = messages;
    this.delivery = delivery;
    this.desk = desk;
  }

  /** Takes one record off the campaign audit topic. */
  public SlackNotifier.Outcome receive(ConsumerRecord<String, byte[]> record)
      throws InterruptedException {
    Optional<CloudEvent<?>> decoded = delivery.decode(record);
    if (decoded.isEmpty()) {
      return SlackNotifier.Outcome.DEAD_LETTERED;
    }
    CloudEvent<?> event = decoded.get();
    if (!(event.data() instanceof CampaignTransitioned entry)) {
      return delivery.refuse(
          record, NOT_A_CAMPAIGN_ENTRY, event.type().ceType() + " is not a campaign decision");
    }
    Optional<CampaignNews> news = desk.read(entry);
    if (news.isEmpty()) {
      return SlackNotifier.Outcome.NOT_ROUTED;
    }
    List<Route> routes = routing.routesForCampaign(news.get().members(), news.get().severity());
    if (routes.isEmpty()) {
      LOG.debugf("no route wants campaign news %s (%s)", event.id(), news.get().headline());
      return SlackNotifier.Outcome.NOT_ROUTED;
    }
    return delivery.toEach(record, event, routes, render(news.get()));
  }

  private byte[] render(CampaignNews news) {
    try {
      return json.writeValueAsBytes(messages.render(news));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a Slack message", e);
    }
  }
}
