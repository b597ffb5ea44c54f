/** Implementation details of the engine; not exported. */
package dev.retort.engine.internal;
