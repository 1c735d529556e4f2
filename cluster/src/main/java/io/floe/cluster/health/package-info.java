/**
 * What a member's Pekko Management server says about it: {@code /ready} (readiness checks that mean something for
 * Floe: member Up, committee formed, journal reachable, read side caught up on a gateway), {@code /alive} (the
 * cluster has not given this member up) and the server itself ({@link io.floe.cluster.health.MemberManagement}).
 */
package io.floe.cluster.health;
