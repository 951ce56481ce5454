package dev.bluegreen.cloudsim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bluegreen.cloudsim.core.Fault;
import dev.bluegreen.cloudsim.core.Fleet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ElasticLoadBalancingV2Exception;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ListenerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ResourceInUseException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;

/** ELBv2 driven only through the AWS SDK v2 ElasticLoadBalancingV2Client. */
class Elbv2ApiIT {
  private static CloudSim sim;
  private static ElasticLoadBalancingV2Client elb;

  @BeforeAll
  static void start() {
    sim = CloudSim.start(CloudSimConfig.instant().withFleet(Fleet.demo()));
    elb = SimClients.elbv2(sim);
  }

  @AfterAll
  static void stop() {
    elb.close();
    sim.close();
  }

  @AfterEach
  void clearFaults() {
    sim.faults().clear();
  }

  private static Rule ruleFor(String host) {
    LoadBalancer alb =
        elb.describeLoadBalancers(r -> r.names("payments-alb")).loadBalancers().get(0);
    String listener =
        elb.describeListeners(r -> r.loadBalancerArn(alb.loadBalancerArn()))
            .listeners()
            .get(0)
            .listenerArn();
    return elb.describeRules(r -> r.listenerArn(listener)).rules().stream()
        .filter(
            rule ->
                rule.conditions().stream()
                    .anyMatch(
                        c ->
                            c.hostHeaderConfig() != null
                                && c.hostHeaderConfig().values().contains(host)))
        .findFirst()
        .orElseThrow();
  }

  private static TargetGroup newGreenTargetGroup(String cluster) {
    return elb.createTargetGroup(
            r ->
                r.name("tg-" + cluster)
                    .protocol("HTTP")
                    .port(80)
                    .vpcId("vpc-payments")
                    .targetType("ip"))
        .targetGroups()
        .get(0);
  }

  private static void setWeights(
      String ruleArn, String blueTg, int blue, String greenTg, int green) {
    elb.modifyRule(
        r ->
            r.ruleArn(ruleArn)
                .actions(
                    a ->
                        a.type(ActionTypeEnum.FORWARD)
                            .forwardConfig(
                                f ->
                                    f.targetGroups(
                                        TargetGroupTuple.builder()
                                            .targetGroupArn(blueTg)
                                            .weight(blue)
                                            .build(),
                                        TargetGroupTuple.builder()
                                            .targetGroupArn(greenTg)
                                            .weight(green)
                                            .build()))));
  }

  private static Map<String, Integer> weightsOf(Rule rule) {
    return rule.actions().get(0).forwardConfig().targetGroups().stream()
        .collect(Collectors.toMap(TargetGroupTuple::targetGroupArn, TargetGroupTuple::weight));
  }

  @Test
  void seededRule_forwardsAllTrafficToTheClustersTargetGroup() {
    Rule rule = ruleFor("payments-001.payments.example.com");
    assertEquals(Map.of(sim.targetGroupArnOf("payments-001").orElseThrow(), 100), weightsOf(rule));
  }

  @Test
  void modifyRuleWeights_thenDescribeRules_readsThemBack() {
    Rule rule = ruleFor("payments-004.payments.example.com");
    String blue = sim.targetGroupArnOf("payments-004").orElseThrow();
    String green = newGreenTargetGroup("payments-004-green").targetGroupArn();

    setWeights(rule.ruleArn(), blue, 90, green, 10);

    Rule readBack = elb.describeRules(r -> r.ruleArns(rule.ruleArn())).rules().get(0);
    assertEquals(Map.of(blue, 90, green, 10), weightsOf(readBack));
    assertEquals(
        "payments-004-green", sim.inspect(w -> w.loadBalancing().targetGroup(green).cluster));
  }

