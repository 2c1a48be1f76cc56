package mx.zocalo.server.cli;

public final class ZocaloCommand {
    public static void main(String[] args) {
        System.out.println("zocalo");
    }
}
