package io.healthagent.instrumentation.weaver;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.Attribute;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.TypePath;

/**
 * Copies one advice class's enter and exit code into one method, the way a hand-written try/finally would
 * read. The advice's own locals, and the values the two halves share (what enter returned, the return value,
 * what was thrown), get slots right after the method's arguments; the method's own locals move up by as
 * many. So every stack map frame of the method stays valid once those slots are inserted into it, and the
 * frames of the inserted code are written here from types known without loading any class: nothing is
 * recomputed, nothing resolved.
 *
 * <pre>
 *   [enter advice; its returns jump to its end]  (suppress: a handler that drops what it throws)
 *   tryStart: the method's code, each return storing its value and jumping to exit
 *   tryEnd / handler (onThrowable): store the throwable, a zero return value, fall into exit
 *   exit: [exit advice]; rethrow what was thrown, else return the stored value
 * </pre>
 */
final class MethodWeaver extends MethodVisitor {
    private static final String THROWABLE = "java/lang/Throwable";

    private final String owner;
    private final WovenTypes types;
    private final int classVersion;
    private final boolean frames;
    private final byte[] adviceClassFile;
    private final AdviceMethod enter;
    private final AdviceMethod exit;
    private final boolean isStatic;
    private final boolean isConstructor;
    private final Type[] argumentTypes;
    private final int[] argumentSlots;
    private final int argumentsSize;
    private final Type returnType;
    private final Type enterType;
    private final int enterSlot;
    private final int returnSlot;
    private final int thrownSlot;
    private final int adviceLocals;
    private final int shift;
    private final Label tryStart = new Label();
    private final Label exitLabel = new Label();

    MethodWeaver(MethodVisitor next, String owner, WovenTypes types, int classVersion, int access, String name,
                 String descriptor, byte[] adviceClassFile, AdviceMethod enter, AdviceMethod exit) {
        super(Opcodes.ASM9, next);
        this.owner = owner;
        this.types = types;
        this.classVersion = classVersion & 0xFFFF;
        // Before Java 6 class files had no stack map frames; the JVM infers types for them.
        this.frames = this.classVersion >= Opcodes.V1_6;
        this.adviceClassFile = adviceClassFile;
        this.enter = enter;
        this.exit = exit;
        this.isStatic = (access & Opcodes.ACC_STATIC) != 0;
        this.isConstructor = "<init>".equals(name);
        if (isConstructor && exit != null && exit.onThrowable) {
            throw new IllegalStateException("exit advice onThrowable cannot wrap a constructor");
        }
        this.argumentTypes = Type.getArgumentTypes(descriptor);
        this.returnType = Type.getReturnType(descriptor);
        this.argumentSlots = new int[argumentTypes.length];
        int slot = isStatic ? 0 : 1;
        for (int i = 0; i < argumentTypes.length; i++) {
            argumentSlots[i] = slot;
            slot += argumentTypes[i].getSize();
        }
        this.argumentsSize = slot;
        this.enterType = enter == null ? Type.VOID_TYPE : enter.returnType();
        this.enterSlot = enterType.getSort() == Type.VOID ? -1 : slot;
        slot += enterType.getSize();
        this.returnSlot = exit == null || returnType.getSort() == Type.VOID ? -1 : slot;
        slot += returnSlot < 0 ? 0 : returnType.getSize();
        this.thrownSlot = exit != null && exit.onThrowable ? slot : -1;
        slot += thrownSlot < 0 ? 0 : 1;
        int locals = 0;
        for (AdviceMethod advice : new AdviceMethod[] {enter, exit}) {
            if (advice != null) {
                locals = Math.max(locals, advice.maxLocals - advice.parameterSlots);
            }
        }
        this.adviceLocals = locals;
        this.shift = slot + locals - argumentsSize;
        if (enter != null) {
            checkBindings(enter, true);
        }
        if (exit != null) {
            checkBindings(exit, false);
        }
    }

