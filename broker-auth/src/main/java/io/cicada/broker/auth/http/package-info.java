/**
 * The HTTP authentication and authorization back end: a CONNECT, PUBLISH or SUBSCRIBE is decided by POSTing JSON to
 * a configured URL (as with EMQX's HTTP authenticator and mosquitto-go-auth's HTTP back end), asynchronously on the
 * JDK HTTP client, with a bounded cache of answers and a failure policy for when the service is down or slow.
 */
package io.cicada.broker.auth.http;
