package antipatterns.synchronizedonsharedconstant;

import java.util.ArrayList;
import java.util.List;

/** A private object nobody else can reach. */
class ServiceRegistry {
    private static final Object LOCK = new Object();
    private final List<String> services = new ArrayList<>();

    void register(String service) {
        synchronized (LOCK) {
            services.add(service);
        }
    }
}
