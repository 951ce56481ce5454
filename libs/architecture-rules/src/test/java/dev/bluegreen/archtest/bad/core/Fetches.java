package dev.bluegreen.archtest.bad.core;

import java.net.http.HttpClient;

/** A core that makes HTTP calls. */
public final class Fetches {
  public Object client() {
    return HttpClient.newHttpClient();
  }
}