    /** Refuses advice whose parameters this method cannot give (the verifier would refuse the whole class). */
    private void checkBindings(AdviceMethod advice, boolean enterContext) {
        for (int p = 0; p < advice.bindings.length; p++) {
            Type declared = advice.parameterTypes[p];
            switch (advice.bindings[p]) {
                case THIS:
                    if (isStatic || (isConstructor && enterContext)) {
                        throw new IllegalStateException(advice + ": no @This here");
                    }
                    check(advice, declared, Type.getObjectType(owner));
                    break;
                case ARGUMENT: {
                    int index = advice.argumentIndexes[p];
                    if (index >= argumentTypes.length) {
                        throw new IllegalStateException(advice + ": the method has no argument " + index);
                    }
                    check(advice, declared, argumentTypes[index]);
                    break;
                }
                case ALL_ARGUMENTS:
                    check(advice, declared, Type.getType(Object[].class));
                    break;
                case ENTER:
                    if (enterContext || enterSlot < 0) {
                        throw new IllegalStateException(advice + ": no enter value to read");
                    }
                    check(advice, declared, enterType);
                    break;
                case RETURN:
                    if (enterContext) {
                        throw new IllegalStateException(advice + ": no return value to read");
                    }
                    if (returnSlot >= 0) {
                        check(advice, declared, returnType);
                    }
                    break;
                case THROWN:
                    if (enterContext || thrownSlot < 0) {
                        throw new IllegalStateException(advice + ": @Thrown needs onThrowable");
                    }
                    check(advice, declared, Type.getObjectType(THROWABLE));
                    break;
                case FIELD: {
                    String field = advice.fieldNames[p];
                    String fieldDescriptor = isStatic ? null : types.fieldDescriptor(field);
                    if (fieldDescriptor == null) {
                        throw new IllegalStateException(advice + ": no field " + field + " in " + owner);
                    }
                    check(advice, declared, Type.getType(fieldDescriptor));
                    break;
                }
                default:
                    throw new IllegalStateException(String.valueOf(advice.bindings[p]));
            }
        }
    }

    /**
     * A parameter reads a value it can hold: the same primitive, or a reference of its type or a subtype
     * (checked from class files).
     */
    private void check(AdviceMethod advice, Type declared, Type actual) {
        boolean declaredReference = declared.getSort() >= Type.ARRAY;
        boolean actualReference = actual.getSort() >= Type.ARRAY;
        if (declaredReference != actualReference || (!declaredReference && declared.getSort() != actual.getSort())
                || (declaredReference && !types.assignable(actual.getInternalName(), declared.getInternalName()))) {
            throw new IllegalStateException(advice + " reads a " + actual.getClassName() + " as a "
                    + declared.getClassName());
        }
    }

    // ---- the method's own code, its locals moved up by the inserted slots ----

    @Override
    public void visitCode() {
        super.visitCode();
        if (enter != null) {
            copyAdvice(enter, true);
            mv.visitInsn(Opcodes.NOP); // the method's own first frame may sit at its first instruction
        }
        if (thrownSlot >= 0) {
            mv.visitLabel(tryStart);
        }
    }

    private int moved(int slot) {
        return slot >= argumentsSize ? slot + shift : slot;
    }

    @Override
    public void visitVarInsn(int opcode, int slot) {
        super.visitVarInsn(opcode, moved(slot));
    }

    @Override
    public void visitIincInsn(int slot, int increment) {
        super.visitIincInsn(moved(slot), increment);
    }

    @Override
    public void visitLocalVariable(String name, String descriptor, String signature, Label start, Label end, int slot) {
        super.visitLocalVariable(name, descriptor, signature, start, end, moved(slot));
    }

    @Override
    public AnnotationVisitor visitLocalVariableAnnotation(int typeRef, TypePath path,
            Label[] start, Label[] end, int[] slots, String descriptor, boolean visible) {
        int[] movedSlots = new int[slots.length];
        for (int i = 0; i < slots.length; i++) {
            movedSlots[i] = moved(slots[i]);
        }
        return super.visitLocalVariableAnnotation(typeRef, path, start, end, movedSlots, descriptor, visible);
    }

    @Override
    public void visitFrame(int type, int localCount, Object[] locals, int stackCount, Object[] stack) {
        if (type != Opcodes.F_NEW) {
            throw new IllegalStateException("frames must be expanded");
        }
        List<Object> moved = new ArrayList<>();
        int slots = 0;
        int i = 0;
        for (; i < localCount && slots < argumentsSize; i++) {
            moved.add(locals[i]);
            slots += size(locals[i]);
        }
        for (; slots < argumentsSize; slots++) {
            moved.add(Opcodes.TOP);
        }
        addShared(moved, true, false, false);
        for (int k = 0; k < adviceLocals; k++) {
            moved.add(Opcodes.TOP);
        }
        for (; i < localCount; i++) {
            moved.add(locals[i]);
        }
        super.visitFrame(Opcodes.F_NEW, moved.size(), moved.toArray(), stackCount, stack);
    }

