package io.healthagent.it.hosts;

/**
 * Prints, for each class name given, whether the application's class loader can load it:
 * "NAME visible" or "NAME hidden". Waits a moment first so that the agent's background start is done.
 */
public final class ClassVisibilityProbe {
    private ClassVisibilityProbe() {
    }

    public static void main(String[] names) throws InterruptedException {
        Thread.sleep(4000); // the agent starts once the host is quiet, then instruments: about a second
        ClassLoader app = ClassLoader.getSystemClassLoader();
        for (String name : names) {
            String verdict;
            try {
                Class.forName(name, false, app);
                verdict = "visible";
            } catch (ClassNotFoundException e) {
                verdict = "hidden";
            }
            System.out.println(name + " " + verdict);
        }
        System.out.println("probe done");
    }
}
