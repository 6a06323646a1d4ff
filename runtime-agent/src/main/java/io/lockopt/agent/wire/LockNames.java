package io.lockopt.agent.wire;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one name of each measured lock, used by every place that shows one: the report's rows and
 * graph nodes, and the always-on agent's MXBeans. A lock and the views of a read/write lock that
 * belong to it are one group, named after the group's head (the lock itself); only groups acquired
 * at least once are named. The name is the lock's label (else a view's, else
 * {@code SimpleClass@hash}); instances that share a label are told apart by {@code #1},
 * {@code #2}, ... in the order the agent first saw them (their ids), all of them numbered as soon
 * as there are two, none while there is one.
 *
 * <p>So an instance's name can change once, from the bare label to {@code #1}, when a second
 * instance of its label is first acquired: the MXBean is then registered again under the new name.
 * The figures of a label's instances that have been collected (the agent folds them into one
 * entry, {@link Snapshot.LockStats#retired}) are named {@code label#retired}, outside the
 * numbering; the live instances are numbered among themselves, so once instances die a live one's
 * number can change (or it can lose it, when it is the only one left).
 */
public final class LockNames {
    private static final String INSTANCE_MARK = "#";
    /** The suffix of a label's collected instances, folded into one entry by the agent. */
    public static final String RETIRED_MARK = "#retired";

    private LockNames() {
    }

    /** The name of every acquired lock group in {@code snapshot}, by the group's id (its head's, else its first member's). */
    public static Map<Integer, String> of(Snapshot snapshot) {
        Map<String, List<Integer>> idsByLabel = new LinkedHashMap<>();
        Map<Integer, String> retired = new HashMap<>();
        for (LockGroup group : LockGroup.of(snapshot)) {
            if (group.acquisitions() == 0) {
                continue;
            }
            Snapshot.LockStats named = group.named();
            if (named.retired() || (group.head() != null && group.head().retired())) {
                retired.put(group.id(), labelOf(named) + RETIRED_MARK);
                continue;
            }
            idsByLabel.computeIfAbsent(labelOf(named), label -> new ArrayList<>()).add(group.id());
        }
        Map<Integer, String> names = new HashMap<>(retired);
        for (Map.Entry<String, List<Integer>> same : idsByLabel.entrySet()) {
            List<Integer> ids = same.getValue();
            ids.sort(null);
            for (int i = 0; i < ids.size(); i++) {
                names.put(ids.get(i), ids.size() == 1 ? same.getKey() : same.getKey() + INSTANCE_MARK + (i + 1));
            }
        }
        return names;
    }

    /** A lock's own label, else {@code SimpleClass@hash}. */
    public static String labelOf(Snapshot.LockStats lock) {
        if (lock.label() != null) {
            return lock.label();
        }
        String className = lock.className();
        String simple = className.substring(className.lastIndexOf('.') + 1).replace('$', '.');
        return simple + "@" + Integer.toHexString(lock.identityHash());
    }

    /** The name without its instance number (or retired mark): the lock's field, as the analyzer names it. */
    public static String baseLabel(String name) {
        if (name.endsWith(RETIRED_MARK) && name.length() > RETIRED_MARK.length()) {
            return name.substring(0, name.length() - RETIRED_MARK.length());
        }
        int mark = name.lastIndexOf(INSTANCE_MARK);
        if (mark < 0 || mark == name.length() - 1) {
            return name;
        }
        for (int i = mark + 1; i < name.length(); i++) {
            if (!Character.isDigit(name.charAt(i))) {
                return name;
            }
        }
        return name.substring(0, mark);
    }
}
