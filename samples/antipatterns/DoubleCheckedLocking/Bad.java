package antipatterns.doublecheckedlocking;

import java.util.HashMap;
import java.util.Map;

/** Without volatile a reader can see the registry before its map is assigned. */
class Registry {
    private static Registry instance;
    private Map<String, String> entries = new HashMap<>();

    static Registry get() {
        if (instance == null) {
            synchronized (Registry.class) {
                if (instance == null) {
                    instance = new Registry(); // expect: DoubleCheckedLocking
                }
            }
        }
        return instance;
    }

    String lookup(String key) {
        return entries.get(key);
    }
}
