package io.healthagent.instrumentation;

import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import java.util.Iterator;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.utility.JavaModule;

/**
 * Byte Buddy's transformer behind a test of the class's name and loader, made before Byte Buddy sets
 * anything up for the class: the JVM hands every class it defines to every transformer (the JDK's, the
 * agent's own, each lambda form), and most are none of any module's business.
 */
final class NameFilteringTransformer extends ResettableClassFileTransformer.AbstractBase {
    private final ResettableClassFileTransformer delegate;
    private final ClassLoader agentLoader;

    NameFilteringTransformer(ResettableClassFileTransformer delegate, ClassLoader agentLoader) {
        this.delegate = delegate;
        this.agentLoader = agentLoader;
    }

    private boolean passedOver(ClassLoader loader, String internalName) {
        return internalName == null || loader == agentLoader || AgentInstaller.ignoredInternalName(internalName);
    }

    @Override
    public byte[] transform(ClassLoader loader, String internalName, Class<?> redefined, ProtectionDomain domain,
                            byte[] classFile) throws IllegalClassFormatException {
        return passedOver(loader, internalName) ? null : delegate.transform(loader, internalName, redefined, domain, classFile);
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> redefined,
                            ProtectionDomain domain, byte[] classFile) throws IllegalClassFormatException {
        return passedOver(loader, internalName) ? null
                : delegate.transform(module, loader, internalName, redefined, domain, classFile);
    }

    @Override
    public Iterator<AgentBuilder.Transformer> iterator(TypeDescription type, ClassLoader loader, JavaModule module,
                                                       Class<?> redefined, ProtectionDomain domain) {
        return delegate.iterator(type, loader, module, redefined, domain);
    }

    @Override
    public boolean reset(java.lang.instrument.Instrumentation inst, ResettableClassFileTransformer transformer,
                         AgentBuilder.RedefinitionStrategy strategy,
                         AgentBuilder.RedefinitionStrategy.DiscoveryStrategy discovery,
                         AgentBuilder.RedefinitionStrategy.BatchAllocator allocator,
                         AgentBuilder.RedefinitionStrategy.Listener listener) {
        return delegate.reset(inst, transformer, strategy, discovery, allocator, listener);
    }
}
