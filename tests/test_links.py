"""linkchecker walks the served site: every internal link and anchor must resolve."""
import subprocess
import sys
from pathlib import Path

LINKCHECKER = Path(sys.executable).parent / "linkchecker"
CONFIG = Path(__file__).parent / "linkcheckerrc"


def test_internal_links_and_anchors_resolve(site_url):
    result = subprocess.run(
        [str(LINKCHECKER), "--config", str(CONFIG), "--no-status", "--no-warnings", site_url],
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 errors found" in result.stdout
