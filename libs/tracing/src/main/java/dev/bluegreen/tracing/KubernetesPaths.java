package dev.bluegreen.tracing;

/** What a Kubernetes API path is about, bounded for span names (never a namespace or a name). */
final class KubernetesPaths {

  private KubernetesPaths() {}

  /**
   * The resource type of an API path: {@code /api/v1/namespaces/ns/pods/p} is {@code pods}, {@code
   * /apis/batch/v1/namespaces/ns/cronjobs} is {@code cronjobs}, {@code /api/v1/namespaces/ns} is
   * {@code namespaces}, a subresource is appended ({@code deployments/status}); anything else is
   * {@code other}. A simulator's prefix before {@code /api} or {@code /apis} is skipped.
   */
  static String resourceOf(String path) {
    String[] parts = path == null ? new String[0] : path.split("/");
    int i = 0;
    while (i < parts.length && !parts[i].equals("api") && !parts[i].equals("apis")) {
      i++;
    }
    if (i == parts.length) {
      return "other";
    }
    i += parts[i].equals("api") ? 2 : 3; // past api/v1 or apis/group/version
    if (i < parts.length && parts[i].equals("namespaces") && i + 2 < parts.length) {
      i += 2; // a namespaced resource: skip the namespace's name
    }
    if (i >= parts.length || parts[i].isEmpty()) {
      return "other";
    }
    String resource = parts[i];
    // A subresource (status, scale, log) after the object's name.
    return i + 2 < parts.length ? resource + "/" + parts[i + 2] : resource;
  }
}
