// Java HdrHistogram's reading of a .hlog (Debian's libhdrhistogram-java): every interval of the log added into one
// histogram, then its count, per-tag interval counts and the value at each percentile given, one per line.
// Run by HdrLogReaderTests: java -cp /usr/share/java/hdrhistogram.jar HlogPercentiles.java FILE P...
import java.io.File;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

public class HlogPercentiles {
    public static void main(String[] args) throws Exception {
        HistogramLogReader reader = new HistogramLogReader(new File(args[0]));
        Histogram total = new Histogram(3);
        int intervals = 0;
        String tag = null;
        EncodableHistogram next;
        while ((next = reader.nextIntervalHistogram()) != null) {
            Histogram h = (Histogram) next;
            total.add(h);
            intervals++;
            tag = h.getTag();
        }
        System.out.println("intervals " + intervals);
        System.out.println("tag " + tag);
        System.out.println("count " + total.getTotalCount());
        for (int i = 1; i < args.length; i++) {
            System.out.println("p" + args[i] + " " + total.getValueAtPercentile(Double.parseDouble(args[i])));
        }
    }
}
