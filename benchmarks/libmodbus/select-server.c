/* Reference point for docs/performance.md: a libmodbus TCP server in the select() loop style of libmodbus's own
 * tests/bandwidth-server-many-up.c, serving 1000 input/holding registers on 127.0.0.1:PORT.
 * Build: gcc -O2 -o /tmp/libmodbus-server benchmarks/libmodbus/select-server.c $(pkg-config --cflags --libs libmodbus)
 * Run:   /tmp/libmodbus-server 15502 */
#include <errno.h>
#include <modbus.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/select.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    int port = argc > 1 ? atoi(argv[1]) : 1502;
    modbus_t *ctx = modbus_new_tcp("127.0.0.1", port);
    modbus_mapping_t *map = modbus_mapping_new(0, 0, 1000, 1000);
    uint8_t query[MODBUS_TCP_MAX_ADU_LENGTH];
    int server = modbus_tcp_listen(ctx, 200);
    if (server == -1 || map == NULL) {
        fprintf(stderr, "libmodbus server: %s\n", modbus_strerror(errno));
        return 1;
    }
    fd_set refset, rdset;
    FD_ZERO(&refset);
    FD_SET(server, &refset);
    int fdmax = server;
    printf("listening on 127.0.0.1:%d\n", port);
    fflush(stdout);
    for (;;) {
        rdset = refset;
        if (select(fdmax + 1, &rdset, NULL, NULL, NULL) == -1) {
            return 1;
        }
        for (int fd = 0; fd <= fdmax; fd++) {
            if (!FD_ISSET(fd, &rdset)) {
                continue;
            }
            if (fd == server) {
                int client = modbus_tcp_accept(ctx, &server);
                if (client != -1) {
                    FD_SET(client, &refset);
                    if (client > fdmax) {
                        fdmax = client;
                    }
                }
            } else {
                modbus_set_socket(ctx, fd);
                int rc = modbus_receive(ctx, query);
                if (rc > 0) {
                    modbus_reply(ctx, query, rc, map);
                } else if (rc == -1) {
                    close(fd);
                    FD_CLR(fd, &refset);
                }
            }
        }
    }
}
