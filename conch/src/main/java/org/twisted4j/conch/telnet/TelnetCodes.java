package org.twisted4j.conch.telnet;

/**
 * The byte values of Telnet's commands (RFC 854) and of the options this package knows (RFC 855 and the RFCs
 * of each option), with their names for messages.
 *
 * <h2>Threading</h2>
 * Any thread (constants).
 */
public final class TelnetCodes {

    /** Interpret As Command: starts every command; doubled in data. */
    public static final int IAC = 255;
    /** Asks the peer to stop using an option, or agrees that it does not. */
    public static final int DONT = 254;
    /** Asks the peer to use an option, or agrees that it does. */
    public static final int DO = 253;
    /** Says this end will not use an option. */
    public static final int WONT = 252;
    /** Offers to use an option, or agrees to. */
    public static final int WILL = 251;
    /** Starts a subnegotiation. */
    public static final int SB = 250;
    /** Go ahead. */
    public static final int GA = 249;
    /** Erase line. */
    public static final int EL = 248;
    /** Erase character. */
    public static final int EC = 247;
    /** Are you there. */
    public static final int AYT = 246;
    /** Abort output. */
    public static final int AO = 245;
    /** Interrupt process. */
    public static final int IP = 244;
    /** Break. */
    public static final int BRK = 243;
    /** Data mark (the data stream part of a Synch). */
    public static final int DM = 242;
    /** No operation. */
    public static final int NOP = 241;
    /** Ends a subnegotiation. */
    public static final int SE = 240;
    /** End of record (RFC 885), sent only once the EOR option is on. */
    public static final int EOR_MARK = 239;

    /** Option: echo (RFC 857). */
    public static final int ECHO = 1;
    /** Option: suppress go ahead (RFC 858). */
    public static final int SGA = 3;
    /** Option: terminal type (RFC 1091). */
    public static final int TTYPE = 24;
    /** Option: end of record (RFC 885). */
    public static final int EOR = 25;
    /** Option: negotiate about window size (RFC 1073). */
    public static final int NAWS = 31;
    /** Option: line mode (RFC 1184). */
    public static final int LINEMODE = 34;

    /** Terminal type subnegotiation: the value follows. */
    public static final int TTYPE_IS = 0;
    /** Terminal type subnegotiation: asks for the value. */
    public static final int TTYPE_SEND = 1;

    private TelnetCodes() {
    }

    /** Returns the name of a command byte ({@code WILL}, {@code NOP}...), or its number. */
    public static String commandName(int command) {
        return switch (command) {
            case IAC -> "IAC";
            case DONT -> "DONT";
            case DO -> "DO";
            case WONT -> "WONT";
            case WILL -> "WILL";
            case SB -> "SB";
            case GA -> "GA";
            case EL -> "EL";
            case EC -> "EC";
            case AYT -> "AYT";
            case AO -> "AO";
            case IP -> "IP";
            case BRK -> "BRK";
            case DM -> "DM";
            case NOP -> "NOP";
            case SE -> "SE";
            case EOR_MARK -> "EOR";
            default -> Integer.toString(command);
        };
    }

    /** Returns the name of an option ({@code ECHO}, {@code NAWS}...), or its number. */
    public static String optionName(int option) {
        return switch (option) {
            case ECHO -> "ECHO";
            case SGA -> "SGA";
            case TTYPE -> "TTYPE";
            case EOR -> "EOR";
            case NAWS -> "NAWS";
            case LINEMODE -> "LINEMODE";
            default -> Integer.toString(option);
        };
    }
}
