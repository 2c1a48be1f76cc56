"""Totals of the Cuenta Pública file read with Python's csv module, for comparing with the row API.

Usage: cuenta_publica_totals.py data_total.csv
Prints JSON: per fiscal year (CICLO) the number of rows, the sum of TOTAL and the sum of GI_PENSIONES_Y_JUBILACIONES
(empty cells left out); per budget stage (PRESUPUESTO) the largest TOTAL; and the five rows with the largest TOTAL (ties by stage, branch and year).
Amounts are summed as decimals, exactly.
"""
import csv
import json
import sys
from decimal import Decimal


def main(path):
    years = {}
    stages = {}
    rows = []
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            total = Decimal(row["TOTAL"])
            y = years.setdefault(row["CICLO"], {"rows": 0, "total": Decimal(0), "pensions": Decimal(0)})
            y["rows"] += 1
            y["total"] += total
            if row["GI_PENSIONES_Y_JUBILACIONES"].strip():
                y["pensions"] += Decimal(row["GI_PENSIONES_Y_JUBILACIONES"])
            stage = row["PRESUPUESTO"]
            if stage not in stages or total > stages[stage]:
                stages[stage] = total
            rows.append((total, row["RAMO"], row["CICLO"], row["PRESUPUESTO"]))
    rows.sort(key=lambda r: (-r[0], r[3], r[1], r[2]))  # amount down; ties by stage, branch, year
    out = {
        "years": {k: {"rows": v["rows"], "total": str(v["total"]), "pensions": str(v["pensions"])} for k, v in years.items()},
        "maxByStage": {k: str(v) for k, v in stages.items()},
        "largest": [{"total": str(t), "ramo": r, "ciclo": c, "presupuesto": p} for t, r, c, p in rows[:5]],
    }
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
