package org.khlang.shared.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.khlang.shared.ImportReport;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * An import report leaving the API names each bad row's problem in Thai and English ({@code message_th},
 * {@code message_en}) beside its code, as problem details do, so that a clerk's tool can show it as it is.
 */
@ControllerAdvice(annotations = ApiController.class)
class ImportReportAdvice implements ResponseBodyAdvice<Object> {

    private final Messages messages;

    ImportReportAdvice(Messages messages) {
        this.messages = messages;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
                                  ServerHttpResponse response) {
        if (!(body instanceof ImportReport<?> report)) {
            return body;
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("rowsRead", report.rowsRead());
        view.put("imported", report.imported());
        List<Map<String, Object>> errors = report.errors().stream().map(error -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("line", error.line());
            row.put("column", error.column());
            row.put("code", error.code());
            row.put("arguments", error.arguments());
            row.put("message_th", messages.thai("problem." + error.code(), error.arguments().toArray()));
            row.put("message_en", messages.english("problem." + error.code(), error.arguments().toArray()));
            return row;
        }).toList();
        view.put("errors", errors);
        view.put("results", report.results());
        if (!report.imported()) {
            view.put("message_th", messages.thai("import.refused", report.rowsRead(), report.errors().size()));
            view.put("message_en", messages.english("import.refused", report.rowsRead(), report.errors().size()));
        }
        return view;
    }
}
