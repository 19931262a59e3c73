package io.healthagent.instrumentation.weaver;

import java.util.Arrays;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/** A method as its class file declares it: what method matchers look at. */
public final class MethodView implements Named {
    private final String name;
    private final String descriptor;
    private final int access;
    private List<Named> arguments;

    public MethodView(String name, String descriptor, int access) {
        this.name = name;
        this.descriptor = descriptor;
        this.access = access;
    }

    @Override
    public String name() {
        return name;
    }

    public String descriptor() {
        return descriptor;
    }

    public boolean isConstructor() {
        return "<init>".equals(name);
    }

    public boolean isStatic() {
        return (access & Opcodes.ACC_STATIC) != 0;
    }

    public boolean isAbstract() {
        return (access & Opcodes.ACC_ABSTRACT) != 0;
    }

    /** The types of its parameters, by name ({@code int}, {@code java.lang.String}, {@code byte[]}). */
    public List<Named> arguments() {
        if (arguments == null) {
            Type[] types = Type.getArgumentTypes(descriptor);
            Named[] names = new Named[types.length];
            for (int i = 0; i < types.length; i++) {
                String typeName = types[i].getClassName();
                names[i] = () -> typeName;
            }
            arguments = Arrays.asList(names);
        }
        return arguments;
    }

    @Override
    public String toString() {
        return name + descriptor;
    }
}
