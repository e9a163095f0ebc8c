"""Writes a deterministic observation CSV: hourly people by district, age band and sex, sorted by time
(the order telecom exports use), so that a batch touches many days at once. Usage: gen.py ROWS FILE"""
import sys

rows, path = int(sys.argv[1]), sys.argv[2]
districts = ["4423025000", "4423025300", "4423031000", "4423032000", "4423033000", "4423034000", "4423035000",
             "4423036000", "4423038000", "4423039000", "4423040000", "4423041000", "4423042000", "4423051000",
             "4423052000"]
ages = ["10s", "20s", "30s", "40s", "50s", "60s", "70s+"]
import datetime
start = datetime.datetime(2024, 1, 1)
n = 0
with open(path, "w", encoding="utf-8") as out:
    out.write("기준일시,행정동코드,연령대,성별,유동인구수\n")
    hour = 0
    while n < rows:
        ts = (start + datetime.timedelta(hours=hour)).strftime("%Y-%m-%d %H:00")
        for d in districts:
            for a in ages:
                for s in ("F", "M"):
                    if n == rows:
                        break
                    out.write(f"{ts},{d},{a},{s},{(n * 7919) % 1000}\n")
                    n += 1
        hour += 1
