/** Implementation details of the dialects; not exported. */
package dev.retort.dialect.internal;
