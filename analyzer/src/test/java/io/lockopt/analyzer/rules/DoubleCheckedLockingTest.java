package io.lockopt.analyzer.rules;

import org.junit.jupiter.api.Test;

class DoubleCheckedLockingTest {
    private final RuleTester tester = RuleTester.of(new DoubleCheckedLocking());

    @Test
    void positive() {
        tester.check("""
                import java.util.concurrent.locks.*;

                class Config {
                    private static Config instance;
                    private Connection connection;
                    private final Lock lock = new ReentrantLock();
                    private int port;

                    static Config get() {
                        if (instance == null) {
                            synchronized (Config.class) {
                                if (instance == null) {
                                    instance = new Config(); // expect: DoubleCheckedLocking volatile
                                }
                            }
                        }
                        return instance;
                    }

                    Connection connection() {
                        if (this.connection == null) {
                            lock.lock();
                            try {
                                if (connection == null) {
                                    connection = new Connection(); // expect: DoubleCheckedLocking
                                }
                            } finally {
                                lock.unlock();
                            }
                        }
                        return connection;
                    }

                    static class Connection {
                        private int open;
                    }
                }
                """);
    }

    @Test
    void negative() {
        tester.check("""
                class Config {
                    private static volatile Config instance;
                    private static Config eager;
                    private Settings settings;
                    private String name;
                    private Point point;

                    static Config get() {
                        if (instance == null) {
                            synchronized (Config.class) {
                                if (instance == null) {
                                    instance = new Config();
                                }
                            }
                        }
                        return instance;
                    }

                    static synchronized Config single() {
                        if (eager == null) {
                            eager = new Config();
                        }
                        return eager;
                    }

                    Settings settings() {
                        if (settings == null) {
                            synchronized (this) {
                                if (settings == null) {
                                    settings = new Settings(1);
                                }
                            }
                        }
                        return settings;
                    }

                    String name() {
                        if (name == null) {
                            synchronized (this) {
                                if (name == null) {
                                    name = "x";
                                }
                            }
                        }
                        return name;
                    }

                    Point point() {
                        if (point == null) {
                            synchronized (this) {
                                if (point == null) {
                                    point = new Point(1, 2);
                                }
                            }
                        }
                        return point;
                    }

                    static final class Holder {
                        static final Config INSTANCE = new Config();
                    }

                    static final class Settings {
                        private final int size;

                        Settings(int size) {
                            this.size = size;
                        }
                    }

                    record Point(int x, int y) {
                    }
                }
                """);
    }

    @Test
    void localCopyForm() {
        tester.check("""
                class Lazy {
                    private Object value;
                    private volatile Object safe;

                    Object get() {
                        Object result = value;
                        if (result == null) {
                            synchronized (this) {
                                result = value;
                                if (result == null) {
                                    value = result = new Object(); // expect: DoubleCheckedLocking
                                }
                            }
                        }
                        return result;
                    }

                    Object getSafe() {
                        Object result = safe;
                        if (result == null) {
                            synchronized (this) {
                                result = safe;
                                if (result == null) {
                                    safe = result = new Object();
                                }
                            }
                        }
                        return result;
                    }

                    Object singleCheck() {
                        synchronized (this) {
                            if (value == null) {
                                value = new Object();
                            }
                        }
                        return value;
                    }
                }
                """);
    }
}
