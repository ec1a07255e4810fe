package dev.paysaga.runtime.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A refusal may quote what the client sent, but nothing in it can act on a page, a terminal or a log viewer. */
class ProblemTest {

    @Test
    void aQuotedInputLosesItsMarkupAndControlCharacters() {
        Problem problem = Problem.of(404, "not_found", "No order with id <script>\r\n\u202E${jndi:x}", "id\u0007");

        assertEquals("No order with id \uFFFDscript\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD{jndi:x}", problem.detail());
        assertEquals("id\uFFFD", problem.param());
    }

    @Test
    void plainTextIsKept() {
        assertEquals("The field lines[0].unit_amount is 'ten' — café ✓",
                Problem.of(400, "amount_invalid", "The field lines[0].unit_amount is 'ten' — café ✓", null).detail());
    }
}
