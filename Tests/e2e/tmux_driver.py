#!/usr/bin/env python3
"""Drive a full-screen program under tmux: start, send keys, capture, poll, resize, stop.

Each session gets its own tmux server (-L unique socket, -f /dev/null: no user config), so
sessions can run in parallel and never touch the user's tmux. Standard library only.

As a library:

    from tmux_driver import TmuxSession
    with TmuxSession([BIN, "file.npz"], width=80, height=24, env={"LANG": "C.UTF-8"}) as s:
        s.wait_for("npz, 3 members")
        s.send("Down", "Enter")
        screen = s.wait_for(r"row 1/\\d+", regex=True)
        s.resize(40, 10)
        s.wait_for("q back")
        s.send("q", "q")
        assert s.exit_status() == 0

From the shell (prints the final screen; exit 1 when an --expect is not seen in time):

    tmux_driver.py --width 80 --height 24 --keys "Down Enter" --expect "row 1/" -- BIN ARGS...

Keys are tmux key names (Up, Down, NPage, PPage, Home, End, Enter, Escape, Tab, BTab, C-l,
F1) or single characters; send_text() types a string literally.
"""
import argparse
import os
import re
import shlex
import subprocess
import sys
import time
import uuid

POLL_SECONDS = 0.01


class TmuxSession:
    """One program running in a detached tmux session on a private server."""

    def __init__(self, argv, width=120, height=40, env=None, socket=None, tmux="tmux"):
        self.argv = list(argv)
        self.width = width
        self.height = height
        self.env = {"LANG": "C.UTF-8", "SWIFT_BACKTRACE": "interactive=no"}
        self.env.update(env or {})
        self.socket = socket or "npyb-%d-%s" % (os.getpid(), uuid.uuid4().hex[:8])
        self.tmux = tmux
        self.target = "main"
        self.started = False

    # -- plumbing ---------------------------------------------------------
    def _run(self, *args, check=True):
        cmd = [self.tmux, "-L", self.socket, "-f", "/dev/null"] + list(args)
        r = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True, timeout=10)
        if check and r.returncode != 0:
            raise RuntimeError("%s failed (%d): %s" % (" ".join(cmd), r.returncode, r.stderr.strip()))
        return r.stdout

    # -- life cycle -------------------------------------------------------
    def start(self):
        """Starts the program; after it ends the pane shows EXIT=<status> and stays open."""
        # A value of None unsets the variable (e.g. {"TERM": None}).
        env = " ".join("%s=%s" % (k, shlex.quote(v)) for k, v in self.env.items() if v is not None)
        unset = " ".join("-u %s" % k for k in ["LINES", "COLUMNS"] + [k for k, v in self.env.items() if v is None])
        prog = " ".join(shlex.quote(a) for a in self.argv)
        # The shell survives a Ctrl-C sent to the foreground group (a trap that runs a command,
        # unlike an ignored signal, is not inherited by the program) and reports the status.
        shell = "trap : INT; env %s %s %s; echo EXIT=$?; sleep 600" % (unset, env, prog)
        # One invocation: the options hold before the program starts. remain-on-exit keeps the
        # pane (and its last screen) when the shell dies, e.g. of a Ctrl-C sent to the group.
        self._run("start-server", ";", "set-option", "-g", "remain-on-exit", "on", ";",
                  "set-option", "-g", "status", "off", ";",
                  "new-session", "-d", "-s", self.target, "-x", str(self.width), "-y", str(self.height), shell)
        self.started = True
        return self

    def kill(self):
        """Stops the tmux server of this session (and the program with it)."""
        if self.started:
            self._run("kill-server", check=False)
            self.started = False

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.kill()
        return False

    # -- input ------------------------------------------------------------
    def send(self, *keys):
        """Sends tmux key names or single characters, in order."""
        for k in keys:
            self._run("send-keys", "-t", self.target, "--", k) if k.startswith("-") else self._run("send-keys", "-t", self.target, k)

    def send_text(self, text):
        """Types `text` literally."""
        self._run("send-keys", "-t", self.target, "-l", "--", text)

    def resize(self, width, height):
        """Resizes the window; the program gets SIGWINCH."""
        self._run("resize-window", "-t", self.target, "-x", str(width), "-y", str(height))
        self.width, self.height = width, height

    # -- output -----------------------------------------------------------
    def capture(self, escapes=False):
        """The visible screen as text (with SGR escapes when `escapes`)."""
        args = ["capture-pane", "-p", "-t", self.target]
        if escapes:
            args.insert(1, "-e")
        return self._run(*args)

    def lines(self):
        return self.capture().split("\n")[: self.height]

    def wait_until(self, predicate, timeout=5.0, what="condition"):
        """Polls the screen every 10 ms until predicate(screen) is true; returns the screen."""
        deadline = time.monotonic() + timeout
        screen = ""
        while True:
            screen = self.capture()
            if predicate(screen):
                return screen
            if time.monotonic() > deadline:
                raise TimeoutError("timed out after %.1fs waiting for %s; screen was:\n%s" % (timeout, what, screen))
            time.sleep(POLL_SECONDS)

    def wait_for(self, text, timeout=5.0, regex=False):
        """Waits until `text` (a substring, or a regex when `regex`) is on screen."""
        if regex:
            pat = re.compile(text)
            return self.wait_until(lambda s: pat.search(s) is not None, timeout, repr(text))
        return self.wait_until(lambda s: text in s, timeout, repr(text))

    def wait_gone(self, text, timeout=5.0):
        """Waits until `text` is no longer on screen."""
        return self.wait_until(lambda s: text not in s, timeout, "%r to disappear" % text)

    def pane_info(self, fmt):
        """A tmux format string evaluated for the pane, e.g. '#{pane_pid}'."""
        return self._run("display-message", "-p", "-t", self.target, fmt).strip()

    def program_pids(self):
        """Process ids of the program (the children of the pane's shell)."""
        shell = self.pane_info("#{pane_pid}")
        r = subprocess.run(["pgrep", "-P", shell], stdout=subprocess.PIPE, text=True)
        return [int(p) for p in r.stdout.split() if not self._is_sleep(int(p))]

    @staticmethod
    def _is_sleep(pid):
        try:
            with open("/proc/%d/comm" % pid) as f:
                return f.read().strip() == "sleep"
        except OSError:
            return True

    def signal(self, sig):
        """Sends signal `sig` (a number or a name like 'INT') to the program only, not its shell."""
        import signal as _signal
        num = sig if isinstance(sig, int) else getattr(_signal, "SIG" + sig.upper().replace("SIG", ""))
        for pid in self.program_pids():
            os.kill(pid, num)

    def exit_status(self, timeout=5.0):
        """Waits for the program to end and returns its exit status (128+N for signal N)."""
        pat = re.compile(r"EXIT=(\d+)")

        shell = self.pane_info("#{pane_pid}")
        found = {}

        def ended(screen):
            m = pat.search(screen)
            if m:
                found["status"] = int(m.group(1))
                return True
            # The pane's shell died too (e.g. Ctrl-C reaches the whole process group). tmux marks
            # the pane dead at EOF but may take a while to reap the shell and fill in the status;
            # meanwhile the zombie's wait status is in /proc/PID/stat.
            if self.pane_info("#{pane_dead}") != "1":
                return False
            sig = self.pane_info("#{pane_dead_signal}")
            st = self.pane_info("#{pane_dead_status}")
            if sig or st:
                found["status"] = 128 + int(sig) if sig else int(st)
                return True
            wait_status = self._zombie_wait_status(shell)
            if wait_status is not None:
                sig = wait_status & 0x7F
                found["status"] = 128 + sig if sig else (wait_status >> 8) & 0xFF
                return True
            return False

        self.wait_until(ended, timeout, "the program to end")
        return found["status"]

    @staticmethod
    def _zombie_wait_status(pid):
        """The wait status of zombie `pid` (field 52 of /proc/PID/stat), or None."""
        try:
            with open("/proc/%s/stat" % pid) as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            return None
        # fields[0] is field 3 (state); the exit code is field 52.
        if fields[0] != "Z" or len(fields) < 50:
            return None
        return int(fields[49])


def main():
    ap = argparse.ArgumentParser(description="Run a program under tmux, send keys, print the screen.")
    ap.add_argument("--width", type=int, default=120)
    ap.add_argument("--height", type=int, default=40)
    ap.add_argument("--env", action="append", default=[], help="NAME=VALUE, repeatable")
    ap.add_argument("--keys", default="", help="space-separated tmux key names, sent in order")
    ap.add_argument("--expect", action="append", default=[], help="text to wait for before sending keys")
    ap.add_argument("--final", action="append", default=[], help="text to wait for after the keys")
    ap.add_argument("--timeout", type=float, default=5.0)
    ap.add_argument("argv", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    argv = a.argv[1:] if a.argv[:1] == ["--"] else a.argv
    if not argv:
        ap.error("no program given")
    env = dict(e.split("=", 1) for e in a.env)
    with TmuxSession(argv, a.width, a.height, env) as s:
        try:
            for t in a.expect:
                s.wait_for(t, a.timeout)
            for k in a.keys.split():
                s.send(k)
            for t in a.final:
                s.wait_for(t, a.timeout)
            if not a.final:
                time.sleep(0.2)
        except TimeoutError as e:
            print(e, file=sys.stderr)
            return 1
        finally:
            print(s.capture(), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
