#!/usr/bin/env python3
"""End-to-end tests of the real npybrowse binary under tmux.

Every expected value comes from numpy or zipfile reading the same file, never from npybrowse.
Run by Scripts/test after the Swift suites; on its own:

    NPYBROWSE_BIN=.build/debug/npybrowse python3 Tests/e2e/test_browser.py [-v] [TestClass.test_name]
"""
import os
import re
import struct
import sys
import tempfile
import unittest
import zipfile

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tmux_driver import TmuxSession  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BIN = os.path.abspath(os.environ.get("NPYBROWSE_BIN", os.path.join(ROOT, ".build", "debug", "npybrowse")))
SAMPLES = os.path.join(ROOT, "Samples")
MIXED = os.path.join(SAMPLES, "mixed.npz")  # np.savez: stored members
COMPRESSED = os.path.join(SAMPLES, "compressed.npz")  # np.savez_compressed: deflated members
TIMEOUT = 10.0


def browse(*files, width=120, height=40, env=None):
    return TmuxSession([BIN] + list(files), width=width, height=height, env=env)


# -- reading the screen ----------------------------------------------------------------------

def status_line(s):
    return s.lines()[s.height - 2]


def current_value(s):
    """The `[i, j] = value` part of the status line: (index tuple, value text)."""
    m = re.search(r"\[([-\d, ]*)\] = (.*)$", status_line(s).rstrip())
    if not m:
        raise AssertionError("no current value in the status line: %r" % status_line(s))
    idx = tuple(int(x) for x in m.group(1).split(",") if x.strip())
    return idx, m.group(2).strip()


def grid(s, sep="│"):
    """The value grid on screen: (column labels, {row label: [cells]}), labels as ints."""
    lines = s.lines()[1 : s.height - 2]
    header, rows = None, {}
    for line in lines:
        if sep not in line:
            continue
        label, _, cells = line.partition(sep)
        if header is None:
            header = cells.split()
            continue
        if label.strip().lstrip("-").isdigit():
            rows[int(label)] = cells.split()
    return header, rows


def info_pane(screen, sep="│"):
    """The info pane's text (right of the first separator on each line), whitespace collapsed."""
    parts = [line.partition(sep)[2] for line in screen.split("\n") if sep in line]
    return " ".join(" ".join(parts).split())


def numpy_text(x):
    """numpy's own text for one scalar, as its repr shows the value (str of the numpy scalar)."""
    return str(x)


def local_data_start(path, zi):
    """Where member `zi`'s bytes start: after its local header, whose lengths only it knows."""
    with open(path, "rb") as f:
        f.seek(zi.header_offset)
        fixed = f.read(30)
    sig, n, e = struct.unpack("<I22xHH", fixed)
    assert sig == 0x04034B50
    return zi.header_offset + 30 + n + e


def enter_first_member(s):
    """From the member list of an archive, opens its first member's grid."""
    s.wait_for("members", TIMEOUT)
    s.send("Enter")
    s.wait_for("row 1/", TIMEOUT)


class BrowserTestCase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not os.access(BIN, os.X_OK):
            raise unittest.SkipTest("no binary at %s (swift build first)" % BIN)


