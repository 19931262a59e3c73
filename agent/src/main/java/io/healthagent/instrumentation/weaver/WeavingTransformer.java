package io.healthagent.instrumentation.weaver;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;

/**
 * The agent's one class file transformer: for each class the JVM loads (or hands back for retransformation)
 * it tests the rules' loaders and types, and weaves the advice of those that match. Classes the agent can
 * never instrument are passed over by name before their bytes are read. A class that cannot be woven is
 * left as it was and reported.
 */
public final class WeavingTransformer implements ClassFileTransformer {
    /** Told what became of each class a rule matched. */
    public interface Listener {
        void woven(String className);

        void failed(String className, Throwable error);
    }

    private final List<Rules.TypeRule> rules;
    private final ClassLoader agentLoader;
    private final Instrumentation inst;
    private final Module bridge;
    private final Listener listener;

    public WeavingTransformer(Rules rules, ClassLoader agentLoader, Instrumentation inst, Class<?> bridgeClass,
                              Listener listener) {
        this.rules = rules.list();
        this.agentLoader = agentLoader;
        this.inst = inst;
        this.bridge = bridgeClass.getModule();
        this.listener = listener;
    }

    /** Internal names of classes no rule is ever about: the JDK's (but its HTTP server's), the agent's. */
    static boolean ignored(String internalName) {
        if (internalName.startsWith("java/") || internalName.startsWith("jdk/")
                || internalName.startsWith("io/healthagent/")) {
            return true;
        }
        if (internalName.startsWith("sun/")) {
            return !internalName.startsWith("sun/net/httpserver/");
        }
        return internalName.startsWith("com/sun/") && !internalName.startsWith("com/sun/net/httpserver/");
    }

    /**
     * Registers the transformer, then hands back the classes already loaded that a rule matches by name and
     * super types (their methods are matched when the JVM gives their bytes back).
     */
    public void install() {
        inst.addTransformer(this, true);
        List<Class<?>> candidates = new ArrayList<>();
        for (Class<?> type : inst.getAllLoadedClasses()) {
            if (type.isArray() || type.isPrimitive() || type.isSynthetic() || type.getClassLoader() == agentLoader
                    || ignored(type.getName().replace('.', '/')) || !inst.isModifiableClass(type)) {
                continue;
            }
            if (!matching(TypeView.of(type), type.getClassLoader()).isEmpty()) {
                candidates.add(type);
            }
        }
        for (Class<?> type : candidates) {
            try {
                inst.retransformClasses(type);
            } catch (Throwable t) {
                listener.failed(type.getName(), t);
            }
        }
    }

    private List<AdviceRule> matching(TypeView type, ClassLoader loader) {
        List<AdviceRule> found = Collections.emptyList();
        for (Rules.TypeRule rule : rules) {
            if (rule.loaders.matches(loader) && rule.types.matches(type)) {
                if (found.isEmpty()) {
                    found = new ArrayList<>();
                }
                found.addAll(rule.advice);
            }
        }
        return found;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> redefined,
                            ProtectionDomain domain, byte[] classFile) {
        if (className == null || loader == agentLoader || ignored(className)) {
            return null;
        }
        try {
            TypeView type = redefined != null ? TypeView.of(classFile, redefined) : TypeView.of(classFile, loader);
            if (type.isSynthetic()) {
                return null;
            }
            List<AdviceRule> advice = matching(type, loader);
            if (advice.isEmpty()) {
                return null;
            }
            byte[] woven = weave(classFile, advice, agentLoader, loader);
            if (woven == null) {
                return null;
            }
            if (module != null && module.isNamed() && !module.canRead(bridge) && inst.isModifiableModule(module)) {
                // A named module (the JDK's HTTP server) must read the bridge the advice calls.
                inst.redefineModule(module, Set.of(bridge), Map.of(), Map.of(), Set.of(), Map.of());
            }
            listener.woven(className.replace('/', '.'));
            return woven;
        } catch (Throwable t) {
            listener.failed(className.replace('/', '.'), t);
            return null;
        }
    }

    /**
     * {@code classFile} with {@code advice} woven into the methods each matches, or null when none matches.
     * {@code loader} is the class's own (its super classes' files are read from it for inherited fields).
     */
    public static byte[] weave(byte[] classFile, List<AdviceRule> advice, ClassLoader agentLoader, ClassLoader loader) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, 0);
        ClassWeaver weaver = new ClassWeaver(writer, classFile, advice, agentLoader, loader);
        reader.accept(weaver, ClassReader.EXPAND_FRAMES);
        return weaver.woven() == 0 ? null : writer.toByteArray();
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain,
                            byte[] classFile) {
        return transform(null, loader, className, redefined, domain, classFile);
    }
}
