package antipatterns.classinitializationcycle;

/**
 * The default instance lives in a holder class: initialising Codec no longer needs PlainCodec,
 * and the holder is initialised on first use of defaultCodec(), after Codec.
 */
abstract class Codec {
    static Codec defaultCodec() {
        return DefaultHolder.DEFAULT;
    }

    abstract String encode(String text);

    private static final class DefaultHolder {
        static final Codec DEFAULT = new PlainCodec();
    }
}

class PlainCodec extends Codec {
    @Override
    String encode(String text) {
        return text;
    }
}

class Client {
    private final Codec codec = new PlainCodec();

    String send(String text) {
        return codec.encode(text);
    }
}
