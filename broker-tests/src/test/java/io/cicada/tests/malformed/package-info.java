/**
 * Malformed packets and protocol errors as raw bytes (§4.8 in 3.1.1, §4.13 in 5.0), and the maximum packet size in
 * both directions.
 */
package io.cicada.tests.malformed;
