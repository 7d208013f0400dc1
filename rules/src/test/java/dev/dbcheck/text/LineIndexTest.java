package dev.dbcheck.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LineIndexTest {

    @Test
    void offsetsBecomeLinesAndColumns() {
        LineIndex lines = LineIndex.of("ab\ncd\n\nxyz");
        assertEquals(1, lines.lineOf(0));
        assertEquals(1, lines.lineOf(2));
        assertEquals(2, lines.lineOf(3));
        assertEquals(2, lines.columnOf(4));
        assertEquals(3, lines.lineOf(6));
        assertEquals(4, lines.lineOf(7));
        assertEquals(3, lines.columnOf(9));
        assertEquals(7, lines.offsetOf(4, 1, 10));
        assertEquals(10, lines.offsetOf(5, 1, 10));
    }

    @Test
    void aTextWithoutLineBreaksIsOneLine() {
        LineIndex lines = LineIndex.of("select 1");
        assertEquals(1, lines.lineOf(7));
        assertEquals(8, lines.columnOf(7));
    }

    @Test
    void manyLinesGrowTheIndex() {
        String text = "x\n".repeat(1000);
        LineIndex lines = LineIndex.of(text);
        assertEquals(1000, lines.lineOf(1998));
        assertEquals(1001, lines.lineOf(2000));
        assertEquals(1, lines.columnOf(2000));
    }
}
