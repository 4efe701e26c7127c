package org.twisted4j.conch.insults;

/**
 * The numbers of VT102's modes and graphic renditions, for {@link Terminal#setModes},
 * {@link Terminal#setPrivateModes} and {@link Terminal#selectGraphicRendition}.
 *
 * <h2>Threading</h2>
 * Any thread (constants).
 */
public final class Vt102 {

    /** Mode: insert (characters written push the rest of the line right). */
    public static final int IRM = 4;
    /** Mode: line feed also returns the carriage. */
    public static final int LNM = 20;
    /** Private mode: cursor keys send application sequences ({@code ESC O A}). */
    public static final int DECCKM = 1;
    /** Private mode: wrap at the right margin. */
    public static final int DECAWM = 7;
    /** Private mode: the cursor is shown. */
    public static final int DECTCEM = 25;

    /** Rendition: all attributes off. */
    public static final int NORMAL = 0;
    /** Rendition: bold. */
    public static final int BOLD = 1;
    /** Rendition: underline. */
    public static final int UNDERLINE = 4;
    /** Rendition: blink. */
    public static final int BLINK = 5;
    /** Rendition: reverse video. */
    public static final int REVERSE = 7;
    /** Rendition: the first foreground colour (black); add 0 to 7 (red 1, green 2, yellow 3, blue 4...). */
    public static final int FOREGROUND = 30;
    /** Rendition: the first background colour (black). */
    public static final int BACKGROUND = 40;
    /** Colour: red. */
    public static final int RED = 1;
    /** Colour: green. */
    public static final int GREEN = 2;
    /** Colour: yellow. */
    public static final int YELLOW = 3;
    /** Colour: blue. */
    public static final int BLUE = 4;

    private Vt102() {
    }
}
