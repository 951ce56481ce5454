package dev.bluegreen.provisioner.core;

import java.util.Optional;

/** Which version of an add-on green gets: the one pre-flight reported and provisioning installs. */
public final class AddonVersionChoice {

  private AddonVersionChoice() {}

  /**
   * EKS's default version for the target when it names one (the combination AWS tests), else the
   * newest compatible version; empty when nothing is compatible.
   */
  public static Optional<String> forTarget(Observed.AddonVersions versions) {
    if (versions == null || versions.compatibleVersions().isEmpty()) {
      return Optional.empty();
    }
    return versions
        .defaultVersion()
        .filter(versions.compatibleVersions()::contains)
        .or(() -> Optional.of(versions.compatibleVersions().get(0)));
  }
}