class MemberListTests(BrowserTestCase):
    def test_members_with_dtype_shape_method_and_sizes(self):
        z = np.load(COMPRESSED)
        infos = {zi.filename: zi for zi in zipfile.ZipFile(COMPRESSED).infolist()}
        with browse(COMPRESSED, width=160, height=40) as s:
            screen = s.wait_for("%d members" % len(z.files), TIMEOUT)
            rows = {line.split()[0]: line.partition("│")[0] for line in screen.split("\n")[2:] if line.strip()}
            for key in z.files:
                a, zi = z[key], infos[key + ".npy"]
                row = rows[key + ".npy"].split()
                self.assertEqual(row[1], a.dtype.str, key)
                self.assertIn(repr(a.shape).replace(" ", ""), "".join(row[2:]), key)
                self.assertIn("deflate", row, key)
            # The info pane of the first member: exact sizes, CRC, the header as stored.
            first = z.files[0]
            zi = infos[first + ".npy"]
            pane = info_pane(screen)
            self.assertIn("compressed %s bytes" % format(zi.compress_size, ","), pane)
            self.assertIn("uncompressed %s bytes" % format(zi.file_size, ","), pane)
            self.assertIn("crc32 0x%08x" % zi.CRC, pane)
            self.assertIn("local header at byte %d" % zi.header_offset, pane)
            self.assertIn("member data at byte %d" % local_data_start(COMPRESSED, zi), pane)
            raw = zipfile.ZipFile(COMPRESSED).open(zi).read(16384)
            header_len = struct.unpack("<H", raw[8:10])[0]
            header = raw[10 : 10 + header_len].decode("latin1").rstrip(" \n")
            self.assertIn("header_len %d" % header_len, pane)
            self.assertIn(" ".join(header.split()), pane)
            self.assertIn("np.memmap not possible: the member is compressed", pane)

    def test_offsets_and_the_memmap_line_of_a_stored_member(self):
        z = np.load(MIXED)
        infos = {zi.filename: zi for zi in zipfile.ZipFile(MIXED).infolist()}
        key = z.files[1]
        with browse(MIXED, width=160, height=45) as s:
            s.wait_for("members", TIMEOUT)
            s.send("Down")
            screen = s.wait_for("key           %s" % key, TIMEOUT)
            pane = info_pane(screen)
            zi = infos[key + ".npy"]
            start = local_data_start(MIXED, zi)
            self.assertIn("member data at byte %d" % start, pane)
            m = re.search(r"np\.memmap\('([^']*)', dtype='([^']*)', mode='r', offset=(\d+), shape=(\([\d, ]*\)), order='([CF])'\)", pane)
            self.assertIsNotNone(m, pane)
            path, dtype, offset, shape, order = m.group(1), m.group(2), int(m.group(3)), eval(m.group(4)), m.group(5)
            self.assertEqual(os.path.abspath(path), MIXED)
            # The line is right when numpy, following it, reads exactly the member's array.
            mm = np.memmap(path, dtype=dtype, mode="r", offset=offset, shape=shape, order=order)
            np.testing.assert_array_equal(mm, z[key])
            inner = offset - start
            self.assertIn("data offset %d in the NPY stream, %d in the file" % (inner, offset), pane)


