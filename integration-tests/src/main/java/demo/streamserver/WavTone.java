package demo.streamserver;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** A sine tone as a 16-bit mono PCM WAV file, so the repository holds no binary audio. */
final class WavTone {
    static final int SAMPLE_RATE = 22_050;

    private WavTone() {
    }

    static byte[] generate(int hz, double seconds) {
        int samples = (int) (SAMPLE_RATE * seconds);
        int dataBytes = samples * 2;
        ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + dataBytes).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(SAMPLE_RATE).putInt(SAMPLE_RATE * 2).putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes()).putInt(dataBytes);
        for (int i = 0; i < samples; i++) {
            double fade = Math.min(1.0, Math.min(i, samples - i) / (SAMPLE_RATE * 0.01)); // no clicks
            b.putShort((short) (Math.sin(2 * Math.PI * hz * i / SAMPLE_RATE) * 12_000 * fade));
        }
        return b.array();
    }
}
