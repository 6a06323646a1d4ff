package antipatterns.nonatomiccompoundcall;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/** Two threads opening the same id both see it absent and both create a session: one is lost, never closed. */
class Sessions {
    private final Map<String, Session> sessions = Collections.synchronizedMap(new HashMap<>());

    Session open(String id) {
        if (!sessions.containsKey(id)) {
            sessions.put(id, new Session(id)); // expect: NonAtomicCompoundCall
        }
        return sessions.get(id);
    }

    void close(String id) {
        Session s = sessions.remove(id);
        if (s != null) {
            s.close();
        }
    }
}

class Session {
    private final String id;

    Session(String id) {
        this.id = id;
    }

    void close() {
    }

    String id() {
        return id;
    }
}
