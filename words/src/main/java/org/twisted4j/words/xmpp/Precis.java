package org.twisted4j.words.xmpp;

import java.text.Bidi;
import java.text.Normalizer;
import java.util.Locale;

/**
 * PRECIS string preparation (RFC 8264) with the profiles XMPP addresses use (RFC 8265, RFC 7622), computed
 * from the JDK's Unicode tables: {@link #usernameCaseMapped} for localparts and SASL user names,
 * {@link #opaqueString} for resourceparts and passwords, and {@link #isIdna2008Label} for the Unicode labels of a
 * domainpart.
 *
 * <h2>How code points are classed</h2>
 * Each code point gets its derived property by RFC 8264 §8's algorithm, in its order: the exceptions of
 * RFC 5892 §2.6, unassigned, ASCII 0x21-0x7E, join controls, old Hangul jamo, default-ignorable code points and
 * noncharacters, controls, compatibility decompositions (NFKC changes it), letters and digits, other letters and
 * digits, spaces, symbols, punctuation. The IdentifierClass allows {@link Property#PVALID} only; the
 * FreeformClass also {@link Property#FREE_PVAL} (RFC 8264's {@code ID_DIS or FREE_PVAL}). Contextual code points
 * are checked by RFC 5892's rules: ZERO WIDTH JOINER and NON-JOINER after a virama, MIDDLE DOT between two
 * {@code l}, GREEK KERAIA before Greek, the Hebrew punctuation after Hebrew, KATAKANA MIDDLE DOT beside kana or
 * Han, and the two sets of Arabic-Indic digits never mixed.
 *
 * <h2>Limits of this implementation</h2>
 * The Unicode version is the JDK's. ZERO WIDTH NON-JOINER's second rule (between joining Arabic letters) is
 * not implemented: only the virama rule allows it. The virama set is the code points of canonical combining
 * class 9 as listed in the method below.
 *
 * <h2>Threading</h2>
 * Stateless; any thread.
 */
public final class Precis {

    /** A code point's PRECIS derived property (RFC 8264 §8), collapsed for both string classes. */
    public enum Property {
        /** Allowed in both classes. */
        PVALID,
        /** Allowed in the FreeformClass only (the IdentifierClass's ID_DIS). */
        FREE_PVAL,
        /** Allowed where RFC 5892's join-control rule holds. */
        CONTEXTJ,
        /** Allowed where RFC 5892's other contextual rule for the code point holds. */
        CONTEXTO,
        /** Never allowed. */
        DISALLOWED,
        /** Not assigned in the JDK's Unicode version; never allowed. */
        UNASSIGNED
    }

    private Precis() {
    }

    /**
     * Prepares and enforces the UsernameCaseMapped profile (RFC 8265 §3.3): full-width and half-width forms
     * mapped to their decompositions, lower case, NFC, the Bidi rule, then the IdentifierClass.
     *
     * @throws IllegalArgumentException naming the first code point refused, or saying the string is empty
     */
    public static String usernameCaseMapped(String text) {
        String mapped = Normalizer.normalize(mapWidth(text).toLowerCase(Locale.ROOT), Normalizer.Form.NFC);
        enforce(mapped, false);
        checkBidi(mapped);
        return mapped;
    }

