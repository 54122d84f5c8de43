"""A long report piped into a reader that stops early (`| head`) ends quietly, without a traceback."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_a_breakdown_piped_into_head_ends_without_a_traceback(tmp_path):
    script = tmp_path / "long.fountain"
    script.write_text("".join(f"INT. ROOM {n} - DAY\n\nADA waits.\n\nADA\nStill here.\n\n" for n in range(3000)))
    reader = "import sys; sys.stdin.buffer.read(10)"  # then exits, closing the pipe
    writer = subprocess.Popen([sys.executable, "-m", "config.cli", "breakdown", str(script), "--json"], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    head = subprocess.run([sys.executable, "-c", reader], stdin=writer.stdout, timeout=60)
    writer.stdout.close()
    _, errors = writer.communicate(timeout=60)

    assert head.returncode == 0
    assert writer.returncode == 0 and b"Traceback" not in errors, errors.decode()[-500:]
