package dev.bluegreen.deployer.cloud;

import dev.bluegreen.deployer.core.Observations.TargetState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/** Green's target group and the health of what is registered in it (ELBv2). */
@ApplicationScoped
public class TargetGroups {

  @Inject ElasticLoadBalancingV2Client elbv2;

  /** The health of every target in the named target group. */
  public List<TargetState> health(String targetGroupName) {
    TargetGroup tg =
        elbv2.describeTargetGroups(r -> r.names(targetGroupName)).targetGroups().get(0);
    return elbv2
        .describeTargetHealth(r -> r.targetGroupArn(tg.targetGroupArn()))
        .targetHealthDescriptions()
        .stream()
        .map(
            d ->
                new TargetState(
                    d.target().id(),
                    d.target().port(),
                    d.targetHealth().stateAsString(),
                    d.targetHealth().reasonAsString(),
                    d.targetHealth().description()))
        .toList();
  }
}
