package dev.paysaga.channel.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DecimalAmountsTest {

    @ParameterizedTest(name = "{0} minor, exponent {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            3000                | 2 | 30.00
            1                   | 2 | 0.01
            10                  | 2 | 0.10
            99                  | 2 | 0.99
            100                 | 2 | 1.00
            0                   | 2 | 0.00
            10000000000         | 2 | 100000000.00
            9223372036854775807 | 2 | 92233720368547758.07
            500                 | 0 | 500
            1234                | 3 | 1.234
            5                   | 3 | 0.005
            """)
    void formatsMinorUnitsAsAFixedPointDecimal(long minor, int exponent, String text) {
        assertEquals(text, DecimalAmounts.format(minor, exponent));
        assertEquals(minor, DecimalAmounts.parse(text, exponent), "round trip");
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            30       | 2 | 3000
            30.0     | 2 | 3000
            30.5     | 2 | 3050
            0.01     | 2 | 1
            0        | 2 | 0
            """)
    void parsesShorterFractions(String text, int exponent, long minor) {
        assertEquals(minor, DecimalAmounts.parse(text, exponent));
    }

    @ParameterizedTest(name = "refuses [{0}] at exponent {1}")
    @CsvSource(delimiter = '|', textBlock = """
            30.001                  | 2
            1.5                     | 0
            -1.00                   | 2
            +1.00                   | 2
            1e3                     | 2
            1.                      | 2
            .5                      | 2
            ' 1.00'                 | 2
            1,00                    | 2
            01.00                   | 2
            ''                      | 2
            NaN                     | 2
            92233720368547758.08    | 2
            99999999999999999999    | 2
            ١٢                      | 2
            """)
    void refusesAnythingThatIsNotAnExactAmount(String text, int exponent) {
        assertThrows(IllegalArgumentException.class, () -> DecimalAmounts.parse(text, exponent));
    }

    @ParameterizedTest
    @CsvSource({"-1, 2", "1, -1", "1, 7"})
    void refusesNegativeAmountsAndImpossibleExponents(long minor, int exponent) {
        assertThrows(IllegalArgumentException.class, () -> DecimalAmounts.format(minor, exponent));
    }
}
