/** Shared kernel: value objects, errors, CSV, paging and web conventions that every module uses. */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package org.khlang.shared;

import org.springframework.modulith.ApplicationModule;