    @Override
    public void visitInsn(int opcode) {
        if (exit != null && opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
            if (returnSlot >= 0) {
                mv.visitVarInsn(returnType.getOpcode(Opcodes.ISTORE), returnSlot);
            }
            if (thrownSlot >= 0) {
                mv.visitInsn(Opcodes.ACONST_NULL);
                mv.visitVarInsn(Opcodes.ASTORE, thrownSlot);
            }
            mv.visitJumpInsn(Opcodes.GOTO, exitLabel);
            return;
        }
        super.visitInsn(opcode);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        if (exit != null) {
            if (thrownSlot >= 0) {
                Label tryEnd = new Label();
                Label handler = new Label();
                mv.visitLabel(tryEnd);
                mv.visitTryCatchBlock(tryStart, tryEnd, handler, THROWABLE);
                mv.visitLabel(handler);
                frame(false, true, false, false, THROWABLE);
                mv.visitVarInsn(Opcodes.ASTORE, thrownSlot);
                if (returnSlot >= 0) {
                    pushZero(returnType);
                    mv.visitVarInsn(returnType.getOpcode(Opcodes.ISTORE), returnSlot);
                }
            }
            mv.visitLabel(exitLabel);
            frame(false, true, true, true, null);
            copyAdvice(exit, false);
            if (thrownSlot >= 0) {
                Label none = new Label();
                mv.visitVarInsn(Opcodes.ALOAD, thrownSlot);
                mv.visitJumpInsn(Opcodes.IFNULL, none);
                mv.visitVarInsn(Opcodes.ALOAD, thrownSlot);
                mv.visitInsn(Opcodes.ATHROW);
                mv.visitLabel(none);
                frame(false, true, true, true, null);
            }
            if (returnSlot >= 0) {
                mv.visitVarInsn(returnType.getOpcode(Opcodes.ILOAD), returnSlot);
            }
            mv.visitInsn(returnType.getOpcode(Opcodes.IRETURN));
        }
        int adviceStack = 0;
        for (AdviceMethod advice : new AdviceMethod[] {enter, exit}) {
            if (advice != null) {
                adviceStack = Math.max(adviceStack, advice.maxStack);
            }
        }
        super.visitMaxs(Math.max(maxStack, Math.max(adviceStack + 4, returnType.getSize() + 1)), maxLocals + shift);
    }

    // ---- frames of the inserted code ----

    private static int size(Object frameType) {
        return frameType == Opcodes.LONG || frameType == Opcodes.DOUBLE ? 2 : 1;
    }

    private static Object frameType(Type type) {
        switch (type.getSort()) {
            case Type.BOOLEAN: case Type.CHAR: case Type.BYTE: case Type.SHORT: case Type.INT:
                return Opcodes.INTEGER;
            case Type.FLOAT:
                return Opcodes.FLOAT;
            case Type.LONG:
                return Opcodes.LONG;
            case Type.DOUBLE:
                return Opcodes.DOUBLE;
            default:
                return type.getInternalName();
        }
    }

    /** {@code this} and the arguments, as declared. */
    private List<Object> argumentLocals(boolean enterContext) {
        List<Object> locals = new ArrayList<>();
        if (!isStatic) {
            locals.add(isConstructor && enterContext ? Opcodes.UNINITIALIZED_THIS : owner);
        }
        for (Type t : argumentTypes) {
            locals.add(frameType(t));
        }
        return locals;
    }

    /** The shared slots: each holds its value once set, nothing (TOP) before. */
    private void addShared(List<Object> locals, boolean enterSet, boolean returnSet, boolean thrownSet) {
        addSlot(locals, enterSlot, enterType, enterSet);
        addSlot(locals, returnSlot, returnType, returnSet);
        addSlot(locals, thrownSlot, Type.getObjectType(THROWABLE), thrownSet);
    }

    private static void addSlot(List<Object> locals, int slot, Type type, boolean set) {
        if (slot < 0) {
            return;
        }
        if (set) {
            locals.add(frameType(type));
        } else {
            for (int k = 0; k < type.getSize(); k++) {
                locals.add(Opcodes.TOP);
            }
        }
    }

    private void frame(boolean enterContext, boolean enterSet, boolean returnSet, boolean thrownSet, String onStack) {
        if (!frames) {
            return;
        }
        List<Object> locals = argumentLocals(enterContext);
        addShared(locals, enterSet, returnSet, thrownSet);
        Object[] stack = onStack == null ? new Object[0] : new Object[] {onStack};
        mv.visitFrame(Opcodes.F_NEW, locals.size(), locals.toArray(), stack.length, stack);
    }

    // ---- the advice's code, copied ----

