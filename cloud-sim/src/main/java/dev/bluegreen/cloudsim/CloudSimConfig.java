package dev.bluegreen.cloudsim;

import dev.bluegreen.cloudsim.core.Catalog;
import dev.bluegreen.cloudsim.core.Fleet;
import dev.bluegreen.cloudsim.core.Lifecycles;
import dev.bluegreen.cloudsim.core.SimClock;
import java.time.Clock;

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
    Change c = new Change(this);
    c.port = newPort;
    return c.done();
  }

  public CloudSimConfig withHost(String newHost) {
    Change c = new Change(this);
    c.host = newHost;
    return c.done();
  }

  public CloudSimConfig withAdvertisedUrl(String url) {
    Change c = new Change(this);
    c.advertisedUrl = url;
    return c.done();
  }

  public CloudSimConfig withTimeCompression(double factor) {
    Change c = new Change(this);
    c.timeCompression = factor;
    return c.done();
  }

  public CloudSimConfig withLifecycles(Lifecycles newLifecycles) {
    Change c = new Change(this);
    c.lifecycles = newLifecycles;
    return c.done();
  }

  public CloudSimConfig withClock(SimClock newClock) {
    Change c = new Change(this);
    c.clock = newClock;
    return c.done();
  }

  public CloudSimConfig withFleet(Fleet newFleet) {
    Change c = new Change(this);
    c.fleet = newFleet;
    if (newFleet != null && newFleet.managementCluster() != null) {
      c.managementCluster = newFleet.managementCluster();
    }
    return c.done();
  }

  public CloudSimConfig withCatalog(Catalog newCatalog) {
    Change c = new Change(this);
    c.catalog = newCatalog;
    return c.done();
  }

  public CloudSimConfig withRandomSeed(long seed) {
    Change c = new Change(this);
    c.randomSeed = seed;
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
