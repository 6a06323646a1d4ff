package antipatterns.classinitializationcycle;

/**
 * Codec's static initialiser creates its subclass: a thread running new PlainCodec() initialises
 * PlainCodec, then waits for Codec; a thread touching Codec.DEFAULT initialises Codec, then waits
 * for PlainCodec. Both hang for good.
 */
abstract class Codec {
    static final Codec DEFAULT = new PlainCodec(); // expect: ClassInitializationCycle

    abstract String encode(String text);
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
