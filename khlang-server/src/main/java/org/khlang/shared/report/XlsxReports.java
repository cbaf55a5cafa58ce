package org.khlang.shared.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/** Writes a report table as an XLSX workbook: amounts as numbers with two decimals, so a spreadsheet can add them. */
public final class XlsxReports {

    private XlsxReports() {
    }

    public static byte[] write(ReportTable table) {
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(200)) {
            Sheet sheet = workbook.createSheet("report");
            Font bold = workbook.createFont();
            bold.setBold(true);
            CellStyle title = workbook.createCellStyle();
            Font big = workbook.createFont();
            big.setBold(true);
            big.setFontHeightInPoints((short) 14);
            title.setFont(big);
            CellStyle header = workbook.createCellStyle();
            header.setFont(bold);
            header.setBorderBottom(BorderStyle.THIN);
            CellStyle money = workbook.createCellStyle();
            money.setDataFormat(workbook.createDataFormat().getFormat("#,##0.00"));
            CellStyle moneyBold = workbook.createCellStyle();
            moneyBold.cloneStyleFrom(money);
            moneyBold.setFont(bold);
            moneyBold.setBorderTop(BorderStyle.THIN);

            int r = 0;
            sheet.createRow(r++).createCell(0).setCellValue(table.title());
            sheet.getRow(0).getCell(0).setCellStyle(title);
            for (String line : table.subtitle()) {
                sheet.createRow(r++).createCell(0).setCellValue(line);
            }
            r++;
            Row headers = sheet.createRow(r++);
            for (int c = 0; c < table.columns().size(); c++) {
                Cell cell = headers.createCell(c);
                cell.setCellValue(table.columns().get(c).header());
                cell.setCellStyle(header);
            }
            for (List<Object> values : table.rows()) {
                write(sheet.createRow(r++), values, money, null);
            }
            if (table.totals() != null) {
                write(sheet.createRow(r++), table.totals(), moneyBold, header);
            }
            r++;
            sheet.createRow(r).createCell(0).setCellValue(table.generatedBy());
            for (int c = 0; c < table.columns().size(); c++) {
                sheet.setColumnWidth(c, table.columns().get(c).amount() ? 16 * 256 : 28 * 256);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            workbook.write(bytes);
            workbook.dispose();
            return bytes.toByteArray();
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }

    private static void write(Row row, List<Object> values, CellStyle money, CellStyle text) {
        for (int c = 0; c < values.size(); c++) {
            Object value = values.get(c);
            if (value == null) {
                continue;
            }
            Cell cell = row.createCell(c);
            if (value instanceof BigDecimal amount) {
                cell.setCellValue(amount.doubleValue());
                cell.setCellStyle(money);
            } else if (value instanceof Number number) {
                cell.setCellValue(number.doubleValue());
            } else {
                cell.setCellValue(value.toString());
                if (text != null) {
                    cell.setCellStyle(text);
                }
            }
        }
    }
}
