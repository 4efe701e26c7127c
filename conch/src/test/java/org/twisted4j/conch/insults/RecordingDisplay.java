package org.twisted4j.conch.insults;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A {@link TerminalDisplay} that records each call as text; adjacent text is joined. */
final class RecordingDisplay implements TerminalDisplay {

    final List<String> calls = new ArrayList<>();

    private void add(String call) {
        calls.add(call);
    }

    @Override
    public void write(byte[] data) {
        String text = new String(data, StandardCharsets.ISO_8859_1);
        int last = calls.size() - 1;
        if (last >= 0 && calls.get(last).startsWith("text ")) {
            calls.set(last, calls.get(last) + text);
        } else {
            add("text " + text);
        }
    }

    @Override
    public void cursorUp(int n) {
        add("up " + n);
    }

    @Override
    public void cursorDown(int n) {
        add("down " + n);
    }

    @Override
    public void cursorForward(int n) {
        add("forward " + n);
    }

    @Override
    public void cursorBackward(int n) {
        add("backward " + n);
    }

    @Override
    public void cursorPosition(int column, int row) {
        add("position " + column + "," + row);
    }

    @Override
    public void cursorHome() {
        add("home");
    }

    @Override
    public void nextLine() {
        add("nextLine");
    }

    @Override
    public void index() {
        add("index");
    }

    @Override
    public void reverseIndex() {
        add("reverseIndex");
    }

    @Override
    public void saveCursor() {
        add("save");
    }

    @Override
    public void restoreCursor() {
        add("restore");
    }

    @Override
    public void setModes(int... modes) {
        add("setModes " + Arrays.toString(modes));
    }

    @Override
    public void resetModes(int... modes) {
        add("resetModes " + Arrays.toString(modes));
    }

    @Override
    public void setPrivateModes(int... modes) {
        add("setPrivateModes " + Arrays.toString(modes));
    }

    @Override
    public void resetPrivateModes(int... modes) {
        add("resetPrivateModes " + Arrays.toString(modes));
    }

    @Override
    public void selectGraphicRendition(int... attributes) {
        add("sgr " + Arrays.toString(attributes));
    }

    @Override
    public void eraseToLineEnd() {
        add("eraseToLineEnd");
    }

    @Override
    public void eraseToLineBeginning() {
        add("eraseToLineBeginning");
    }

    @Override
    public void eraseLine() {
        add("eraseLine");
    }

    @Override
    public void eraseToDisplayEnd() {
        add("eraseToDisplayEnd");
    }

    @Override
    public void eraseToDisplayBeginning() {
        add("eraseToDisplayBeginning");
    }

    @Override
    public void eraseDisplay() {
        add("eraseDisplay");
    }

    @Override
    public void deleteCharacter(int n) {
        add("deleteCharacter " + n);
    }

    @Override
    public void insertLine(int n) {
        add("insertLine " + n);
    }

    @Override
    public void deleteLine(int n) {
        add("deleteLine " + n);
    }

    @Override
    public void reset() {
        add("reset");
    }

    @Override
    public void loseConnection() {
        add("loseConnection");
    }

    @Override
    public void insertCharacter(int n) {
        add("insertCharacter " + n);
    }

    @Override
    public void setScrollRegion(int top, int bottom) {
        add("scrollRegion " + top + "," + bottom);
    }

    @Override
    public void selectCharacterSet(char charset, int g) {
        add("charset G" + g + "=" + charset);
    }

    @Override
    public void shiftIn() {
        add("SI");
    }

    @Override
    public void shiftOut() {
        add("SO");
    }

    @Override
    public void bell() {
        add("BEL");
    }

    @Override
    public void horizontalTab() {
        add("HT");
    }

    @Override
    public void carriageReturn() {
        add("CR");
    }

    @Override
    public void lineFeed() {
        add("LF");
    }

    @Override
    public void backspace() {
        add("BS");
    }

    @Override
    public void unhandledControlSequence(String sequence) {
        add("unhandled " + sequence.replace("\u001b", "ESC"));
    }
}