    private void copyAdvice(AdviceMethod advice, boolean enterContext) {
        Label start = new Label();
        Label codeEnd = new Label();
        Label end = new Label();
        mv.visitLabel(start);
        new ClassReader(adviceClassFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                return name.equals(advice.name) && descriptor.equals(advice.descriptor)
                        ? new AdviceCopier(advice, enterContext, end) : null;
            }
        }, ClassReader.SKIP_DEBUG | (frames ? ClassReader.EXPAND_FRAMES : ClassReader.SKIP_FRAMES));
        mv.visitLabel(codeEnd);
        if (advice.suppress) {
            // Registered after the advice's own handlers, so that those catch first.
            Label handler = new Label();
            mv.visitTryCatchBlock(start, codeEnd, handler, THROWABLE);
            mv.visitLabel(handler);
            frame(enterContext, !enterContext, !enterContext, !enterContext, THROWABLE);
            mv.visitInsn(Opcodes.POP);
            if (enterContext && enterSlot >= 0) {
                pushZero(enterType);
                mv.visitVarInsn(enterType.getOpcode(Opcodes.ISTORE), enterSlot);
            }
        }
        mv.visitLabel(end);
        frame(enterContext, true, !enterContext, !enterContext, null);
    }

    private void pushZero(Type type) {
        switch (type.getSort()) {
            case Type.LONG: mv.visitInsn(Opcodes.LCONST_0); break;
            case Type.FLOAT: mv.visitInsn(Opcodes.FCONST_0); break;
            case Type.DOUBLE: mv.visitInsn(Opcodes.DCONST_0); break;
            case Type.OBJECT: case Type.ARRAY: mv.visitInsn(Opcodes.ACONST_NULL); break;
            default: mv.visitInsn(Opcodes.ICONST_0);
        }
    }

    /** Receives the advice method's code as the advice class file has it and writes it into the method. */
    private final class AdviceCopier extends MethodVisitor {
        private final AdviceMethod advice;
        private final boolean enterContext;
        private final Label end;
        private final int localsBase;

        AdviceCopier(AdviceMethod advice, boolean enterContext, Label end) {
            super(Opcodes.ASM9, MethodWeaver.this.mv);
            this.advice = advice;
            this.enterContext = enterContext;
            this.end = end;
            this.localsBase = argumentsSize + shift - adviceLocals;
        }

        // What belongs to the advice method as a method, not to its code, stays behind.
        @Override public void visitParameter(String name, int access) { }
        @Override public AnnotationVisitor visitAnnotationDefault() { return null; }
        @Override public AnnotationVisitor visitAnnotation(String d, boolean v) { return null; }
        @Override public void visitAnnotableParameterCount(int count, boolean visible) { }
        @Override public AnnotationVisitor visitParameterAnnotation(int p, String d, boolean v) { return null; }
        @Override public AnnotationVisitor visitTypeAnnotation(int r, TypePath p,
                String d, boolean v) { return null; }
        @Override public void visitAttribute(Attribute attribute) { }
        @Override public void visitCode() { }
        @Override public void visitMaxs(int maxStack, int maxLocals) { }
        @Override public void visitEnd() { }

        @Override
        public void visitVarInsn(int opcode, int slot) {
            if (slot >= advice.parameterSlots) {
                super.visitVarInsn(opcode, localsBase + slot - advice.parameterSlots);
                return;
            }
            if (opcode >= Opcodes.ISTORE) {
                throw new IllegalStateException(advice + " assigns its parameter " + advice.parameterAt(slot));
            }
            load(advice.parameterAt(slot));
        }

        @Override
        public void visitMethodInsn(int opcode, String methodOwner, String name, String descriptor, boolean itf) {
            notOwn(methodOwner);
            super.visitMethodInsn(opcode, methodOwner, name, descriptor, itf);
        }

        @Override
        public void visitFieldInsn(int opcode, String fieldOwner, String name, String descriptor) {
            notOwn(fieldOwner);
            super.visitFieldInsn(opcode, fieldOwner, name, descriptor);
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap,
                                           Object... arguments) {
            needs(Opcodes.V1_7, "invokedynamic");
            for (Object argument : arguments) {
                if (argument instanceof Handle) {
                    notOwn(((Handle) argument).getOwner()); // a lambda's body stays behind
                }
            }
            super.visitInvokeDynamicInsn(name, descriptor, bootstrap, arguments);
        }

        @Override
        public void visitLdcInsn(Object value) {
            if (value instanceof ConstantDynamic) {
                needs(Opcodes.V11, "a dynamic constant");
            } else if (value instanceof Handle
                    || (value instanceof Type && ((Type) value).getSort() == Type.METHOD)) {
                needs(Opcodes.V1_7, "a method handle constant");
            }
            super.visitLdcInsn(value);
        }

        /** What is copied runs in another class: the advice class's own members are not there. */
        private void notOwn(String type) {
            if (type.equals(advice.adviceClass)) {
                throw new IllegalStateException(advice + " uses its own class's members (a lambda, a helper)");
            }
        }

        private void needs(int version, String what) {
            if (classVersion < version) {
                throw new IllegalStateException(advice + " uses " + what + ", which a class file of version "
                        + classVersion + " cannot hold");
            }
        }

        @Override
        public void visitIincInsn(int slot, int increment) {
            if (slot < advice.parameterSlots) {
                throw new IllegalStateException(advice + " assigns its parameter " + advice.parameterAt(slot));
            }
            super.visitIincInsn(localsBase + slot - advice.parameterSlots, increment);
        }

        @Override
        public void visitInsn(int opcode) {
            if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
                if (opcode != Opcodes.RETURN) {
                    super.visitVarInsn(enterType.getOpcode(Opcodes.ISTORE), enterSlot);
                }
                super.visitJumpInsn(Opcodes.GOTO, end);
                return;
            }
            super.visitInsn(opcode);
        }

        @Override
        public void visitFrame(int type, int localCount, Object[] locals, int stackCount, Object[] stack) {
            List<Object> translated = argumentLocals(enterContext);
            addShared(translated, !enterContext, !enterContext, !enterContext);
            int slot = 0;
            for (int i = 0; i < localCount; i++) {
                if (slot >= advice.parameterSlots) {
                    translated.add(locals[i]);
                }
                slot += size(locals[i]);
            }
            super.visitFrame(Opcodes.F_NEW, translated.size(), translated.toArray(), stackCount, stack);
        }

        private void load(int parameter) {
            switch (advice.bindings[parameter]) {
                case THIS:
                    super.visitVarInsn(Opcodes.ALOAD, 0);
                    return;
                case ARGUMENT: {
                    int index = advice.argumentIndexes[parameter];
                    super.visitVarInsn(argumentTypes[index].getOpcode(Opcodes.ILOAD), argumentSlots[index]);
                    return;
                }
                case ALL_ARGUMENTS:
                    pushInt(argumentTypes.length);
                    super.visitTypeInsn(Opcodes.ANEWARRAY, "java/lang/Object");
                    for (int i = 0; i < argumentTypes.length; i++) {
                        super.visitInsn(Opcodes.DUP);
                        pushInt(i);
                        super.visitVarInsn(argumentTypes[i].getOpcode(Opcodes.ILOAD), argumentSlots[i]);
                        box(argumentTypes[i]);
                        super.visitInsn(Opcodes.AASTORE);
                    }
                    return;
                case ENTER:
                    super.visitVarInsn(enterType.getOpcode(Opcodes.ILOAD), enterSlot);
                    return;
                case RETURN:
                    if (returnSlot < 0) { // a void method: null, or zero
                        pushZero(advice.parameterTypes[parameter]);
                    } else {
                        super.visitVarInsn(returnType.getOpcode(Opcodes.ILOAD), returnSlot);
                    }
                    return;
                case THROWN:
                    super.visitVarInsn(Opcodes.ALOAD, thrownSlot);
                    return;
                case FIELD: {
                    String field = advice.fieldNames[parameter];
                    super.visitVarInsn(Opcodes.ALOAD, 0);
                    super.visitFieldInsn(Opcodes.GETFIELD, owner, field, types.fieldDescriptor(field));
                    return;
                }
                default:
                    throw new IllegalStateException(String.valueOf(advice.bindings[parameter]));
            }
        }

        private void pushInt(int value) {
            if (value <= 5) {
                super.visitInsn(Opcodes.ICONST_0 + value);
            } else {
                super.visitIntInsn(Opcodes.BIPUSH, value);
            }
        }

        private void box(Type type) {
            String wrapper;
            switch (type.getSort()) {
                case Type.BOOLEAN: wrapper = "java/lang/Boolean"; break;
                case Type.CHAR: wrapper = "java/lang/Character"; break;
                case Type.BYTE: wrapper = "java/lang/Byte"; break;
                case Type.SHORT: wrapper = "java/lang/Short"; break;
                case Type.INT: wrapper = "java/lang/Integer"; break;
                case Type.FLOAT: wrapper = "java/lang/Float"; break;
                case Type.LONG: wrapper = "java/lang/Long"; break;
                case Type.DOUBLE: wrapper = "java/lang/Double"; break;
                default: return;
            }
            super.visitMethodInsn(Opcodes.INVOKESTATIC, wrapper, "valueOf",
                    "(" + type.getDescriptor() + ")L" + wrapper + ";", false);
        }
    }
}
