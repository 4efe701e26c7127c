package org.twisted4j.web.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MimeTypesTest {

    private static final String COMMON = """
            html htm css js mjs json xml txt csv tsv md pdf png jpg jpeg gif webp avif svg ico
            bmp tif tiff mp3 ogg oga wav flac aac m4a weba mid midi mp4 m4v webm ogv mov avi mkv
            mpeg mpg flv wmv 3gp ts woff woff2 ttf otf eot zip tar gz tgz bz2 xz 7z rar jar
            war wasm doc docx xls xlsx ppt pptx odt ods odp rtf epub apk deb rpm iso dmg exe bin
            msi ics vcf vtt atom rss xhtml jsonld webmanifest map yaml yml toml sql sh py java c h cpp
            go rs rb pl log conf ini diff patch crt der pem p12 pfx sig asc torrent swf xul heic
            heif jxl apng psd tga pbm pgm ppm xbm xpm opus spx amr au aif aiff m3u m3u8 mpd gltf
            glb stl obj eml mht mhtml latex tex dvi ps eps ai kml kmz gpx geojson ndjson class jnlp so
            dll zst sqlite smil mathml vsd msg mdb texi texinfo cpio shar ustar h5 nc wma ra ram asf asx
            m2ts 3g2 xsl xslt rdf man roff csh tcl bat com lnk""";

    private final MimeTypes types = MimeTypes.defaults();

    @Test
    void commonWebTypesAreKnown() {
        assertThat(types.typeOf("index.html")).isEqualTo("text/html");
        assertThat(types.typeOf("style.css")).isEqualTo("text/css");
        assertThat(types.typeOf("app.js")).isEqualTo("text/javascript");
        assertThat(types.typeOf("data.json")).isEqualTo("application/json");
        assertThat(types.typeOf("logo.png")).isEqualTo("image/png");
        assertThat(types.typeOf("photo.jpeg")).isEqualTo("image/jpeg");
        assertThat(types.typeOf("icon.svg")).isEqualTo("image/svg+xml");
        assertThat(types.typeOf("font.woff2")).isEqualTo("font/woff2");
        assertThat(types.typeOf("paper.pdf")).isEqualTo("application/pdf");
        assertThat(types.typeOf("clip.mp4")).isEqualTo("video/mp4");
        assertThat(types.typeOf("module.wasm")).isEqualTo("application/wasm");
    }

    @Test
    void tableHoldsAtLeastOneHundredFiftyExtensions() {
        String[] probe = {"txt", "csv", "xml", "zip", "tar", "gif", "webp", "mp3", "ogg", "wav", "flac", "docx",
            "xlsx", "ico", "ttf", "otf", "avi", "mkv", "webm", "epub"};
        for (String ext : probe) {
            assertThat(types.typeOfExtension(ext)).as(ext).isNotNull();
        }
        int known = 0;
        for (String ext : COMMON.split("\\s+")) {
            if (types.typeOfExtension(ext) != null) {
                known++;
            }
        }
        assertThat(known).isGreaterThanOrEqualTo(150);
    }

    @Test
    void twistedsOwnAdditionsAreKept() {
        assertThat(types.typeOf("x.flac")).isEqualTo("audio/x-flac");
        assertThat(types.typeOf("x.java")).isEqualTo("text/plain");
        assertThat(types.typeOf("x.patch")).isEqualTo("text/plain");
        assertThat(types.typeOf("x.diff")).isEqualTo("text/plain");
        assertThat(types.typeOf("x.conf")).isEqualTo("text/plain");
        assertThat(types.typeOf("x.oz")).isEqualTo("text/x-oz");
        assertThat(types.typeOf("x.xul")).isEqualTo("application/vnd.mozilla.xul+xml");
    }

    @Test
    void textTypesCarryNoCharsetAsInTwisted() {
        assertThat(types.typeOf("a.txt")).isEqualTo("text/plain");
        assertThat(types.typeOf("a.html")).doesNotContain("charset");
    }

    @Test
    void extensionsCompareWithoutCase() {
        assertThat(types.typeOf("PHOTO.JPG")).isEqualTo("image/jpeg");
        assertThat(types.typeOf("Page.HtMl")).isEqualTo("text/html");
        assertThat(types.typeOfExtension(".PNG")).isEqualTo("image/png");
    }

    @Test
    void unknownExtensionGetsTwistedsDefaultType() {
        assertThat(types.typeOf("thing.unknownext")).isEqualTo("text/html");
        assertThat(types.typeOf("README")).isEqualTo(MimeTypes.DEFAULT_TYPE);
        assertThat(types.typeAndEncoding("README").encoding()).isNull();
    }

    @Test
    void defaultTypeCanBeChanged() {
        MimeTypes t = types.withDefaultType("application/octet-stream");
        assertThat(t.typeOf("thing.unknownext")).isEqualTo("application/octet-stream");
        assertThat(t.defaultType()).isEqualTo("application/octet-stream");
        assertThat(types.typeOf("thing.unknownext")).isEqualTo("text/html");
    }

    @Test
    void overridesReplaceBuiltInsWithoutChangingTheOriginal() {
        MimeTypes t = types.withType("HTML", "text/html; charset=utf-8").withType(".log", "text/x-log");
        assertThat(t.typeOf("a.html")).isEqualTo("text/html; charset=utf-8");
        assertThat(t.typeOf("a.LOG")).isEqualTo("text/x-log");
        assertThat(types.typeOf("a.html")).isEqualTo("text/html");
    }

    @Test
    void emptyExtensionIsRejected() {
        assertThatThrownBy(() -> types.withType(".", "x/y")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> types.withType("", "x/y")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void compressedFileHasInnerTypeAndEncodingAsTwisted() {
        assertThat(types.typeAndEncoding("logs.tar.gz")).isEqualTo(new MimeTypes.TypeAndEncoding("application/x-tar", "gzip"));
        assertThat(types.typeAndEncoding("data.csv.bz2")).isEqualTo(new MimeTypes.TypeAndEncoding("text/csv", "bzip2"));
        assertThat(types.typeAndEncoding("PAGE.HTML.GZ")).isEqualTo(new MimeTypes.TypeAndEncoding("text/html", "gzip"));
    }

    @Test
    void bareCompressedFileGetsDefaultTypeWithEncoding() {
        assertThat(types.typeAndEncoding("blob.gz")).isEqualTo(new MimeTypes.TypeAndEncoding("text/html", "gzip"));
        assertThat(types.typeAndEncoding("blob.gz").encoding()).isEqualTo("gzip");
    }

    @Test
    void plainFileHasNoEncoding() {
        assertThat(types.typeAndEncoding("a.tgz")).isEqualTo(new MimeTypes.TypeAndEncoding("application/x-gtar", null));
    }

    @Test
    void encodingsCanBeAdded() {
        MimeTypes t = types.withEncoding("br", "br");
        assertThat(t.typeAndEncoding("app.js.br")).isEqualTo(new MimeTypes.TypeAndEncoding("text/javascript", "br"));
        assertThat(types.typeAndEncoding("app.js.br").encoding()).isNull();
    }

    @Test
    void leadingDotsDoNotStartAnExtension() {
        assertThat(MimeTypes.extension(".html")).isNull();
        assertThat(MimeTypes.extension("..html")).isNull();
        assertThat(MimeTypes.extension(".config.json")).isEqualTo(".json");
        assertThat(MimeTypes.extension("a.")).isEqualTo(".");
        assertThat(types.typeOf(".css")).isEqualTo("text/html");
    }

    @Test
    void valuesThatCouldSplitAHeaderAreRejected() {
        assertThatThrownBy(() -> types.withType(".x", "text/plain\r\nSet-Cookie: a=b"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> types.withEncoding(".x", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> types.withDefaultType("a\u0000b")).isInstanceOf(IllegalArgumentException.class);
    }
}
