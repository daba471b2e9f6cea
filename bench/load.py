"""wrk runs for bench/run.py and bench/memory.py, read from the JSON line report.lua prints."""

import json
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

BENCH = Path(__file__).resolve().parent
STOPPED = "thread stopped"  # what distinct.lua writes on stderr when a thread has had its quota


def ensure_wrk() -> str:
    wrk = shutil.which("wrk")
    if wrk:
        return wrk
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("Installing Debian's wrk...")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True, env=env)
        return shutil.which("wrk") or sys.exit("wrk is still missing")
    sys.exit("wrk is missing: install Debian's 'wrk' package (apt-get install wrk).")


def wrk_command(
    url: str,
    duration: str,
    connections: int,
    threads: int,
    script: str = "report.lua",
    args: Sequence[object] = (),
) -> list[str]:
    command = [ensure_wrk(), f"-t{threads}", f"-c{connections}", f"-d{duration}"]
    command += ["--timeout", "10s", "-s", str(BENCH / script), url]
    return command + ["--", *map(str, args)] if args else command


def summary(output: str, command: list[str]) -> dict:
    """report.lua's counts, with requests/s, socket errors and non-2xx responses added."""
    lines = output.strip().splitlines()
    if not lines or not lines[-1].startswith("{"):
        sys.exit(f"wrk printed no summary: {' '.join(command)}\n{output[-2000:]}")
    result = json.loads(lines[-1])
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    result["errors"] = sum(result[key] for key in ("connect", "read", "write", "timeout"))
    result["non2xx"] = result["s3xx"] + result["s4xx"] + result["s5xx"]
    return result


def load(url: str, duration: str, connections: int, threads: int, **script) -> dict:
    """wrk on one URL (report.lua), or on a list of paths (script="distinct.lua", args=...)."""
    command = wrk_command(url, duration, connections, threads, **script)
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return summary(output, command)


def load_count(
    url: str, paths: Path, per_thread: int, offset: int, connections: int, threads: int
) -> dict:
    """wrk through the paths in `paths` until each thread has had `per_thread` responses."""
    args = (paths, per_thread, offset)
    command = wrk_command(url, "1h", connections, threads, "distinct.lua", args)
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as process:
        stopped = 0
        while stopped < threads and (line := process.stderr.readline()):
            stopped += line.strip() == STOPPED
        # wrk's main thread sleeps for the whole -d even once every thread has stopped; SIGINT
        # ends the sleep, and it prints the summary. Again if it came before wrk listened for it.
        while True:
            process.send_signal(signal.SIGINT)
            try:
                output, _ = process.communicate(timeout=5)
                break
            except subprocess.TimeoutExpired:
                continue
    return summary(output, command)
