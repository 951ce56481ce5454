package dev.bluegreen.provisioner.core;

import java.util.Objects;

/**
 * A Kubernetes minor version as EKS names it ({@code "1.31"}), comparable numerically so that
 * {@code 1.9 < 1.10}.
 */
public record KubernetesVersion(int major, int minor) implements Comparable<KubernetesVersion> {

  /** Parses {@code "1.31"} (a patch part, if any, is ignored). */
  public static KubernetesVersion parse(String text) {
    Objects.requireNonNull(text, "version");
    String[] parts = text.trim().split("\\.");
    if (parts.length < 2) {
      throw new IllegalArgumentException("not a Kubernetes version: " + text);
    }
    try {
      return new KubernetesVersion(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a Kubernetes version: " + text, e);
    }
  }

  /** Whether {@code text} parses as a version. */
  public static boolean isValid(String text) {
    try {
      parse(text);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Minor versions from this one to {@code other} (positive when other is newer). */
  public int minorsTo(KubernetesVersion other) {
    return major == other.major ? other.minor - minor : (other.major - major) * 1000;
  }

  @Override
  public int compareTo(KubernetesVersion o) {
    return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
  }

  @Override
  public String toString() {
    return major + "." + minor;
  }
}
