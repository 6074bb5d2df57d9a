"""pymodbus as an independent server for our client: holding r = 3*r, input r = 1000 + r, coils on at even addresses."""
import sys

from pymodbus.datastore import ModbusSequentialDataBlock, ModbusServerContext, ModbusSlaveContext
from pymodbus.server import StartTcpServer

port = int(sys.argv[1])
store = ModbusSlaveContext(
    di=ModbusSequentialDataBlock(0, [i % 3 == 0 for i in range(100)]),
    co=ModbusSequentialDataBlock(0, [i % 2 == 0 for i in range(100)]),
    hr=ModbusSequentialDataBlock(0, [3 * i for i in range(100)]),
    ir=ModbusSequentialDataBlock(0, [1000 + i for i in range(100)]),
    zero_mode=True,
)
context = ModbusServerContext(slaves=store, single=True)
StartTcpServer(context=context, address=("127.0.0.1", port))
