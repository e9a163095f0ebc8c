package org.citygraph.feeds.link;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * All written forms of the gazetteer in one character trie, built once. Finding every form in a text
 * walks the trie from each position: the cost grows with the text, not with the number of names, and no
 * regular expression runs per name.
 */
final class NameTrie {

    /** Receives every form found at [start, end). */
    interface Visitor {
        void found(int start, int end, List<Name> names);
    }

    private static final class Node {
        char[] keys = new char[0];
        Node[] children = new Node[0];
        List<Name> names = List.of();

        Node child(char c) {
            int i = Arrays.binarySearch(keys, c);
            return i >= 0 ? children[i] : null;
        }
    }

    private final Node root;

    private NameTrie(Node root) {
        this.root = root;
    }

    static NameTrie of(List<Name> names) {
        var building = new Building();
        for (var name : names) {
            if (!name.text().isEmpty()) {
                building.add(name);
            }
        }
        return new NameTrie(building.freeze());
    }

    void scan(char[] text, int length, Visitor visitor) {
        for (int start = 0; start < length; start++) {
            var node = root.child(text[start]);
            int i = start;
            while (node != null) {
                i++;
                if (!node.names.isEmpty()) {
                    visitor.found(start, i, node.names);
                }
                if (i >= length) {
                    break;
                }
                node = node.child(text[i]);
            }
        }
    }

    private static final class Building {
        final Map<Character, Building> children = new TreeMap<>();
        final List<Name> names = new ArrayList<>();

        void add(Name name) {
            var node = this;
            for (char c : name.text().toCharArray()) {
                node = node.children.computeIfAbsent(c, k -> new Building());
            }
            node.names.add(name);
        }

        Node freeze() {
            var node = new Node();
            node.keys = new char[children.size()];
            node.children = new Node[children.size()];
            int i = 0;
            for (var entry : children.entrySet()) {
                node.keys[i] = entry.getKey();
                node.children[i++] = entry.getValue().freeze();
            }
            node.names = List.copyOf(names);
            return node;
        }
    }
}
