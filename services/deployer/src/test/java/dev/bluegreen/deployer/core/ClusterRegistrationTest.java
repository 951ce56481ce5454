package dev.bluegreen.deployer.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterRegistrationTest {

  private static final Map<String, String> BLUE_LABELS =
      Map.of(
          "argocd.argoproj.io/secret-type", "cluster",
          "bluegreen.dev/cluster", "payments-blue",
          "team", "payments",
          "environment", "prod");

  @Test
  void green_copiesBluesTeamAndEnvironment_butNotItsIdentity() {
    ClusterRegistration r =
        ClusterRegistration.forGreen(BLUE_LABELS, "payments-green", "https://green", "{}", "up-1");

    assertEquals("cluster-payments-green", r.secretName());
    assertEquals("payments", r.labels().get("team"));
    assertEquals("prod", r.labels().get("environment"));
    assertEquals("cluster", r.labels().get(ClusterRegistration.SECRET_TYPE_LABEL));
    assertEquals("payments-green", r.labels().get(ClusterRegistration.CLUSTER_LABEL));
    assertEquals("green", r.labels().get(ClusterRegistration.ROLE_LABEL));
    assertEquals(
        Map.of("name", "payments-green", "server", "https://green", "config", "{}"), r.data());
    assertEquals("up-1", r.annotations().get(ClusterRegistration.UPGRADE_ANNOTATION));
  }

  @Test
  void existingSecretSayingTheSame_needsNoWrite() {
    ClusterRegistration r =
        ClusterRegistration.forGreen(BLUE_LABELS, "payments-green", "https://green", "{}", "up-1");

    assertTrue(r.isSatisfiedBy(r.labels(), r.data()));
    assertFalse(r.isSatisfiedBy(r.labels(), Map.of("name", "payments-green")));
  }
}