    /**
     * Prepares and enforces the OpaqueString profile (RFC 8265 §4.2): spaces other than U+0020 mapped to it,
     * NFC, then the FreeformClass. Case and width are kept.
     *
     * @throws IllegalArgumentException naming the first code point refused, or saying the string is empty
     */
    public static String opaqueString(String text) {
        StringBuilder mapped = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> mapped.appendCodePoint(Character.getType(cp) == Character.SPACE_SEPARATOR ? ' ' : cp));
        String prepared = Normalizer.normalize(mapped, Normalizer.Form.NFC);
        enforce(prepared, true);
        return prepared;
    }

    /**
     * Whether a lower-cased, NFC label of a domain name holds only what IDNA 2008 (RFC 5892) allows in a U-label:
     * letters, digits, marks and the contextual code points whose rules hold, with ASCII limited to letters,
     * digits and {@code -}; no symbols, punctuation or compatibility characters.
     */
    public static boolean isIdna2008Label(String label) {
        if (label.isEmpty()) {
            return false;
        }
        int[] cps = label.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            int cp = cps[i];
            if (cp < 0x80) {
                if (!(cp >= 'a' && cp <= 'z' || cp >= '0' && cp <= '9' || cp == '-')) {
                    return false;
                }
                continue;
            }
            boolean allowed = switch (property(cp)) {
                case PVALID -> Normalizer.normalize(Character.toString(cp).toLowerCase(Locale.ROOT),
                        Normalizer.Form.NFKC).equals(Character.toString(cp));
                case CONTEXTJ, CONTEXTO -> contextHolds(cps, i);
                default -> false;
            };
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    /** Returns the derived property of a code point (RFC 8264 §8). */
    public static Property property(int cp) {
        Property exception = exception(cp);
        if (exception != null) {
            return exception;
        }
        int type = Character.getType(cp);
        if (type == Character.UNASSIGNED && !isNoncharacter(cp)) {
            return Property.UNASSIGNED;
        }
        if (cp >= 0x21 && cp <= 0x7e) {
            return Property.PVALID;
        }
        if (cp == 0x200c || cp == 0x200d) {
            return Property.CONTEXTJ;
        }
        if (isOldHangulJamo(cp) || isDefaultIgnorable(cp) || isNoncharacter(cp) || type == Character.CONTROL) {
            return Property.DISALLOWED;
        }
        String one = Character.toString(cp);
        if (!Normalizer.normalize(one, Normalizer.Form.NFKC).equals(one)) {
            return Property.FREE_PVAL;
        }
        return switch (type) {
            case Character.LOWERCASE_LETTER, Character.UPPERCASE_LETTER, Character.OTHER_LETTER,
                 Character.DECIMAL_DIGIT_NUMBER, Character.MODIFIER_LETTER, Character.NON_SPACING_MARK,
                 Character.COMBINING_SPACING_MARK -> Property.PVALID;
            case Character.TITLECASE_LETTER, Character.LETTER_NUMBER, Character.OTHER_NUMBER,
                 Character.ENCLOSING_MARK, Character.SPACE_SEPARATOR, Character.MATH_SYMBOL,
                 Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL,
                 Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                 Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                 Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION -> Property.FREE_PVAL;
            default -> Property.DISALLOWED;
        };
    }

    private static void enforce(String prepared, boolean freeform) {
        if (prepared.isEmpty()) {
            throw new IllegalArgumentException("empty string");
        }
        int[] cps = prepared.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            boolean allowed = switch (property(cps[i])) {
                case PVALID -> true;
                case FREE_PVAL -> freeform;
                case CONTEXTJ, CONTEXTO -> contextHolds(cps, i);
                case DISALLOWED, UNASSIGNED -> false;
            };
            if (!allowed) {
                throw new IllegalArgumentException(String.format("U+%04X is not allowed in the %s", cps[i],
                        freeform ? "FreeformClass" : "IdentifierClass"));
            }
        }
    }

    /** RFC 5893's Bidi rule, applied when the string holds right-to-left characters. */
    private static void checkBidi(String s) {
        if (!Bidi.requiresBidi(s.toCharArray(), 0, s.length())) {
            return;
        }
        int[] cps = s.codePoints().toArray();
        byte first = Character.getDirectionality(cps[0]);
        boolean rtl = first == Character.DIRECTIONALITY_RIGHT_TO_LEFT
                || first == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC;
        if (!rtl && first != Character.DIRECTIONALITY_LEFT_TO_RIGHT) {
            throw new IllegalArgumentException("the Bidi rule wants a left-to-right or right-to-left first character");
        }
        boolean en = false;
        boolean an = false;
        int last = -1;
        for (int cp : cps) {
            byte d = Character.getDirectionality(cp);
            boolean common = d == Character.DIRECTIONALITY_EUROPEAN_NUMBER
                    || d == Character.DIRECTIONALITY_EUROPEAN_NUMBER_SEPARATOR
                    || d == Character.DIRECTIONALITY_COMMON_NUMBER_SEPARATOR
                    || d == Character.DIRECTIONALITY_EUROPEAN_NUMBER_TERMINATOR
                    || d == Character.DIRECTIONALITY_OTHER_NEUTRALS
                    || d == Character.DIRECTIONALITY_BOUNDARY_NEUTRAL
                    || d == Character.DIRECTIONALITY_NONSPACING_MARK;
            boolean ok = rtl
                    ? common || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT
                            || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC
                            || d == Character.DIRECTIONALITY_ARABIC_NUMBER
                    : common || d == Character.DIRECTIONALITY_LEFT_TO_RIGHT;
            if (!ok) {
                throw new IllegalArgumentException(String.format("U+%04X breaks the Bidi rule", cp));
            }
            en |= d == Character.DIRECTIONALITY_EUROPEAN_NUMBER;
            an |= d == Character.DIRECTIONALITY_ARABIC_NUMBER;
            if (d != Character.DIRECTIONALITY_NONSPACING_MARK) {
                last = d;
            }
        }
        boolean endOk = rtl
                ? last == Character.DIRECTIONALITY_RIGHT_TO_LEFT || last == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC
                        || last == Character.DIRECTIONALITY_EUROPEAN_NUMBER || last == Character.DIRECTIONALITY_ARABIC_NUMBER
                : last == Character.DIRECTIONALITY_LEFT_TO_RIGHT || last == Character.DIRECTIONALITY_EUROPEAN_NUMBER;
        if (!endOk || rtl && en && an) {
            throw new IllegalArgumentException("the string breaks the Bidi rule");
        }
    }

    /** RFC 5892 Appendix A's contextual rules for the code point at {@code i}. */
    private static boolean contextHolds(int[] cps, int i) {
        int cp = cps[i];
        int before = i > 0 ? cps[i - 1] : -1;
        int after = i + 1 < cps.length ? cps[i + 1] : -1;
        return switch (cp) {
            case 0x200c, 0x200d -> before >= 0 && isVirama(before);
            case 0x00b7 -> before == 'l' && after == 'l';
            case 0x0375 -> after >= 0 && Character.UnicodeScript.of(after) == Character.UnicodeScript.GREEK;
            case 0x05f3, 0x05f4 -> before >= 0 && Character.UnicodeScript.of(before) == Character.UnicodeScript.HEBREW;
            case 0x30fb -> java.util.Arrays.stream(cps).anyMatch(c -> c != 0x30fb && switch (Character.UnicodeScript.of(c)) {
                case HIRAGANA, KATAKANA, HAN -> true;
                default -> false;
            });
            default -> {
                if (cp >= 0x0660 && cp <= 0x0669) {
                    yield java.util.Arrays.stream(cps).noneMatch(c -> c >= 0x06f0 && c <= 0x06f9);
                }
                if (cp >= 0x06f0 && cp <= 0x06f9) {
                    yield java.util.Arrays.stream(cps).noneMatch(c -> c >= 0x0660 && c <= 0x0669);
                }
                yield false;
            }
        };
    }

    /** RFC 5892 §2.6's exceptions, or null. */
    private static Property exception(int cp) {
        return switch (cp) {
            case 0x00df, 0x03c2, 0x06fd, 0x06fe, 0x0f0b, 0x3007 -> Property.PVALID;
            case 0x00b7, 0x0375, 0x05f3, 0x05f4, 0x30fb -> Property.CONTEXTO;
            case 0x0640, 0x07fa, 0x302e, 0x302f, 0x3031, 0x3032, 0x3033, 0x3034, 0x3035, 0x303b -> Property.DISALLOWED;
            default -> cp >= 0x0660 && cp <= 0x0669 || cp >= 0x06f0 && cp <= 0x06f9 ? Property.CONTEXTO : null;
        };
    }

    /** Full-width and half-width forms (decomposition tags {@code <wide>} and {@code <narrow>}) mapped to their decompositions. */
    private static String mapWidth(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (cp == 0x3000 || cp >= 0xff01 && cp <= 0xffee) {
                out.append(Normalizer.normalize(Character.toString(cp), Normalizer.Form.NFKC));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    private static boolean isNoncharacter(int cp) {
        return (cp & 0xfffe) == 0xfffe || cp >= 0xfdd0 && cp <= 0xfdef;
    }

    private static boolean isOldHangulJamo(int cp) {
        return cp >= 0x1100 && cp <= 0x11ff || cp >= 0xa960 && cp <= 0xa97c || cp >= 0xd7b0 && cp <= 0xd7c6
                || cp >= 0xd7cb && cp <= 0xd7fb;
    }

    /** Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt). */
    private static boolean isDefaultIgnorable(int cp) {
        return cp == 0x00ad || cp == 0x034f || cp == 0x061c || cp == 0x115f || cp == 0x1160 || cp == 0x17b4
                || cp == 0x17b5 || cp >= 0x180b && cp <= 0x180f || cp >= 0x200b && cp <= 0x200f
                || cp >= 0x202a && cp <= 0x202e || cp >= 0x2060 && cp <= 0x206f || cp == 0x3164
                || cp >= 0xfe00 && cp <= 0xfe0f || cp == 0xfeff || cp == 0xffa0 || cp >= 0xfff0 && cp <= 0xfff8
                || cp >= 0x1bca0 && cp <= 0x1bca3 || cp >= 0x1d173 && cp <= 0x1d17a || cp >= 0xe0000 && cp <= 0xe0fff;
    }

    /** Code points of canonical combining class 9 (virama), which the JDK does not expose. */
    private static boolean isVirama(int cp) {
        return switch (cp) {
            case 0x094d, 0x09cd, 0x0a4d, 0x0acd, 0x0b4d, 0x0bcd, 0x0c4d, 0x0ccd, 0x0d3b, 0x0d3c, 0x0d4d, 0x0dca,
                 0x0e3a, 0x0eba, 0x0f84, 0x1039, 0x103a, 0x1714, 0x1715, 0x1734, 0x17d2, 0x1a60, 0x1b44, 0x1baa,
                 0x1bab, 0x1bf2, 0x1bf3, 0x2d7f, 0xa806, 0xa82c, 0xa8c4, 0xa953, 0xa9c0, 0xaaf6, 0xabed, 0x10a3f,
                 0x11046, 0x11070, 0x1107f, 0x110b9, 0x11133, 0x11134, 0x111c0, 0x11235, 0x112ea, 0x1134d, 0x11442,
                 0x114c2, 0x115bf, 0x1163f, 0x116b6, 0x1172b, 0x11839, 0x1193d, 0x1193e, 0x119e0, 0x11a34, 0x11a47,
                 0x11a99, 0x11c3f, 0x11d44, 0x11d45, 0x11d97, 0x11f41, 0x11f42 -> true;
            default -> false;
        };
    }
}
