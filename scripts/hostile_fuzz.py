"""The larger run of issue 15's property tests: the same hostile-input properties as the CI suite, with
many more generated examples per format.

    python scripts/hostile_fuzz.py [EXAMPLES]      (default 2000 per property; about 20-40 minutes)

It runs tests/test_hostile_properties.py with GEOMAP_HOSTILE_EXAMPLES set, so the properties are defined
once. A failure prints hypothesis' smallest failing input: add it to tests/ as a regression test.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_EXAMPLES = 2000


def main(argv: list[str]) -> int:
    examples = int(argv[0]) if argv else DEFAULT_EXAMPLES
    env = dict(os.environ, GEOMAP_HOSTILE_EXAMPLES=str(examples))
    test = REPO / "tests" / "test_hostile_properties.py"
    return subprocess.call(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(test)], env=env
    )


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
