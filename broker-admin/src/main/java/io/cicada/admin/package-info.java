/**
 * The operator's view of a running broker over HTTP, on a listener of its own: the JSON admin API (clients,
 * sessions, subscriptions, retained messages, publish, listeners, health), its OpenAPI description, and Prometheus
 * metrics. One Netty HTTP stack serves all of it; the broker core is only read and steered through its public API.
 */
package io.cicada.admin;
