package dev.bluegreen.provisioner.core;

import java.util.Optional;

/**
 * What to do about a green resource (cluster, node group, add-on) that may already exist: the cloud
 * is the truth across restarts, so every create is preceded by a describe and this decision.
 */
public final class ExistingGreen {

  /** The decision. */
  public enum Action {
    /** Nothing there: create it. */
    CREATE,
    /** Ours and on its way or done: wait for it (a restart resumes here). */
    WAIT,
    /** Ours but failed: report it; clean-up removes it. */
    FAILED,
    /** Ours but being deleted: report it; try again after clean-up. */
    DELETING,
    /** Something with that name that this upgrade did not create: never touch it. */
    NOT_OURS
  }

  private ExistingGreen() {}

  /**
   * Decides from the resource's status and tags (absent when describe found nothing).
   *
   * @param status EKS status of the resource, if it exists
   * @param tags its tags, if it exists
   */
  public static Action decide(
      Optional<String> status, java.util.Map<String, String> tags, String upgradeId) {
    if (status.isEmpty()) {
      return Action.CREATE;
    }
    if (!GreenTags.isOurs(tags, upgradeId)) {
      return Action.NOT_OURS;
    }
    return switch (status.get()) {
      case "FAILED", "CREATE_FAILED", "DEGRADED", "DELETE_FAILED" -> Action.FAILED;
      case "DELETING" -> Action.DELETING;
      default -> Action.WAIT;
    };
  }
}
