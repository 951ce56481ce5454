package dev.bluegreen.deployer.core;

/**
 * What Argo CD reports for one Application.
 *
 * @param name the Application's name
 * @param sync sync status: Synced, OutOfSync, Unknown (empty when not yet reconciled)
 * @param health health status: Healthy, Progressing, Degraded, Suspended, Missing, Unknown
 * @param message health message, or the last operation's message; may be null
 */
public record AppStatus(String name, String sync, String health, String message) {

  boolean ready() {
    return "Synced".equals(sync) && "Healthy".equals(health);
  }

  boolean degraded() {
    return "Degraded".equals(health);
  }
}
