package dev.bluegreen.cloudsim.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP response produced by a protocol adapter. */
public record SimResponse(int status, Map<String, String> headers, byte[] body) {

  public static SimResponse of(int status, String contentType, byte[] body) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", contentType);
    return new SimResponse(status, headers, body);
  }

  public static SimResponse json(int status, String json) {
    return of(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  public static SimResponse xml(int status, String xml) {
    return of(status, "text/xml", xml.getBytes(StandardCharsets.UTF_8));
  }

  public SimResponse withHeader(String name, String value) {
    headers.put(name, value);
    return this;
  }
}
