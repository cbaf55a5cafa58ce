/** Shared kernel: value objects (citizen ID, baht), errors, CSV, paging, reports and web conventions every module uses. */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package org.khlang.shared;

import org.springframework.modulith.ApplicationModule;
