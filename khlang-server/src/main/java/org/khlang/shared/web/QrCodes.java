package org.khlang.shared.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/** QR codes on pages (ZXing): the activation link, the sign-in secret. */
public final class QrCodes {

    private QrCodes() {
    }

    /** {@code text} as a QR code, drawn as SVG in a data URI so the page needs no image request. */
    public static String svgDataUri(String text) {
        try {
            BitMatrix matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 2));
            StringBuilder svg = new StringBuilder("<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 ")
                    .append(matrix.getWidth()).append(' ').append(matrix.getHeight())
                    .append("' shape-rendering='crispEdges'><rect width='100%' height='100%' fill='#fff'/><path d='");
            for (int y = 0; y < matrix.getHeight(); y++) {
                for (int x = 0; x < matrix.getWidth(); x++) {
                    if (matrix.get(x, y)) {
                        svg.append('M').append(x).append(' ').append(y).append("h1v1h-1z");
                    }
                }
            }
            svg.append("' fill='#000'/></svg>");
            return "data:image/svg+xml;base64,"
                    + Base64.getEncoder().encodeToString(svg.toString().getBytes(StandardCharsets.UTF_8));
        } catch (WriterException exception) {
            throw new IllegalStateException("cannot draw the QR code", exception);
        }
    }
}
