package antipatterns.nonatomiccompoundcall;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One atomic call decides and creates: every thread opening an id gets the same session. */
class Sessions {
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    Session open(String id) {
        return sessions.computeIfAbsent(id, Session::new);
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
