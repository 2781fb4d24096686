"""Run a child process to the point it reports, signal it there, and let it go on (no sleeps, no timing)."""

from __future__ import annotations

import signal
import subprocess


def signal_when_ready(argv: list[str], env: dict[str, str], sig: signal.Signals,
                      timeout: float) -> tuple[int, str, str]:
    """Start ``argv``; when it prints ``ready``, send ``sig``, then write ``go``; its exit status, stdout, stderr."""
    proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env)
    try:
        assert proc.stdout is not None and proc.stdin is not None
        line = proc.stdout.readline()
        assert line.strip() == "ready", proc.stderr.read() if proc.stderr else line
        proc.send_signal(sig)
        try:
            proc.stdin.write("go\n")
            proc.stdin.flush()
        except BrokenPipeError:  # SIGKILL: the child is gone already
            pass
        stdout, stderr = proc.communicate(timeout=timeout)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return proc.returncode, stdout, stderr
