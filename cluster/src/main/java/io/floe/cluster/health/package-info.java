/**
 * What a member's Pekko Management server says about it: {@code /ready} (readiness checks that mean something for
 * Floe: member Up and started with its APIs bound, committee formed, journal reachable, the node's shards hosted on a
 * storage member, read side caught up on a gateway), {@code /alive} (the cluster has not given this member up) and
 * the server itself ({@link io.floe.cluster.health.MemberManagement}).
 */
package io.floe.cluster.health;
