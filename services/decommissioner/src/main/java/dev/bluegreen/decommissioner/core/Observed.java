package dev.bluegreen.decommissioner.core;

import java.util.List;
import java.util.Map;

/**
 * What the service saw in the cloud, as plain records: the input of every pure decision in this
 * package. The {@code cloud} package translates SDK and Kubernetes types into these.
 */
public final class Observed {

  private Observed() {}

  /**
   * An EKS cluster as DescribeCluster returned it.
   *
   * @param name cluster name
   * @param arn cluster ARN
   * @param status EKS status (CREATING, ACTIVE, DELETING, FAILED, UPDATING, PENDING)
   * @param tags the cluster's tags
   */
  public record Cluster(String name, String arn, String status, Map<String, String> tags) {
    public Cluster {
      tags = Map.copyOf(tags);
    }
  }

  /**
   * A managed node group as DescribeNodegroup returned it.
   *
   * @param name node group name
   * @param arn node group ARN
   * @param clusterName the cluster EKS says it belongs to
   * @param status EKS status (ACTIVE, UPDATING, DELETING, DELETE_FAILED, DEGRADED, ...)
   * @param minSize scaling config minimum
   * @param desiredSize scaling config desired size
   * @param tags the node group's tags
   * @param healthIssues EKS health issues as {@code code: message}
   */
  public record Nodegroup(
      String name,
      String arn,
      String clusterName,
      String status,
      int minSize,
      int desiredSize,
      Map<String, String> tags,
      List<String> healthIssues) {
    public Nodegroup {
      tags = Map.copyOf(tags);
      healthIssues = List.copyOf(healthIssues);
    }
  }

  /**
   * An EKS add-on as DescribeAddon returned it.
   *
   * @param name add-on name
   * @param arn add-on ARN
   * @param clusterName the cluster EKS says it belongs to
   * @param status EKS status (ACTIVE, DELETING, DELETE_FAILED, ...)
   */
  public record Addon(String name, String arn, String clusterName, String status) {}

  /**
   * An ELBv2 target group with its tags.
   *
   * @param arn target group ARN
   * @param name target group name
   * @param tags its tags
   * @param loadBalancerArns the load balancers whose rules forward to it
   */
  public record TargetGroup(
      String arn, String name, Map<String, String> tags, List<String> loadBalancerArns) {
    public TargetGroup {
      tags = Map.copyOf(tags);
      loadBalancerArns = List.copyOf(loadBalancerArns);
    }
  }

  /**
   * One target group of a forward action and the weight it gets.
   *
   * @param targetGroupArn target group ARN
   * @param weight its weight (a forward to a single target group without weights counts as 1)
   */
  public record WeightedTarget(String targetGroupArn, int weight) {}

  /**
   * A listener rule and where its forward action sends requests.
   *
   * @param ruleArn rule ARN
   * @param listenerArn listener ARN
   * @param isDefault whether it is the listener's default rule
   * @param forward the forward action's target groups, empty when the rule does not forward
   */
  public record Rule(
      String ruleArn, String listenerArn, boolean isDefault, List<WeightedTarget> forward) {
    public Rule {
      forward = List.copyOf(forward);
    }

    /** Whether the forward action names the target group at all (weight 0 included). */
    public boolean references(String targetGroupArn) {
      return forward.stream().anyMatch(t -> t.targetGroupArn().equals(targetGroupArn));
    }

    /** The weight this rule sends to the target group (0 when not referenced). */
    public int weightOf(String targetGroupArn) {
      return forward.stream()
          .filter(t -> t.targetGroupArn().equals(targetGroupArn))
          .mapToInt(WeightedTarget::weight)
          .sum();
    }
  }

  /**
   * A Kubernetes CronJob.
   *
   * @param namespace its namespace
   * @param name its name
   * @param suspended {@code spec.suspend}
   */
  public record CronJob(String namespace, String name, boolean suspended) {}

  /**
   * An Argo CD cluster secret on the management cluster.
   *
   * @param namespace its namespace (argocd)
   * @param name secret name
   * @param clusterName the decoded {@code data.name}
   * @param server the decoded {@code data.server}
   * @param labels the secret's labels
   */
  public record ArgoClusterSecret(
      String namespace,
      String name,
      String clusterName,
      String server,
      Map<String, String> labels) {
    public ArgoClusterSecret {
      labels = Map.copyOf(labels);
    }
  }

  /**
   * An EC2 launch template the provisioner made for blue's node groups when blue was an earlier
   * upgrade's green (tagged with blue's cluster and role {@code green}); a team's own template
   * never carries those tags and is never read.
   *
   * @param id template id
   * @param name template name
   * @param tags its tags
   */
  public record LaunchTemplate(String id, String name, Map<String, String> tags) {
    public LaunchTemplate {
      tags = Map.copyOf(tags);
    }
  }
}
