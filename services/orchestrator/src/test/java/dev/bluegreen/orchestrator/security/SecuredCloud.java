package dev.bluegreen.orchestrator.security;

import dev.bluegreen.cloudsim.CloudSim;
import dev.bluegreen.cloudsim.CloudSimConfig;
import dev.bluegreen.cloudsim.core.Fleet;
import dev.bluegreen.testkit.TestCloud;
import java.util.Map;

/**
 * cloud-sim's demo fleet (clusters tagged {@code team=payments|search|identity}), the EKS lookup
 * on, and a strict policy on payments' clusters: both gates, four eyes, 12 h of retention, an
 * analysis step.
 */
public final class SecuredCloud implements TestCloud {

  /** The policy's name, as refusals name it. */
  static final String POLICY = "payments-strict";

  @Override
  public CloudSimConfig simulator() {
    return CloudSimConfig.instant().withFleet(Fleet.demo());
  }

  @Override
  public Map<String, String> config(CloudSim sim) {
    String p = "bluegreen.orchestrator.security.policies." + POLICY + ".";
    return Map.of(
        "bluegreen.orchestrator.eks.enabled",
        "true",
        p + "tags.team",
        "payments",
        p + "require-approval-before-shift",
        "true",
        p + "require-approval-before-decommission",
        "true",
        p + "min-retention",
        "PT12H",
        p + "require-analysis",
        "true",
        p + "four-eyes",
        "true");
  }
}
