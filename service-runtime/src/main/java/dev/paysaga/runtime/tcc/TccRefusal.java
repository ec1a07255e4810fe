package dev.paysaga.runtime.tcc;

/**
 * A business Try that says no (insufficient funds, out of stock). The fence undoes whatever the
 * Try had written, records the refusal and answers it to every repeat of the Try.
 */
public class TccRefusal extends RuntimeException {
    private final String code;

    public TccRefusal(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
