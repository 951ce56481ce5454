package dev.bluegreen.orchestrator.cloud;

/** Port: the Kubernetes version a cluster runs now. */
public interface ClusterVersions {

  /** What the lookup found. */
  sealed interface Lookup {}

  /** The cluster runs this minor version, e.g. 1.30. */
  record Found(String version) implements Lookup {}

  /** No such cluster. */
  record NotFound(String detail) implements Lookup {}

  /** The cloud could not be asked (network, credentials, throttling); nothing is known. */
  record Unavailable(String detail) implements Lookup {}

  /** Lookup is switched off by configuration. */
  record Disabled() implements Lookup {}

  /** Looks the cluster up. Never throws. */
  Lookup currentVersion(String cluster);
}
