/**
 * Black-box tests of the limits and overload protection (connect rate, publish rate and byte rate, subscriptions per
 * client, topic levels and length) with real clients: each shows the refusal and that other clients keep being served.
 */
package io.cicada.tests.limits;
