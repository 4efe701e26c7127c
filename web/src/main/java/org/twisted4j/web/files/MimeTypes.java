package org.twisted4j.web.files;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Content types and content encodings chosen by file name extension, as Twisted's {@code File.contentTypes}
 * and {@code File.contentEncodings}.
 *
 * <p>A name's last extension is looked up first among the encodings ({@code .gz} is {@code gzip},
 * {@code .bz2} is {@code bzip2}); when it is one, the extension before it gives the type. So
 * {@code logs.tar.gz} is {@code application/x-tar} in the {@code gzip} encoding, and a browser that
 * downloads it keeps the file compressed. Extensions are compared without regard to case. A name with no
 * known type gets the default type, {@value #DEFAULT_TYPE} unless changed, as Twisted's {@code File}.
 *
 * <pre>{@code
 * MimeTypes types = MimeTypes.defaults().withType(".log", "text/plain").withDefaultType("application/octet-stream");
 * MimeTypes.TypeAndEncoding te = types.typeAndEncoding("report.csv.gz"); // text/csv, gzip
 * }</pre>
 *
 * <p>Text types carry no {@code charset} parameter: Twisted adds none, since a file's bytes are whatever
 * encoding they were written in. Override a type (for example {@code ".html" -> "text/html; charset=utf-8"})
 * when a site knows its files' charset.
 *
 * <p>Instances are immutable; the {@code with} methods return new ones. Any thread.
 */
public final class MimeTypes {

    /** The type of a file whose extension is unknown, as Twisted's {@code File}: {@value}. */
    public static final String DEFAULT_TYPE = "text/html";

    private static final MimeTypes DEFAULTS = new MimeTypes(builtInTypes(), builtInEncodings(), DEFAULT_TYPE);

    private final Map<String, String> types;
    private final Map<String, String> encodings;
    private final String defaultType;

    private MimeTypes(Map<String, String> types, Map<String, String> encodings, String defaultType) {
        this.types = Map.copyOf(types);
        this.encodings = Map.copyOf(encodings);
        this.defaultType = defaultType;
    }

    /**
     * A content type and, when the file is compressed, the content encoding to announce with it.
     *
     * @param type the content type, never null
     * @param encoding the content encoding ({@code gzip}, {@code bzip2}), or null for none
     */
    public record TypeAndEncoding(String type, @Nullable String encoding) {
        /**
         * Checks the type is present.
         *
         * @throws NullPointerException if {@code type} is null
         */
        public TypeAndEncoding {
            Objects.requireNonNull(type, "type");
        }
    }

    /**
     * The built-in table: about 170 common types, plus the {@code .gz} and {@code .bz2} encodings.
     *
     * @return the shared default instance
     */
    public static MimeTypes defaults() {
        return DEFAULTS;
    }

    /**
     * A copy that maps {@code extension} to {@code type}, replacing any built-in entry.
     *
     * @param extension the extension, with or without its leading dot, in any case
     * @param type the content type to use
     * @return the new instance
     * @throws IllegalArgumentException if {@code extension} is empty or only a dot, or {@code type} is empty
     *     or holds a control character
     */
    public MimeTypes withType(String extension, String type) {
        checkValue(type);
        Map<String, String> copy = new HashMap<>(types);
        copy.put(normalize(extension), type);
        return new MimeTypes(copy, encodings, defaultType);
    }

    /**
     * A copy that treats {@code extension} as a content encoding, as Twisted's {@code contentEncodings}.
     *
     * @param extension the extension, with or without its leading dot, in any case
     * @param encoding the content encoding to announce, such as {@code br}
     * @return the new instance
     * @throws IllegalArgumentException if {@code extension} is empty or only a dot, or {@code encoding} is
     *     empty or holds a control character
     */
    public MimeTypes withEncoding(String extension, String encoding) {
        checkValue(encoding);
        Map<String, String> copy = new HashMap<>(encodings);
        copy.put(normalize(extension), encoding);
        return new MimeTypes(types, copy, defaultType);
    }

    /**
     * A copy whose type for unknown extensions is {@code type}.
     *
     * @param type the default content type, such as {@code application/octet-stream}
     * @return the new instance
     * @throws IllegalArgumentException if {@code type} is empty or holds a control character
     */
    public MimeTypes withDefaultType(String type) {
        return new MimeTypes(types, encodings, checkValue(type));
    }

    /**
     * The type given to names whose extension is unknown.
     *
     * @return the default type
     */
    public String defaultType() {
        return defaultType;
    }

    /**
     * The type for an extension, without falling back to the default.
     *
     * @param extension the extension, with or without its leading dot, in any case
     * @return the type, or null if the extension is unknown
     * @throws IllegalArgumentException if {@code extension} is empty or only a dot
     */
    public @Nullable String typeOfExtension(String extension) {
        return types.get(normalize(extension));
    }

    /**
     * The content type and encoding for a file name (the last path element; directories are not looked at).
     *
     * @param fileName a file name such as {@code "notes.txt.gz"}
     * @return the type (the default when the extension is unknown) and the encoding or null
     */
    public TypeAndEncoding typeAndEncoding(String fileName) {
        String name = fileName;
        String ext = extension(name);
        String encoding = null;
        if (ext != null && encodings.containsKey(ext)) {
            encoding = encodings.get(ext);
            name = name.substring(0, name.length() - ext.length());
            ext = extension(name);
        }
        String type = ext == null ? null : types.get(ext);
        return new TypeAndEncoding(type == null ? defaultType : type, encoding);
    }

    /**
     * The content type alone, as {@link #typeAndEncoding(String)}.
     *
     * @param fileName a file name
     * @return the type, the default when the extension is unknown
     */
    public String typeOf(String fileName) {
        return typeAndEncoding(fileName).type();
    }

    /**
     * A file name's last extension, lower-cased, with its dot; leading dots do not start one, so
     * {@code ".profile"} has none, as Python's {@code os.path.splitext}.
     */
    static @Nullable String extension(String fileName) {
        int start = 0;
        while (start < fileName.length() && fileName.charAt(start) == '.') {
            start++;
        }
        int dot = fileName.lastIndexOf('.');
        if (dot < start) {
            return null;
        }
        return fileName.substring(dot).toLowerCase(Locale.ROOT);
    }

    /** Header values go into responses: no CR, LF or other control characters. */
    private static String checkValue(String value) {
        if (value.isEmpty() || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("not a header value: '" + value + "'");
        }
        return value;
    }

    private static String normalize(String extension) {
        String e = extension.startsWith(".") ? extension : "." + extension;
        if (e.length() < 2) {
            throw new IllegalArgumentException("empty extension: '" + extension + "'");
        }
        return e.toLowerCase(Locale.ROOT);
    }

    private static Map<String, String> builtInEncodings() {
        return Map.of(".gz", "gzip", ".bz2", "bzip2");
    }

    private static Map<String, String> builtInTypes() {
        Map<String, String> m = new HashMap<>();
        for (String line : BUILT_IN.split("\n")) {
            String[] words = line.trim().split("\\s+");
            if (words.length < 2) {
                continue;
            }
            for (int i = 1; i < words.length; i++) {
                if (m.put("." + words[i], words[0]) != null) {
                    throw new IllegalStateException("extension listed twice: " + words[i]);
                }
            }
        }
        return m;
    }

    /** One type per line, followed by its extensions. */
    private static final String BUILT_IN = """
            text/html html htm shtml
            text/plain txt text conf def list log in ini diff patch java c h cc cpp hpp py rb pl sh go rs
            text/css css
            text/csv csv
            text/tab-separated-values tsv
            text/markdown md markdown
            text/javascript js mjs
            text/xml xml xsl
            text/calendar ics
            text/vcard vcf
            text/vtt vtt
            text/x-oz oz
            text/vnd.wap.wml wml
            text/richtext rtx
            text/x-setext etx
            text/troff roff t tr man
            text/x-sgml sgml sgm
            application/json json map
            application/ld+json jsonld
            application/manifest+json webmanifest
            application/xhtml+xml xhtml xht
            application/atom+xml atom
            application/rss+xml rss
            application/xslt+xml xslt
            application/rdf+xml rdf
            application/vnd.mozilla.xul+xml xul
            application/pdf pdf
            application/postscript ps ai eps
            application/rtf rtf
            application/zip zip
            application/x-tar tar
            application/x-gtar gtar tgz
            application/x-7z-compressed 7z
            application/x-rar-compressed rar
            application/x-xz xz
            application/zstd zst
            application/x-bzip2 tbz2
            application/java-archive jar war ear
            application/java-vm class
            application/x-java-jnlp-file jnlp
            application/octet-stream bin exe dll so dmg iso img deb rpm msi
            application/wasm wasm
            application/msword doc dot
            application/vnd.openxmlformats-officedocument.wordprocessingml.document docx
            application/vnd.ms-excel xls xlb
            application/vnd.openxmlformats-officedocument.spreadsheetml.sheet xlsx
            application/vnd.ms-powerpoint ppt pps pot
            application/vnd.openxmlformats-officedocument.presentationml.presentation pptx
            application/vnd.oasis.opendocument.text odt
            application/vnd.oasis.opendocument.spreadsheet ods
            application/vnd.oasis.opendocument.presentation odp
            application/vnd.oasis.opendocument.graphics odg
            application/epub+zip epub
            application/vnd.android.package-archive apk
            application/x-shockwave-flash swf
            application/x-sh bsh
            application/x-csh csh
            application/x-tcl tcl
            application/x-latex latex
            application/x-tex tex
            application/x-texinfo texi texinfo
            application/x-dvi dvi
            application/x-troff-man-src mansrc
            application/x-bittorrent torrent
            application/x-x509-ca-cert crt der
            application/x-pem-file pem
            application/pkcs10 p10
            application/pkcs7-mime p7c
            application/pkix-crl crl
            application/x-pkcs12 p12 pfx
            application/pgp-signature sig asc
            application/x-sql sql
            application/x-httpd-php php
            application/x-python-code pyc pyo
            application/x-debian-package udeb
            application/x-apple-diskimage smi
            application/x-msdownload com bat
            application/x-iso9660-image cdr
            application/x-cpio cpio
            application/x-shar shar
            application/x-sv4cpio sv4cpio
            application/x-ustar ustar
            application/x-hdf h5 hdf
            application/x-netcdf nc cdf
            application/mathematica nb
            application/vnd.google-earth.kml+xml kml
            application/vnd.google-earth.kmz kmz
            application/gpx+xml gpx
            application/geo+json geojson
            application/yaml yaml yml
            application/toml toml
            application/x-ndjson ndjson
            application/x-font-type1 pfa pfb
            application/vnd.ms-fontobject eot
            application/x-mpegURL m3u8
            application/dash+xml mpd
            application/mp4 mp4s
            application/ogg ogx
            application/smil+xml smil
            application/mathml+xml mathml
            application/x-director dcr dir dxr
            application/vnd.visio vsd
            application/vnd.ms-outlook msg
            application/x-ms-shortcut lnk
            application/x-msaccess mdb
            application/vnd.sqlite3 sqlite db3
            image/png png
            image/jpeg jpg jpeg jpe jfif
            image/gif gif
            image/webp webp
            image/avif avif
            image/svg+xml svg svgz
            image/x-icon ico
            image/bmp bmp
            image/tiff tif tiff
            image/heic heic
            image/heif heif
            image/jxl jxl
            image/apng apng
            image/vnd.microsoft.icon cur
            image/x-portable-anymap pnm
            image/x-portable-bitmap pbm
            image/x-portable-graymap pgm
            image/x-portable-pixmap ppm
            image/x-rgb rgb
            image/x-xbitmap xbm
            image/x-xpixmap xpm
            image/x-xwindowdump xwd
            image/x-cmu-raster ras
            image/vnd.adobe.photoshop psd
            image/x-tga tga
            image/ief ief
            audio/mpeg mp3 mpga mp2
            audio/ogg ogg oga spx opus
            audio/wav wav
            audio/x-flac flac
            audio/aac aac
            audio/mp4 m4a
            audio/webm weba
            audio/midi mid midi kar
            audio/basic au snd
            audio/x-aiff aif aiff aifc
            audio/x-mpegurl m3u
            audio/x-pn-realaudio ra ram
            audio/x-ms-wma wma
            audio/amr amr
            video/mp4 mp4 m4v mpg4
            video/mpeg mpeg mpg mpe
            video/webm webm
            video/ogg ogv
            video/quicktime mov qt
            video/x-msvideo avi
            video/x-matroska mkv
            video/x-flv flv
            video/x-ms-wmv wmv
            video/x-ms-asf asf asx
            video/3gpp 3gp
            video/3gpp2 3g2
            video/mp2t ts m2ts
            video/x-sgi-movie movie
            font/woff woff
            font/woff2 woff2
            font/ttf ttf
            font/otf otf
            font/collection ttc
            model/gltf+json gltf
            model/gltf-binary glb
            model/stl stl
            model/obj obj
            message/rfc822 eml mht mhtml nws
            """;
}
