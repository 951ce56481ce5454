package dev.bluegreen.notifier.messaging;

import dev.bluegreen.notifier.CampaignNotifier;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads the campaign audit topic ({@code campaign.audit.v1}) as the {@code notifier} group, in
 * offset order (a campaign's decisions share its key, so its partition): a record is acknowledged
 * only after its posts and dead letters are done, as for upgrade audit entries.
 */
@ApplicationScoped
public class CampaignAuditConsumer {

  @Inject CampaignNotifier notifier;

  @Incoming("campaign-audit")
  @Blocking
  public void onCampaignDecision(ConsumerRecord<String, byte[]> record)
      throws InterruptedException {
    notifier.receive(record);
  }
}
