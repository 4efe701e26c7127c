package org.twisted4j.words.irc;

/**
 * A run of text with the mIRC attributes in force over it, as {@link IrcText#parseFormatting} gives.
 *
 * <h2>Threading</h2>
 * Any thread (immutable).
 *
 * @param text the text
 * @param bold bold
 * @param italic italic
 * @param underline underlined
 * @param reverse reverse video
 * @param foreground the mIRC foreground colour number, or -1 for the default
 * @param background the mIRC background colour number, or -1 for the default
 */
public record FormattedRun(String text, boolean bold, boolean italic, boolean underline, boolean reverse,
        int foreground, int background) {

    /** No attributes, no text. */
    public static final FormattedRun PLAIN = new FormattedRun("", false, false, false, false, -1, -1);

    FormattedRun withBold(boolean on) {
        return new FormattedRun(text, on, italic, underline, reverse, foreground, background);
    }

    FormattedRun withItalic(boolean on) {
        return new FormattedRun(text, bold, on, underline, reverse, foreground, background);
    }

    FormattedRun withUnderline(boolean on) {
        return new FormattedRun(text, bold, italic, on, reverse, foreground, background);
    }

    FormattedRun withReverse(boolean on) {
        return new FormattedRun(text, bold, italic, underline, on, foreground, background);
    }

    FormattedRun withColors(int fg, int bg) {
        return new FormattedRun(text, bold, italic, underline, reverse, fg, bg);
    }

    FormattedRun withText(String newText) {
        return new FormattedRun(newText, bold, italic, underline, reverse, foreground, background);
    }

    boolean sameAttributes(FormattedRun other) {
        return bold == other.bold && italic == other.italic && underline == other.underline
                && reverse == other.reverse && foreground == other.foreground && background == other.background;
    }
}
