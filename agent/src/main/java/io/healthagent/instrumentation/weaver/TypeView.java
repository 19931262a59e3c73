package io.healthagent.instrumentation.weaver;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * A type as type matchers see it: its name, its modifiers, the methods it declares and its direct super
 * types. Nothing here loads a class: a type being loaded is read from its class file, its super types from
 * their class files (found as resources of its loader), and a type already loaded from its {@code Class}.
 */
public abstract class TypeView implements Named {
    private final String name;

    TypeView(String name) {
        this.name = name;
    }

    @Override
    public final String name() {
        return name;
    }

    public abstract boolean isInterface();

    public abstract boolean isSynthetic();

    /**
     * The methods it declares, or null when they are not known without loading classes: a type already
     * loaded is chosen by name and super types, and its methods matched once the JVM hands over its bytes.
     */
    public abstract List<MethodView> declaredMethods();

    /** Its super class and interfaces, those that can be found. */
    public abstract List<TypeView> superTypes();

    @Override
    public String toString() {
        return name;
    }

    /** A type from its class file; its super types are looked up in {@code loader}'s resources. */
    public static TypeView of(byte[] classFile, ClassLoader loader) {
        return new FromClassFile(new ClassReader(classFile), loader, null);
    }

    /** A class handed back for retransformation: its methods from its class file, its super types from it. */
    static TypeView of(byte[] classFile, Class<?> loaded) {
        return new FromClassFile(new ClassReader(classFile), loaded.getClassLoader(), loaded);
    }

    /** A type already loaded. */
    public static TypeView of(Class<?> type) {
        return new FromLoadedClass(type);
    }

    private static final class FromClassFile extends TypeView {
        private final ClassReader reader;
        private final ClassLoader loader;
        private final Class<?> loaded;
        private List<MethodView> methods;
        private List<TypeView> superTypes;

        FromClassFile(ClassReader reader, ClassLoader loader, Class<?> loaded) {
            super(reader.getClassName().replace('/', '.'));
            this.reader = reader;
            this.loader = loader;
            this.loaded = loaded;
        }

        @Override
        public boolean isInterface() {
            return (reader.getAccess() & Opcodes.ACC_INTERFACE) != 0;
        }

        @Override
        public boolean isSynthetic() {
            return (reader.getAccess() & Opcodes.ACC_SYNTHETIC) != 0;
        }

        @Override
        public List<MethodView> declaredMethods() {
            if (methods == null) {
                List<MethodView> found = new ArrayList<>();
                reader.accept(new ClassVisitor(Opcodes.ASM9) {
                    @Override
                    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                                     String[] exceptions) {
                        found.add(new MethodView(name, descriptor, access));
                        return null;
                    }
                }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
                methods = found;
            }
            return methods;
        }

        @Override
        public List<TypeView> superTypes() {
            if (superTypes == null && loaded != null) {
                superTypes = new FromLoadedClass(loaded).superTypes(); // no class file to look for
            }
            if (superTypes == null) {
                List<TypeView> found = new ArrayList<>();
                String superName = reader.getSuperName();
                if (superName != null) {
                    addResolved(found, superName);
                }
                for (String itf : reader.getInterfaces()) {
                    addResolved(found, itf);
                }
                superTypes = found;
            }
            return superTypes;
        }

        private void addResolved(List<TypeView> found, String internalName) {
            // The JDK's own types never extend a server's: their names are enough, their files are not read.
            if (internalName.startsWith("java/")) {
                found.add(new NameOnly(internalName.replace('/', '.')));
                return;
            }
            byte[] bytes = read(loader, internalName);
            if (bytes != null) {
                found.add(new FromClassFile(new ClassReader(bytes), loader, null));
            }
        }
    }

    /** A class file from a loader's resources, or null. */
    static byte[] read(ClassLoader loader, String internalName) {
        String resource = internalName + ".class";
        try (InputStream in = loader == null ? ClassLoader.getSystemResourceAsStream(resource)
                : loader.getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static final class FromLoadedClass extends TypeView {
        private final Class<?> type;
        private List<TypeView> superTypes;

        FromLoadedClass(Class<?> type) {
            super(type.getName());
            this.type = type;
        }

        @Override
        public boolean isInterface() {
            return type.isInterface();
        }

        @Override
        public boolean isSynthetic() {
            return type.isSynthetic();
        }

        @Override
        public List<MethodView> declaredMethods() {
            return null;
        }

        @Override
        public List<TypeView> superTypes() {
            if (superTypes == null) {
                List<TypeView> found = new ArrayList<>();
                if (type.getSuperclass() != null) {
                    found.add(new FromLoadedClass(type.getSuperclass()));
                }
                for (Class<?> itf : type.getInterfaces()) {
                    found.add(new FromLoadedClass(itf));
                }
                superTypes = found;
            }
            return superTypes;
        }
    }

    /** A type known by name only (the JDK's own, as a super type). */
    private static final class NameOnly extends TypeView {
        NameOnly(String name) {
            super(name);
        }

        @Override
        public boolean isInterface() {
            return false;
        }

        @Override
        public boolean isSynthetic() {
            return false;
        }

        @Override
        public List<MethodView> declaredMethods() {
            return Collections.emptyList();
        }

        @Override
        public List<TypeView> superTypes() {
            return Collections.emptyList();
        }
    }

}
