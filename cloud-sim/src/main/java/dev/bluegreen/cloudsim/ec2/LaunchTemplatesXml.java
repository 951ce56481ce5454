package dev.bluegreen.cloudsim.ec2;

import static dev.bluegreen.cloudsim.ec2.Ec2Api.el;
import static dev.bluegreen.cloudsim.ec2.Ec2Api.first;

import dev.bluegreen.cloudsim.core.LaunchTemplate;
import dev.bluegreen.cloudsim.core.LaunchTemplateData;
import dev.bluegreen.cloudsim.core.SimError;
import dev.bluegreen.cloudsim.core.World;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The launch-template actions over EC2's query dialect: {@code CreateLaunchTemplate}
 * (LaunchTemplateData's ImageId, InstanceType, SecurityGroupId.N, UserData; TagSpecifications of
 * resource type {@code launch-template}; ClientToken), {@code DescribeLaunchTemplates} (by
 * LaunchTemplateId.N or LaunchTemplateName.N, filters {@code launch-template-name}, {@code
 * tag:<key>}, {@code tag-key}; one page), {@code DescribeLaunchTemplateVersions} (one template by
 * id or name, versions as numbers, {@code $Latest} or {@code $Default}; all without) and {@code
 * DeleteLaunchTemplate}. Each returns the response's members.
 */
final class LaunchTemplatesXml {
  private LaunchTemplatesXml() {}

  static String create(World w, Map<String, List<String>> form) {
    String name = first(form, "LaunchTemplateName");
    LaunchTemplateData data =
        new LaunchTemplateData(
            first(form, "LaunchTemplateData.ImageId"),
            first(form, "LaunchTemplateData.InstanceType"),
            list(form, "LaunchTemplateData.SecurityGroupId"),
            first(form, "LaunchTemplateData.UserData"));
    Map<String, String> tags = new LinkedHashMap<>();
    for (String spec : prefixes(form, "TagSpecification", "TagSpecifications")) {
      String type = first(form, spec + "ResourceType");
      if (!"launch-template".equals(type)) {
        throw SimError.explicit(
            "InvalidParameterValue",
            400,
            "'" + type + "' is not a valid taggable resource type for this operation.");
      }
      for (String t : prefixes(form, spec + "Tag", spec + "Tags")) {
        String value = first(form, t + "Value");
        tags.put(first(form, t + "Key"), value == null ? "" : value);
      }
    }
    LaunchTemplate t = w.launchTemplates().create(name, data, tags, first(form, "ClientToken"));
    return template(new StringBuilder("<launchTemplate>"), t)
        .append("</launchTemplate>")
        .toString();
  }

  static String describe(World w, Map<String, List<String>> form) {
    List<String> ids = list(form, "LaunchTemplateId");
    List<String> names = list(form, "LaunchTemplateName");
    List<LaunchTemplate> out = new ArrayList<>();
    if (ids.isEmpty() && names.isEmpty()) {
      out.addAll(w.launchTemplates().list());
    } else {
      ids.forEach(id -> out.add(w.launchTemplates().describe(id, null)));
      names.forEach(n -> out.add(w.launchTemplates().describe(null, n)));
    }
    for (String f : prefixes(form, "Filter")) {
      String filter = first(form, f + "Name");
      List<String> values = list(form, f + "Value");
      out.removeIf(t -> !matches(t, filter, values));
    }
    StringBuilder x = new StringBuilder("<launchTemplates>");
    for (LaunchTemplate t : out) {
      template(x.append("<item>"), t).append("</item>");
    }
    return x.append("</launchTemplates>").toString();
  }

  static String describeVersions(World w, Map<String, List<String>> form) {
    LaunchTemplate t =
        w.launchTemplates()
            .describe(first(form, "LaunchTemplateId"), first(form, "LaunchTemplateName"));
    List<String> asked = list(form, "LaunchTemplateVersion");
    List<Long> numbers = new ArrayList<>();
    if (asked.isEmpty()) {
      numbers.addAll(t.versions.keySet());
    } else {
      asked.forEach(v -> numbers.add(t.resolve(v)));
    }
    StringBuilder x = new StringBuilder("<launchTemplateVersionSet>");
    for (long n : numbers) {
      LaunchTemplateData d = t.versions.get(n);
      x.append("<item>");
      el(x, "launchTemplateId", t.id);
      el(x, "launchTemplateName", t.name);
      el(x, "versionNumber", String.valueOf(n));
      el(x, "createTime", DateTimeFormatter.ISO_INSTANT.format(t.createdAt));
      el(x, "defaultVersion", String.valueOf(n == t.defaultVersion));
      x.append("<launchTemplateData>");
      el(x, "imageId", d.imageId());
      el(x, "instanceType", d.instanceType());
      if (!d.securityGroupIds().isEmpty()) {
        x.append("<securityGroupIdSet>");
        d.securityGroupIds().forEach(sg -> el(x, "item", sg));
        x.append("</securityGroupIdSet>");
      }
      el(x, "userData", d.userData());
      x.append("</launchTemplateData></item>");
    }
    return x.append("</launchTemplateVersionSet>").toString();
  }

  static String delete(World w, Map<String, List<String>> form) {
    LaunchTemplate t =
        w.launchTemplates()
            .delete(first(form, "LaunchTemplateId"), first(form, "LaunchTemplateName"));
    return template(new StringBuilder("<launchTemplate>"), t)
        .append("</launchTemplate>")
        .toString();
  }

  private static boolean matches(LaunchTemplate t, String filter, List<String> values) {
    if (filter.equals("launch-template-name")) {
      return values.contains(t.name);
    }
    if (filter.startsWith("tag:")) {
      return values.contains(t.tags.get(filter.substring(4)));
    }
    if (filter.equals("tag-key")) {
      return values.stream().anyMatch(t.tags::containsKey);
    }
    throw SimError.explicit("InvalidParameterValue", 400, "The filter '" + filter + "' is invalid");
  }

  private static StringBuilder template(StringBuilder x, LaunchTemplate t) {
    el(x, "launchTemplateId", t.id);
    el(x, "launchTemplateName", t.name);
    el(x, "createTime", DateTimeFormatter.ISO_INSTANT.format(t.createdAt));
    el(x, "defaultVersionNumber", String.valueOf(t.defaultVersion));
    el(x, "latestVersionNumber", String.valueOf(t.latestVersion));
    x.append("<tagSet>");
    t.tags.forEach(
        (k, v) -> {
          x.append("<item>");
          el(x, "key", k);
          el(x, "value", v);
          x.append("</item>");
        });
    return x.append("</tagSet>");
  }

  /** A list parameter, singular ({@code Name.N}) or plural ({@code Names.N}). */
  private static List<String> list(Map<String, List<String>> form, String name) {
    List<String> out = Ec2Api.indexed(form, name);
    return out.isEmpty() ? Ec2Api.indexed(form, name + "s") : out;
  }

  /** The {@code name.N.} prefixes present, for the first of {@code names} that has any. */
  private static List<String> prefixes(Map<String, List<String>> form, String... names) {
    for (String name : names) {
      List<String> out = new ArrayList<>();
      for (int i = 1; hasPrefix(form, name + "." + i + "."); i++) {
        out.add(name + "." + i + ".");
      }
      if (!out.isEmpty()) {
        return out;
      }
    }
    return List.of();
  }

  private static boolean hasPrefix(Map<String, List<String>> form, String prefix) {
    return form.keySet().stream().anyMatch(k -> k.startsWith(prefix));
  }
}
