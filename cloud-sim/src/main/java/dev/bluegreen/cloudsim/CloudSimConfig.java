package dev.bluegreen.cloudsim;

import dev.bluegreen.cloudsim.core.Catalog;
import dev.bluegreen.cloudsim.core.Fleet;
import dev.bluegreen.cloudsim.core.Lifecycles;
import dev.bluegreen.cloudsim.core.SimClock;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * How to start a {@link CloudSim}. Immutable; derive variants with the {@code with...} methods.
 *
 * @param host interface to bind (default 127.0.0.1)
 * @param port port to bind; 0 picks a free one (the default)
 * @param advertisedUrl base URL reported to clients (cluster endpoints, Argo CD cluster secrets);
 *     null means http://host:port. Set it when clients reach the simulator by another name, e.g.
 *     http://cloud-sim:4566 in compose
 * @param timeCompression lifecycle durations are divided by this; 0 means instant
 * @param lifecycles lifecycle durations before compression
 * @param clock the simulator's clock; a manual clock lets tests move time explicitly
 * @param fleet the world to seed, or null for an empty world (with only the management cluster)
 * @param catalog Kubernetes and add-on versions offered
 * @param managementCluster name of the cluster running Argo CD
 * @param region AWS region used in ARNs
 * @param accountId AWS account used in ARNs
 * @param threads HTTP worker threads
 * @param randomSeed seed for ratio faults, so chaos runs can be replayed
 */
public record CloudSimConfig(
    String host,
    int port,
    String advertisedUrl,
    double timeCompression,
    Lifecycles lifecycles,
    SimClock clock,
    Fleet fleet,
    Catalog catalog,
    String managementCluster,
    String region,
    String accountId,
    int threads,
    long randomSeed) {

  /** Ephemeral port, realistic durations, wall clock, empty world. */
  public static CloudSimConfig defaults() {
    return new CloudSimConfig(
        "127.0.0.1",
        0,
        null,
        1.0,
        Lifecycles.realistic(),
        // The wall clock: the default for the local run and most tests (the core reads none).
        Clock.systemUTC()::instant,
        null,
        Catalog.builtIn(),
        "mgmt",
        "us-east-1",
        "123456789012",
        8,
        42L);
  }

  /** Like {@link #defaults()} but every lifecycle completes at the next call. */
  public static CloudSimConfig instant() {
    return defaults().withTimeCompression(0);
  }

  public CloudSimConfig withPort(int newPort) {
    return change(c -> c.port = newPort);
  }

  public CloudSimConfig withHost(String newHost) {
    return change(c -> c.host = newHost);
  }

  public CloudSimConfig withAdvertisedUrl(String url) {
    return change(c -> c.advertisedUrl = url);
  }

  public CloudSimConfig withTimeCompression(double factor) {
    return change(c -> c.timeCompression = factor);
  }

  public CloudSimConfig withLifecycles(Lifecycles newLifecycles) {
    return change(c -> c.lifecycles = newLifecycles);
  }

  public CloudSimConfig withClock(SimClock newClock) {
    return change(c -> c.clock = newClock);
  }

  /** The fleet to seed, and its management cluster when it names one. */
  public CloudSimConfig withFleet(Fleet newFleet) {
    return change(
        c -> {
          c.fleet = newFleet;
          if (newFleet != null && newFleet.managementCluster() != null) {
            c.managementCluster = newFleet.managementCluster();
          }
        });
  }

  public CloudSimConfig withCatalog(Catalog newCatalog) {
    return change(c -> c.catalog = newCatalog);
  }

  public CloudSimConfig withRandomSeed(long seed) {
    return change(c -> c.randomSeed = seed);
  }

  /** A copy of this configuration with what {@code edit} changes. */
  private CloudSimConfig change(Consumer<Change> edit) {
    Change c = new Change(this);
    edit.accept(c);
    return c.done();
  }

  /** A copy of a configuration, changed where a {@code with...} method says. */
  private static final class Change {
    String host;
    int port;
    String advertisedUrl;
    double timeCompression;
    Lifecycles lifecycles;
    SimClock clock;
    Fleet fleet;
    Catalog catalog;
    String managementCluster;
    String region;
    String accountId;
    int threads;
    long randomSeed;

    Change(CloudSimConfig from) {
      host = from.host;
      port = from.port;
      advertisedUrl = from.advertisedUrl;
      timeCompression = from.timeCompression;
      lifecycles = from.lifecycles;
      clock = from.clock;
      fleet = from.fleet;
      catalog = from.catalog;
      managementCluster = from.managementCluster;
      region = from.region;
      accountId = from.accountId;
      threads = from.threads;
      randomSeed = from.randomSeed;
    }

    CloudSimConfig done() {
      return new CloudSimConfig(
          host,
          port,
          advertisedUrl,
          timeCompression,
          lifecycles,
          clock,
          fleet,
          catalog,
          managementCluster,
          region,
          accountId,
          threads,
          randomSeed);
    }
  }
}
