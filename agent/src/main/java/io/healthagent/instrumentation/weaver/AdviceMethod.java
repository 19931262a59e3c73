package io.healthagent.instrumentation.weaver;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * One advice method as its class file says: enter or exit, what each parameter is bound to, how many locals
 * and how much stack its code needs. Read once when a module's rules are built (so a malformed advice fails
 * there, in one line); its code is read again from the agent's jar each time it is copied into a method.
 */
final class AdviceMethod {
    enum Binding { THIS, ARGUMENT, ALL_ARGUMENTS, ENTER, RETURN, THROWN, FIELD }

    private static final String ADVICE = Type.getInternalName(Advice.class);
    private static final String ENTER_ANNOTATION = "L" + ADVICE + "$OnMethodEnter;";
    private static final String EXIT_ANNOTATION = "L" + ADVICE + "$OnMethodExit;";
    private static final String NO_EXCEPTION = "L" + ADVICE + "$NoException;";

    final String adviceClass; // internal name
    final String name;
    final String descriptor;
    final boolean enter;
    boolean suppress;
    boolean onThrowable;
    final Binding[] bindings;
    final int[] argumentIndexes;
    final String[] fieldNames;
    final Type[] parameterTypes;
    final int parameterSlots;
    int maxLocals;
    int maxStack;

    private AdviceMethod(String adviceClass, String name, String descriptor, boolean enter) {
        this.adviceClass = adviceClass;
        this.name = name;
        this.descriptor = descriptor;
        this.enter = enter;
        this.parameterTypes = Type.getArgumentTypes(descriptor);
        this.bindings = new Binding[parameterTypes.length];
        this.argumentIndexes = new int[parameterTypes.length];
        this.fieldNames = new String[parameterTypes.length];
        int slots = 0;
        for (Type t : parameterTypes) {
            slots += t.getSize();
        }
        this.parameterSlots = slots;
    }

    Type returnType() {
        return Type.getReturnType(descriptor);
    }

    /** The parameter that occupies {@code slot}, or -1 for an advice local. */
    int parameterAt(int slot) {
        int s = 0;
        for (int i = 0; i < parameterTypes.length; i++) {
            if (slot == s) {
                return i;
            }
            s += parameterTypes[i].getSize();
        }
        return -1;
    }

    /** The class file of {@code adviceClass}, from the agent's loader. */
    static byte[] classFile(ClassLoader agentLoader, String adviceClass) {
        byte[] bytes = TypeView.read(agentLoader, adviceClass);
        if (bytes == null) {
            throw new IllegalStateException("advice class " + adviceClass.replace('/', '.') + " not found");
        }
        return bytes;
    }

    /** The enter and exit methods of an advice class (either may be missing, not both). */
    static List<AdviceMethod> readAll(ClassLoader agentLoader, String adviceClassName) {
        String internal = adviceClassName.replace('.', '/');
        List<AdviceMethod> found = new ArrayList<>();
        new ClassReader(classFile(agentLoader, internal)).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    AdviceMethod method;

                    @Override
                    public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
                        if (!ENTER_ANNOTATION.equals(annotation) && !EXIT_ANNOTATION.equals(annotation)) {
                            return null;
                        }
                        if ((access & Opcodes.ACC_STATIC) == 0) {
                            throw new IllegalStateException("advice method " + name + " is not static");
                        }
                        method = new AdviceMethod(internal, name, descriptor, ENTER_ANNOTATION.equals(annotation));
                        found.add(method);
                        return new AnnotationVisitor(Opcodes.ASM9) {
                            @Override
                            public void visit(String key, Object value) {
                                boolean set = !NO_EXCEPTION.equals(((Type) value).getDescriptor());
                                if ("suppress".equals(key)) {
                                    method.suppress = set;
                                } else if ("onThrowable".equals(key)) {
                                    method.onThrowable = set;
                                }
                            }
                        };
                    }

                    @Override
                    public AnnotationVisitor visitParameterAnnotation(int parameter, String annotation, boolean visible) {
                        if (method == null || !annotation.startsWith("L" + ADVICE + "$")) {
                            return null;
                        }
                        String kind = annotation.substring(ADVICE.length() + 2, annotation.length() - 1);
                        switch (kind) {
                            case "This": method.bindings[parameter] = Binding.THIS; return null;
                            case "AllArguments": method.bindings[parameter] = Binding.ALL_ARGUMENTS; return null;
                            case "Enter": method.bindings[parameter] = Binding.ENTER; return null;
                            case "Return": method.bindings[parameter] = Binding.RETURN; return null;
                            case "Thrown": method.bindings[parameter] = Binding.THROWN; return null;
                            case "Argument": method.bindings[parameter] = Binding.ARGUMENT; break;
                            case "FieldValue": method.bindings[parameter] = Binding.FIELD; break;
                            default: throw new IllegalStateException("unknown advice annotation " + kind);
                        }
                        return new AnnotationVisitor(Opcodes.ASM9) {
                            @Override
                            public void visit(String key, Object value) {
                                if (value instanceof Integer) {
                                    method.argumentIndexes[parameter] = (Integer) value;
                                } else {
                                    method.fieldNames[parameter] = (String) value;
                                }
                            }
                        };
                    }

                    @Override
                    public void visitMaxs(int maxStack, int maxLocals) {
                        if (method != null) {
                            method.maxStack = maxStack;
                            method.maxLocals = maxLocals;
                        }
                    }

                    @Override
                    public void visitEnd() {
                        if (method == null) {
                            return;
                        }
                        for (int i = 0; i < method.bindings.length; i++) {
                            if (method.bindings[i] == null) {
                                throw new IllegalStateException("parameter " + i + " of advice method "
                                        + method.name + " has no binding");
                            }
                        }
                        if (!method.enter && method.returnType().getSort() != Type.VOID) {
                            throw new IllegalStateException("exit advice " + method.name + " returns a value");
                        }
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        if (found.isEmpty()) {
            throw new IllegalStateException(adviceClassName + " has no advice method");
        }
        return found;
    }

    @Override
    public String toString() {
        return adviceClass.replace('/', '.') + "." + name;
    }
}
