package mx.zocalo.converter.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import mx.zocalo.converter.ConversionResult;
import mx.zocalo.converter.cli.BenchCommand;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ConvertBenchmarkTest {
    private static final String HEADER = "date_year_month,n_year,n_month,cve_ent,nombre_estado,bien_juridico_afectado,"
            + "tipo_de_delito,subtipo_de_delito,modalidad,genero,rango_de_edad,n_victimas\n";
    private static final String ROWS = ""
            + "2015-01-15,2015,01,01,Aguascalientes,La vida y la Integridad corporal,Homicidio,Homicidio doloso,Con arma de fuego,Mujer,Menores de edad (0-17),0\n"
            + "2015-02-15,2015,02,09,Ciudad de México,La vida y la Integridad corporal,Lesiones,Lesiones dolosas,Con arma blanca,Hombre,Adultos (18 y más),12\n"
            + "2016-03-15,2016,03,09,Ciudad de México,El patrimonio,\"Robo \"\"a\"\" casa\",Robo/otro,No especificado,No identificado,No especificado,\n"
            + "2016-04-15,2016,04,,Sin entidad,El patrimonio,Robo,Robo,Otro,Hombre,No especificado,3\n"
            + "2017-05-15,,05,31,Yucatán,Libertad,Secuestro,\"Secuestro, extorsivo\",Con violencia,Mujer,Adultos (18 y más),2\n";

    @TempDir
    Path dir;

    private Path input(boolean gzip) throws IOException {
        byte[] csv = (HEADER + ROWS).getBytes(StandardCharsets.UTF_8);
        Path file = dir.resolve(gzip ? "victimas.csv.gz" : "victimas.csv");
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write(csv);
        }
        return file;
    }

    private static Graph parse(byte[] ntriples) {
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.source(new ByteArrayInputStream(ntriples)).lang(Lang.NTRIPLES).parse(g);
        return g;
    }

    @Test
    void engineAndBaselineWriteTheSameTriples() throws IOException {
        for (boolean gzip : new boolean[] {false, true}) {
            Path input = input(gzip);
            ByteArrayOutputStream engineOut = new ByteArrayOutputStream();
            ByteArrayOutputStream baselineOut = new ByteArrayOutputStream();
            Path work = Files.createTempDirectory(dir, "work");
            ConversionResult e = ConvertBenchmark.engine(input, work, engineOut);
            BaselineConverter.Counts b = ConvertBenchmark.baseline(input, baselineOut);

            assertThat(b.rows()).isEqualTo(e.rows()).isEqualTo(5);
            // rows 1, 2, 5: ten triples less empty cells; row 3: no victim count; row 4: no state, so no subject
            assertThat(b.triples()).isEqualTo(e.quads()).isEqualTo(10 + 10 + 9 + 0 + 9);
            Graph engine = parse(engineOut.toByteArray());
            Graph baseline = parse(baselineOut.toByteArray());
            assertThat(engine.size()).isEqualTo(38);
            assertThat(engine.isIsomorphicWith(baseline)).as("engine and baseline output are isomorphic").isTrue();
        }
    }

    @Test
    void benchmarkRunsAndReports() throws IOException {
        StringWriter log = new StringWriter();
        ConvertBenchmark.Result r = ConvertBenchmark.run(input(true), 4, new PrintWriter(log));
        assertThat(r.engine().rows()).isEqualTo(4);
        assertThat(r.baseline().rows()).isEqualTo(4);
        assertThat(r.engine().triples()).isEqualTo(r.baseline().triples()).isEqualTo(29);
        assertThat(ConvertBenchmark.report(r)).contains("engine ", "baseline ", "engine/baseline: ");
    }

    @Test
    void commandSaysWhenTheInputIsMissing() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new BenchCommand());
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        int code = cli.execute("convert", "--file", dir.resolve("nothing.csv.gz").toString());
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("bench input not found").contains("nothing.csv.gz");
    }
}