  @Test
  void ruleWeightDelayFault_returnsTheOldWeightsForNReads() {
    Rule rule = ruleFor("payments-007.payments.example.com");
    String blue = sim.targetGroupArnOf("payments-007").orElseThrow();
    String green = newGreenTargetGroup("payments-007-green").targetGroupArn();
    sim.faults().add(Fault.ruleWeightDelay(rule.ruleArn(), 2));

    setWeights(rule.ruleArn(), blue, 50, green, 50);

    List<Map<String, Integer>> reads =
        List.of(
            weightsOf(elb.describeRules(r -> r.ruleArns(rule.ruleArn())).rules().get(0)),
            weightsOf(elb.describeRules(r -> r.ruleArns(rule.ruleArn())).rules().get(0)),
            weightsOf(elb.describeRules(r -> r.ruleArns(rule.ruleArn())).rules().get(0)));
    assertEquals(Map.of(blue, 100), reads.get(0));
    assertEquals(Map.of(blue, 100), reads.get(1));
    assertEquals(Map.of(blue, 50, green, 50), reads.get(2));
  }

  @Test
  void deletingATargetGroupARuleStillUses_isResourceInUse() {
    String blue = sim.targetGroupArnOf("payments-010").orElseThrow();
    assertThrows(
        ResourceInUseException.class, () -> elb.deleteTargetGroup(r -> r.targetGroupArn(blue)));
  }

  @Test
  void createAndDeleteAnUnusedTargetGroup() {
    TargetGroup tg = newGreenTargetGroup("search-002-green");
    assertEquals(
        tg.targetGroupArn(),
        elb.describeTargetGroups(r -> r.names("tg-search-002-green"))
            .targetGroups()
            .get(0)
            .targetGroupArn());
    elb.deleteTargetGroup(r -> r.targetGroupArn(tg.targetGroupArn()));
    assertTrue(
        sim.inspect(w -> w.loadBalancing().targetGroupByName("tg-search-002-green")).isEmpty());
  }

  @Test
  void targetHealth_followsTheClustersWorkloads() {
    String tg = sim.targetGroupArnOf("search-005").orElseThrow();
    assertEquals(
        TargetHealthStateEnum.HEALTHY,
        elb.describeTargetHealth(r -> r.targetGroupArn(tg))
            .targetHealthDescriptions()
            .get(0)
            .targetHealth()
            .state());

    sim.faults().add(Fault.unhealthy("search-005", 1.0));

    assertEquals(
        TargetHealthStateEnum.UNHEALTHY,
        elb.describeTargetHealth(r -> r.targetGroupArn(tg))
            .targetHealthDescriptions()
            .get(0)
            .targetHealth()
            .state());
  }

  @Test
  void unknownRuleAndListener_areTheTypedNotFoundExceptions() {
    assertThrows(
        RuleNotFoundException.class,
        () ->
            elb.describeRules(
                r ->
                    r.ruleArns(
                        "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/x/1/2/3")));
    assertThrows(
        ListenerNotFoundException.class,
        () ->
            elb.describeRules(
                r ->
                    r.listenerArn(
                        "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/x/1/2")));
  }

  @Test
  void injectedThrottle_isRetriedByTheSdk_thenSucceeds() {
    sim.faults().add(Fault.throttle("elbv2", "DescribeTargetGroups", 2));
    assertTrue(elb.describeTargetGroups().targetGroups().size() >= 12);
    assertTrue(sim.faults().list().isEmpty());
  }

  @Test
  void invalidWeight_isAValidationError() {
    Rule rule = ruleFor("payments-001.payments.example.com");
    String blue = sim.targetGroupArnOf("payments-001").orElseThrow();
    ElasticLoadBalancingV2Exception e =
        assertThrows(
            ElasticLoadBalancingV2Exception.class,
            () -> setWeights(rule.ruleArn(), blue, 5000, blue, 1));
    assertEquals(400, e.statusCode());
    assertEquals("ValidationError", e.awsErrorDetails().errorCode());
  }
}
