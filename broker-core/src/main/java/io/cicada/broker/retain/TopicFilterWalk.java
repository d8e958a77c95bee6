package io.cicada.broker.retain;

import io.cicada.broker.message.Message;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * One match of a topic filter against the retained topic trie: walks the filter level by level with an explicit
 * stack (deep topics cannot overflow the thread stack), following one child for a name, every child for {@code +} and
 * the whole subtree for {@code #}. Confined to the calling thread.
 */
final class TopicFilterWalk {
    private final String filter;
    private final int length;
    private final ArrayDeque<RetainedNode> nodes = new ArrayDeque<>();
    private final ArrayDeque<Integer> starts = new ArrayDeque<>();

    TopicFilterWalk(String filter) {
        this.filter = filter;
        this.length = filter.length();
    }

    void run(RetainedNode root, Consumer<Message> visitor) {
        push(root, 0);
        while (!nodes.isEmpty()) {
            RetainedNode node = nodes.pop();
            int start = starts.pop();
            if (start > length) {
                visit(node, visitor);
                continue;
            }
            int end = levelEnd(filter, start);
            // [MQTT-4.7.2-1] a filter starting with a wildcard does not match topics starting with '$'
            boolean skipDollar = start == 0;
            if (end - start == 1 && filter.charAt(start) == '#') {
                // §4.7.1.2: '#' matches the parent level too, so "sport/#" matches "sport"
                visit(node, visitor);
                visitDescendants(node, skipDollar, visitor);
            } else if (end - start == 1 && filter.charAt(start) == '+') {
                for (RetainedNode child : node.children()) {
                    if (!(skipDollar && child.level.startsWith("$"))) {
                        push(child, end + 1);
                    }
                }
            } else {
                RetainedNode child = node.child(filter.substring(start, end));
                if (child != null) {
                    push(child, end + 1);
                }
            }
        }
    }

    private void push(RetainedNode node, int start) {
        nodes.push(node);
        starts.push(start);
    }

    private static void visit(RetainedNode node, Consumer<Message> visitor) {
        Message message = node.message();
        if (message != null) {
            visitor.accept(message);
        }
    }

    private static void visitDescendants(RetainedNode top, boolean skipDollar, Consumer<Message> visitor) {
        ArrayDeque<RetainedNode> pending = new ArrayDeque<>();
        for (RetainedNode child : top.children()) {
            if (!(skipDollar && child.level.startsWith("$"))) {
                pending.push(child);
            }
        }
        while (!pending.isEmpty()) {
            RetainedNode node = pending.pop();
            visit(node, visitor);
            for (RetainedNode child : node.children()) {
                pending.push(child);
            }
        }
    }

    static int levelEnd(String s, int start) {
        int slash = s.indexOf('/', start);
        return slash < 0 ? s.length() : slash;
    }
}
