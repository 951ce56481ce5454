package dev.bluegreen.cloudsim.core;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** An EC2 launch template with its versions. Mutable; only touched under the world lock. */
public final class LaunchTemplate {
  public String id;
  public String name;
  public Instant createdAt;
  public long defaultVersion = 1;
  public long latestVersion = 1;
  public Map<String, String> tags = new LinkedHashMap<>();

  /** Versions by number, oldest first. */
  public final Map<Long, LaunchTemplateData> versions = new LinkedHashMap<>();

  public String clientToken;

  /**
   * The version a node group or a describe names: a number, {@code $Latest}, {@code $Default}, or
   * null (the default); {@code InvalidLaunchTemplateId.VersionNotFound} when there is no such one.
   */
  public long resolve(String version) {
    long n;
    if (version == null || version.equals("$Default")) {
      n = defaultVersion;
    } else if (version.equals("$Latest")) {
      n = latestVersion;
    } else {
      try {
        n = Long.parseLong(version);
      } catch (NumberFormatException e) {
        n = -1;
      }
    }
    if (!versions.containsKey(n)) {
      throw SimError.explicit(
          "InvalidLaunchTemplateId.VersionNotFound",
          400,
          "Could not find launch template version " + version + " for launch template " + id);
    }
    return n;
  }
}
