/**
 * JSON Web Token authentication: a signed token in the CONNECT password, verified against keys from a file or a JWKS
 * URL, whose claims say what the client may publish and subscribe to and whose expiry ends the connection.
 */
package io.cicada.broker.auth.jwt;
