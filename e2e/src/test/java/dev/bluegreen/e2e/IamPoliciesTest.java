package dev.bluegreen.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** How {@link IamPolicies} reads a policy's actions, which the e2e runs rely on. */
class IamPoliciesTest {

  private static JsonNode policy(String json) throws Exception {
    return new ObjectMapper().readTree(json);
  }

  @Test
  void allows_anActionNamedByAnAllow_caseInsensitiveAndWithWildcards() throws Exception {
    JsonNode p =
        policy(
            """
            {"Statement":[
              {"Effect":"Allow","Action":"eks:Describe*","Resource":"*"},
              {"Effect":"Allow","Action":["elasticloadbalancing:modifyrule"],"Resource":"*"}]}
            """);
    assertTrue(IamPolicies.allows(p, "eks:DescribeCluster"));
    assertTrue(IamPolicies.allows(p, "elasticloadbalancing:ModifyRule"));
    assertFalse(IamPolicies.allows(p, "eks:DeleteCluster"));
    assertFalse(IamPolicies.allows(p, "ec2:DescribeSubnets"), "another service's action");
  }

  @Test
  void allows_notWhatAnUnconditionalDenyNames_butAConditionalDenyLeavesItToTheCondition()
      throws Exception {
    JsonNode p =
        policy(
            """
            {"Statement":[
              {"Effect":"Allow","Action":["eks:DeleteCluster","eks:DeleteNodegroup"],"Resource":"*"},
              {"Effect":"Deny","Action":"eks:DeleteCluster","Resource":"*"},
              {"Effect":"Deny","Action":"eks:DeleteNodegroup","Resource":"*",
               "Condition":{"Null":{"aws:ResourceTag/bluegreen.dev/protected":"false"}}}]}
            """);
    assertFalse(IamPolicies.allows(p, "eks:DeleteCluster"));
    assertTrue(IamPolicies.allows(p, "eks:DeleteNodegroup"));
  }

  @Test
  void everyServiceOfThePlatformHasAPolicy_thatAllowsSomething() {
    for (String service : Platform.SERVICES) {
      assertTrue(
          IamPolicies.of(service).path("Statement").size() > 0, service + " has no statement");
    }
  }
}
