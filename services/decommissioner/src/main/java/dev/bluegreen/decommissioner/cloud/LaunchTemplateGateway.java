package dev.bluegreen.decommissioner.cloud;

import dev.bluegreen.contracts.naming.ClusterTags;
import dev.bluegreen.decommissioner.core.Observed;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.LaunchTemplate;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * EC2 launch templates the provisioner copied for a cluster's node groups when it was green: found
 * by the tags {@code <cluster tag>=<cluster>} and {@code bluegreen.dev/role=green} (a team's own
 * template carries neither and is never read), deleted with "already gone" as done.
 */
final class LaunchTemplateGateway {
  private final Ec2Client ec2;

  LaunchTemplateGateway(Ec2Client ec2) {
    this.ec2 = ec2;
  }

  List<Observed.LaunchTemplate> madeFor(String clusterTagKey, String cluster) {
    return ec2
        .describeLaunchTemplates(
            r ->
                r.filters(
                    f -> f.name("tag:" + clusterTagKey).values(cluster),
                    f -> f.name("tag:" + ClusterTags.ROLE).values("green")))
        .launchTemplates()
        .stream()
        .map(LaunchTemplateGateway::toTemplate)
        .toList();
  }

  void delete(String id) {
    try {
      ec2.deleteLaunchTemplate(r -> r.launchTemplateId(id));
    } catch (Ec2Exception e) {
      String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
      if (!"InvalidLaunchTemplateId.NotFound".equals(code)) {
        throw e;
      }
    }
  }

  private static Observed.LaunchTemplate toTemplate(LaunchTemplate t) {
    Map<String, String> tags =
        t.tags().stream()
            .collect(
                Collectors.toMap(
                    Tag::key, Tag::value, (a, b) -> b, LinkedHashMap<String, String>::new));
    return new Observed.LaunchTemplate(t.launchTemplateId(), t.launchTemplateName(), tags);
  }
}
