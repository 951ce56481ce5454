package dev.bluegreen.cloudsim;

import dev.bluegreen.cloudsim.core.Fault;
import dev.bluegreen.cloudsim.core.FaultRegistry;
import dev.bluegreen.cloudsim.core.World;
import java.util.List;
import java.util.Optional;

/**
 * Adds and removes faults, for the Java API and the HTTP faults API alike. Most faults live only in
 * the registry; an UNHEALTHY fault also changes the simulated traffic, so that metrics keep a
 * history of when the cluster went bad and recovered.
 */
public final class SimFaults {
  private final World world;
  private final FaultRegistry registry;

  SimFaults(World world) {
    this.world = world;
    this.registry = world.faults();
  }

  /** Activates a fault and returns it with its id. */
  public Fault add(Fault fault) {
    Fault added = registry.add(fault);
    if (added.kind() == Fault.Kind.UNHEALTHY) {
      double rate = added.errorRate() == null ? 1.0 : added.errorRate();
      world.lockedRun(w -> w.traffic().setErrorRate(added.resource(), rate));
    }
    world.journal().record("sim", "AddFault", added.id(), null, "ok", added.kind().name());
    return added;
  }

  /** Removes a fault; false when no fault has that id. */
  public boolean remove(String id) {
    Optional<Fault> fault = registry.find(id);
    if (fault.isEmpty()) {
      return false;
    }
    registry.remove(id);
    heal(fault.get());
    world.journal().record("sim", "RemoveFault", id, null, "ok", fault.get().kind().name());
    return true;
  }

  /** Removes every fault. */
  public void clear() {
    List<Fault> all = registry.list();
    registry.clear();
    all.forEach(this::heal);
    world.journal().record("sim", "ClearFaults", "*", null, "ok", all.size() + " faults");
  }

  public List<Fault> list() {
    return registry.list();
  }

  private void heal(Fault f) {
    if (f.kind() == Fault.Kind.UNHEALTHY) {
      world.lockedRun(w -> w.traffic().setErrorRate(f.resource(), 0));
    }
  }
}