class GridTests(BrowserTestCase):
    def open_member(self, s, key, path=MIXED):
        z = np.load(path)
        s.wait_for("members", TIMEOUT)
        for _ in range(z.files.index(key)):
            s.send("Down")
        s.send("Enter")
        s.wait_for(re.escape(key) + r"\[", TIMEOUT, regex=True)
        s.wait_until(lambda _: "…" not in "".join(s.lines()[1:-2]), TIMEOUT, "values")
        return z[key]

    def assert_rows_match(self, s, a):
        _, rows = grid(s)
        self.assertTrue(rows)
        for i, cells in rows.items():
            expected = [numpy_text(v) for v in np.atleast_1d(a[i])]
            self.assertEqual(cells, expected[: len(cells)], "row %d" % i)
        return rows

    def test_first_page_page_down_and_last_values(self):
        with browse(MIXED, width=100, height=30) as s:
            a = self.open_member(s, "signal")
            rows = self.assert_rows_match(s, a)
            self.assertEqual(min(rows), 0)
            per_page = len(rows)
            self.assertEqual(current_value(s), ((0,), numpy_text(a[0])))
            s.send("NPage")
            s.wait_for("row %d/%d" % (per_page + 1, a.shape[0]), TIMEOUT)
            rows = self.assert_rows_match(s, a)
            self.assertEqual(min(rows), per_page)
            s.send("G")
            s.wait_for("row %d/%d" % (a.shape[0], a.shape[0]), TIMEOUT)
            rows = self.assert_rows_match(s, a)
            self.assertEqual(max(rows), a.shape[0] - 1)
            self.assertEqual(current_value(s), ((a.shape[0] - 1,), numpy_text(a[-1])))

    def test_goto_an_index_negative_and_multi_index(self):
        with browse(MIXED, width=120, height=30) as s:
            a = self.open_member(s, "signal")
            s.send(":")
            s.send_text("1234")
            s.send("Enter")
            s.wait_for("[1234] = ", TIMEOUT)
            self.assertEqual(current_value(s), ((1234,), numpy_text(a[1234])))
            self.assert_rows_match(s, a)
            s.send(":")
            s.send_text("-10")
            s.send("Enter")
            n = a.shape[0]
            s.wait_for("[%d] = " % (n - 10), TIMEOUT)
            self.assertEqual(current_value(s), ((n - 10,), numpy_text(a[-10])))
            s.send("q")
            s.wait_for("members", TIMEOUT)
            s.send("g")
            b = self.open_member(s, "image")
            s.send(":")
            s.send_text("50, -3")
            s.send("Enter")
            s.wait_for("[50, %d] = " % (b.shape[1] - 3), TIMEOUT)
            self.assertEqual(current_value(s), ((50, b.shape[1] - 3), numpy_text(b[50, -3])))

    def test_2d_table_columns_and_last_column(self):
        with browse(MIXED, width=120, height=30) as s:
            a = self.open_member(s, "image")
            header, rows = grid(s)
            self.assertEqual(header[0], "0")
            for i, cells in rows.items():
                self.assertEqual(cells, [numpy_text(v) for v in a[i, : len(cells)]], "row %d" % i)
            s.send("$")
            s.wait_for("col %d/%d" % (a.shape[1], a.shape[1]), TIMEOUT)
            header, rows = grid(s)
            self.assertEqual(int(header[-1]), a.shape[1] - 1)
            first_col = int(header[0])
            for i, cells in rows.items():
                self.assertEqual(cells, [numpy_text(v) for v in a[i, first_col:]], "row %d" % i)

    def test_3d_array_stepped_along_its_first_axis_in_a_deflated_member(self):
        with browse(COMPRESSED, width=120, height=30) as s:
            v = self.open_member(s, "volume", COMPRESSED)
            s.wait_for("volume[0, ", TIMEOUT)
            for k in (1, 2):
                s.send("]")
                s.wait_for("volume[%d, " % k, TIMEOUT)
                _, rows = grid(s)
                for i, cells in rows.items():
                    self.assertEqual(cells, [numpy_text(x) for x in v[k, i, : len(cells)]], "plane %d row %d" % (k, i))
                self.assertEqual(current_value(s), ((k, 0, 0), numpy_text(v[k, 0, 0])))
            s.send("[")
            s.wait_for("volume[1, ", TIMEOUT)
            s.send("t")  # transpose: rows are now the last axis
            s.wait_until(lambda _: current_value(s)[0] == (1, 0, 0), TIMEOUT, "transposed view")
            _, rows = grid(s)
            for i, cells in rows.items():
                self.assertEqual(cells, [numpy_text(x) for x in v[1, : len(cells), i]], "transposed row %d" % i)

    def test_last_values_of_a_large_deflated_member(self):
        # Far enough into a deflated stream that the jump goes through the checkpoint index.
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "big.npz")
            rng = np.random.default_rng(7)
            big = rng.standard_normal(1_500_000)
            np.savez_compressed(path, big=big, small=np.arange(3))
            with browse(path, width=100, height=30) as s:
                s.wait_for("2 members", TIMEOUT)
                s.send("Enter")
                s.wait_for("big[", TIMEOUT)
                s.send("G")
                s.wait_for("[%d] = %s" % (big.size - 1, numpy_text(big[-1])), 30)
                s.wait_until(lambda _: "…" not in "".join(s.lines()[1:-2]), 30, "values")
                rows = self.assert_rows_match(s, big)
                self.assertEqual(max(rows), big.size - 1)
                s.send(":")
                s.send_text("750000")
                s.send("Enter")
                s.wait_for("[750000] = %s" % numpy_text(big[750000]), TIMEOUT)

    def test_hex_view_shows_the_bytes_of_the_element_at_their_file_offset(self):
        infos = {zi.filename: zi for zi in zipfile.ZipFile(MIXED).infolist()}
        with browse(MIXED, width=120, height=30) as s:
            a = self.open_member(s, "signal")
            s.send("x")
            screen = s.wait_for("element [0] at 0x", TIMEOUT)
            at = int(re.search(r"element \[0\] at 0x([0-9a-f]+)", screen).group(1), 16)
            start = local_data_start(MIXED, infos["signal.npy"])
            with open(MIXED, "rb") as f:
                f.seek(start + 8)
                header_len = struct.unpack("<H", f.read(2))[0]
            self.assertEqual(at, start + 10 + header_len)
            line = next(l for l in screen.split("\n") if l.startswith("%08x" % at))
            self.assertIn(" ".join("%02x" % b for b in a[:1].tobytes()), line)


