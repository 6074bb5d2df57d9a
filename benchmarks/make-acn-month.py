#!/usr/bin/env python3
"""Writes a synthetic month in ACN-Data's format and the scenario that runs it as ACN-Sim's single-phase experiment
(docs/validation.md): DIR/acn-month.yaml and DIR/sessions.json. Shaped like ACN-Sim's March-2019 Caltech workload as
docs/validation.md describes it (954 sessions at 54 stations, 10-53 arrivals a day, median stay about 6 h, median
energy about 6.7 kWh), seeded, not real data; also the same sessions as plain columns (DIR/acn-month-csv.yaml with
DIR/sessions.csv). For timing `amtron run` on a month:
    /usr/bin/python3 benchmarks/make-acn-month.py /tmp/acn-month [CAP_KW]"""
import json
import math
import os
import random
import sys
from datetime import datetime, timedelta, timezone

out = sys.argv[1]
cap_kw = float(sys.argv[2]) if len(sys.argv) > 2 else 40
os.makedirs(out, exist_ok=True)
rng = random.Random(2019)
pst = timezone(timedelta(hours=-8))
start = datetime(2019, 3, 1, tzinfo=pst)
stations = [f"CA-{300 + i}" for i in range(54)]
busy_until = {s: start for s in stations}


def rfc1123(t):
    return t.astimezone(timezone.utc).strftime("%a, %d %b %Y %H:%M:%S GMT")


arrivals = []
for day in range(31):
    weekend = (start + timedelta(days=day)).weekday() >= 5
    for _ in range(rng.randint(14, 26) if weekend else rng.randint(32, 46)):
        hour = min(max(rng.gauss(10, 2.5), 0), 23.9)
        arrivals.append(start + timedelta(days=day, hours=hour))
arrivals = sorted(arrivals)[:954]

items = []
for n, arrival in enumerate(arrivals):
    stay = timedelta(hours=min(max(math.exp(rng.gauss(math.log(6.1), 0.6)), 0.25), 48))
    free = [s for s in stations if busy_until[s] <= arrival]
    if not free:
        continue
    station = rng.choice(free)
    busy_until[station] = arrival + stay
    energy = round(min(math.exp(rng.gauss(math.log(6.7), 0.7)), 58), 3)
    items.append({"sessionID": f"syn_{n}", "spaceID": station, "stationID": f"2-39-{n % 97}-{n % 13}",
                  "connectionTime": rfc1123(arrival), "disconnectTime": rfc1123(arrival + stay),
                  "doneChargingTime": None, "kWhDelivered": energy, "timezone": "America/Los_Angeles",
                  "userInputs": None})

with open(os.path.join(out, "sessions.json"), "w") as f:
    json.dump({"_meta": {"total": len(items)}, "_items": items}, f, indent=1)

amps = math.floor(cap_kw * 1000 / 208)
points = "\n".join(
    f"      - {{id: S{i}, role: {'masterWithInternalSlave' if i == 0 else 'slaveAutoDiscovery'}, "
    f"chargePoints: [{{id: {s}, installationCurrentLimit: 32, phaseRotation: [L1]}}]}}"
    for i, s in enumerate(stations))
# The same sessions as plain columns (vehicles.csv), for builds before acnData and to check both readers agree.
with open(os.path.join(out, "sessions.csv"), "w") as f:
    f.write("arrival,departure,kWh,maxA,phases,chargePoint\n")
    for item in items:
        times = [datetime.strptime(item[k], "%a, %d %b %Y %H:%M:%S GMT").strftime("%Y-%m-%dT%H:%M:%SZ")
                 for k in ("connectionTime", "disconnectTime")]
        f.write(f"{times[0]},{times[1]},{item['kWhDelivered']},31.73,1,{item['spaceID']}\n")

for name, vehicles in (("acn-month.yaml", "acnData: sessions.json"), ("acn-month-csv.yaml", "csv: sessions.csv")):
  with open(os.path.join(out, name), "w") as f:
    f.write(f"""name: synthetic ACN month at {cap_kw:g} kW
start: 2019-03-01T08:00:00Z
duration: 31d
voltage: 208
networks:
  - id: 0
    settings: {{evseSubDistributionLimit: [{amps}, {amps}, {amps}], currentImbalancePrevention: false}}
    stations:
{points}
vehicles:
  defaults: {{model: ideal, maxCurrent: 31.73, phases: 1}}
  {vehicles}
""")
print(f"{len(items)} sessions, cap {cap_kw:g} kW = {amps} A: {out}/acn-month.yaml")
