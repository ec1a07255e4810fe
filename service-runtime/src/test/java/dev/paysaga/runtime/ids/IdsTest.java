package dev.paysaga.runtime.ids;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void idsAreUniqueAndSortInCreationOrderEvenWithinOneMillisecond() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            ids.add(Ids.next("ord"));
        }
        Set<String> unique = new HashSet<>(ids);
        assertEquals(ids.size(), unique.size(), "duplicate id");
        List<String> sorted = new ArrayList<>(ids);
        sorted.sort(null);
        assertEquals(ids, sorted, "text order must be creation order");
    }

    @Test
    void encodingKeepsEveryBitAndTheVersion() {
        UUID uuid = Ids.uuidV7();
        assertEquals(7, uuid.version());
        assertEquals(2, uuid.variant());
        assertEquals("0000000000000000000000000Z", Ids.encode(new UUID(0, 31)));
        assertEquals("7ZZZZZZZZZZZZZZZZZZZZZZZZZ", Ids.encode(new UUID(-1, -1)));
    }

    @Test
    void validationAcceptsOnlyWellFormedIdsOfTheRightType() {
        String id = Ids.next("pay");
        assertTrue(Ids.isValid("pay", id));
        assertFalse(Ids.isValid("ord", id), "wrong prefix");
        assertFalse(Ids.isValid("pay", id.substring(0, id.length() - 1)), "too short");
        assertFalse(Ids.isValid("pay", id.replace(id.charAt(10), 'U')), "U is not Crockford base-32");
        assertFalse(Ids.isValid("pay", null));
    }
}
