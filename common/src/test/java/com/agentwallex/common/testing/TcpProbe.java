package com.agentwallex.common.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** Whether anything accepts connections on a port: how fault tests show that a server is really gone. */
public final class TcpProbe {

    private TcpProbe() {
    }

    public static boolean answers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
