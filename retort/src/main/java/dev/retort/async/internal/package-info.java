/** Implementation details of the async layer; not exported. */
package dev.retort.async.internal;
