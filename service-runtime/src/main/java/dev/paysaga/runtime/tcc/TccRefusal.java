package dev.paysaga.runtime.tcc;

import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;

/**
 * A business Try that says no (insufficient funds, out of stock). The fence undoes whatever the
 * Try had written, records the refusal and answers it to every repeat of the Try. A refusal may keep a
 * record of why ({@link #keeping}): written after the undo, in the same transaction as the refusal.
 */
public class TccRefusal extends RuntimeException {
    private final String code;
    private final transient Supplier<Uni<Void>> kept;

    public TccRefusal(String code, String message) {
        this(code, message, () -> Uni.createFrom().voidItem());
    }

    private TccRefusal(String code, String message, Supplier<Uni<Void>> kept) {
        super(message);
        this.code = code;
        this.kept = kept;
    }

    /**
     * A refusal that keeps what {@code record} writes (a payment a rule blocked, with the decision that blocked it):
     * the fence runs it once the Try's own writes are undone, so the record commits with the refusal or not at all.
     */
    public static TccRefusal keeping(String code, String message, Supplier<Uni<Void>> record) {
        return new TccRefusal(code, message, record);
    }

    public String code() {
        return code;
    }

    /** Writes what this refusal keeps; nothing for a plain refusal. */
    Uni<Void> keep() {
        return Uni.createFrom().<Void>deferred(kept::get);
    }
}
