"""pymodbus as an independent client of our server: runs a fixed sequence and prints the results as JSON."""
import json
import sys

from pymodbus.client import ModbusTcpClient

port = int(sys.argv[1])
client = ModbusTcpClient("127.0.0.1", port=port, timeout=5)
if not client.connect():
    print(json.dumps({"error": "cannot connect"}))
    sys.exit(1)

out = {}
client.write_registers(100, [1, 2, 3, 65535], slave=1)
out["holding"] = client.read_holding_registers(100, 4, slave=1).registers
client.write_register(200, 0xBEEF, slave=1)
out["single"] = client.read_holding_registers(200, 1, slave=1).registers
out["input"] = client.read_input_registers(10, 2, slave=1).registers
client.write_coil(5, True, slave=1)
client.write_coils(8, [True, False, True], slave=1)
out["coils"] = [bool(b) for b in client.read_coils(0, 11, slave=1).bits[:11]]
out["discrete"] = [bool(b) for b in client.read_discrete_inputs(0, 3, slave=1).bits[:3]]
rw = client.readwrite_registers(read_address=300, read_count=2, write_address=300, write_registers=[7, 9], slave=1)
out["readwrite"] = rw.registers
error = client.read_holding_registers(0, 126, slave=1)
out["exception_126"] = getattr(error, "exception_code", None)
error = client.read_holding_registers(65535, 2, slave=1)
out["exception_beyond"] = getattr(error, "exception_code", None)
client.close()
print(json.dumps(out))