class TerminalTests(BrowserTestCase):
    def test_resize_redraws_at_the_new_size_and_a_tiny_terminal_stays_usable(self):
        a = np.load(MIXED)["signal"]
        with browse(MIXED, width=120, height=40) as s:
            s.wait_for("members", TIMEOUT)
            s.send("Enter")
            s.wait_for("row 1/%d" % a.shape[0], TIMEOUT)
            s.resize(40, 10)
            s.wait_until(lambda _: len(grid(s)[1]) <= 6 and "q" in s.lines()[9], TIMEOUT, "a 40x10 frame")
            lines = s.lines()
            self.assertTrue(all(len(l) <= 40 for l in lines), lines)
            self.assertIn("signal", lines[0])
            _, rows = grid(s)
            self.assertTrue(rows)
            for i, cells in rows.items():
                self.assertEqual(cells, [numpy_text(a[i])])
            s.send("G")
            s.wait_until(lambda _: max(grid(s)[1] or [0]) == a.shape[0] - 1, TIMEOUT, "the last row at 40x10")
            s.resize(120, 40)
            s.wait_until(lambda _: len(grid(s)[1]) > 20, TIMEOUT, "a 120x40 frame")
            self.assertEqual(max(grid(s)[1]), a.shape[0] - 1)
            s.send("q", "q")
            self.assertEqual(s.exit_status(), 0)

    def test_q_exits_with_status_0_and_the_terminal_is_back_to_normal(self):
        with browse(MIXED) as s:
            s.wait_for("members", TIMEOUT)
            self.assertEqual(s.pane_info("#{alternate_on}"), "1")
            s.send("Enter")
            s.wait_for("row 1/", TIMEOUT)
            s.send("q")
            s.wait_for("members", TIMEOUT)
            s.send("q")
            self.assertEqual(s.exit_status(), 0)
            self.assert_terminal_restored(s)

    def test_ctrl_c_restores_the_terminal(self):
        with browse(MIXED) as s:
            enter_first_member(s)
            s.send("C-c")
            self.assertEqual(s.exit_status(), 130)
            self.assert_terminal_restored(s)

    def assert_terminal_restored(self, s):
        """The normal screen is back, the cursor visible, the keypad in normal mode."""
        self.assertEqual(s.pane_info("#{alternate_on}"), "0")
        self.assertEqual(s.pane_info("#{cursor_flag}"), "1")
        self.assertEqual(s.pane_info("#{keypad_flag}"), "0")

    def test_lang_c_draws_ascii_only(self):
        a = np.load(MIXED)["signal"]
        with browse(MIXED, env={"LANG": "C", "LC_ALL": "C"}) as s:
            enter_first_member(s)
            screen = s.capture()
            self.assertTrue(all(ord(c) < 128 for c in screen), [c for c in screen if ord(c) >= 128][:5])
            _, rows = grid(s, sep="|")
            self.assertTrue(rows)
            for i, cells in rows.items():
                self.assertEqual(cells, [numpy_text(a[i])])

    def test_no_color_and_color(self):
        sgr_color = re.compile(r"\x1b\[[0-9;]*(3[0-7]|38;5;\d+|4[0-7]|9[0-7])[;m]")
        with browse(MIXED, env={"TERM": "xterm-256color"}) as s:
            s.wait_for("members", TIMEOUT)
            self.assertRegex(s.capture(escapes=True), sgr_color)
        with browse(MIXED, env={"TERM": "xterm-256color", "NO_COLOR": "1"}) as s:
            s.wait_for("members", TIMEOUT)
            self.assertNotRegex(s.capture(escapes=True), sgr_color)
            self.assertIn("signal.npy", s.capture())

    def test_without_a_usable_terminal_it_prints_the_listing(self):
        z = np.load(MIXED)
        for env, reason in (({"TERM": "dumb"}, "dumb"), ({"TERM": None}, "TERM"), ({"TERM": "no-such-terminal-xyz"}, "no-such-terminal-xyz")):
            with browse(MIXED, env=env) as s:
                self.assertEqual(s.exit_status(), 0, env)
                screen = s.capture()
                line = next(l for l in screen.split("\n") if "printing the listing instead" in l)
                self.assertTrue(line.startswith("npybrowse: ") and not line.startswith("npybrowse: npybrowse"), line)
                self.assertIn(reason, line, env)
                for key in z.files:
                    self.assertIn(key + ".npy", screen, env)
                self.assertEqual(s.pane_info("#{alternate_on}"), "0")

    def test_stdout_not_a_terminal_prints_the_listing_silently(self):
        z = np.load(MIXED)
        cmd = "%s %s | cat" % (BIN, MIXED)
        with TmuxSession(["sh", "-c", cmd]) as s:
            self.assertEqual(s.exit_status(), 0)
            screen = s.capture()
            self.assertNotIn("printing the listing instead", screen)
            for key in z.files:
                self.assertIn(key + ".npy", screen)


