/** {@code cicada rr}: MQTT 5 request / response, as {@code mosquitto_rr}. */
package io.cicada.cli.rr;
