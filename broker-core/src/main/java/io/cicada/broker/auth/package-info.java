/**
 * The authentication and authorization ports the core asks at CONNECT, PUBLISH and SUBSCRIBE, with allow-all
 * defaults; real back ends (password file, ACL file, tokens) live in {@code broker-auth}. A leaf package.
 */
package io.cicada.broker.auth;
