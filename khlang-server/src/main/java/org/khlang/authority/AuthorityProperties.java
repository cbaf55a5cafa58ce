package org.khlang.authority;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of the authority module.
 *
 * @param importMaxRows  most data rows one agency CSV may hold (all agencies of the country fit)
 * @param importMaxBytes largest CSV file accepted
 * @param orderFileMaxBytes largest appointment order file (PDF) accepted
 */
@ConfigurationProperties("khlang.authority")
public record AuthorityProperties(@DefaultValue("20000") int importMaxRows,
                                  @DefaultValue("10485760") long importMaxBytes,
                                  @DefaultValue("10485760") int orderFileMaxBytes) {
}
