package antipatterns.doublecheckedlocking;

import java.util.HashMap;
import java.util.Map;

/** The holder class is initialized lazily and safely by the JVM. */
class Registry {
    private Map<String, String> entries = new HashMap<>();

    private static final class Holder {
        static final Registry INSTANCE = new Registry();
    }

    static Registry get() {
        return Holder.INSTANCE;
    }

    String lookup(String key) {
        return entries.get(key);
    }
}
