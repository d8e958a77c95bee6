/**
 * JMH micro-benchmarks of Cicada's hot code: PUBLISH decode and encode ({@link io.cicada.benchmarks.CodecBenchmark}),
 * the topic tree with a million subscriptions ({@link io.cicada.benchmarks.TopicTreeBenchmark}) and one PUBLISH
 * encoded for many recipients ({@link io.cicada.benchmarks.FanOutBenchmark}). Run from {@code target/benchmarks.jar};
 * see {@code benchmarks/README.md}.
 */
package io.cicada.benchmarks;
