package dev.bluegreen.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class KubernetesPathsTest {

  @Test
  void namespacedObject_isItsResourceType_neverItsNamespaceOrName() {
    assertEquals("pods", KubernetesPaths.resourceOf("/api/v1/namespaces/kube-system/pods/coredns"));
    assertEquals("cronjobs", KubernetesPaths.resourceOf("/apis/batch/v1/namespaces/shop/cronjobs"));
  }

  @Test
  void clusterScopedResource_andNamespacesThemselves() {
    assertEquals("nodes", KubernetesPaths.resourceOf("/api/v1/nodes"));
    assertEquals("namespaces", KubernetesPaths.resourceOf("/api/v1/namespaces/shop"));
  }

  @Test
  void subresource_isAppended() {
    assertEquals(
        "deployments/status",
        KubernetesPaths.resourceOf("/apis/apps/v1/namespaces/shop/deployments/web/status"));
  }

  @Test
  void simulatorPrefix_isSkipped_andAnythingElseIsOther() {
    assertEquals(
        "secrets", KubernetesPaths.resourceOf("/k8s/mgmt/api/v1/namespaces/argocd/secrets"));
    assertEquals("other", KubernetesPaths.resourceOf("/version"));
    assertEquals("other", KubernetesPaths.resourceOf(null));
  }
}
