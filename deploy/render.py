"""Fill the @NAME@ values of deploy/'s templates from an environment file.

    python deploy/render.py ENV_FILE TEMPLATE OUTPUT [NAME=VALUE ...]

A value given on the command line wins over the file's. A template value
with no value anywhere is an error, so nothing half-filled is installed.
"""

import re
import sys
from pathlib import Path

PLACEHOLDER = re.compile(r"@([A-Z][A-Z0-9_]*)@")


def environment_read(path: Path) -> dict[str, str]:
    """The NAME=VALUE lines of an environment file (comments and blanks skipped)."""
    values = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            name, value = line.split("=", 1)
            values[name.strip()] = value.strip().strip('"')
    return values


def template_render(text: str, values: dict[str, str]) -> str:
    """``text`` with every @NAME@ replaced; raises KeyError naming what is missing."""
    missing = sorted({name for name in PLACEHOLDER.findall(text) if name not in values})
    if missing:
        raise KeyError(f"No value for {', '.join(missing)}")
    return PLACEHOLDER.sub(lambda match: values[match.group(1)], text)


def main(argv: list[str]) -> int:
    """Render one template to OUTPUT."""
    if len(argv) < 3:
        sys.stderr.write(__doc__)
        return 2
    env_file, template, output, *pairs = argv
    values = environment_read(Path(env_file))
    values.update(pair.split("=", 1) for pair in pairs)
    Path(output).write_text(template_render(Path(template).read_text(), values))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
