package dev.bluegreen.orchestrator.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem detail, the body of every 4xx and 5xx answer ({@code
 * application/problem+json}).
 *
 * @param type a URI naming the kind of problem
 * @param title short summary of the kind of problem
 * @param status the HTTP status
 * @param detail what exactly went wrong
 * @param field the offending request field, as a JSON path, when one is to blame
 * @param activeUpgradeId the upgrade already active on the cluster, for a 409 on POST
 * @param state the upgrade's state, for a 409 on a control action
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "RFC 9457 problem detail")
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    String field,
    String activeUpgradeId,
    String state) {

  /** Media type of problem bodies. */
  public static final String MEDIA_TYPE = "application/problem+json";

  static final String TYPE_BASE = "https://bluegreen.dev/problems/";

  public static Problem of(int status, String kind, String title, String detail, String field) {
    return new Problem(TYPE_BASE + kind, title, status, detail, field, null, null);
  }
}