class FileTests(BrowserTestCase):
    def test_several_files_give_a_file_list(self):
        files = [os.path.join(SAMPLES, f) for f in ("fortran.npy", "volume.npy", "mixed.npz")]
        v = np.load(files[1])
        with browse(*files) as s:
            s.wait_for("3 files", TIMEOUT)
            for f in files:
                self.assertIn(f, s.capture())
            s.send("Down", "Enter")
            s.wait_for("volume.npy", TIMEOUT)
            s.wait_until(lambda scr: "row 1/" in scr or "member 1 of 1" in scr, TIMEOUT, "the file opened")
            if "member 1 of 1" in s.capture():
                s.send("Enter")
            s.wait_for("volume[0, ", TIMEOUT)
            self.assertEqual(current_value(s), ((0, 0, 0), numpy_text(v[0, 0, 0])))
            s.send("q")
            s.wait_until(lambda scr: "3 files" in scr or "member 1 of 1" in scr, TIMEOUT, "back")
            if "3 files" not in s.capture():
                s.send("q")
            s.wait_for("3 files", TIMEOUT)
            s.send("q")
            self.assertEqual(s.exit_status(), 0)

    def test_a_truncated_archive_is_explained_and_quitting_reports_it(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "cut.npz")
            with open(MIXED, "rb") as f:
                data = f.read()
            with open(path, "wb") as f:
                f.write(data[: len(data) // 2])
            with browse(path, width=120, height=20) as s:
                screen = s.wait_for("unreadable", TIMEOUT)
                self.assertIn("cut.npz", screen)
                self.assertIn("at byte", screen)
                self.assertIn("truncated", screen)
                s.send("?")  # the browser stays usable: help opens and closes
                s.wait_for("help", TIMEOUT)
                s.send("q")
                s.wait_for("unreadable", TIMEOUT)
                s.send("q")
                self.assertEqual(s.exit_status(), 1)
                self.assertIn("cut.npz: at byte", s.capture())
                self.assertEqual(s.pane_info("#{alternate_on}"), "0")

    def test_files_that_cannot_be_opened_are_reported_without_a_full_screen(self):
        with browse("/no/such/file.npy") as s:
            self.assertEqual(s.exit_status(), 1)
            self.assertIn("npybrowse: /no/such/file.npy: cannot open: No such file or directory", s.capture())
        v = np.load(os.path.join(SAMPLES, "volume.npy"))
        with browse("/no/such/file.npy", SAMPLES, os.path.join(SAMPLES, "volume.npy")) as s:
            s.wait_for("volume[0, ", TIMEOUT)  # the one good file opens directly
            self.assertEqual(current_value(s), ((0, 0, 0), numpy_text(v[0, 0, 0])))
            s.send("q")
            self.assertEqual(s.exit_status(), 1)
            screen = s.capture()
            self.assertIn("/no/such/file.npy: cannot open", screen)
            self.assertIn("%s: is a directory" % SAMPLES, screen)

    def test_object_array_is_explained(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "obj.npy")
            np.save(path, np.array([{"a": 1}, None], dtype=object), allow_pickle=True)
            with browse(path) as s:
                screen = s.wait_for("pickle", TIMEOUT)
                self.assertIn("object array", screen)
                s.send("q")
                self.assertEqual(s.exit_status(), 0)


if __name__ == "__main__":
    unittest.main()
