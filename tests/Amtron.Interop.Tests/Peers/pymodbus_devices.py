"""pymodbus standing in for real devices, built from the public register maps, not from our code.

amtron PORT: an AMTRON connector's EMS interface (MENNEKES set): a 3-phase vehicle charging (state C, relay 1 = three
  phases) drawing 16 A per phase (212-217, u32 mA, high word first), signalled 16 A (706), EV maximum 32 A (715), safe
  current 7 A (131), no communication timeout (132), HEMS limit 32 A (1000).
pac2200 PORT: a Siemens PAC2200 measuring 10, 10, 10 A (float32 at 13/15/17), 230 V (1/3/5), importing 2300 W per
  phase (25/27/29), 50 Hz (55); holding registers, big-endian.
"""
import struct
import sys

from pymodbus.datastore import ModbusSequentialDataBlock, ModbusServerContext, ModbusSlaveContext
from pymodbus.server import StartTcpServer

kind, port = sys.argv[1], int(sys.argv[2])
registers = [0] * 1200


def u32(address, value):
    registers[address] = (value >> 16) & 0xFFFF
    registers[address + 1] = value & 0xFFFF


def f32(address, value):
    high, low = struct.unpack(">HH", struct.pack(">f", value))
    registers[address] = high
    registers[address + 1] = low


if kind == "amtron":
    registers[122] = 3
    registers[124] = 1
    registers[131] = 7
    registers[132] = 0
    registers[140] = 1
    for address in (212, 214, 216):
        u32(address, 16000)
    registers[706] = 16
    registers[715] = 32
    registers[1000] = 32
else:
    for address in (1, 3, 5):
        f32(address, 230.0)
    for address in (13, 15, 17):
        f32(address, 10.0)
    for address in (25, 27, 29):
        f32(address, 2300.0)
    f32(55, 50.0)

store = ModbusSlaveContext(hr=ModbusSequentialDataBlock(0, registers), zero_mode=True)
StartTcpServer(context=ModbusServerContext(slaves=store, single=True), address=("127.0.0.1", port))
