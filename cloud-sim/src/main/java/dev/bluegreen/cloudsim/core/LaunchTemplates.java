package dev.bluegreen.cloudsim.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * EC2 launch templates (CreateLaunchTemplate, DescribeLaunchTemplates,
 * DescribeLaunchTemplateVersions, DeleteLaunchTemplate) and what managed node groups take from
 * them: their nodes' security groups. Names are unique; a ClientToken makes creation idempotent.
 * Deleting a template a node group still uses is allowed, as in EC2, and journaled as a violation
 * (the node group can no longer launch nodes).
 */
public final class LaunchTemplates {
  private static final int MAX_NAME = 128;

  private final World world;
  private final Map<String, LaunchTemplate> byId = new LinkedHashMap<>();

  LaunchTemplates(World world) {
    this.world = world;
  }

  /** CreateLaunchTemplate: version 1 with {@code data}; a repeated token returns the first. */
  public LaunchTemplate create(
      String name, LaunchTemplateData data, Map<String, String> tags, String clientToken) {
    if (clientToken != null) {
      Optional<LaunchTemplate> same =
          byId.values().stream().filter(t -> clientToken.equals(t.clientToken)).findFirst();
      if (same.isPresent()) {
        world
            .journal()
            .record("ec2", "CreateLaunchTemplate", same.get().name, clientToken, "replayed", null);
        return same.get();
      }
    }
    LaunchTemplate t = newTemplate(name, data, tags);
    t.clientToken = clientToken;
    world.journal().record("ec2", "CreateLaunchTemplate", name, clientToken, "created", t.id);
    return t;
  }

  /** Adds a template directly (fleet seeding and test set-up); no journal entry. */
  public LaunchTemplate seed(String name, LaunchTemplateData data, Map<String, String> tags) {
    return newTemplate(name, data, tags);
  }

  private LaunchTemplate newTemplate(
      String name, LaunchTemplateData data, Map<String, String> tags) {
    if (name == null || name.isBlank()) {
      throw SimError.explicit(
          "MissingParameter", 400, "The request must contain the parameter LaunchTemplateName");
    }
    if (name.length() > MAX_NAME || !name.matches("[a-zA-Z0-9().\\-/_]+")) {
      throw SimError.explicit(
          "InvalidLaunchTemplateName.MalformedException",
          400,
          "A launch template name must be between 3 and 128 characters, and may contain only"
              + " letters, numbers, and the following characters: - ( ) . / _.'");
    }
    if (byName(name).isPresent()) {
      throw SimError.explicit(
          "InvalidLaunchTemplateName.AlreadyExistsException",
          400,
          "Launch template name already in use.");
    }
    LaunchTemplate t = new LaunchTemplate();
    t.id = "lt-" + SimIds.shortId("launch-template/" + name + "/" + byId.size(), 17);
    t.name = name;
    t.createdAt = world.now();
    t.tags = new LinkedHashMap<>(tags == null ? Map.of() : tags);
    t.versions.put(1L, data == null ? new LaunchTemplateData(null, null, null, null) : data);
    byId.put(t.id, t);
    return t;
  }

  public List<LaunchTemplate> list() {
    return List.copyOf(byId.values());
  }

  public Optional<LaunchTemplate> byName(String name) {
    return byId.values().stream().filter(t -> t.name.equals(name)).findFirst();
  }

  /** By id or, when {@code id} is null, by name; EC2's not-found error otherwise. */
  public LaunchTemplate describe(String id, String name) {
    if (id != null) {
      LaunchTemplate t = byId.get(id);
      if (t == null) {
        throw SimError.explicit(
            "InvalidLaunchTemplateId.NotFound",
            400,
            "The specified launch template, with template ID " + id + ", does not exist.");
      }
      return t;
    }
    if (name == null) {
      throw SimError.explicit(
          "MissingParameter",
          400,
          "The request must contain the parameter LaunchTemplateId or LaunchTemplateName");
    }
    return byName(name)
        .orElseThrow(
            () ->
                SimError.explicit(
                    "InvalidLaunchTemplateName.NotFoundException",
                    400,
                    "The specified launch template, with template name "
                        + name
                        + ", does not exist."));
  }

  /** DeleteLaunchTemplate by id or name. */
  public LaunchTemplate delete(String id, String name) {
    LaunchTemplate t = describe(id, name);
    byId.remove(t.id);
    List<String> users = new ArrayList<>();
    for (Cluster c : world.eks().clusters().list()) {
      for (NodeGroup ng : c.nodeGroups.values()) {
        if (t.id.equals(ng.launchTemplateId) && ng.status != NodeGroup.Status.DELETING) {
          users.add(c.name + "/" + ng.name);
        }
      }
    }
    world
        .journal()
        .record(
            "ec2",
            "DeleteLaunchTemplate",
            t.name,
            null,
            "ok",
            users.isEmpty()
                ? t.id
                : "VIOLATION: launch template "
                    + t.name
                    + " deleted while node group(s) "
                    + String.join(", ", users)
                    + " use it");
    return t;
  }

  /** The instance type of a node group's nodes that its launch template sets. */
  String instanceType(NodeGroup ng) {
    LaunchTemplate t = ng.launchTemplateId == null ? null : byId.get(ng.launchTemplateId);
    LaunchTemplateData d = t == null ? null : t.versions.get(ng.launchTemplateVersionNumber);
    return d == null || d.instanceType() == null ? "t3.medium" : d.instanceType();
  }

  /** The security groups of a node group's nodes from its launch template (empty without one). */
  public List<String> nodeSecurityGroups(NodeGroup ng) {
    if (ng.launchTemplateId == null) {
      return List.of();
    }
    LaunchTemplate t = byId.get(ng.launchTemplateId);
    if (t == null) {
      return List.of();
    }
    LaunchTemplateData d = t.versions.get(ng.launchTemplateVersionNumber);
    return d == null ? List.of() : d.securityGroupIds();
  }
}
