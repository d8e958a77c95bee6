/**
 * Black-box tests of the web side of the broker: MQTT over WebSocket (MQTT.js from Node, a headless Chromium, the
 * HiveMQ client), the admin HTTP API, the Prometheus metrics and the {@code $SYS} topics, all over real sockets.
 */
package io.cicada.tests.web;
