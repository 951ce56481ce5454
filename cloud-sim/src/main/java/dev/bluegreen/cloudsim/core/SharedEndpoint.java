package dev.bluegreen.cloudsim.core;

/**
 * Something outside the clusters that pods connect to (a database, a cache), reachable at {@code
 * host:port} only from a cluster whose security group its {@code securityGroupId} admits.
 *
 * @param host the name clients connect to, e.g. {@code orders-db.example.internal}
 * @param port its TCP port
 * @param securityGroupId the group guarding it
 */
public record SharedEndpoint(String host, int port, String securityGroupId) {}
