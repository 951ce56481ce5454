package dev.bluegreen.provisioner.cloud;

import dev.bluegreen.contracts.naming.ClusterTags;
import dev.bluegreen.provisioner.core.GreenPlan;
import dev.bluegreen.provisioner.core.Observed;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.LaunchTemplate;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateVersion;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.ResponseLaunchTemplateData;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * The EC2 calls on launch templates: blue's read (the version a node group uses, and which of its
 * settings the provisioner does not copy), green's copies made, found (by name or by the upgrade's
 * tags) and deleted. Not found is empty, and deleting what is gone is done.
 */
public final class LaunchTemplates {

  /** The settings of {@link ResponseLaunchTemplateData} the provisioner copies, by API name. */
  static final Set<String> COPIED =
      Set.of("ImageId", "InstanceType", "SecurityGroupIds", "UserData", "KeyName");

  private static final Set<String> NOT_FOUND =
      Set.of(
          "InvalidLaunchTemplateId.NotFound",
          "InvalidLaunchTemplateName.NotFoundException",
          "InvalidLaunchTemplateId.VersionNotFound",
          "InvalidLaunchTemplateId.Malformed");

  private final Ec2Client ec2;

  public LaunchTemplates(Ec2Client ec2) {
    this.ec2 = ec2;
  }

  /** The version of a template a node group uses, empty when the template or version is gone. */
  public Optional<Observed.LaunchTemplateVersion> version(Observed.LaunchTemplateRef ref) {
    return absentIfNotFound(
        () -> {
          LaunchTemplate lt =
              ec2.describeLaunchTemplates(r -> r.launchTemplateIds(ref.id()))
                  .launchTemplates()
                  .get(0);
          LaunchTemplateVersion v =
              ec2.describeLaunchTemplateVersions(
                      r -> r.launchTemplateId(ref.id()).versions(ref.version()))
                  .launchTemplateVersions()
                  .get(0);
          ResponseLaunchTemplateData d = v.launchTemplateData();
          return new Observed.LaunchTemplateVersion(
              new Observed.LaunchTemplateRef(
                  lt.launchTemplateId(),
                  lt.launchTemplateName(),
                  String.valueOf(v.versionNumber())),
              tags(lt.tags()),
              d.imageId(),
              d.instanceTypeAsString(),
              d.securityGroupIds(),
              d.userData(),
              d.keyName(),
              notCopied(d));
        });
  }

  /** The template with this name, empty when there is none. */
  public Optional<Observed.LaunchTemplateCopy> named(String name) {
    return ec2
        .describeLaunchTemplates(r -> r.filters(f -> f.name("launch-template-name").values(name)))
        .launchTemplates()
        .stream()
        .findFirst()
        .map(LaunchTemplates::toCopy);
  }

  /** Green's copies made for {@code upgradeId}, found by their tags. */
  public List<Observed.LaunchTemplateCopy> taggedFor(String upgradeId, String greenCluster) {
    return ec2
        .describeLaunchTemplates(
            r ->
                r.filters(
                    f -> f.name("tag:" + ClusterTags.UPGRADE_ID).values(upgradeId),
                    f -> f.name("tag:" + ClusterTags.CLUSTER).values(greenCluster)))
        .launchTemplates()
        .stream()
        .map(LaunchTemplates::toCopy)
        .toList();
  }

  /**
   * {@code CreateLaunchTemplate} with a client token, tagged on creation. EC2's {@code
   * InvalidLaunchTemplateName.AlreadyExistsException} (made meanwhile by another token) is thrown
   * for the caller to read what is there.
   */
  public Observed.LaunchTemplateCopy create(GreenPlan.LaunchTemplatePlan p, String token) {
    return toCopy(
        ec2.createLaunchTemplate(
                r ->
                    r.launchTemplateName(p.name())
                        .clientToken(token)
                        .versionDescription("copy of " + p.source().describe())
                        .launchTemplateData(
                            d ->
                                d.instanceType(p.instanceType())
                                    .securityGroupIds(p.securityGroupIds())
                                    .userData(p.userData())
                                    .keyName(p.keyName()))
                        .tagSpecifications(
                            t ->
                                t.resourceType(ResourceType.LAUNCH_TEMPLATE)
                                    .tags(
                                        p.tags().entrySet().stream()
                                            .map(
                                                e ->
                                                    Tag.builder()
                                                        .key(e.getKey())
                                                        .value(e.getValue())
                                                        .build())
                                            .toList())))
            .launchTemplate());
  }

  /** Whether EC2 refused a create because the name is taken. */
  public static boolean nameTaken(Ec2Exception e) {
    return e.awsErrorDetails() != null
        && "InvalidLaunchTemplateName.AlreadyExistsException"
            .equals(e.awsErrorDetails().errorCode());
  }

  /** {@code DeleteLaunchTemplate}; a template already gone is done. */
  public void delete(String id) {
    absentIfNotFound(() -> ec2.deleteLaunchTemplate(r -> r.launchTemplateId(id)));
  }

  /** The settings blue's template sets beyond {@link #COPIED}, by API name. */
  static List<String> notCopied(ResponseLaunchTemplateData d) {
    List<String> out = new ArrayList<>();
    for (SdkField<?> f : d.sdkFields()) {
      Object value = f.getValueOrDefault(d);
      boolean set =
          value != null
              && !(value instanceof Collection<?> c && c.isEmpty())
              && !(value instanceof Map<?, ?> m && m.isEmpty());
      if (set && !COPIED.contains(f.memberName())) {
        out.add(f.memberName());
      }
    }
    return out;
  }

  private static Observed.LaunchTemplateCopy toCopy(LaunchTemplate lt) {
    return new Observed.LaunchTemplateCopy(
        lt.launchTemplateId(),
        lt.launchTemplateName(),
        lt.defaultVersionNumber() == null ? 1 : lt.defaultVersionNumber(),
        tags(lt.tags()));
  }

  private static Map<String, String> tags(List<Tag> tags) {
    return tags.stream()
        .collect(
            Collectors.toMap(
                Tag::key, Tag::value, (a, b) -> b, LinkedHashMap<String, String>::new));
  }

  private static <T> Optional<T> absentIfNotFound(java.util.function.Supplier<T> call) {
    try {
      return Optional.ofNullable(call.get());
    } catch (Ec2Exception e) {
      if (e.awsErrorDetails() != null && NOT_FOUND.contains(e.awsErrorDetails().errorCode())) {
        return Optional.empty();
      }
      throw e;
    }
  }
}
