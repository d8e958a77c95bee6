/**
 * SUBSCRIBE and UNSUBSCRIBE (§3.8-3.11, §4.7): wildcards, $ topics, invalid and shared filters, overlapping
 * subscriptions and Subscription Identifiers, No Local, replacing a subscription.
 */
package io.cicada.tests.subscribe;
