package dev.bluegreen.messaging;

import dev.bluegreen.contracts.CloudEvent;
import dev.bluegreen.contracts.Command;
import dev.bluegreen.contracts.events.GreenClusterReady;
import dev.bluegreen.contracts.events.Phase;
import dev.bluegreen.contracts.events.ProvisionGreen;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Test handler: answers ProvisionGreen with GreenClusterReady at once, counting its work. */
@ApplicationScoped
public class EchoProvisioner implements CommandHandler {

  private final AtomicInteger handled = new AtomicInteger();
  private final Set<String> upgrades = ConcurrentHashMap.newKeySet();

  /** The upgrades whose commands reached the handler. */
  public Set<String> handledUpgrades() {
    return Set.copyOf(upgrades);
  }

  /** How many commands reached the handler (a method: tests hold a CDI proxy, not the bean). */
  public int handledCount() {
    return handled.get();
  }

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
    handled.incrementAndGet();
    ProvisionGreen c = (ProvisionGreen) command.data();
    upgrades.add(c.upgradeId());
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
}
