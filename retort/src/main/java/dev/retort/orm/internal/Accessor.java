package dev.retort.orm.internal;

import dev.retort.error.ArgumentException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Type;

/**
 * Reads and writes one field of a mapped class through method handles (no reflection per call, no
 * bytecode changes). Records have a reader only.
 */
public final class Accessor {
  private static final MethodType GETTER = MethodType.methodType(Object.class, Object.class);
  private static final MethodType SETTER =
      MethodType.methodType(void.class, Object.class, Object.class);

  private final Class<?> owner;
  private final String name;
  private final Class<?> type;
  private final Type genericType;
  private final MethodHandle getter;
  private final MethodHandle setter;

  private Accessor(
      Class<?> owner,
      String name,
      Class<?> type,
      Type genericType,
      MethodHandle getter,
      MethodHandle setter) {
    this.owner = owner;
    this.name = name;
    this.type = type;
    this.genericType = genericType;
    this.getter = getter;
    this.setter = setter;
  }

  /** The lookup that may touch the private members of {@code type}. */
  static MethodHandles.Lookup lookupFor(Class<?> type) {
    try {
      return MethodHandles.privateLookupIn(type, MethodHandles.lookup());
    } catch (IllegalAccessException e) {
      throw new ArgumentException(
          "Retort cannot access the fields of "
              + type.getName()
              + ": open its package to the dev.retort module (in module-info.java: opens "
              + type.getPackageName()
              + " to dev.retort;)",
          e);
    }
  }

  /** An accessor for a field. */
  static Accessor of(MethodHandles.Lookup lookup, Field field) {
    try {
      return new Accessor(
          field.getDeclaringClass(),
          field.getName(),
          field.getType(),
          field.getGenericType(),
          lookup.unreflectGetter(field).asType(GETTER),
          java.lang.reflect.Modifier.isFinal(field.getModifiers())
              ? null
              : lookup.unreflectSetter(field).asType(SETTER));
    } catch (IllegalAccessException e) {
      throw new ArgumentException(
          "Retort cannot access field " + field + "; open its package to dev.retort", e);
    }
  }

  /** A read-only accessor for a record component. */
  static Accessor ofRecordComponent(MethodHandles.Lookup lookup, Method accessor) {
    try {
      return new Accessor(
          accessor.getDeclaringClass(),
          accessor.getName(),
          accessor.getReturnType(),
          accessor.getGenericReturnType(),
          lookup.unreflect(accessor).asType(GETTER),
          null);
    } catch (IllegalAccessException e) {
      throw new ArgumentException("Retort cannot access " + accessor, e);
    }
  }

  /** The field's name. */
  public String name() {
    return name;
  }

  /** The field's declared class. */
  public Class<?> type() {
    return type;
  }

  /** The field's declared generic type. */
  Type genericType() {
    return genericType;
  }

  /** The getter as {@code (Object)Object}. */
  MethodHandle getterHandle() {
    return getter;
  }

  /** The setter as {@code (Object, Object)void}, or null for a final field or a record. */
  MethodHandle setterHandle() {
    return setter;
  }

  /** The field's value on {@code target}. */
  public Object get(Object target) {
    try {
      return (Object) getter.invokeExact(target);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /**
   * Sets the field on {@code target}.
   *
   * @throws ArgumentException when a null goes into a primitive field
   */
  public void set(Object target, Object value) {
    if (setter == null) {
      throw new ArgumentException(
          owner.getName() + "." + name + " is final (or a record component) and cannot be set");
    }
    if (value == null && type.isPrimitive()) {
      throw new ArgumentException(
          "Cannot put NULL into the primitive field "
              + owner.getSimpleName()
              + "."
              + name
              + "; declare it as "
              + MethodType.methodType(type).wrap().returnType().getSimpleName());
    }
    try {
      setter.invokeExact(target, value);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  @Override
  public String toString() {
    return owner.getSimpleName() + "." + name;
  }
}
