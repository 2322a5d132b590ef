/* A Modbus RTU slave on Debian's libmodbus, serving a known register bank, so that the ValueGuard master
 * is tested against a third-party slave. Built by LibmodbusSlave.cs: gcc libmodbus-slave.c -lmodbus.
 * Usage: libmodbus-slave DEVICE SLAVE_ID. Prints "ready" once the line is open. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <modbus.h>

/* Stores a float in two registers as a device with this layout would. Not libmodbus' modbus_set_float_*:
 * their names do not match the wire layout in every libmodbus release (3.1.6 swaps bytes). */
static void put_float(uint16_t *reg, float value, int low_word_first, int swap_bytes)
{
    uint32_t bits;
    memcpy(&bits, &value, sizeof bits);
    uint16_t high = (uint16_t)(bits >> 16), low = (uint16_t)bits;
    if (swap_bytes) {
        high = (uint16_t)((high << 8) | (high >> 8));
        low = (uint16_t)((low << 8) | (low >> 8));
    }
    reg[0] = low_word_first ? low : high;
    reg[1] = low_word_first ? high : low;
}

/* Stores a 16/32/64-bit pattern in consecutive registers, high word first or low word first. */
static void put_words(uint16_t *reg, uint64_t bits, int words, int low_word_first)
{
    for (int i = 0; i < words; i++) {
        uint16_t w = (uint16_t)(bits >> (16 * (words - 1 - i)));
        reg[low_word_first ? words - 1 - i : i] = w;
    }
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s DEVICE SLAVE_ID\n", argv[0]);
        return 2;
    }
    modbus_t *ctx = modbus_new_rtu(argv[1], 19200, 'N', 8, 1);
    if (ctx == NULL) {
        perror("modbus_new_rtu");
        return 1;
    }
    modbus_set_slave(ctx, atoi(argv[2]));
    /* 16 coils, 16 discrete inputs, 64 holding registers, 16 input registers, all from address 0. */
    modbus_mapping_t *map = modbus_mapping_new(16, 16, 64, 16);
    if (map == NULL) {
        fprintf(stderr, "mapping: %s\n", modbus_strerror(errno));
        return 1;
    }
    for (int i = 0; i < 16; i++) {
        map->tab_bits[i] = i % 2;
        map->tab_input_bits[i] = i % 3 == 0;
        map->tab_registers[i] = (uint16_t)(1000 + i);
        map->tab_input_registers[i] = (uint16_t)(2000 + i);
    }
    put_float(map->tab_registers + 20, 21.5f, 0, 0);   /* ABCD */
    put_float(map->tab_registers + 22, -3.25f, 1, 0);  /* CDAB */
    put_float(map->tab_registers + 24, 1024.75f, 0, 1); /* BADC */
    put_float(map->tab_registers + 26, 0.5f, 1, 1);    /* DCBA */
    /* Integers and a double (registers 40-43 are left for the write test). */
    map->tab_registers[28] = (uint16_t)(int16_t)-1234;
    map->tab_registers[29] = 60000;
    put_words(map->tab_registers + 30, (uint32_t)(int32_t)-123456789, 2, 0);
    put_words(map->tab_registers + 32, 3000000000u, 2, 1);
    put_words(map->tab_registers + 34, (uint64_t)(int64_t)-1234567890123LL, 4, 0);
    double pi = 3.141592653589793;
    uint64_t pi_bits;
    memcpy(&pi_bits, &pi, sizeof pi_bits);
    put_words(map->tab_registers + 44, pi_bits, 4, 0);
    put_words(map->tab_registers + 48, 18000000000000000000ull, 4, 1);
    if (modbus_connect(ctx) == -1) {
        fprintf(stderr, "connect %s: %s\n", argv[1], modbus_strerror(errno));
        return 1;
    }
    printf("ready\n");
    fflush(stdout);
    uint8_t query[MODBUS_RTU_MAX_ADU_LENGTH];
    for (;;) {
        int rc = modbus_receive(ctx, query);
        if (rc > 0) {
            modbus_reply(ctx, query, rc, map);
        } else if (rc == -1 && (errno == EBADF || errno == EIO)) {
            break; /* the pty went away: the test is over */
        }
    }
    modbus_mapping_free(map);
    modbus_close(ctx);
    modbus_free(ctx);
    return 0;
}
