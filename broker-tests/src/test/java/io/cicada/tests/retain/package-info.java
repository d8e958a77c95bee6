/**
 * Retained messages (§3.3.1.3): set, replace, clear, RETAIN flag on subscribe versus live, Retain As Published and
 * Retain Handling, and the retained $SYS topics.
 */
package io.cicada.tests.retain;
