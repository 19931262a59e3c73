package io.healthagent.instrumentation.weaver;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** Passes a class through, weaving the advice of the rules that match into each method they match. */
final class ClassWeaver extends ClassVisitor implements WovenTypes {
    private final List<AdviceRule> rules;
    private final ClassLoader agentLoader;
    private final ClassLoader loader;
    private final byte[] ownBytes;
    private final Map<String, String> ownFields = new HashMap<>();
    private String owner;
    private String superName;
    private int version;
    private int woven;

    ClassWeaver(ClassVisitor next, byte[] ownBytes, List<AdviceRule> rules, ClassLoader agentLoader,
                ClassLoader loader) {
        super(Opcodes.ASM9, next);
        this.ownBytes = ownBytes;
        this.rules = rules;
        this.agentLoader = agentLoader;
        this.loader = loader;
    }

    /** How many methods received advice. */
    int woven() {
        return woven;
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
        this.owner = name;
        this.superName = superName;
        this.version = version;
        super.visit(version, access, name, signature, superName, interfaces);
    }

    @Override
    public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
        if ((access & Opcodes.ACC_STATIC) == 0) {
            ownFields.put(name, descriptor);
        }
        return super.visitField(access, name, descriptor, signature, value);
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                     String[] exceptions) {
        MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
        // Bridge methods (and other synthetic ones) only forward to the real method, which gets the advice.
        if ((access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE | Opcodes.ACC_BRIDGE | Opcodes.ACC_SYNTHETIC)) != 0
                || "<clinit>".equals(name)) {
            return mv;
        }
        MethodView method = new MethodView(name, descriptor, access);
        for (AdviceRule rule : rules) {
            if (rule.methods().matches(method)) {
                mv = new MethodWeaver(mv, owner, this, version, access, name, descriptor,
                        AdviceMethod.classFile(agentLoader, rule.adviceClass()), rule.enter(), rule.exit());
                woven++;
            }
        }
        return mv;
    }

    @Override
    public boolean assignable(String from, String to) {
        if (from.equals(to) || "java/lang/Object".equals(to)) {
            return true;
        }
        if (from.startsWith("[") || to.startsWith("[")) {
            return false;
        }
        if (from.startsWith("java/")) {
            // The JDK's own types: already loaded by the boot loader, asked directly.
            try {
                return Class.forName(to.replace('/', '.'), false, null)
                        .isAssignableFrom(Class.forName(from.replace('/', '.'), false, null));
            } catch (ClassNotFoundException | LinkageError e) {
                return false;
            }
        }
        byte[] bytes = from.equals(owner) ? ownBytes : TypeView.read(loader, from);
        return bytes != null
                && Matchers.hasSuperType(Matchers.named(to.replace('/', '.'))).matches(TypeView.of(bytes, loader));
    }

    @Override
    public String fieldDescriptor(String field) {
        String own = ownFields.get(field);
        if (own != null) {
            return own;
        }
        // An inherited field, read through this class (the JVM resolves it up the hierarchy).
        for (String type = superName; type != null && !type.startsWith("java/"); ) {
            byte[] bytes = TypeView.read(loader, type);
            if (bytes == null) {
                return null;
            }
            ClassReader reader = new ClassReader(bytes);
            String[] found = new String[1];
            reader.accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public FieldVisitor visitField(int access, String name, String descriptor, String signature,
                                               Object value) {
                    if (name.equals(field) && (access & (Opcodes.ACC_STATIC | Opcodes.ACC_PRIVATE)) == 0) {
                        found[0] = descriptor;
                    }
                    return null;
                }
            }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
            if (found[0] != null) {
                return found[0];
            }
            type = reader.getSuperName();
        }
        return null;
    }
}
