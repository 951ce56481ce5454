package dev.bluegreen.notifier.messaging;

import dev.bluegreen.notifier.FreezeNotifier;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads the fleet freezes ({@code fleet.freezes.v1}) as the {@code notifier} group, in offset order
 * (a freeze's records share its key, so its partition): a record is acknowledged only after its
 * posts and dead letters are done, as for audit entries.
 */
@ApplicationScoped
public class FleetFreezeConsumer {

  @Inject FreezeNotifier notifier;

  @Incoming("fleet-freezes")
  @Blocking
  public void onFleetFreeze(ConsumerRecord<String, byte[]> record) throws InterruptedException {
    notifier.receive(record);
  }
}
