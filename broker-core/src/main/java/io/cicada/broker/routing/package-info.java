/**
 * Where a message goes: the {@link io.cicada.broker.routing.TopicTree} of subscriptions, matched lock-free by every
 * event loop, and the {@link io.cicada.broker.routing.Router}, the publish path (authorize → retain → match →
 * deliver) that folds the matches into one delivery per recipient and hands them to the recipients' loops.
 */
package io.cicada.broker.routing;
