package antipatterns.synchronizedonsharedconstant;

import java.util.ArrayList;
import java.util.List;

/** "registry" is interned: any other class locking the same literal shares this monitor. */
class ServiceRegistry {
    private static final String LOCK = "registry";
    private final List<String> services = new ArrayList<>();

    void register(String service) {
        synchronized (LOCK) { // expect: SynchronizedOnSharedConstant
            services.add(service);
        }
    }
}
