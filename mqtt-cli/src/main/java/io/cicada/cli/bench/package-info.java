/**
 * {@code cicada bench}: load generators on Cicada's own codec over Netty (epoll), with HdrHistogram latency
 * percentiles, a progress line once a second, CSV / JSON output and an SVG latency plot.
 */
package io.cicada.cli.bench;
