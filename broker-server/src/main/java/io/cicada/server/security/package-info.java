/**
 * The broker's security set-up: TLS listeners, the password and ACL files behind the core's authentication and
 * authorization ports, secure defaults for anonymous clients, and reloading changed files.
 */
package io.cicada.server.security;
